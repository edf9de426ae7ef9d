"""Line-level cleanup of a scan's OCR lines (:mod:`.ocrlayout`): words read inside a photo,
lines read twice, and one line tesseract read as two side by side."""

from __future__ import annotations

from .ocrlayout import INK, OcrLine, Word, _blank, _is_han, _is_solid, _text


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


JOIN_SAME = 0.15  # relative: two lines side by side this close in size and baseline …
JOIN_GAP = 1.5  # … at most this many em apart, with no gutter-wide blank between them, are one line


def join_neighbours(lines: list[OcrLine], image) -> list[OcrLine]:
    """Two of tesseract's lines side by side on one baseline, of one size, with no blank as
    wide as a gutter between them (a headline cut where tesseract lost a quote mark: 银杏坊 |
    共享书屋”借书不用卡) are one line."""
    from .ocrlayout import GUTTER

    out: list[OcrLine] = []
    for line in sorted(lines, key=lambda ln: ln.words[0].left):
        for left in out:
            right = max(w.left + w.width for w in left.words if _is_solid(w) or w is left.words[0])  # (a box of
            # punctuation often reaches past its ink, into the gutter)
            em = max(left.em, line.em)
            same = abs(left.em - line.em) <= JOIN_SAME * em and abs(left.base - line.base) <= JOIN_SAME * em
            if not same or not 0 <= line.words[0].left - right <= JOIN_GAP * em or len(_text(left)) < 2:
                continue
            band = image[max(0, int(left.base - INK * left.em)):int(left.base) + 1]
            if _blank(band, right, line.words[0].left) < GUTTER * em:
                left.words += line.words
                break
        else:
            out.append(line)
    return out
