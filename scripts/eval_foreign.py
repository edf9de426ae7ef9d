#!/usr/bin/env python3
"""Score the PDF importer on the foreign test set (scripts/foreign_pdfs.py): each corpus issue
and our fixture set by WeasyPrint (A3 paper in 4 or 6 columns, 4开 in 5, Word-like A4) and
reportlab (A4 in 3 columns, a Word-like 简报 in 2).

    python scripts/eval_foreign.py [ENGINE ...] [--cache DIR] [--scan [DPI]] [-v]
    python scripts/eval_import.py --foreign [ENGINE]      # the same

With ``--scan`` each PDF is first made an image-only scan (pages rasterised in grey at DPI,
150 by default) and imported by OCR; a draft then matches allowing misread characters, as
in ``eval_import.py --pdf --scan``.

Per engine and issue: segmentation F1 (a draft matches a story when its body, captions
first for a photo item, starts and ends with the key's first/last 15 characters; a leading
本报讯 aside), names F1 (bylines and photo credits of matched drafts against the key's people),
headlines right among the matched drafts,
characters lost without a word (printed in a body, caption or headline, found in no draft and
not in ``_leftover.md``), control characters in drafts, and the import time.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from foreign_pdfs import ENGINES, Issue, Story, foreign_pdf, load_issues  # noqa: E402

from shequbao.importer.pdf.ocrchars import HALF  # noqa: E402
from shequbao.importer.reflow import squeeze  # noqa: E402

KEY = 15
WIDE = str.maketrans(HALF)  # the half-width marks OCR reads in Chinese text, as the reader makes them


def expected_body(story: Story) -> str:
    return squeeze("".join((story.captions if story.kind == "photo" else []) + story.paragraphs))


def draft_body(art) -> str:
    text = squeeze(("".join(art.captions) if art.kind == "photo" else "") + art.body_text)
    return text.removeprefix("本报讯")


def draft_bodies(art) -> list[str]:
    """The draft's text as the key may count it: a story with a photo on top is a photo item
    to the key (its captions first), a news story to the importer (or the other way)."""
    body = squeeze(art.body_text).removeprefix("本报讯")
    return [draft_body(art), squeeze("".join(art.captions)) + body, body]


def names_of(art) -> set[str]:
    return set(art.byline.names) | {p.credit for p in art.photos if p.credit}


def printed_text(pdf: Path) -> str:
    """Every character the PDF's text layer holds (pdfium, no layout analysis): a character
    the engine could not set (a glyph missing from its font) is no loss of the importer's."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return squeeze("".join(page.get_textpage().get_text_range() for page in doc))
    finally:
        doc.close()


def score(parsed, issue: Issue, verbose: bool = False, printed: str | None = None, tolerant: bool = False) -> dict:
    """Compare an import (``read_issue``'s result) with the stories of ``issue`` (``printed``:
    the PDF's text, to leave out what the engine did not print; ``tolerant``: a scan's, whose
    ends may hold misread characters)."""
    from eval_import import same_ends

    preds = parsed.articles
    matched: dict[int, int] = {}
    for ti, story in enumerate(issue.stories):
        want = squeeze(story.first) + squeeze(story.last)  # same_ends compares the first and last 15
        for pi, art in enumerate(preds):
            if pi not in matched.values() and any(same_ends(b, want, tolerant) for b in draft_bodies(art)):
                matched[ti] = pi
                break
    r_head = sum(_headline_ok(preds[pi], issue.stories[ti]) for ti, pi in matched.items())
    want_names = [{n for n, _ in s.people} for s in issue.stories]
    got_names = [names_of(a) for a in preds]
    r: dict = {"truth": len(issue.stories), "pred": len(preds), "match": len(matched), "head": r_head,
         "name_tp": sum(len(want_names[ti] & got_names[pi]) for ti, pi in matched.items()),
         "name_pred": sum(len(n) for n in got_names), "name_truth": sum(len(n) for n in want_names)}
    source = Counter(squeeze("".join(expected_body(s) + (s.headline or "") + (s.deck or "") +
                                     ("" if s.kind == "photo" else "".join(s.captions)) for s in issue.stories)))
    if printed is not None:
        r["unprinted"] = sum((source - Counter(printed)).values())
        source &= Counter(printed)
    drafts = "".join(a.title + a.kicker + a.subtitle + a.body_text + "".join(a.captions) for a in preds)
    kept = Counter(squeeze(drafts + "".join(p.text for p in parsed.leftover)))
    if tolerant:  # a scan's , and ( read in Chinese text are made full-width: the same marks, not lost
        source = Counter(squeeze("".join(source.elements()).translate(WIDE)))
        kept = Counter("".join(kept.elements()).translate(WIDE))
    lost = source - kept
    r["lost"] = sum(lost.values())
    r["lost_chars"] = "".join(sorted(lost.elements()))[:60]
    r["control"] = sum(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in drafts)
    r["leftover"] = len(squeeze("".join(p.text for p in parsed.leftover)))
    if verbose:
        _explain(issue, preds, matched, want_names, got_names)
    return r


def _headline_ok(art, story: Story) -> bool:
    """The draft's headline is the story's (its 引题/副题 may be taken for it, as the key allows);
    a story printed without one gets a generated title."""
    if story.headline is None:
        return art.title_generated or not art.title
    printed = {squeeze(story.headline), squeeze(story.deck or "")}
    return not art.title_generated and squeeze(art.title) in printed


def _explain(issue: Issue, preds: list, matched: dict, want_names: list, got_names: list) -> None:
    for ti, story in enumerate(issue.stories):
        if ti not in matched:
            print(f"  missed: {story.kind} {story.headline!r} {story.first}…{story.last}")
        elif want_names[ti] != got_names[matched[ti]]:
            print(f"  names: {story.headline!r} want {sorted(want_names[ti])} got {sorted(got_names[matched[ti]])}")
    for pi, art in enumerate(preds):
        if pi not in matched.values():
            body = draft_body(art)
            print(f"  extra: {art.kind} {art.title!r} {body[:15]}…{body[-15:]}")


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def figures(r: dict) -> tuple[float, float]:
    sp = r["match"] / r["pred"] if r["pred"] else 0.0
    sr = r["match"] / r["truth"] if r["truth"] else 0.0
    np_ = r["name_tp"] / r["name_pred"] if r["name_pred"] else 1.0
    nr = r["name_tp"] / r["name_truth"] if r["name_truth"] else 1.0
    return f1(sp, sr), f1(np_, nr)


def row(label: str, r: dict) -> str:
    seg, names = figures(r)
    return (f"{label:<32} seg F1 {seg:.3f} ({r['match']}/{r['truth']} of {r['pred']} drafts) | names F1 {names:.3f} | "
            f"headlines {r['head']}/{r['match']} | "
            f"lost {r['lost']} (not printed: {r.get('unprinted', 0)}) | leftover {r['leftover']} | control {r['control']} | "
            f"{r.get('seconds', 0):.1f} s")


def run(engines: list[str], cache: Path, verbose: bool = False, scan: int = 0) -> dict[str, Counter]:
    from eval_import import make_scan

    from shequbao.importer.reading import read_issue

    issues = load_issues()
    totals: dict[str, Counter] = {}
    for engine in engines:
        total: Counter = Counter()
        for issue in issues:
            pdf = foreign_pdf(engine, issue, cache)
            source = make_scan(pdf, pdf.with_name(f"{pdf.stem}-scan{scan}.pdf"), scan) if scan else pdf
            start = time.perf_counter()
            parsed = read_issue(source)
            seconds = time.perf_counter() - start
            r = score(parsed, issue, verbose, printed_text(pdf), tolerant=bool(scan))
            r["seconds"] = seconds
            print(row(f"{engine} {Path(issue.key).stem}", r), flush=True)
            if r["lost"]:
                print(f"  lost: {r['lost_chars']}")
            total.update({k: v for k, v in r.items() if isinstance(v, (int, float)) and k != "seconds"})
        print(row(f"{engine} OVERALL", total))
        totals[engine] = total
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("engines", nargs="*", help=f"of {', '.join(ENGINES)} (default: all)")
    ap.add_argument("--cache", type=Path, default=Path(".cache/foreign"), help="where the PDFs are made (kept)")
    ap.add_argument("--scan", type=int, nargs="?", const=150, default=0, metavar="DPI",
                    help="import each PDF as an image-only scan made at DPI (150), by OCR")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    unknown = [e for e in args.engines if e not in ENGINES]
    if unknown:
        print(f"没有这种排版引擎：{', '.join(unknown)}（可选：{', '.join(ENGINES)}）", file=sys.stderr)
        return 1
    run(args.engines or list(ENGINES), args.cache.resolve(), args.verbose, args.scan)  # WeasyPrint needs an absolute base
    return 0


if __name__ == "__main__":
    sys.exit(main())
