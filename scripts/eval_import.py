#!/usr/bin/env python3
"""Measure the importer against hand-made answer keys, and against the paper's own PDFs.

    python scripts/eval_import.py CORPUS_DIR [-v]
    python scripts/eval_import.py --pdf [CONTENT_DIR] [--size A4] [--furniture] [-v]
                                       # round trip of every issue's print PDF (as the build makes it)
    python scripts/eval_import.py --foreign [ENGINE] [-v]
                                       # the corpus set by other engines (scripts/eval_foreign.py)
    python scripts/eval_import.py --pdf [CONTENT_DIR] --scan [DPI] [--issue ID]
                                       # the same PDFs as scans (DPI: 150): pages rasterised in
                                       # grey (pdftoppm), wrapped back into an image-only PDF,
                                       # imported by OCR (SHEQUBAO_OCR_DPI: the resolution the
                                       # importer reads a scan at); drafts match allowing
                                       # misread characters (same_ends), seconds per import

CORPUS_DIR holds extracted issues (``*.txt``) and ``truth.json``, which gives for each
file every article: headline, subheadline, kind, people, and the first and last 15
characters of its body. Printed per file and overall:

- segmentation precision/recall/F1: a draft matches an article when its body starts
  and ends with the article's first/last 15 characters (whitespace ignored; for photo
  items the body is caption + text, as in the answer key);
- headline accuracy: the two headline lines may be in either role (the key's rule);
  an article printed without a headline must get no printed headline;
- byline name precision/recall/F1 (names per matched article; roles are reported
  separately, the key records a bare ■name as an inferred correspondent);
- kind accuracy, and characters lost: input characters (whitespace aside) found in no
  draft file and in none of the structure the importer reports removing (bylines,
  column labels, Markdown marks).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from shequbao.importer.drafts import build
from shequbao.importer.reflow import squeeze
from shequbao.importer.segment import segment

ROLE_NAMES = {
    "reporters": "reporter",
    "correspondents": "correspondent",
    "interns": "intern",
    "photographers": "photographer",
    "authors": "correspondent",  # the key's inferred role for a bare ■name
}


def article_body(art) -> str:
    """Caption (photo items) and body, without the 本报讯 the drafts keep: the key leaves it out."""
    text = "".join(art.captions) if art.kind == "photo" else ""
    return squeeze(text + art.body_text.removeprefix("本报讯"))


def roles_of(art) -> dict[str, str]:
    """name → role in the key's vocabulary."""
    people = art.byline.people
    roles = {}
    for field, role in ROLE_NAMES.items():
        for name in people.get(field, ()):
            roles.setdefault(name, role)
    both = set(people.get("authors", ())) & set(people.get("photographers", ()))
    for name in both:
        roles[name] = "writer-photographer"
    return roles


def headline_ok(art, truth: dict) -> bool:
    head, sub = truth.get("headline"), truth.get("subheadline")
    if head is None:
        return art.title_generated or not art.title
    if art.title_generated:
        return False
    other = art.kicker or art.subtitle
    wanted = {head.strip(), (sub or "").strip().removeprefix("——")}  # the drafts keep no ——
    return {art.title.strip(), other.strip()} == wanted


def lost_characters(text: str, parsed, drafts) -> Counter:
    """Input characters (whitespace aside) found in no draft file and in none of the structure
    the importer reports removing (bylines, column labels, Markdown marks). Also used by
    tests/test_fuzz.py."""
    out = Counter(squeeze("".join(d.text for d in drafts) + "".join(parsed.markup)))
    return Counter(squeeze(text)) - out


def evaluate(text: str, truth: list[dict], verbose: bool = False) -> dict:
    parsed = segment(text)
    drafts = build(parsed, year=None, issue_date=None)
    preds = parsed.articles
    matched: dict[int, int] = {}  # truth index → pred index
    used: set[int] = set()
    for ti, t in enumerate(truth):
        first, last = squeeze(t["first_chars"]), squeeze(t["last_chars"])
        for pi, art in enumerate(preds):
            body = article_body(art)
            if pi not in used and body.startswith(first) and body.endswith(last):
                matched[ti] = pi
                used.add(pi)
                break
    r = {"truth": len(truth), "pred": len(preds), "match": len(matched)}
    r["head"] = sum(headline_ok(preds[pi], truth[ti]) for ti, pi in matched.items())
    r["kind"] = sum(preds[pi].kind == truth[ti]["kind"] for ti, pi in matched.items())
    tp = roles = 0
    for ti, pi in matched.items():
        want = {p["name"]: p["role"] for p in truth[ti]["people"]}
        got = roles_of(preds[pi])
        tp += len(want.keys() & got.keys())
        roles += sum(want[n] == got[n] for n in want.keys() & got.keys())
    r["name_tp"], r["role_ok"] = tp, roles
    r["name_pred"] = sum(len(roles_of(a)) for a in preds)
    r["name_truth"] = sum(len(t["people"]) for t in truth)
    lost = lost_characters(text, parsed, drafts)
    r["lost"] = sum(lost.values())
    r["lost_chars"] = "".join(sorted(lost.elements()))[:60]
    r["markup"] = len(squeeze("".join(parsed.markup)))
    if verbose:
        for ti, t in enumerate(truth):
            if ti not in matched:
                print(f"  missed: {t['headline']!r} {t['first_chars']}…{t['last_chars']}")
            elif not headline_ok(preds[matched[ti]], t):
                a = preds[matched[ti]]
                print(f"  headline: got {a.kicker!r}/{a.title!r}/{a.subtitle!r}, want {t['headline']!r}/{t['subheadline']!r}")
        for pi, a in enumerate(preds):
            if pi not in used:
                body = article_body(a)
                print(f"  extra: line {a.line} {a.title!r} {body[:15]}…{body[-15:]}")
    return r


# -- round trip: an issue → its print PDF → import → compared with the issue's own articles --

MATCH_CHARS = 15  # first and last characters compared, as in the corpus key
SHORTEST = 4  # a printed beginning shorter than this is not told apart from chance


def plain_body(markdown_text: str) -> str:
    """An article body as printed: Markdown rendered, tags dropped, whitespace squeezed."""
    import html
    import re

    import markdown

    rendered = markdown.markdown(markdown_text, extensions=["tables", "attr_list", "md_in_html"])
    return squeeze(html.unescape(re.sub(r"<[^>]+>", "", rendered)))


def source_items(issue, content_dir: Path) -> list[dict]:
    """What the PDF of ``issue`` should give back: per article its text, names and photos."""
    from shequbao.content.reading import read_text, split_front_matter

    items = []
    for art in issue.articles:
        _, body, _ = split_front_matter(read_text(content_dir / art.src))
        captions = squeeze("".join(img.caption for img in art.images))
        credits = {img.credit.split("@")[0] for img in art.images if img.credit_is_person}
        people = set(art.authors + art.reporters + art.correspondents + art.interns + art.photographers)
        items.append({"title": art.title, "kind": art.kind, "body": plain_body(body), "captions": captions,
                      "names": {n.split("@")[0] for n in people} | credits, "photos": len(art.images),
                      "filler": art.print.filler})
    return items


def imported_text(art) -> str:
    return squeeze(("".join(art.captions) if art.kind == "photo" else "") + art.body_text)


def printed_text(pdf: Path) -> str:
    """Every character the PDF prints, in the order its pages draw them (pdfium reads the
    content stream; no layout analysis, so nothing of the importer is used to judge it)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in doc)
        return squeeze(text.replace("\ufffe", "-"))  # pdfium's mark for a hyphen ending a line
    finally:
        doc.close()


def printed_part(body: str, printed: str) -> str:
    """The part of ``body`` the PDF prints, from its start: followed through the printed text
    (where it breaks off, at 下转第N版 or a caption, picked up again where its next characters
    are printed). An engine may leave the end of a story out when its 版 is full (and says so)."""
    done = 0
    while done < len(body):
        window = body[done:done + MATCH_CHARS]
        best, start = 0, printed.find(window)
        while start >= 0 and best < len(body) - done:
            length = len(window)
            while done + length < len(body) and start + length < len(printed) and printed[start + length] == body[done + length]:
                length += 1
            best = max(best, length)
            start = printed.find(window, start + 1)
        if not best:
            break
        done += best
    if done == 0:  # a story cut short before its first 15 characters were all set
        low, high = 0, min(len(body), MATCH_CHARS)
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if body[:mid] in printed else (low, mid - 1)
        done = low if low >= SHORTEST else 0
    return body[:done]


def make_scan(pdf: Path, out: Path, dpi: int = 150) -> Path:
    """An image-only copy of ``pdf``: every page rasterised in grey at ``dpi`` (pdftoppm) and
    wrapped back into a PDF (Pillow), as a scanner would give it."""
    import subprocess
    import tempfile

    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"], check=True)
        images = [Image.open(png) for png in sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem[2:]))]
        images[0].save(out, save_all=True, append_images=images[1:], resolution=float(dpi))
    return out


OCR_SAME = 0.8  # a scan's draft matches when its first and last 15 characters are this similar


def same_ends(got: str, want: str, tolerant: bool = False) -> bool:
    """Whether ``got`` starts and ends as ``want`` does (first and last ``MATCH_CHARS``); with
    ``tolerant`` (a scan: OCR misreads a character now and then) at least ``OCR_SAME`` alike."""
    head, tail = want[:MATCH_CHARS], want[-MATCH_CHARS:]
    if got.startswith(head) and got.endswith(tail):
        return True
    if not tolerant:
        return False
    from difflib import SequenceMatcher

    def alike(a: str, b: str) -> bool:
        return SequenceMatcher(None, a, b, autojunk=False).ratio() >= OCR_SAME

    return alike(got[:len(head)], head) and alike(got[-len(tail):], tail)


def evaluate_pdf(pdf: Path, items: list[dict], verbose: bool = False, printed_by: Path | None = None,
                 tolerant: bool = False) -> dict:
    """Import ``pdf`` and score it against the source ``items`` (see :func:`source_items`);
    what was printed is read from ``printed_by`` (the PDF a scan was made of) if given;
    ``tolerant`` matches a scan's drafts allowing for misread characters (:func:`same_ends`)."""
    import time

    from shequbao.importer.reading import read_issue

    printed = printed_text(printed_by or pdf)
    printed_titles = printed.replace("\u2060", "")  # display lines carry word joiners between words
    start = time.monotonic()
    parsed = read_issue(pdf)
    seconds = time.monotonic() - start
    preds = parsed.articles
    matched, used = {}, set()
    for ti, item in enumerate(items):
        body = printed_part(item["body"], printed)
        title = squeeze(item["title"].replace("|", ""))
        if len(body) < MATCH_CHARS and title and title not in printed_titles:
            body = ""  # never printed (a 备用稿 no 版 had room for): its first words are in another story
        want = (item["captions"] if item["kind"] == "photo" else "") + body
        item["expected"] = want
        if not want:
            continue  # the engine left it out (its 版 was full, and it said so): nothing to find
        for pi, art in enumerate(preds):
            got = imported_text(art)
            if pi not in used and same_ends(got, want, tolerant):
                matched[ti], used = pi, used | {pi}
                break
    shown = [i for i in items if i["expected"]]
    r = {"truth": len(shown), "pred": len(preds), "match": len(matched), "ms": round(1000 * seconds)}
    got_names = [set(a.byline.names) | {p.credit for p in a.photos if p.credit} for a in preds]
    r["name_tp"] = sum(len(items[ti]["names"] & got_names[pi]) for ti, pi in matched.items())
    r["name_pred"] = sum(len(n) for n in got_names)
    r["name_truth"] = sum(len(i["names"]) for i in shown)
    r["photos"] = sum(i["photos"] for i in shown)
    r["photos_got"] = sum(min(items[ti]["photos"], sum(p.picture is not None for p in preds[pi].photos))
                          for ti, pi in matched.items())
    # every printed character of every body and caption must be in some imported article
    # (each once: a photo item's expected text holds its captions already)
    source = Counter("".join(i["expected"] + ("" if i["kind"] == "photo" or not i["expected"] else i["captions"])
                             for i in items))
    kept = Counter(squeeze("".join(a.title + a.kicker + a.subtitle + a.body_text + "".join(a.captions)
                                   for a in preds) + "".join(p.text for p in parsed.leftover)))
    lost = source - kept
    r["lost"] = sum(lost.values())
    # what the engine left out, 备用稿 aside (they print only where a 版 has room, and say so)
    r["unprinted"] = sum(len(i["body"]) - len(printed_part(i["body"], printed)) for i in items if not i.get("filler"))
    r["lost_chars"] = "".join(sorted(lost.elements()))[:60]
    if verbose:
        for ti, item in enumerate(items):
            if ti not in matched and item["expected"]:
                print(f"  missed: {item['title']!r} {item['expected'][:15]}…{item['expected'][-15:]}")
        for pi, a in enumerate(preds):
            if pi not in used:
                print(f"  extra: {a.title!r} {imported_text(a)[:15]}…{imported_text(a)[-15:]}")
        for ti, pi in matched.items():
            want, got = items[ti]["names"], got_names[pi]
            if want != got:
                print(f"  names: {items[ti]['title']!r} missing {sorted(want - got)} extra {sorted(got - want)}")
    return r


def pdf_line(label: str, r: dict) -> str:
    sp = r["match"] / r["pred"] if r["pred"] else 0.0
    sr = r["match"] / r["truth"] if r["truth"] else 0.0
    np_ = r["name_tp"] / r["name_pred"] if r["name_pred"] else 1.0
    nr = r["name_tp"] / r["name_truth"] if r["name_truth"] else 1.0
    return (f"{label:<28} seg P {sp:.3f} R {sr:.3f} F1 {f1(sp, sr):.3f} | names F1 {f1(np_, nr):.3f} | "
            f"photos {r['photos_got']}/{r['photos']} | lost {r['lost']} chars "
            f"(not printed by the engine: {r['unprinted']}) | {r['ms'] / 1000:.1f} s")


def print_issues(content: Path, cache: Path, *, size: str | None = None, furniture: bool = False) -> list[tuple]:
    """(issue, PDF path, engine messages) of every issue of ``content``, printed as the build
    prints it: with the paper, print options and Markdown extensions of the mkdocs.yml beside
    ``content`` (when there is one). ``size`` prints on another paper size; ``furniture`` adds
    内部资料 on page 1 and a 报尾 on the last 版."""
    from dataclasses import replace

    from shequbao.content.load import load_archive
    from shequbao.model import Paper
    from shequbao.print import MarkdownSetup, PrintOptions, build_editions

    config = content.resolve().parent / "mkdocs.yml"
    if config.is_file():
        from shequbao.mkdocs.settings import load_settings

        settings = load_settings(config)
        paper, options, setup = settings.paper, settings.print, settings.markdown
    else:
        paper, options, setup = Paper(name="桂园"), PrintOptions("A3"), MarkdownSetup()
    if size:
        options = PrintOptions(size, None, options.bleed)
    if furniture:
        paper = replace(paper, internal=True, edited_by=paper.publisher or paper.name, printed_by="示例印刷厂",
                        copies="5000份", address="桂园路88号", phone="021-5555 0000")
    archive, _ = load_archive(content, paper)
    issues = {issue.id: issue for issue in archive.issues}
    files = build_editions(archive, content, cache, options, setup, workers=1, images=False)
    return [(issues[f.issue_id], f.path, f.messages) for f in files]


def round_trip(content: Path, verbose: bool = False, scan: int = 0, only: str | None = None, **variant) -> Counter:
    """Print every issue of ``content`` (or the one called ``only``) with the project's print
    engine, import it (as a ``scan`` at that many dpi, if given), score it."""
    import tempfile

    total: Counter = Counter()
    with tempfile.TemporaryDirectory() as cache:
        for issue, pdf, _ in print_issues(content, Path(cache), **variant):
            if only and issue.id != only:
                continue
            source = make_scan(pdf, Path(cache) / f"{issue.id}-scan.pdf", scan) if scan else pdf
            r = evaluate_pdf(source, source_items(issue, content), verbose, printed_by=pdf, tolerant=bool(scan))
            print(pdf_line(issue.id, r))
            if r["lost"]:
                print(f"  lost: {r['lost_chars']}")
            total.update({k: v for k, v in r.items() if isinstance(v, int)})
    print(pdf_line("OVERALL", total))
    return total


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def line(label: str, r: dict) -> str:
    sp = r["match"] / r["pred"] if r["pred"] else 0.0
    sr = r["match"] / r["truth"] if r["truth"] else 0.0
    np_ = r["name_tp"] / r["name_pred"] if r["name_pred"] else 1.0
    nr = r["name_tp"] / r["name_truth"] if r["name_truth"] else 1.0
    return (
        f"{label:<28} seg P {sp:.3f} R {sr:.3f} F1 {f1(sp, sr):.3f} | "
        f"headline {r['head']}/{r['truth']} {r['head'] / r['truth']:.3f} | "
        f"names P {np_:.3f} R {nr:.3f} F1 {f1(np_, nr):.3f} (roles {r['role_ok']}/{r['name_tp']}) | "
        f"kind {r['kind']}/{r['truth']} {r['kind'] / r['truth']:.3f} | "
        f"lost {r['lost']} chars"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, nargs="?", help="folder of *.txt and truth.json, or with --pdf a content folder")
    ap.add_argument("--pdf", action="store_true", help="round trip: print every issue, import its PDF, compare")
    ap.add_argument("--size", help="with --pdf: print on this paper size instead of mkdocs.yml's (A3, A4, 4开, 8开)")
    ap.add_argument("--furniture", action="store_true", help="with --pdf: also print 内部资料 and a 报尾")
    ap.add_argument("--foreign", nargs="?", const="all", metavar="ENGINE",
                    help="the corpus and a fixture set by WeasyPrint and reportlab (scripts/eval_foreign.py)")
    ap.add_argument("--scan", type=int, nargs="?", const=150, default=0, metavar="DPI",
                    help="with --pdf: import each PDF as an image-only scan made at DPI (150)")
    ap.add_argument("--issue", help="with --pdf: only this issue")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and mismatches")
    args = ap.parse_args(argv)
    if args.foreign:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from eval_foreign import main as foreign

        return foreign(([] if args.foreign == "all" else [args.foreign]) + (["-v"] if args.verbose else []))
    if args.pdf:
        round_trip(args.corpus or Path("content"), args.verbose, scan=args.scan, only=args.issue,
                   size=args.size, furniture=args.furniture)
        return 0
    truth_file = args.corpus / "truth.json"
    if not truth_file.is_file():
        print(f"错误：{truth_file} 不存在", file=sys.stderr)
        return 1
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    total: Counter = Counter()
    for path in sorted(args.corpus.glob("*.txt")):
        if path.name not in truth:
            print(f"{path.name}: 没有答案，跳过")
            continue
        r = evaluate(path.read_text(encoding="utf-8"), truth[path.name]["articles"], args.verbose)
        print(line(path.name, r))
        if r["lost"]:
            print(f"  lost: {r['lost_chars']}")
        total.update({k: v for k, v in r.items() if isinstance(v, int)})
    if not total:
        print("没有可评估的文件")
        return 1
    print(line("OVERALL", total))
    print(f"(structure removed as bylines/labels/marks: {total['markup']} chars)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
