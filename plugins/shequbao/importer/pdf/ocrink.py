"""How dark a scan's OCR lines are (:mod:`.ocrlayout`): each line's share of ink inside its
words' boxes, which :mod:`.ocrsizes` reads faces from (bold, a heavier sans), and the ■
before a name, which tesseract reads as 国 or 口."""

from __future__ import annotations

from .ocrimage import DARK
from .ocrlayout import OcrLine, Word

SQUARE = 0.5  # em: the least height of a ■ (a middle dot · is solid too)
SOLID = 0.85  # share of dark pixels: a single character this solid is a ■ (read as 国 or 口)


def _is_square(dark, height: int) -> bool:
    """Whether the first mark from the left of ``dark`` (a box's pixels, True for ink) is a
    solid square about as high as the box: a ■ (tesseract's box may reach over the
    characters after it)."""
    import numpy as np

    cols = np.flatnonzero(dark.any(axis=0))
    if not len(cols):
        return False
    gaps = np.flatnonzero(np.diff(cols) > 1)
    end = cols[gaps[0]] + 1 if len(gaps) else cols[-1] + 1
    mark = dark[:, cols[0]:end]
    rows = np.flatnonzero(mark.any(axis=1))
    mark = mark[rows[0]:rows[-1] + 1]
    high, wide = mark.shape
    return high >= 0.5 * height and 0.7 <= wide / high <= 1.4 and mark.mean() >= SOLID


def measure_ink(lines: list[OcrLine], image) -> None:
    """Each line's share of dark pixels inside its words' boxes (``image``: a greyscale numpy
    array), a ■ left out; a single character that is nearly solid ink is the ■ before a name."""
    for line in lines:
        dark = total = 0
        for w in line.words:
            cut = image[w.top:w.top + w.height, w.left:w.left + w.width]
            ink = int((cut < DARK).sum())
            high = w.height >= SQUARE * line.em
            if len(w.text) == 1 and high and _is_square(_square_cut(image, w) < DARK, w.height):
                w.text = "■"
            if w.text.startswith("■"):  # its solid ink would make a ■name byline look bold
                if len(w.text) == 1:
                    continue
                cut = cut[:, w.width // len(w.text):]
                ink = int((cut < DARK).sum())
            dark += ink
            total += cut.size
        line.density = dark / total if total else 0.0


def _square_cut(image, w: Word):
    """Where a ■ read as one character may be: its box, widened to the left by half its
    height (tesseract's box of a ■ is often narrower than the ■ and starts inside it)."""
    left = max(0, w.left - w.height // 2)
    return image[w.top:w.top + w.height, left:w.left + int(1.4 * w.height)]
