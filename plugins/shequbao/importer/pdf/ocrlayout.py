"""A scanned page as the visual pipeline sees a typeset one: tesseract's TSV (word boxes)
and the page image → characters with positions and sizes, rules and boxes.

- **Characters.** Each word's characters share its box evenly; all characters of one OCR
  line stand on the line's baseline at the line's size (the median height of its Han
  characters, the ink of a Han character filling about ``INK`` of its em). Gaps between
  characters of one line are closed when either side is Chinese (tesseract puts a space
  between Han characters), so no space is read into Chinese text; a gap wider than
  ``GUTTER`` em stays (a column gutter).
- **Sizes and faces.** Line sizes are grouped (``SAME`` apart at most); the group with the
  most characters is the body. A scan has no font names: the body group reads as one face,
  every other group as a face of its own (a 引题 or 副题 set at about body size is then
  another face, as in a typeset PDF), and a group at least ``BOLD`` × the body, or a line
  whose ink is much denser than the body's, as bold (headlines, a brief's bold title).
- **Punctuation.** Half-width , : ; ! ? ( ) next to a Han character become full-width.

What the page image shows besides text (rules, boxes, photos, label bands) is read by
:mod:`.ocrimage`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from ..bylines import parse_byline
from .glyphs import CLOSING, OPENING
from .ocrimage import DARK

INK = 0.92  # a Han character's ink height, in em
SPACE = 0.75  # em: a blank this wide between two characters of a body line is a gap (a gutter)
NAME_SPACE = 0.38  # em: in other lines (bylines, captions) a narrower blank is a space between names
HALF_EM = 0.5  # em: a full-width comma or quote has its ink in one half of its box
SAME = 0.09  # line sizes closer than this (relative) are one size
DISPLAY = 1.6  # × body: a size group this large is a headline's, bold or not
BOLD_INK = 1.85  # × the body's ink density: a line this dark is set bold (a 黑体 headline, a brief's title);
# a 引题, 副题 or byline in a plain sans face is about 1.3–1.75 × as dark as the 宋体 body
DENSE = 1.3  # × the body's ink density: a line this much darker is set in a heavier face
HEAD_PITCH = 1.6  # × size: two bold lines whose baselines are this close are one headline's
HEAD_SAME = 0.25  # … when their sizes are this close (relative)
BYLINE_CHARS = 24  # a byline line is no longer
SMALL = 0.9  # × body: the size a byline in a heavier face is read at (a scan's sizes are too rough to tell)
BODY_BAND = (0.93, 1.12)  # × body: a heavy line of this size is a bold line (a brief's title)
PERCENTILE = 0.3  # of a line's Han character heights: its ink height
FLAT = "一二三"  # Han characters whose ink is not as tall as the others'
MIN_ADVANCE = 0.5  # of the size told by the boxes' heights: a smaller advance is not believed
NARROW = 0.55  # em: the advance of a digit or Latin letter
SNAP = 0.12  # lines this close (relative) to the body size are body size
SOLID = 0.85  # share of dark pixels: a single character this solid is a ■ (read as 国 or 口)
MIN_CONF = 20.0  # tesseract's confidence: a word below it is noise (a photo's texture)
HALF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_ROLE = re.compile(r"(本报记者|特约记者|记者|通讯员|实习生|摄影|文/|图/)")  # OCR loses the spaces between a byline's names
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》、。，]")


@dataclass
class Word:
    left: int
    top: int
    width: int
    height: int
    text: str


@dataclass
class OcrLine:
    words: list[Word] = field(default_factory=list)
    em: float = 0.0  # pixels
    base: float = 0.0  # the bottom of its Han characters' ink, pixels
    density: float = 0.0  # share of dark pixels in its words' boxes


@dataclass
class ScanPage:
    """What the visual pipeline reads of a pdfplumber page, made from a scan (in points)."""

    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    images: list = field(default_factory=list)


def parse_tsv(text: str) -> list[OcrLine]:
    """tesseract's TSV → its text lines (words of level 5 grouped by block, paragraph, line)."""
    lines: dict[tuple, OcrLine] = {}
    for row in text.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            box = [int(c) for c in cells[6:10]]
            conf = float(cells[10])
        except ValueError:
            continue
        if conf < MIN_CONF and not _HAN.search(cells[11]):
            continue
        key = tuple(cells[1:5])
        lines.setdefault(key, OcrLine()).words.append(Word(*box, cells[11].strip()))
    out = [line for line in lines.values() if line.words]
    for line in out:  # tesseract's order (a word's box may reach over the next one's)
        _measure(line)
    return out


def _measure(line: OcrLine) -> None:
    """The line's em and baseline from its Han characters: tesseract's box of a character is
    now and then as tall as the line pitch, so a low percentile of their heights is taken."""
    han = [w for w in line.words if any(_is_han(c) for c in w.text) and w.text not in FLAT]
    sample = sorted(han or line.words, key=lambda w: w.height)
    pick = sample[int(PERCENTILE * (len(sample) - 1))]
    line.em = pick.height / (INK if han else 1.0)
    inner = [i for i, w in enumerate(line.words) if any(_is_han(c) for c in w.text)]
    words = line.words[inner[0]:inner[-1] + 1] if inner else []  # quotes at the ends have narrow ink
    units = sum(1.0 if _is_wide(c) else NARROW for w in words for c in w.text)
    if han and units >= 2:  # a box as tall as the line pitch is common: the characters' advance tells too
        advance = (words[-1].left + words[-1].width - words[0].left) / units
        if advance >= MIN_ADVANCE * line.em:  # (less: boxes out of order, not a narrower type)
            line.em = min(line.em, advance)
    line.base = median(w.top + w.height for w in sample if w.height <= 1.15 * pick.height)


GUTTER = 0.9  # em: a blank this wide inside one of tesseract's lines is a column gutter
PIECE_CHARS = 4  # characters: a shorter piece of a line cut at a gutter keeps the line's size


def split_gutters(lines: list[OcrLine], image) -> list[OcrLine]:
    """tesseract's lines cut where a blank as wide as a column gutter runs between two of
    their words (it reads two columns of a box, or a headline and the text beside it, as
    one line); each piece is measured again, a short one keeps the line's size."""
    out = []
    for line in lines:
        band = image[max(0, int(line.base - INK * line.em)):int(line.base) + 1]
        pieces, right = [[line.words[0]]], line.words[0].left + line.words[0].width
        for w in line.words[1:]:
            if w.left > right and _blank(band, right, w.left) >= GUTTER * line.em:
                pieces.append([])
            pieces[-1].append(w)
            right = max(right, w.left + w.width)
        for words in pieces if len(pieces) > 1 else ():
            piece = OcrLine(words, line.em, line.base)
            if len(_text(piece)) >= PIECE_CHARS:
                _measure(piece)
            out.append(piece)
        if len(pieces) == 1:
            out.append(line)
    return out


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def measure_ink(lines: list[OcrLine], image) -> None:
    """Each line's share of dark pixels inside its words' boxes (``image``: a greyscale numpy
    array); a single character that is nearly solid ink is the ■ before a name."""
    for line in lines:
        dark = total = 0
        for w in line.words:
            cut = image[w.top:w.top + w.height, w.left:w.left + w.width]
            ink = int((cut < DARK).sum())
            if len(w.text) == 1 and cut.size and ink >= SOLID * cut.size and 0.7 <= w.width / max(1, w.height) <= 1.4:
                w.text = "■"
            dark += ink
            total += cut.size
        line.density = dark / total if total else 0.0


def group_sizes(pages: list[list[OcrLine]]) -> tuple[float, dict[int, tuple[float, bool, str]]]:
    """(body em, {id(line): (em, bold, face)}) for the lines of every page: sizes grouped, the
    group with the most characters the body. A line whose ink is ``DENSE`` × the body's is
    set in a heavier face (黑体 next to 宋体): at about body size it reads bold (a brief's
    title), a little larger as a deck (引题, 副题), smaller as small print (bylines, captions)."""
    lines = sorted((line for page in pages for line in page), key=lambda ln: ln.em)
    groups = _size_groups(lines)
    if not groups:
        return 10.0, {}
    weight = [sum(len(_text(ln)) for ln in g) for g in groups]
    first = groups[weight.index(max(weight))]
    body = _weighted_em(first)
    inked = [ln.density for ln in first if ln.density]
    ink = median(inked) if inked else 0.0

    def heavy(line: OcrLine) -> bool:
        text = _text(line)  # (the last line of a paragraph is no title or byline, whatever its ink)
        return bool(ink and line.density >= DENSE * ink and len(text) >= 2 and not text.endswith("。"))

    plain = [ln for ln in lines if abs(ln.em - body) <= SNAP * body and not heavy(ln) and not _byline(ln, body)]
    taken = {id(ln) for ln in plain}
    out = {id(ln): (body, False, "Scan-Body") for ln in plain}
    for number, group in enumerate(_size_groups([ln for ln in lines if id(ln) not in taken])):
        em = _weighted_em(group)
        for line in group:
            bold = em >= DISPLAY * body or (bool(ink) and line.density >= BOLD_INK * ink and em >= BODY_BAND[0] * body)
            face = f"Scan-{number}{'-Dark' if heavy(line) else ''}{'-Bold' if bold else ''}"
            out[id(line)] = (em, bold, face)
            if em <= BODY_BAND[1] * body and not bold and _byline(line, body):
                out[id(line)] = (SMALL * body, False, "Scan-Byline")  # small print, as a typeset byline
    for page in pages:
        _unify_headlines(page, out)
    return body, out


def _unify_headlines(lines: list[OcrLine], sizes: dict) -> None:
    """The lines of one headline broken over two or three lines get one size and face (their
    measured sizes differ a little, with the quotes and digits each line has)."""
    heads = sorted((ln for ln in lines if sizes[id(ln)][1]), key=lambda ln: ln.base)
    for i, upper in enumerate(heads):
        for lower in heads[i + 1:]:
            a, b = sizes[id(upper)], sizes[id(lower)]
            left = max(upper.words[0].left, lower.words[0].left)
            right = min(upper.words[-1].left + upper.words[-1].width, lower.words[-1].left + lower.words[-1].width)
            near = 0 < lower.base - upper.base <= HEAD_PITCH * max(a[0], b[0]) and left < right
            if near and abs(a[0] - b[0]) <= HEAD_SAME * max(a[0], b[0]):
                sizes[id(lower)] = sizes[id(upper)] = max(a, b)
                break


def _byline(line: OcrLine, body: float) -> bool:
    """A short line at about body size or smaller that is only a byline (记者 陈玲 通讯员 张志举)."""
    text = _text(line)
    if line.em > BODY_BAND[1] * body or len(text) > BYLINE_CHARS:
        return False
    spaced = _ROLE.sub(r" \1 ", text).strip()
    return any(parse_byline(t) is not None for t in (text, spaced, _NAMES.sub(_split_names, spaced)))


_NAMES = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff]{4,6}(?![\u3400-\u9fff])")


def _split_names(m: re.Match) -> str:
    """Four to six Han characters between role words: two names run together by OCR
    (陈玲王晓峰 → 陈玲 王晓峰; which of two splits is right is read from the image later)."""
    names = m.group(0)
    cut = len(names) // 2
    return f"{names[:cut]} {names[cut:]}"


def _size_groups(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines (sorted by size) in groups of about one size."""
    groups: list[list[OcrLine]] = []
    for line in lines:
        if groups and line.em <= groups[-1][0].em * (1 + SAME):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _weighted_em(group: list[OcrLine]) -> float:
    ems = [ln.em for ln in group for _ in range(max(1, len(_text(ln))))]
    return median(ems)


def _text(line: OcrLine) -> str:
    return "".join(w.text for w in line.words)


def page_chars(lines: list[OcrLine], sizes: dict, scale: float, image) -> list[dict]:
    """pdfplumber-like characters (points) of one page's OCR lines. tesseract's boxes often
    overlap or leave gaps that are not there, so whether two neighbours have a space between
    them is read from the page: the widest blank stretch of the line's band between them."""
    out = []
    for line in lines:
        em, _, face = sizes[id(line)]
        size = round(em * scale, 1)
        bottom = (line.base + (1 - INK) / 2 * em) * scale
        band = image[max(0, int(line.base - INK * line.em)):int(line.base) + 1]
        cells = _cells(line, em)
        space = (SPACE if face == "Scan-Body" else NAME_SPACE) * line.em
        for i, (char, x0, x1) in enumerate(cells):
            if i + 1 < len(cells):
                nxt = cells[i + 1]
                blank = _blank(band, (x0 + x1) / 2, (nxt[1] + nxt[2]) / 2)
                if char in CLOSING or nxt[0] in OPENING:
                    blank -= HALF_EM * line.em  # the other half of a full-width comma's or quote's box
                x1 = nxt[1] - blank if blank >= space else nxt[1]  # no space inside Chinese text
            out.append({"text": char, "x0": x0 * scale, "x1": max(x1, x0 + 0.1) * scale, "top": bottom - size,
                        "bottom": bottom, "size": size, "fontname": face, "upright": True})
    return out


def _blank(band, start: float, end: float) -> float:
    """The widest run of ink-free columns of ``band`` between x ``start`` and ``end`` (pixels)."""
    import numpy as np

    if end - start < 2 or not band.size:
        return 0.0
    inked = (band[:, int(start):int(end)] < DARK).any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([1], inked.view(np.int8), [1]))))
    return float((edges[1::2] - edges[::2]).max()) if len(edges) else 0.0


def _cells(line: OcrLine, em: float) -> list[tuple[str, float, float]]:
    """(character, x0, x1) in pixels: a word's characters share its box; punctuation made
    full-width where it stands next to Chinese."""
    raw = []
    for w in line.words:
        step = w.width / len(w.text)
        raw += [(c, w.left + i * step, w.left + (i + 1) * step) for i, c in enumerate(w.text)]
    line_text = "".join(c for c, _, _ in raw)
    if line_text.startswith("一一") and len(line_text) > 2 and _is_han(line_text[2]):  # a 副题's dash
        raw = [("—", *raw[0][1:]), ("—", *raw[1][1:]), *raw[2:]]
    out: list[tuple[str, float, float]] = []
    for i, (char, x0, x1) in enumerate(raw):
        if out and x0 < out[-1][1]:  # a box reaching over the next word's: kept in tesseract's order
            x0 = max(x0, out[-1][1])
            x1 = max(x1, x0 + 0.1)
        before = raw[i - 1][0] if i else ""
        after = raw[i + 1][0] if i + 1 < len(raw) else ""
        if char in HALF and (_is_han(before) or _is_han(after)) and not (before.isdigit() and after.isdigit()):
            char = HALF[char]
        if char == "《" and "》" not in line_text and ("）" in line_text[i:] or ")" in line_text[i:]):
            char = "（"  # a full-width bracket read as a title mark
        out.append((_wide_mark(char, before, after), x0, x1))
    return out


def _wide_mark(char: str, before: str, after: str) -> str:
    """An ASCII quote or full stop that tesseract read in Chinese text: the full-width mark
    (a quote opens after a colon, a comma or at the start of a line, else closes)."""
    if char == '"' and (_is_han(before) or _is_han(after) or before in "：，。"):
        return "“" if before in ("", "：", "，", "、", "（") and after else "”"
    if char == "." and _is_han(before) and not after.isdigit():
        return "。"
    return char


def _is_wide(char: str) -> bool:
    return bool(_HAN.match(char))


def drop_covered(lines: list[OcrLine], pictures: list[dict], scale: float) -> list[OcrLine]:
    """The lines without the words read inside a photo (its texture taken for characters).
    A toned area with lines of Chinese text in it is a tinted box, not a photo: it is taken
    out of ``pictures`` and its text kept."""
    def within(w: Word, p: dict) -> bool:
        x, y = (w.left + w.width / 2) * scale, (w.top + w.height / 2) * scale
        return p["x0"] <= x <= p["x1"] and p["top"] <= y <= p["bottom"]

    def text_lines(p: dict) -> int:
        return sum(sum(_is_han(c) for w in ln.words if within(w, p) for c in w.text) >= TEXT_LINE for ln in lines)

    pictures[:] = [p for p in pictures if text_lines(p) < TINTED_LINES]

    def inside(w: Word) -> bool:
        return any(within(w, p) for p in pictures)

    out = []
    for line in lines:
        line.words = [w for w in line.words if not inside(w)]
        if line.words:
            out.append(line)
    return out


TEXT_LINE = 6  # Han characters: a line with this many inside a toned area is text …
TINTED_LINES = 3  # … and an area with this many such lines is a tinted box, not a photo
DOUBLE_SIZE = 1.5  # × a line's size: a line this much larger that covers it …
DOUBLE_SHARE = 0.5  # … by this share of its box read it first


def drop_doubles(lines: list[OcrLine]) -> list[OcrLine]:
    """Without the lines tesseract read again inside a larger line's box (a headline's ink
    read a second time as small noise)."""
    def box(line: OcrLine) -> tuple[float, float, float, float]:
        return (min(w.left for w in line.words), max(w.left + w.width for w in line.words),
                line.base - INK * line.em, line.base)

    keep = []
    for line in lines:
        x0, x1, top, bottom = box(line)
        area = max(1.0, (x1 - x0) * (bottom - top))
        covered = False
        for other in lines:
            if other is line or other.em < DOUBLE_SIZE * line.em:
                continue
            ox0, ox1, otop, obottom = box(other)
            overlap = max(0.0, min(x1, ox1) - max(x0, ox0)) * max(0.0, min(bottom, obottom) - max(top, otop))
            covered = covered or overlap >= DOUBLE_SHARE * area
        if not covered:
            keep.append(line)
    return keep
