"""原报: where each imported story stands on the original PDF's pages (its 数字报 region).

The reader's layout analysis is not asked: the drafts' own text is found again among the
page's characters (PDFium's, with their boxes), so whatever the reader made of the page, a
story's region is where its words are printed:

- every run of :data:`K` letters (Han characters, digits, Latin; no punctuation or spaces, which
  the import normalises) of one draft and of no other draft votes for the characters it covers;
- each character goes to the draft with most votes; a draft's characters on a page are grouped
  by nearness (lines and columns of one story touch within :data:`NEAR` character heights); its
  largest group of a page is its region there, widened by every photo with the story's letters
  right under it (its caption, or the text or headline it stands over; a photo under the story's
  end is the next story's) and by its other groups of a few words or more that come near (a 头条's
  headline over its photo) or stand beside it (a column of verse), on every page that holds a fair
  share of it or more than its headline (a 导读 line on page 1 naming a story of page 3 is too
  little: left out, see :data:`LEAST`; the few lines continued on another 版 count); a date or a name repeated in
  the page's head is too short, see :data:`FEW`).

Each 版 is the page of the PDF that holds most of its stories' characters (else the page of its
number). The files are written by the import (``content/originals.py`` reads them for a build).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ..content.originals import ORIGINAL_PDF, ORIGINAL_YML, Spot, render_original

K = 4  # letters in a run that identifies a story
NEAR = 2.5  # × character height: characters of one story this close are one group
LEAST = 0.1  # of a story's letters on its main page: less on another page is not a part of it
FEW = 3 * K  # letters of a group that counts (fewer: a date or a name in the page's head or foot)
PHOTO_NEAR = 3.0  # × character height: a photo this close to a region belongs to it

Box = tuple[float, float, float, float]  # left, top, right, bottom in page fractions (top-down)


class NoOriginal(Exception):
    """The PDF was read, but the build could not show or strip it: it is not kept as the 原报."""


def original_files(path: Path, drafts: list, bans: list[int], scan_pages: list | None = None
                   ) -> tuple[dict[str, str | bytes], list[str]]:
    """``original.pdf`` (the file's bytes) and ``original.yml`` for the issue folder, and notes for
    the report; ``bans`` are the issue's 版; ``scan_pages``: a scan's letters and photos as OCR
    read them (its pages have no text for PDFium). :class:`NoOriginal` when PDFium (which
    renders its pages) or pikepdf (which strips its metadata) cannot open it."""
    import pikepdf
    import pypdfium2 as pdfium

    texts = {d.name: story_text(d.article) for d in drafts if d.article is not None}
    try:
        with pikepdf.open(path):
            pass
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # noqa: BLE001 - whatever either library cannot open
        raise NoOriginal(f"{type(exc).__name__}: {exc}") from None
    try:
        pages = [_page_letters(pdf[i]) for i in range(len(pdf))]
        if scan_pages and len(scan_pages) == len(pages) and not any(chars for chars, _ in pages):
            pages = scan_pages  # (a scan: its one photo a page is the page itself)
    finally:
        pdf.close()
    heads = {d.name: len(letters(d.article.kicker + d.article.title + d.article.subtitle)) for d in drafts if d.article}
    spots = locate(texts, pages, heads)
    chosen = ban_pages(bans, drafts, spots, len(pages))
    found = len({s.src for s in spots})
    notes = [f"原报：{ORIGINAL_PDF} 原样保存，数字报显示它的 {len(pages)} 页；{found} 篇稿件在原报上找到了位置"
             f"（{ORIGINAL_YML}），这一期不重新排版"]
    if found < len(texts):
        missing = "、".join(sorted(set(texts) - {s.src for s in spots})[:5])
        notes.append(f"原报：{len(texts) - found} 篇稿件（{missing}…）在原报上没找到位置（扫描件或文字是图片），数字报上点不到它们")
    return {ORIGINAL_PDF: path.read_bytes(), ORIGINAL_YML: render_original(chosen, spots)}, notes


def story_text(article) -> str:
    """Every letter of a story as printed: titles, byline, body, captions."""
    parts = [article.kicker, article.title, article.subtitle, article.byline.text if article.byline else ""]
    parts += [p.text for p in article.paras] + [p.caption for p in article.photos]
    return letters("".join(parts))


def letters(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _page_letters(page) -> tuple[list[tuple[str, Box]], list[Box]]:
    """The letters of a page with their boxes, in the order the PDF draws them, and its photos."""
    import pypdfium2 as pdfium

    left, bottom, right, top = page.get_cropbox()
    width, height = (right - left) or 1.0, (top - bottom) or 1.0

    def frac(box) -> Box:
        x0, y0, x1, y1 = box
        return ((x0 - left) / width, (top - y1) / height, (x1 - left) / width, (top - y0) / height)

    text = page.get_textpage()
    out = []
    for index in range(text.count_chars()):
        char = chr(pdfium.raw.FPDFText_GetUnicode(text.raw, index) or 32)
        if char.isalnum():
            out.append((char, frac(text.get_charbox(index))))
    photos = [frac(obj.get_bounds()) for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE], max_depth=4)]
    return out, photos


def locate(texts: dict[str, str], pages: list[tuple[list[tuple[str, Box]], list[Box]]],
           heads: dict[str, int] | None = None) -> list[Spot]:
    """Each story's region on every page that holds a part of it (see the module's text);
    ``heads`` are the letters of each story's headlines (a part of no more is a 导读's line)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for name, text in texts.items():
        for i in range(len(text) - K + 1):
            owners[text[i:i + K]].add(name)
    groups: dict[str, list[tuple[int, list[tuple[Box, int]]]]] = defaultdict(list)
    for number, (chars, _) in enumerate(pages, start=1):
        for name, runs in _owned(chars, owners).items():
            groups[name] += [(number, g) for g in _groups(runs)]
    spots = []
    for name in texts:
        regions = {}  # page → (region, letters in it)
        for number in sorted({n for n, _ in groups.get(name, [])}):
            found = [g for n, g in groups[name] if n == number and _size(g) >= FEW]
            if found:
                regions[number] = _region(found, pages[number - 1][1])
        largest = max((size for _, size in regions.values()), default=0)
        for number, (box, size) in regions.items():
            if size >= LEAST * largest or size >= (heads or {}).get(name, 0) + FEW:
                spots.append(Spot(name, number, box[0], box[1], box[2] - box[0], box[3] - box[1]))
    return spots


def _owned(chars: list[tuple[str, Box]], owners: dict[str, set[str]]) -> dict[str, list[tuple[Box, int]]]:
    """Each story's runs of letters on the page: (box, letters)."""
    counts: dict[str, list[int]] = defaultdict(list)
    votes: list[Counter] = [Counter() for _ in chars]
    letters_ = "".join(c for c, _ in chars)
    for i in range(len(chars) - K + 1):
        found = owners.get(letters_[i:i + K])
        if found is not None and len(found) == 1:
            name = next(iter(found))
            for j in range(i, i + K):
                votes[j][name] += 1
    runs: dict[str, list[Box]] = defaultdict(list)  # a line's letters of one story, drawn one after another
    last = None
    for (_, box), vote in zip(chars, votes):
        best = vote.most_common(2)
        name = best[0][0] if best and (len(best) == 1 or best[0][1] > best[1][1]) else None
        if name is None:
            last = None
            continue
        run = runs[name][-1] if last == name else None
        if run is not None and _same_line(run, box):
            runs[name][-1] = _union([run, box])
            counts[name][-1] += 1
        else:
            runs[name].append(box)
            counts[name].append(1)
        last = name
    return {name: list(zip(boxes, counts[name])) for name, boxes in runs.items()}


def _same_line(run: Box, box: Box) -> bool:
    height = box[3] - box[1]
    return abs(run[1] - box[1]) < 0.5 * height and -height < box[0] - run[2] < 2 * height


def _groups(runs: list[tuple[Box, int]]) -> list[list[tuple[Box, int]]]:
    """Runs grouped by nearness: sorted top-down, each joins the groups it comes near."""
    if not runs:
        return []
    boxes = [box for box, _ in runs]
    heights = sorted(b[3] - b[1] for b in boxes)
    reach = NEAR * heights[len(heights) // 2]
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    for pos, i in enumerate(order):
        for j in order[pos + 1:]:
            if boxes[j][1] - boxes[i][3] > reach:
                break
            if _near(boxes[i], boxes[j], reach):
                parent[root(j)] = root(i)
    found: dict[int, list[tuple[Box, int]]] = defaultdict(list)
    for i, run in enumerate(runs):
        found[root(i)].append(run)
    return list(found.values())


def _size(group: list[tuple[Box, int]]) -> int:
    return sum(n for _, n in group)


def _near(a: Box, b: Box, reach: float) -> bool:
    return a[0] - reach <= b[2] and b[0] - reach <= a[2] and a[1] - reach <= b[3] and b[1] - reach <= a[3]


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _region(found: list[list[tuple[Box, int]]], photos: list[Box]) -> tuple[Box, int]:
    """A story's region on a page, and its letters: its largest group, with the photos it stands
    under (:func:`_widen`) and the other groups that come near it (its headline over a photo)."""
    found = sorted(found, key=_size, reverse=True)
    runs = [box for box, _ in found[0]]
    size = _size(found[0])
    heights = sorted(b[3] - b[1] for group in found for b, _ in group)
    reach = NEAR * heights[len(heights) // 2]
    rest = found[1:]
    box = _widen(_union(runs), photos, runs, reach * PHOTO_NEAR / NEAR)
    while near := [g for g in rest if _joins(_union([b for b, _ in g]), box, reach)]:
        for group in near:
            rest.remove(group)
            runs += [b for b, _ in group]
            size += _size(group)
        box = _widen(_union([box, *runs]), photos, runs, reach * PHOTO_NEAR / NEAR)
    return tuple(min(1.0, max(0.0, v)) for v in box), size  # type: ignore[return-value]


def _joins(group: Box, box: Box, reach: float) -> bool:
    """A group of the story joins its region when it comes near, or stands beside it (a column of
    verse set apart, within the region's height)."""
    beside = min(group[3], box[3]) - max(group[1], box[1]) >= 0.5 * (group[3] - group[1])
    return _near(group, box, reach) or beside


def _widen(box: Box, photos: list[Box], runs: list[Box], reach: float) -> Box:
    """The region with every photo that has the story's letters right under it (its caption, the
    text or headline it stands over); a photo under the story's end is the next story's."""
    for photo in sorted(photos, key=lambda p: p[1]):
        if photo[2] <= photo[0] or photo[3] <= photo[1]:
            continue
        if any(0 <= run[1] - photo[3] + 1e-6 <= reach and min(run[2], photo[2]) > max(run[0], photo[0]) for run in runs):
            box = _union([box, photo])
    return box


def ban_pages(bans: list[int], drafts: list, spots: list[Spot], count: int) -> dict[int, int]:
    """版 → the PDF page that holds most of its stories (by region area), else its own number."""
    page_of = {d.name: d.meta.get("page") for d in drafts if d.article is not None}
    weight: dict[int, Counter] = defaultdict(Counter)
    for spot in spots:
        weight[page_of.get(spot.src)][spot.page] += spot.w * spot.h
    chosen = {}
    for ban in sorted(set(bans)):
        if weight[ban]:
            chosen[ban] = weight[ban].most_common(1)[0][0]
        elif ban <= count:
            chosen[ban] = ban
    return chosen
