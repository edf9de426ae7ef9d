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

INK = 0.92  # a Han character's ink height, in em
GUTTER = 0.8  # em: a wider gap between two words of one line is a gutter, kept
SAME = 0.09  # line sizes closer than this (relative) are one size
BOLD = 1.22  # × body: a size group this large is set bold (a headline)
DENSE = 1.35  # × the body's ink density: a line this much darker is bold
PERCENTILE = 0.3  # of a line's Han character heights: its ink height
FLAT = "一二三"  # Han characters whose ink is not as tall as the others'
SNAP = 0.12  # lines this close (relative) to the body size are body size
SOLID = 0.7  # share of dark pixels: a single character this solid is a ■ (read as 国 or 口)
MIN_CONF = 20.0  # tesseract's confidence: a word below it is noise (a photo's texture)
RULE_MIN = 3.0  # × body size: shorter dark runs are strokes of characters
THICK = 2.5  # points: a thicker dark run is a character's stroke or a photo, not a rule
DARK = 128  # grey level below which a pixel is ink
HALF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
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
    group with the most characters the body."""
    lines = sorted((line for page in pages for line in page), key=lambda ln: ln.em)
    groups: list[list[OcrLine]] = []
    for line in lines:
        if groups and line.em <= groups[-1][0].em * (1 + SAME):
            groups[-1].append(line)
        else:
            groups.append([line])
    if not groups:
        return 10.0, {}
    weight = [sum(len(_text(ln)) for ln in g) for g in groups]
    body = _weighted_em(groups[weight.index(max(weight))])
    body_group = [ln for ln in lines if abs(ln.em - body) <= SNAP * body]
    groups = [body_group] + [[ln for ln in g if abs(ln.em - body) > SNAP * body] for g in groups]
    groups = [g for g in groups if g]
    ink = median(ln.density for ln in body_group if ln.density) if any(ln.density for ln in body_group) else 0.0
    out = {}
    for number, group in enumerate(groups):
        em = body if group is body_group else _weighted_em(group)
        for line in group:
            bold = em >= BOLD * body or bool(ink and line.density >= DENSE * ink and len(_text(line)) >= 2)
            face = "Scan-Body" if group is body_group else f"Scan-{number}"
            out[id(line)] = (em, bold, face + ("-Bold" if bold else ""))
    return body, out


def _weighted_em(group: list[OcrLine]) -> float:
    ems = [ln.em for ln in group for _ in range(max(1, len(_text(ln))))]
    return median(ems)


def _text(line: OcrLine) -> str:
    return "".join(w.text for w in line.words)


def page_chars(lines: list[OcrLine], sizes: dict, scale: float) -> list[dict]:
    """pdfplumber-like characters (points) of one page's OCR lines."""
    out = []
    for line in lines:
        em, _, face = sizes[id(line)]
        size = round(em * scale, 1)
        bottom = (line.base + (1 - INK) / 2 * em) * scale
        cells = _cells(line, em)
        for i, (char, x0, x1) in enumerate(cells):
            if i + 1 < len(cells) and x1 < cells[i + 1][1]:
                nxt = cells[i + 1]
                gap = nxt[1] - x1
                if gap < GUTTER * em and (_is_wide(char) or _is_wide(nxt[0])):
                    x1 = nxt[1]  # no space inside Chinese text
            out.append({"text": char, "x0": x0 * scale, "x1": x1 * scale, "top": bottom - size,
                        "bottom": bottom, "size": size, "fontname": face, "upright": True})
    return out


def _cells(line: OcrLine, em: float) -> list[tuple[str, float, float]]:
    """(character, x0, x1) in pixels: a word's characters share its box; punctuation made
    full-width where it stands next to Chinese."""
    raw = []
    for w in line.words:
        step = w.width / len(w.text)
        raw += [(c, w.left + i * step, w.left + (i + 1) * step) for i, c in enumerate(w.text)]
    out: list[tuple[str, float, float]] = []
    for i, (char, x0, x1) in enumerate(raw):
        if out and x0 < out[-1][1]:  # a box reaching over the next word's: kept in tesseract's order
            x0 = max(x0, out[-1][1])
            x1 = max(x1, x0 + 0.1)
        before = raw[i - 1][0] if i else ""
        after = raw[i + 1][0] if i + 1 < len(raw) else ""
        if char in HALF and (_is_han(before) or _is_han(after)) and not (before.isdigit() and after.isdigit()):
            char = HALF[char]
        out.append((char, x0, x1))
    return out


def _is_wide(char: str) -> bool:
    return bool(_HAN.match(char))


def page_rules(image, body_px: float, scale: float, lines: list[OcrLine]) -> tuple[list[dict], list[dict]]:
    """(rules, boxes) drawn on a scanned page, in points, as pdfplumber's ``lines`` and
    ``rects`` (a box framed: ``stroke`` set)."""
    import numpy as np

    dark = image < DARK
    longest = RULE_MIN * body_px
    thick = THICK / scale
    big = [w for ln in lines if ln.em > 1.6 * body_px for w in ln.words]  # a headline's strokes are no rules
    flat = _strokes(dark, longest, thick)
    tall = [(x0, x1, t, b) for t, b, x0, x1 in _strokes(np.ascontiguousarray(dark.T), longest, thick)]
    flat = [(x0, x1, t, b) for t, b, x0, x1 in flat]
    flat, tall = ([r for r in rs if not any(_within(r, w) for w in big)] for rs in (flat, tall))
    rules = [{"x0": x0 * scale, "x1": x1 * scale, "top": t * scale, "bottom": b * scale} for x0, x1, t, b in flat + tall]
    boxes = [{**r, "stroke": True, "fill": False} for r in _boxes(flat, tall, 2 * thick + 2, scale)]
    return rules, boxes


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
    """Rectangles closed by two horizontal and two vertical rules."""
    out = []
    for top in flat:
        for bottom in flat:
            if bottom[2] <= top[3] or abs(bottom[0] - top[0]) > slack or abs(bottom[1] - top[1]) > slack:
                continue
            sides = [v for v in tall if v[2] <= top[3] + slack and v[3] >= bottom[2] - slack]
            left = any(abs(v[0] - top[0]) <= slack for v in sides)
            right = any(abs(v[1] - top[1]) <= slack for v in sides)
            if left and right:
                out.append({"x0": top[0] * scale, "x1": top[1] * scale, "top": top[2] * scale,
                            "bottom": bottom[3] * scale})
                break
    return out
