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
- **Rules and boxes.** Dark runs of pixels at least ``RULE_MIN`` body sizes long and at
  most ``THICK`` points thick are rules; four rules that close a rectangle are a box (the
  frame of the 短消息 or of a notice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from ..bylines import parse_byline
from .glyphs import CLOSING, OPENING


INK = 0.92  # a Han character's ink height, in em
SPACE = 0.75  # em: a blank this wide between two characters of a body line is a gap (a gutter)
NAME_SPACE = 0.38  # em: in other lines (bylines, captions) a narrower blank is a space between names
HALF_EM = 0.5  # em: a full-width comma or quote has its ink in one half of its box
SAME = 0.09  # line sizes closer than this (relative) are one size
BOLD = 1.22  # × body: a size group this large is set bold (a headline)
DENSE = 1.3  # × the body's ink density: a line this much darker is set in a heavier face
HEAD_PITCH = 1.6  # × size: two bold lines whose baselines are this close are one headline's
HEAD_SAME = 0.25  # … when their sizes are this close (relative)
BYLINE_CHARS = 24  # a byline line is no longer
SMALL = 0.9  # × body: the size a byline in a heavier face is read at (a scan's sizes are too rough to tell)
BODY_BAND = (0.93, 1.12)  # × body: a heavy line of this size is a bold line (a brief's title)
PERCENTILE = 0.3  # of a line's Han character heights: its ink height
FLAT = "一二三"
MIN_ADVANCE = 0.5  # of the size told by the boxes' heights: a smaller advance is not believed
NARROW = 0.55  # em: the advance of a digit or Latin letter  # Han characters whose ink is not as tall as the others'
SNAP = 0.12  # lines this close (relative) to the body size are body size
SOLID = 0.7  # share of dark pixels: a single character this solid is a ■ (read as 国 or 口)
MIN_CONF = 20.0  # tesseract's confidence: a word below it is noise (a photo's texture)
RULE_MIN = 3.0  # × body size: shorter dark runs are strokes of characters
THICK = 4.0  # points: a thicker dark run is a character's stroke or a photo, not a rule
DARK = 128  # grey level below which a pixel is ink
CLEAR = 0.25  # share of ink at most beside a rule (just above and below a horizontal one)
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
    han = [w for w in line.words if len(w.text) == 1 and _is_han(w.text) and w.text not in FLAT]
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
            if len(w.text) == 1 and cut.size and ink >= SOLID * cut.size and w.height >= 0.5 * line.em:
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
            bold = em >= BOLD * body or (heavy(line) and BODY_BAND[0] * body <= em <= BODY_BAND[1] * body)
            face = f"Scan-{number}{'-Heavy' if heavy(line) else ''}{'-Bold' if bold else ''}"
            out[id(line)] = (em, bold, face)
            if em <= BODY_BAND[1] * body and _byline(line, body):
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
    return parse_byline(text) is not None or parse_byline(_ROLE.sub(r" \1 ", text).strip()) is not None


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
        out.append((char, x0, x1))
    return out


def _is_wide(char: str) -> bool:
    return bool(_HAN.match(char))


def page_rules(image, body_px: float, scale: float, lines: list[OcrLine], bands: list = ()) -> tuple[list[dict], list[dict]]:
    """(rules, boxes) drawn on a scanned page, in points, as pdfplumber's ``lines`` and
    ``rects`` (a box framed: ``stroke`` set). A box's label band (``bands``, inverted before
    OCR) right above its frame is its top."""
    import numpy as np

    dark = image < DARK
    longest = RULE_MIN * body_px
    thick = THICK / scale
    big = [w for ln in lines if ln.em > 1.6 * body_px for w in ln.words]  # a headline's strokes are no rules
    flat = _strokes(dark, longest, thick)
    tall = _strokes(np.ascontiguousarray(dark.T), longest, thick)  # (x0, x1, top, bottom)
    flat = [(x0, x1, t, b) for t, b, x0, x1 in flat if _clear(dark, t, b, x0, x1)]
    tall = [r for r in tall if _clear(dark.T, r[0], r[1], r[2], r[3])]
    flat, tall = ([r for r in rs if not any(_within(r, w) for w in big)] for rs in (flat, tall))
    rules = [_thin(x0 * scale, x1 * scale, t * scale, b * scale) for x0, x1, t, b in flat + tall]
    slack = 2 * thick + 2
    boxes = [{**r, "stroke": True, "fill": False} for r in _boxes(flat, tall, slack, scale)]
    for box in boxes:
        for x0, x1, top, bottom in bands:
            if abs(bottom * scale - box["top"]) <= slack * scale and x0 * scale < box["x1"] and box["x0"] < x1 * scale:
                box["top"] = min(box["top"], top * scale)
    return rules, boxes


def _thin(x0: float, x1: float, top: float, bottom: float) -> dict:
    """A rule as drawn: its middle line (a scan blurs it thicker than a typeset rule)."""
    if x1 - x0 >= bottom - top:
        middle = (top + bottom) / 2
        return {"x0": x0, "x1": x1, "top": middle - 0.5, "bottom": middle + 0.5}
    middle = (x0 + x1) / 2
    return {"x0": middle - 0.5, "x1": middle + 0.5, "top": top, "bottom": bottom}


def _clear(dark, top: int, bottom: int, start: int, end: int) -> bool:
    """Whether a dark run has white on both sides along most of its length (a rule stands
    clear; the strokes of neighbouring characters that touch have ink beside them)."""
    margin = 2
    above = dark[max(0, top - margin - 1):max(0, top - margin), start:end]
    below = dark[bottom + margin:bottom + margin + 1, start:end]
    return all(side.size == 0 or side.mean() <= CLEAR for side in (above, below))


def _within(rule, w: Word) -> bool:
    x0, x1, t, b = rule
    return x0 >= w.left - 2 and x1 <= w.left + w.width + 2 and t >= w.top - 2 and b <= w.top + w.height + 2


def _strokes(dark, longest: float, thick: float) -> list[tuple[int, int, int, int]]:
    """Dark runs along the rows of ``dark`` at least ``longest`` pixels long, runs on
    neighbouring rows at the same place merged: (first row, last row + 1, start, end), at
    most ``thick`` rows thick."""
    import numpy as np

    open_: list[list[int]] = []  # [first, last, start, end]
    done = []
    for row in range(dark.shape[0]):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], dark[row].view(np.int8), [0]))))
        runs = [(int(s), int(e)) for s, e in zip(edges[::2], edges[1::2]) if e - s >= longest]
        still = []
        for s, e in runs:
            hit = next((o for o in open_ if o[1] == row - 1 and abs(o[2] - s) <= 3 and abs(o[3] - e) <= 3), None)
            if hit is None:
                hit = [row, row, s, e]
            hit[1], hit[2], hit[3] = row, min(hit[2], s), max(hit[3], e)
            still.append(hit)
        done += [o for o in open_ if o not in still]
        open_ = still
    done += open_
    return [(a, b + 1, s, e) for a, b, s, e in done if b + 1 - a <= thick]


def _boxes(flat: list, tall: list, slack: float, scale: float) -> list[dict]:
    """Rectangles framed by two vertical rules of one height and a horizontal rule joining
    them at the top or the bottom (a box's top may be a solid band with its name in it)."""
    out = []
    for left in tall:
        for right in tall:
            if right[0] <= left[1] + 4 * slack or abs(right[2] - left[2]) > slack or abs(right[3] - left[3]) > slack:
                continue
            joined = any(abs(h[0] - left[0]) <= slack and abs(h[1] - right[1]) <= slack
                         and (abs(h[2] - left[2]) <= slack or abs(h[3] - left[3]) <= slack) for h in flat)
            if joined:
                out.append({"x0": left[0] * scale, "x1": right[1] * scale, "top": min(left[2], right[2]) * scale,
                            "bottom": max(left[3], right[3]) * scale})
                break
    return out


CELL = 16  # pixels: the grain at which a page is told apart into text and picture
GREY = (75, 215)  # grey levels of a photo's tones (text is black on white, with thin grey edges)
TONED = 0.45  # share of grey pixels: a cell this toned is part of a picture
INKED = 0.85  # share of dark pixels: so is a cell this dark (a night scene; strokes are thinner than a cell)
FILLED = 0.4  # share of toned cells in a picture's bounding box
PICTURE_MIN = 36.0  # points: smaller toned patches are ornaments (as images.MIN_SIDE)


def find_pictures(image, scale: float, number: int) -> list[dict]:
    """The photos of a scanned page, as pdfplumber's ``images`` (points), each with a stream
    holding its grey pixels, so the photo is kept as in a typeset PDF."""
    import numpy as np

    h, w = image.shape[0] // CELL * CELL, image.shape[1] // CELL * CELL
    cells = image[:h, :w].reshape(h // CELL, CELL, w // CELL, CELL)
    toned = (((cells > GREY[0]) & (cells < GREY[1])).mean(axis=(1, 3)) > TONED) | ((cells < DARK).mean(axis=(1, 3)) > INKED)
    out = []
    for top, bottom, left, right in _merged([b for b in _components(toned) if (b[1] - b[0]) * (b[3] - b[2]) >= 4]):
        box = image[top * CELL:bottom * CELL, left * CELL:right * CELL]
        if min(box.shape) * scale < PICTURE_MIN or toned[top:bottom, left:right].mean() < FILLED:
            continue
        out.append({"x0": left * CELL * scale, "x1": right * CELL * scale, "top": top * CELL * scale,
                    "bottom": bottom * CELL * scale, "bits": 8, "srcsize": (box.shape[1], box.shape[0]),
                    "colorspace": "DeviceGray", "stream": _Pixels(np.ascontiguousarray(box).tobytes())})
    return out


def _components(mask) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (top, bottom, left, right; cells) of the 4-connected parts of ``mask``."""
    seen = mask.copy()
    out = []
    rows, cols = mask.shape
    for start in zip(*seen.nonzero()):
        if not seen[start]:
            continue
        seen[start] = False
        stack, box = [start], [start[0], start[0] + 1, start[1], start[1] + 1]
        while stack:
            r, c = stack.pop()
            box = [min(box[0], r), max(box[1], r + 1), min(box[2], c), max(box[3], c + 1)]
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and seen[nr, nc]:
                    seen[nr, nc] = False
                    stack.append((nr, nc))
        out.append(tuple(box))
    return out


def _merged(boxes: list[tuple]) -> list[tuple]:
    """Boxes that overlap joined (the toned patches of one photo with white between them)."""
    boxes = list(boxes)
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]:
                    boxes[i] = (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    joined = True
                    break
            if joined:
                break
    return boxes


class _Pixels:
    """What :func:`.images.extract` asks of a PDF image stream: raw 8-bit grey pixels."""

    def __init__(self, data: bytes):
        self.data = data

    def get_filters(self) -> list:
        return []

    def get_data(self) -> bytes:
        return self.data


def drop_covered(lines: list[OcrLine], pictures: list[dict], scale: float) -> list[OcrLine]:
    """The lines without the words read inside a photo (its texture taken for characters)."""
    def inside(w: Word) -> bool:
        x, y = (w.left + w.width / 2) * scale, (w.top + w.height / 2) * scale
        return any(p["x0"] <= x <= p["x1"] and p["top"] <= y <= p["bottom"] for p in pictures)

    out = []
    for line in lines:
        line.words = [w for w in line.words if not inside(w)]
        if line.words:
            out.append(line)
    return out


DOUBLE_SIZE = 1.5  # × a line's size: a line this much larger that covers it …
DOUBLE_SHARE = 0.5  # … by this share of its box read it first
BAND = 0.6  # share of dark pixels: a cell this dark belongs to a solid band (a box's label, white on black)
BAND_CELLS = (2, 8)  # a band is this many cells tall
BAND_SHAPE = 3.0  # … and at least this many times as wide as tall


def invert_bands(image, pictures: list[dict], scale: float, bands: list | None = None):
    """The page with solid dark bands (the 短消息 label in white on black) turned to black on
    white, so that tesseract reads their text; photos are left as they are. Each band's
    pixel box (x0, x1, top, bottom) is added to ``bands``."""
    h, w = image.shape[0] // CELL * CELL, image.shape[1] // CELL * CELL
    cells = image[:h, :w].reshape(h // CELL, CELL, w // CELL, CELL)
    solid = (cells < DARK).mean(axis=(1, 3)) > BAND
    out = image
    for top, bottom, left, right in _components(solid):
        tall, wide = bottom - top, right - left
        if not BAND_CELLS[0] <= tall <= BAND_CELLS[1] or wide < BAND_SHAPE * tall:
            continue
        x, y = (left + right) / 2 * CELL * scale, (top + bottom) / 2 * CELL * scale
        if any(p["x0"] <= x <= p["x1"] and p["top"] <= y <= p["bottom"] for p in pictures):
            continue
        if out is image:
            out = image.copy()
        y0, y1, x0, x1 = _band_edges(image, max(0, top - 1) * CELL, (bottom + 1) * CELL, max(0, left - 1) * CELL,
                                     (right + 1) * CELL)
        out[y0:y1, x0:x1] = 255 - image[y0:y1, x0:x1]
        if bands is not None:
            bands.append((x0, x1, y0, y1))
    return out


def _band_edges(image, top: int, bottom: int, left: int, right: int) -> tuple[int, int, int, int]:
    """The exact rows and columns of a band found at the grain of cells: those mostly dark."""
    import numpy as np

    area = image[top:bottom, left:right] < DARK
    rows = np.flatnonzero(area.mean(axis=1) > 0.5)
    cols = np.flatnonzero(area.mean(axis=0) > 0.5)
    if not len(rows) or not len(cols):
        return top, top, left, left
    return top + int(rows[0]), top + int(rows[-1]) + 1, left + int(cols[0]), left + int(cols[-1]) + 1


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
