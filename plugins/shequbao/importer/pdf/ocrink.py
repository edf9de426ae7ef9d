"""How dark a scan's OCR lines are (:mod:`.ocrlayout`): each line's share of ink inside its
words' boxes, which :mod:`.ocrsizes` reads faces from (bold, a heavier sans), the ■ before a
name, which tesseract reads as 国 or 口, the □ before a role word (read as 口), and the ●
before an item of 一句话新闻 (read as 二, 鲜 or @@)."""

from __future__ import annotations

import re

from .ocrimage import DARK
from .ocrlayout import QUOTES, OcrLine, Word, _is_han

SQUARE = 0.5  # em: the least height of a ■ (a middle dot · is solid too)
SOLID = 0.85  # share of dark pixels: a single character this solid is a ■ (read as 国 or 口)
DISC, DISC_FILL = 0.3, 0.68  # em, share of dark pixels: a round mark this high and solid is a ● (π/4 of its box)


def _is_square(dark, height: int) -> bool:
    """Whether the first mark from the left of ``dark`` (a box's pixels, True for ink) is a
    solid square about as high as the box: a ■ (tesseract's box may reach over the
    characters after it)."""
    mark = _first_mark(dark)
    if mark is None:
        return False
    high, wide = mark.shape
    return high >= 0.5 * height and 0.7 <= wide / high <= 1.4 and mark.mean() >= SOLID


def _is_disc(dark, em: float) -> bool:
    """The first mark of ``dark`` is a solid round dot: the ● before an item of 一句话新闻 (read as 二, 鲜 or @@)."""
    mark = _first_mark(dark)
    high, wide = mark.shape if mark is not None else (0, 0)
    return high >= max(1.0, DISC * em) and 0.75 <= wide / high <= 1.33 and DISC_FILL <= mark.mean() < SOLID


def _first_mark(dark):
    """The first mark from the left of ``dark`` (True for ink), cut to its ink; None if blank."""
    import numpy as np
    cols = np.flatnonzero(dark.any(axis=0))
    if not len(cols):
        return None
    gaps = np.flatnonzero(np.diff(cols) > 1)
    mark = dark[:, cols[0]:cols[gaps[0]] + 1 if len(gaps) else cols[-1] + 1]
    rows = np.flatnonzero(mark.any(axis=1))
    return mark[rows[0]:rows[-1] + 1]


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
            elif w is line.words[0] and _may_be_disc(w.text) and _is_disc(_square_cut(image, w) < DARK, line.em):
                w.text = "●"
            elif w is line.words[0] and w.text.startswith("口") and _HOLLOW_BYLINE.match("".join(x.text for x in line.words)):
                w.text = "□" + w.text[1:]
            if w.text.startswith("■"):  # its solid ink would make a ■name byline look bold
                if len(w.text) == 1:
                    continue
                cut = cut[:, w.width // len(w.text):]
                ink = int((cut < DARK).sum())
            dark += ink
            total += cut.size
        line.density = dark / total if total else 0.0


# □ 通讯员 薛明珠: the hollow square before a byline's role word, read as the character 口
_HOLLOW_BYLINE = re.compile(r"口\s*(?:本报记者|特约记者|记者|通讯员|实习生|摄影)")


def _may_be_disc(text: str) -> bool:
    """A word a ● may have been read as: one Han character (二, 鲜) or marks alone (@@)."""
    return len(text) == 1 and _is_han(text) or bool(text) and not any(c.isalnum() for c in text) and not set(text) <= set(QUOTES)


def _square_cut(image, w: Word):
    """Where a ■ read as one character may be: its box, widened to the left by half its
    height (tesseract's box of a ■ is often narrower than the ■ and starts inside it)."""
    left = max(0, w.left - w.height // 2)
    return image[w.top:w.top + w.height, left:w.left + int(1.4 * w.height)]
