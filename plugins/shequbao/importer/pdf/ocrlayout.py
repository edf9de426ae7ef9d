"""A scanned page as the visual pipeline sees a typeset one: tesseract's TSV (word boxes)
and the page image → OCR lines with their baseline, size and ink.

- **Lines.** A line's size is the median height of its Han characters (the ink of a Han
  character fills about ``INK`` of its em), checked against the characters' advance; a
  blank wider than ``GUTTER`` em inside one of tesseract's lines is a column gutter, and the
  line is cut there.
- **Sizes and faces** are read by :mod:`.ocrsizes` (from the ink :mod:`.ocrink` measures), the characters with their positions by
  :mod:`.ocrchars`.

What the page image shows besides text (rules, boxes, photos, label bands) is read by
:mod:`.ocrimage`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .ocrimage import DARK, faint_rules

INK = 0.92  # a Han character's ink height, in em
PERCENTILE = 0.3  # of a line's Han character heights: its ink height
TALL = 1.3  # × the ink height: boxes this tall may reach over another line
TINY = 0.6  # × the median height: a character's box this low is a part of it
SLIVER = 0.3  # × the median height: a one-character box this narrow is a stroke of it
FLAT = "一二三"  # Han characters whose ink is not as tall as the others'
MIN_ADVANCE = 0.5  # of the size told by the boxes' heights: a smaller advance is not believed
NARROW = 0.55  # em: the advance of a digit or Latin letter
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’《》、。，]")
MIN_CONF = 20.0  # tesseract's confidence: a word below it is noise (a photo's texture)


@dataclass
class Word:
    left: int
    top: int
    width: int
    height: int
    text: str
    conf: float = 100.0  # tesseract's confidence
    ink: tuple[float, float] = (float("-inf"), float("inf"))  # x: a gutter's white on either side (ocrlines.fit_gutters)


@dataclass
class OcrLine:
    words: list[Word] = field(default_factory=list)
    em: float = 0.0  # pixels
    base: float = 0.0  # the bottom of its Han characters' ink, pixels
    density: float = 0.0  # share of dark pixels in its words' boxes
    tall: bool = False  # its boxes are much taller than its characters: the baseline is read from the ink
    advance: float = 0.0  # pixels: the characters' advance, when it was not believed


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
        lines.setdefault(key, OcrLine()).words.append(Word(*box, cells[11].strip(), conf))
    out = [line for line in lines.values() if line.words]
    for line in out:  # tesseract's order (a word's box may reach over the next one's)
        _measure(line)
    for line in out:
        if line.advance and line.em > _pitch(line, out):
            _believe_advance(line)
    return out


def _pitch(line: OcrLine, lines: list[OcrLine]) -> float:
    """How far the line's baseline is under the nearest baseline above it in its column."""
    x0, x1 = line.words[0].left, line.words[-1].left + line.words[-1].width
    above = [o.base for o in lines if o.base < line.base and o.words[0].left < x1
             and o.words[-1].left + o.words[-1].width > x0]
    return line.base - max(above) if above else float("inf")


def _believe_advance(line: OcrLine) -> None:
    """A line whose boxes' height would reach over the line above it (tesseract boxed its
    characters as tall as two lines; its advance, not believed then, said the truth): its em
    is the advance, its baseline read from the boxes about that high."""
    line.em, line.tall = line.advance, True
    low = [w.top + w.height for w in line.words if w.height <= 1.15 * INK * line.em]
    if low:
        line.base = median(low)


def _measure(line: OcrLine) -> None:
    """The line's em and baseline from its Han characters: tesseract's box of a character is
    now and then as tall as the line pitch, so a low percentile of their heights is taken
    (boxes under ``TINY`` × the median height, a stroke or a dot boxed alone, left out, and
    so are slivers: one character boxed far narrower than it is high)."""
    han = [w for w in line.words if any(_is_han(c) for c in w.text) and w.text not in FLAT]
    sample = sorted(han or line.words, key=lambda w: w.height)
    middle = sample[(len(sample) - 1) // 2].height  # (of two, the lower: one box as tall as the pitch is common)
    sample = [w for w in sample if w.height >= TINY * middle and not _is_sliver(w, middle)]
    pick = sample[int(PERCENTILE * (len(sample) - 1))]
    line.em = pick.height / (INK if han else 1.0)
    inner = [i for i, w in enumerate(line.words) if any(_is_han(c) for c in w.text)]
    words = line.words[inner[0]:inner[-1] + 1] if inner else []  # quotes at the ends have narrow ink
    units = sum(1.0 if _is_wide(c) else NARROW for w in words for c in w.text)
    if han and units >= 2:  # a box as tall as the line pitch is common: the characters' advance tells too
        advance = (words[-1].left + words[-1].width - words[0].left) / units
        if advance >= MIN_ADVANCE * line.em:  # (less: boxes out of order, not a narrower type)
            line.em = min(line.em, advance)
        else:
            line.advance = advance  # (believed if the line would reach over the one above it)
    line.base = median(w.top + w.height for w in sample if w.height <= 1.15 * pick.height)
    line.tall = bool(han) and pick.height > TALL * INK * line.em  # the boxes reach over another line


def _is_sliver(w: Word, middle: float) -> bool:
    """One character boxed as a sliver (编 2 pixels wide: its left stroke), whose height tells no size."""
    return len(w.text) == 1 and w.width < SLIVER * middle


GUTTER = 0.9  # em: a blank this wide inside one of tesseract's lines is a column gutter
OPENING = ("“", "‘", "《", "〈", "（", "「", "(")  # marks that never end a line (GB/T 15834 line breaking)
PIECE_CHARS = 4  # characters: a shorter piece of a line cut at a gutter keeps the line's size


def split_gutters(lines: list[OcrLine], image) -> list[OcrLine]:
    """tesseract's lines cut where a blank as wide as a column gutter runs between two of
    their words (it reads two columns of a box, or a headline and the text beside it, as
    one line); each piece is measured again, a short one keeps the line's size."""
    out = []
    for line in lines:
        if line.tall:
            settle_base(line, image)
        band, rules = _without_rules(image, line)
        words = [w for w in line.words if _is_solid(w) or not (
                 _on_rule(rules, w, RULE_SLACK * line.em if _RULE_MARK.fullmatch(w.text) else 0.0) or _is_noise(band, w))]
        words = [w for w in words if not _drop_phantom_quote(band, w, line.em)]
        if not words:
            continue
        pieces, right, mid = [[words[0]]], words[0].left + words[0].width, words[0].left + words[0].width / 2
        for w in words[1:]:  # (the blank is looked for between the boxes' middles: a box often reaches past its ink)
            last = pieces[-1][-1]  # (no line ends in “: its ink sits by the next word; unless tesseract doubts it)
            opening = last.text.endswith(OPENING) and last.conf >= PHANTOM_DOUBT
            blank = _blank(band, mid, w.left + w.width / 2) if _is_solid(w) and not opening else 0.0
            tail = "".join(x.text for x in pieces[-1][-2:])  # (。 and 〈 may be boxed apart)
            blank -= 0.0 if _is_noise(band, last, PHANTOM_DOUBT) else _marks_blank(tail, w.text) * line.em
            if blank >= GUTTER * line.em:  # (boxes of loosely spaced text overlap across it: ocrlines.fit_gutters)
                _mark_gutter(pieces[-1], w, _blank_span(band, mid, w.left + w.width / 2))
                _settle_phantom_end(image, line, pieces[-1])
            if blank >= GUTTER * line.em or _is_solid(w) and _on_rule(rules, Word(int(mid), 0, int(w.left + w.width / 2 - mid), 0, "")):
                pieces.append([])  # a gutter, or a box's side between them (a line never crosses it)
            pieces[-1].append(w)
            if _is_solid(w) and w.left + w.width > right:  # (a stray mark in the gutter does not narrow it)
                right, mid = w.left + w.width, w.left + w.width / 2
        pieces = [_without_stray_end(band, _without_open_end(words), line.em) for words in pieces]
        for words in pieces if len(pieces) > 1 else ():
            piece = OcrLine(words, line.em, line.base)
            if len(_text(piece)) >= PIECE_CHARS:
                _measure(piece)
            out.append(piece)
        if len(pieces) == 1:
            line.words = pieces[0]
            out.append(line)
    for line in out:
        settle_ink(line, image)
    return out


MARK_LOW = 0.3  # em: a mark's ink may sit this far under the baseline read


def _settle_phantom_end(image, line: OcrLine, words: list[Word]) -> None:
    """A doubted mark read in the white (:func:`_is_noise`) ending a piece before a gutter: boxed at its edge."""
    w = words[-1]
    low = image[max(0, int(line.base - INK * line.em)):int(line.base + MARK_LOW * line.em) + 1]
    if len(words) > 1 and w.ink[1] <= w.left and _is_noise(low, w, PHANTOM_DOUBT):
        w.left, w.width = int(w.ink[1]) - 1, 1


def _marks_blank(left: str, right: str) -> float:
    """The blank (em) that full-width marks leave inside their own boxes between two words:
    a 。 has its ink in its box's left half, a （ after a mark in its right half (工作。（通讯员 …）
    and 进行。 陈凯庭 摄 are one line, not cut at a gutter; so are 尚。〈 | 社区党群办)). A ，or 、
    is not counted: a column's line ending in one has only a narrow gutter after it."""
    if left.endswith(tuple(OPENING_MARKS)) and left[:-1].endswith(tuple(CLOSING_MARKS)):
        return _marks_blank(left[:-1], left[-1])
    return MARK_HALF * (left.endswith("。") + right.startswith(tuple(OPENING_MARKS))) if left.endswith(tuple(CLOSING_MARKS)) else 0.0


MARK_HALF = 0.5  # em
CLOSING_MARKS = "，。、；：！？）》〉"  # (not a closing quote: a headline's ” is set against its gutter as often)
OPENING_MARKS = "（《〈("


def _mark_gutter(left: list[Word], right: Word, span: tuple[float, float]) -> None:
    """The words on either side of a gutter told where its white ``span`` lies."""
    for w in left:
        w.ink = (w.ink[0], min(w.ink[1], span[0]))
    right.ink = (max(right.ink[0], span[1]), right.ink[1])


def _without_stray_end(band, words: list[Word], em: float) -> list[Word]:
    """The words without the punctuation at their end whose box has no ink under it and
    starts a gutter's width past the line's last ink (tesseract reads the blank of a gutter
    as 。。: a headline read as ending in 。 would be taken for a paragraph's last line)."""
    import numpy as np

    solid = [i for i, w in enumerate(words) if _is_solid(w)]
    for i in range(solid[-1] + 1 if solid else len(words), len(words)):
        w = words[i]
        inked = np.flatnonzero((band[:, :max(0, w.left + w.width)] < DARK).any(axis=0))
        if len(inked) and w.left - inked[-1] >= GUTTER * em:
            return words[:i]
    return words


RULE_REACH = 2.5  # em: ink running this far up (or down) from a line's band, unbroken, is a vertical rule


def _without_rules(image, line: OcrLine):
    """The line's band of the page image, a box's vertical rule in it whitened (tesseract
    reads it as | between two columns, a grey hairline as ，: the gutter is no narrower for
    it), and the rule's columns."""
    top = int(line.base - INK * line.em)
    band = image[max(0, top):int(line.base) + 1]
    up = image[max(0, int(line.base - RULE_REACH * line.em)):int(line.base + 0.5 * line.em) + 1]
    down = image[max(0, top):int(line.base + RULE_REACH * line.em) + 1]  # (a box's first line: its rules start above it)
    rules = None
    for reach in (r for r in (up, down) if r.size):
        found = (reach < DARK).all(axis=0) | faint_rules(reach)
        rules = found if rules is None else rules | found
    if rules is None or not rules.any():
        return band, None
    band = band.copy()
    band[:, rules] = 255
    return band, rules


def _is_solid(w: Word) -> bool:
    """A word with a character or digit in it (not punctuation alone)."""
    return any(c.isalnum() for c in w.text)


def _is_noise(band, w: Word, doubt: float = MIN_CONF) -> bool:
    """Punctuation tesseract doubts (below ``doubt``), with no ink under it in ``band``: read in
    a blank, a column gutter (以。| 预计). (Its boxes of sure punctuation are often beside the ink.)"""
    return not _is_solid(w) and w.conf < doubt and band.size > 0 and not (band[:, max(0, w.left):w.left + w.width] < DARK).any()


QUOTES = "“”\"‘’'"
PHANTOM_CONF = 10.0  # tesseract's confidence: a lone quote mark read in a blank (a gutter) is below it
PHANTOM_BLANK = 0.5  # em: a doubted quote opening a word this far left of the word's ink was read in a blank
PHANTOM_DOUBT = 70.0  # … doubted: the word's confidence is below this (real ones there read 90 and more)


def _drop_phantom_quote(band, w: Word, em: float) -> bool:
    """A quote mark tesseract read in a blank: a space of small print, a column gutter (it
    then joins two columns' lines across the gutter). True when the word is only that mark,
    doubted, with no ink in the left half of its box (its boxes are tight round real ink);
    a doubted word that opens with one whose ink starts ``PHANTOM_BLANK`` em to the right
    loses the mark and its box starts at the ink."""
    if not w.text or w.text[0] not in QUOTES:
        return False
    inked = (band[:, max(0, w.left):w.left + w.width] < DARK).any(axis=0) if band.size else None
    if inked is None or not inked.any():
        return w.conf < PHANTOM_CONF
    first = int(inked.argmax())
    if len(w.text.strip(QUOTES)) == 0:
        return w.conf < PHANTOM_CONF and first >= max(1, w.width // 2)
    if first >= PHANTOM_BLANK * em and w.conf < PHANTOM_DOUBT:
        w.text, w.left, w.width = w.text[1:], w.left + first, w.width - first
    return False


def _without_open_end(words: list[Word]) -> list[Word]:
    """A doubted lone “ ending a line (or a piece of one cut at a gutter) was read in the
    blank after it: an opening quote never ends a line (行尾禁则)."""
    while len(words) > 1 and words[-1].text[-1:] in ("“", "‘", '"') and words[-1].conf < PHANTOM_DOUBT:
        if len(words[-1].text) == 1:
            words = words[:-1]
        else:  # 。“ : the full stop stays
            words[-1].text = words[-1].text[:-1]
    return words


RULE_SLACK = 0.3  # em: a stroke mark this near a vertical rule is the rule read as a character
_RULE_MARK = re.compile(r"[|｜¦!！\[\]]+")


def _on_rule(rules, w: Word, slack: float = 0.0) -> bool:
    """Whether a vertical rule runs through the word's box, or (``slack``, pixels) beside it
    (tesseract's boxes of punctuation are often beside its ink, so the ink in them tells
    nothing; a box's side read as | is boxed beside the rule)."""
    if rules is None:
        return False
    return bool(rules[max(0, int(w.left - slack)):max(0, int(w.left + w.width + slack))].any())


def settle_base(line: OcrLine, image) -> None:
    """The baseline of a line whose boxes reach over the line above or under it (tesseract
    boxes a headline's characters down over its 副题): the bottom of the band one
    character high that holds the most ink within the boxes."""
    import numpy as np

    top, bottom = min(w.top for w in line.words), max(w.top + w.height for w in line.words)
    x0, x1 = min(w.left for w in line.words), max(w.left + w.width for w in line.words)
    high = max(1, int(INK * line.em))
    rows = (image[top:bottom, x0:x1] < DARK).sum(axis=1)
    if len(rows) <= high:
        return
    sums = np.convolve(rows, np.ones(high, dtype=int), mode="valid")
    line.base = float(top + int(sums.argmax()) + high)


INK_GAP = 3  # pixels: blank rows this few inside one line's ink (a 三's strokes) do not part it
TOO_TALL = 0.85  # a line whose ink band is under this share of the height its boxes tell …


def settle_ink(line: OcrLine, image) -> None:
    """The size and baseline of a line whose boxes are much taller than its ink (tesseract
    boxes a paragraph's short last line, 260份。, as tall as a line and a half: read as larger
    type it would be taken for a headline): the band of rows with the most ink within the
    boxes, the blank between two lines parting it from a neighbour's ink, gives the height."""
    import numpy as np

    han = [w for w in line.words if any(_is_han(c) for c in w.text) and w.text not in FLAT]
    if not han:
        return
    top, bottom = min(w.top for w in line.words), max(w.top + w.height for w in line.words)
    x0, x1 = min(w.left for w in line.words), max(w.left + w.width for w in line.words)
    rows = (image[max(0, top):bottom, max(0, x0):x1] < DARK).sum(axis=1)
    inked = np.flatnonzero(rows)
    if not len(inked):
        return
    cuts = np.flatnonzero(np.diff(inked) > INK_GAP + 1)
    runs = np.split(inked, cuts + 1)
    run = max(runs, key=lambda r: int(rows[r[0]:r[-1] + 1].sum()))
    em = (run[-1] - run[0] + 1) / INK
    if em < TOO_TALL * line.em:
        line.em, line.base = float(em), float(top + run[-1] + 1)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _text(line: OcrLine) -> str:
    return "".join(w.text for w in line.words)

def _blank(band, start: float, end: float) -> float:
    """The widest run of ink-free columns of ``band`` between x ``start`` and ``end`` (pixels)."""
    if end - start < 2 or not band.size:
        return 0.0
    runs = _blank_runs((band[:, int(start):int(end)] < DARK).any(axis=0))
    return float((runs[:, 1] - runs[:, 0]).max()) if len(runs) else 0.0


def _blank_span(band, start: float, end: float) -> tuple[float, float]:
    """Where the widest blank of ``band`` between x ``start`` and ``end`` lies, up to the ink on either side."""
    import numpy as np

    inked = (band < DARK).any(axis=0)
    runs = _blank_runs(inked[int(start):int(end)])
    left, right = (int(start) + int(x) for x in runs[int((runs[:, 1] - runs[:, 0]).argmax())])
    ink_left, ink_right = np.flatnonzero(inked[:left]), np.flatnonzero(inked[right:])
    return float(ink_left[-1] + 1) if len(ink_left) else 0.0, float(right + ink_right[0]) if len(ink_right) else len(inked)


def _blank_runs(inked):
    """The runs of ink-free columns of ``inked`` (a row of flags, True for ink): (start, end) rows."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate(([1], inked.view(np.int8), [1]))))
    return edges.reshape(-1, 2)


def _is_wide(char: str) -> bool:
    return bool(_HAN.match(char))
