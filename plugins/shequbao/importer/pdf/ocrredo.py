"""Parts of a scanned page that tesseract garbled, read again.

tesseract's page layout (``--psm 3``) now and then takes two modules side by side for one
block: a poem's short lines beside a column of text, set on another line pitch, are read
into the lines of the text next to them as characters it doubts (了于, 全丰了, 千二四作).
Such a part shows as a cluster of lines whose characters tesseract is unsure of. The
part is cut out of the page image and read again as one column (``--psm 4``); its words
replace the garbled ones, and the lines they were read into are measured again. A line
of text tesseract doubted alone (a box's frame or a photo's edge right over it, read into
its characters) is cut out within its own band and read again the same way. What is read
again is kept only when tesseract is surer of it and it holds about as many characters.
"""

from __future__ import annotations

from statistics import median

from .ocrlayout import OcrLine, _is_han, _measure, _text

UNSURE = 40.0  # tesseract's confidence: a line whose Han characters average less is garbled …
GARBLED_LINES = 4  # … and this many such lines, each near the next, are a garbled part of the page
NEAR = 2.0  # × body em: how near (across and down) the next garbled line is …
ROW_REACH, ROW_SAME = 12.0, 0.5  # … or across, on a baseline this near (pieces of one line read over two columns)
MARGIN = (1.0, 2.0)  # × body em: the part read again reaches this far beyond its garbled lines (across, down)
REDO_PSM = "4"  # one column of text of various sizes (a short line beside another stays one line)


def _unsure(line: OcrLine) -> bool:
    han = [w for w in line.words if any(_is_han(c) for c in w.text)]
    return bool(han) and sum(w.conf for w in han) / len(han) < UNSURE


def _box(line: OcrLine) -> tuple[float, float, float, float]:
    return (min(w.left for w in line.words), max(w.left + w.width for w in line.words),
            min(w.top for w in line.words), max(w.top + w.height for w in line.words))


def garbled_parts(lines: list[OcrLine], shape: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """The parts of a page (pixel boxes x0, x1, top, bottom within ``shape``) where at least
    ``GARBLED_LINES`` lines tesseract doubted stand near each other (near across and down,
    or farther across on one baseline: pieces of one line it read over two columns), then
    each doubted line of ``LINE_HAN`` Han characters or more that stands in no such part."""
    if not lines:
        return []
    em = median(ln.em for ln in lines)

    def near(a: OcrLine, b: OcrLine) -> bool:
        (ax0, ax1, atop, abottom), (bx0, bx1, btop, bbottom) = _box(a), _box(b)
        across = ROW_REACH if abs(a.base - b.base) <= ROW_SAME * em else NEAR
        return ax0 - across * em <= bx1 and bx0 <= ax1 + across * em and atop - NEAR * em <= bbottom \
            and btop <= abottom + NEAR * em

    clusters: list[list[OcrLine]] = []
    for line in (ln for ln in lines if _unsure(ln)):
        joined = [c for c in clusters if any(near(line, other) for other in c)]
        clusters = [c for c in clusters if c not in joined] + [[line] + [ln for c in joined for ln in c]]
    out = []
    for cluster in (c for c in clusters if len(c) >= GARBLED_LINES):
        boxes = [_box(ln) for ln in cluster]
        x0, x1 = min(b[0] for b in boxes) - MARGIN[0] * em, max(b[1] for b in boxes) + MARGIN[0] * em
        top, bottom = min(b[2] for b in boxes) - MARGIN[1] * em, max(b[3] for b in boxes) + MARGIN[1] * em
        out.append((max(0, int(x0)), min(shape[1], int(x1)), max(0, int(top)), min(shape[0], int(bottom))))
    return out + [_line_part(ln, shape) for c in clusters if len(c) < GARBLED_LINES for ln in c
                  if sum(_is_han(ch) for ch in _text(ln)) >= LINE_HAN]


LINE_HAN = 6  # Han characters: a garbled line this long alone (not in a garbled part) is read again by itself …
LINE_BAND = (1.1, 0.35)  # … cut out this many of its em over and under its baseline (a rule or a photo's edge
# right over it, which tesseract read into its characters, left out)


def _line_part(line: OcrLine, shape: tuple[int, int]) -> tuple[int, int, int, int]:
    x0, x1, _, _ = _box(line)
    top, bottom = line.base - LINE_BAND[0] * line.em, line.base + LINE_BAND[1] * line.em
    return (max(0, int(x0 - 0.5 * line.em)), min(shape[1], int(x1 + 0.5 * line.em)),
            max(0, int(top)), min(shape[0], int(bottom)))


def is_surer(lines: list[OcrLine], part: tuple[int, int, int, int], redone: list[OcrLine]) -> bool:
    """Whether the words read again in ``part`` are surer (tesseract's confidence in their Han
    characters) than those first read there, and about as many (a part cut across two lines
    of text reads as a few odd characters): what was read again is kept only then."""
    def sure(words: list) -> float:
        han = [w.conf for w in words if any(_is_han(c) for c in w.text)]
        return sum(han) / len(han) if han else 0.0

    def count(words: list) -> int:
        return sum(_is_han(c) for w in words for c in w.text)

    x0, x1, top, bottom = part
    first = [w for ln in lines for w in ln.words
             if x0 <= w.left + w.width / 2 <= x1 and top <= w.top + w.height / 2 <= bottom]
    again = [w for ln in redone for w in ln.words]
    return sure(again) > sure(first) and count(again) >= SAME_COUNT * count(first)


SAME_COUNT = 0.8  # share of the Han characters first read that a part read again holds at least


HALF_KEPT = 0.5  # share of a line's words: a line keeping no more outside a part read again is the part's


def replace_part(lines: list[OcrLine], part: tuple[int, int, int, int], redone: list[OcrLine]) -> list[OcrLine]:
    """The page's lines with the words read inside ``part`` left out (lines that lost words
    measured again, emptied ones dropped) and the lines read again (``redone``, placed on
    the page: :func:`shifted`) put in their place."""
    x0, x1, top, bottom = part

    def inside(w) -> bool:
        x, y = w.left + w.width / 2, w.top + w.height / 2
        return x0 <= x <= x1 and top <= y <= bottom

    out = []
    for line in lines:
        kept = [w for w in line.words if not inside(w)]
        if len(kept) <= HALF_KEPT * len(line.words) and _unsure(line):  # (its rest: the garbled line's words boxed past the part)
            kept = []
        if len(kept) < len(line.words) and kept:
            line.words = kept
            _measure(line)
        if kept:
            out.append(line)
    return out + [line for line in redone if _text(line).strip()]


def shifted(lines: list[OcrLine], part: tuple[int, int, int, int]) -> list[OcrLine]:
    """Lines read in a part of the page cut out, moved to where the part is on the page."""
    x0, _, top, _ = part
    for line in lines:
        for w in line.words:
            w.left, w.top = w.left + x0, w.top + top
        line.base += top
    return lines
