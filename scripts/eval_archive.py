"""How well an import finds each story on the original pages (原报 regions).

Prints every issue of a content folder with the project's own engine (as a build does), imports
the PDF, and compares the region the import found for each story (``importer/originals.py``) with
the module rectangle the engine set it in (the truth): the story's region on the right page, the
overlap (intersection over union), and the time the regions took.

    .venv/bin/python scripts/eval_archive.py [content]        # default: the sample paper's content/
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

import eval_import as ev  # noqa: E402


def grams(text: str, k: int = 4) -> set[str]:
    return {text[i:i + k] for i in range(len(text) - k + 1)}


def truth_box(part: dict) -> tuple:
    return (part["x"], part["y"], part["w"], part["h"])


def iou(a: tuple, b: tuple) -> float:
    """Intersection over union of two (x, y, w, h) boxes."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union else 0.0


def evaluate(issue, pdf: Path, truth_rects: dict, content: Path, verbose: bool = False) -> dict:
    from shequbao.importer import drafts as _drafts
    from shequbao.importer.originals import letters, original_files, story_text
    from shequbao.importer.reading import read_issue

    parsed = read_issue(pdf)
    drafts = [d for d in _drafts.build(parsed, year=issue.date.year, issue_date=issue.date) if d.article is not None]
    started = time.process_time()
    files, _ = original_files(pdf, drafts, sorted({d.meta["page"] for d in drafts}))
    seconds = time.process_time() - started
    from shequbao.content.originals import read_original

    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        spots = read_original(Path(folder)).spots
    texts = {d.name: grams(story_text(d.article)) for d in drafts}
    r = {"stories": 0, "on_page": 0, "iou": [], "seconds": seconds}
    for art in issue.articles:
        parts = truth_rects.get(art.src) or []
        source = grams(letters(art.title + next((i["body"] for i in ev.source_items(issue, content)
                                                   if i["title"] == art.title), "")))
        best = max(texts, key=lambda n: len(texts[n] & source), default=None)
        for part in parts:
            r["stories"] += 1
            mine = [s for s in spots if s.src == best and s.page == part["page"]] if best else []
            if mine:
                r["on_page"] += 1
                truth = (part["x"], part["y"], part["w"], part["h"])
                r["iou"].append(max(iou((s.x, s.y, s.w, s.h), truth) for s in mine))
            else:
                r["iou"].append(0.0)
            if verbose and r["iou"][-1] < 0.5:
                found = [(round(s.x, 2), round(s.y, 2), round(s.w, 2), round(s.h, 2)) for s in mine]
                print(f"  {art.src} 第{part['page']}页 ({best}): truth {tuple(round(v, 2) for v in truth_box(part))} found {found}")
    return r


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, default=ROOT / "content")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every story part found badly (IoU < 0.5)")
    args = parser.parse_args(argv)
    from shequbao.content.load import load_archive
    from shequbao.mkdocs.settings import load_settings
    from shequbao.print import build_editions

    settings = load_settings(args.content.resolve().parent / "mkdocs.yml")
    archive, _ = load_archive(args.content, settings.paper)
    total = {"stories": 0, "on_page": 0, "iou": []}
    with tempfile.TemporaryDirectory() as cache:
        editions = build_editions(archive, args.content, Path(cache), settings.print, settings.markdown, workers=1, images=False)
        for pdf in editions:
            issue = next(i for i in archive.issues if i.id == pdf.issue_id)
            r = evaluate(issue, pdf.path, pdf.rects, args.content, args.verbose)
            good = sum(v >= 0.5 for v in r["iou"])
            print(f"{issue.id:<10} story parts {r['stories']:>3} | region on its page {r['on_page']:>3} | "
                  f"IoU mean {sum(r['iou']) / max(len(r['iou']), 1):.2f}, ≥0.5: {good}/{len(r['iou'])} | "
                  f"regions {r['seconds']:.2f} s CPU")
            for key in total:
                total[key] += r[key]
    good = sum(v >= 0.5 for v in total["iou"])
    print(f"{'all':<10} story parts {total['stories']:>3} | region on its page {total['on_page']:>3} | "
          f"IoU mean {sum(total['iou']) / max(len(total['iou']), 1):.2f}, ≥0.5: {good}/{len(total['iou'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
