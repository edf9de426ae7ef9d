"""Line-level cleanup of a scan's OCR lines (:mod:`.ocrlayout`): words read inside a photo,
lines read twice, and one line tesseract read as two side by side."""

from __future__ import annotations

import re
from statistics import median

from .ocrimage import DARK, crop_bottom, flat_share
from .ocrlayout import GUTTER, INK, MARK_LOW, OcrLine, Word, _blank, _is_han, _is_solid, _text


def drop_covered(lines: list[OcrLine], pictures: list[dict], scale: float, tints: list | None = None,
                 image=None) -> list[OcrLine]:
    """The lines without the words read inside a photo (its texture taken for characters).
    A toned area with lines of Chinese text in it, most at the page's usual sizes, is a
    tinted box, not a photo: it is taken out of ``pictures`` and its text kept (a poster's
    slogans in display type stay the picture's, as a typeset PDF has them); such a box is
    added to ``tints``, as a typeset page's tinted rectangle. A box of one such line will
    do if its ground is even (``image``: a 本期导读 box; a photo's tones are not)."""
    def within(w: Word, p: dict) -> bool:
        x, y = (w.left + w.width / 2) * scale, (w.top + w.height / 2) * scale
        return p["x0"] <= x <= p["x1"] and p["top"] <= y <= p["bottom"]

    body = median(ln.em for ln in lines) if lines else 0.0

    def tinted(p: dict) -> bool:
        counts = [(sum(_is_han(c) for w in ln.words if within(w, p) for c in w.text), ln.em) for ln in lines]
        han = sum(n for n, _ in counts)
        plain = sum(n for n, em in counts if em <= DISPLAY_EM * body)
        lined = sum(n >= TEXT_LINE for n, _ in counts)
        even = image is not None and lined and flat_share(
            image, *(int(p[k] / scale) for k in ("x0", "x1", "top", "bottom"))) >= FLAT_BOX
        return (lined >= TINTED_LINES or even) and plain >= PLAIN_SHARE * han

    boxes = [p for p in pictures if tinted(p)]
    if tints is not None:
        tints += [{"x0": p["x0"], "x1": p["x1"], "top": p["top"], "bottom": p["bottom"], "stroke": False, "fill": True}
                  for p in boxes]
    pictures[:] = [p for p in pictures if p not in boxes]
    for p in pictures:
        _free_caption(p, lines, scale)

    def inside(w: Word) -> bool:
        return any(within(w, p) for p in pictures)

    out = []
    for line in lines:
        line.words = [w for w in line.words if not inside(w)]
        if line.words:
            out.append(line)
    return out


def _free_caption(p: dict, lines: list[OcrLine], scale: float) -> None:
    """A line of text read across a photo's bottom edge (a caption set right under it, whose
    ink the photo's box took in): the photo ends above it, and the line stays text."""
    def han(line: OcrLine) -> int:
        return sum(_is_han(c) for w in line.words for c in w.text)

    for line in lines:
        x0, x1 = line.words[0].left * scale, (line.words[-1].left + line.words[-1].width) * scale
        top = (line.base - INK * line.em) * scale
        reach = (line.base + EDGE_INK * line.em) * scale  # (a photo's box may end where the line's ink ends)
        if han(line) >= TEXT_LINE and x0 < p["x1"] and x1 > p["x0"] and top < p["bottom"] <= reach:
            crop_bottom(p, top)


EDGE_INK = 0.15  # em: a photo's edge this far under a line's baseline still cuts the line (its lowest strokes)
TEXT_LINE = 6  # Han characters: a line with this many inside a toned area is text …
TINTED_LINES = 3  # … and an area with this many such lines is a tinted box, not a photo …
FLAT_BOX = 0.8  # … or, with fewer, when this share of it is its even ground (ocrimage.flat_share)
PLAIN_SHARE, DISPLAY_EM = 0.5, 1.25  # … when this share of its characters is set no larger than this × the page's
# usual size (a poster's slogans in display type are pixels of a picture, as in a typeset PDF: 公益广告)
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
OVERLAP = 0.4  # em: … or their boxes overlapping this much at most (信访压力。(通讯 | 员张志举陶青运))
_CREDIT = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[\s、][\u4e00-\u9fff]{2,4})*\s?摄")  # … or a credit set after a caption's text


def join_neighbours(lines: list[OcrLine], image) -> list[OcrLine]:
    """Two of tesseract's lines side by side on one baseline, of one size, with no blank as
    wide as a gutter between them (a headline cut where tesseract lost a quote mark: 银杏坊 |
    共享书屋”借书不用卡) are one line."""

    out: list[OcrLine] = []
    for line in sorted(lines, key=lambda ln: ln.words[0].left):
        for left in out:
            right = max(w.left + w.width for w in left.words if _is_solid(w) or w is left.words[0])  # (a box of
            # punctuation often reaches past its ink, into the gutter)
            em = max(left.em, line.em)
            same = abs(left.em - line.em) <= JOIN_SAME * em and abs(left.base - line.base) <= JOIN_SAME * em
            same = same or _is_fragment(line, left)
            if not same or not -OVERLAP * em <= line.words[0].left - right <= JOIN_GAP * em or len(_text(left)) < 2:
                continue
            band = image[max(0, int(left.base - INK * left.em)):int(left.base) + 1]
            if _is_column_gutter(left, line, lines, band, em):
                continue
            first = line.words[0]  # (boxes overlapping: no gutter's white between the two words' ink either)
            span = (right, first.left) if first.left >= right else (left.words[-1].left, first.left + first.width)
            if _blank(band, *span) < GUTTER * em or _CREDIT.fullmatch(_text(line)):
                left.words += line.words
                break
        else:
            out.append(line)
    return out


MARK_GAP = 2.0  # em: a lone ■ opens the words on its baseline this near after it


def join_marks(lines: list[OcrLine]) -> list[OcrLine]:
    """A ■ that tesseract read as a line of its own (:mod:`.ocrink` told it from 国 or 口)
    opens the line standing on its baseline right after it (■ 段汉明: a byline set loose
    flush right; cut from its name it would be a paragraph of its own, the name another)."""
    out = list(lines)
    for mark in [ln for ln in lines if _text(ln) == "■"]:
        right = mark.words[0].left + mark.words[0].width
        em = max(mark.words[0].height, mark.em)
        after = [ln for ln in out if ln is not mark and abs(ln.base - mark.base) <= 0.5 * em
                 and 0 <= ln.words[0].left - right <= MARK_GAP * max(em, ln.em)]
        if after:
            line = min(after, key=lambda ln: ln.words[0].left)
            line.words.insert(0, mark.words[0])
            out.remove(mark)
    return out


COLUMN_PITCH = 2.5  # em: a line this near above or under …
COLUMN_ALIGN = 0.6  # … that starts this near where a piece starts tells a column starts there


def _is_column_gutter(left: OcrLine, line: OcrLine, lines: list[OcrLine], band, em: float) -> bool:
    """Whether ``line`` was cut from ``left`` at a column gutter: the white between their ink
    (boxes beside a gutter reach into it: :func:`.ocrlayout.split_gutters` noted where it lies)
    is as wide as a gutter, and a line just above or under starts where ``line`` starts
    (两栏 read as one line: 为民 | 局、规划; not a byline's or a 报尾's wide space)."""
    right = max(min(w.left + w.width, w.ink[1]) for w in left.words if _is_solid(w) or w is left.words[0])
    start = max(line.words[0].left, line.words[0].ink[0])
    if _blank(band, right, start) < GUTTER * em:
        return False
    return any(other is not line and 0.5 * em < abs(other.base - line.base) <= COLUMN_PITCH * em
               and abs(other.em - line.em) <= JOIN_SAME * em
               and abs(max(other.words[0].left, other.words[0].ink[0]) - start) <= COLUMN_ALIGN * em for other in lines)


FRAGMENT = 2  # characters: a piece this short has no size of its own to tell …


def _is_fragment(piece: OcrLine, line: OcrLine) -> bool:
    """… and stands inside ``line``'s band (tesseract read a character or two of a line as a
    block apart, measured at a size of their own: （来源：社 | 区 | 治办）)."""
    return len(_text(piece)) <= FRAGMENT and all(
        line.base - TALL_BAND * line.em <= w.top and w.top + w.height <= line.base + LOW_BAND * line.em for w in piece.words)


TALL_BAND, LOW_BAND = 1.2, 0.3  # em: a line's band above and under its baseline


def fit_gutters(lines: list[OcrLine]) -> list[OcrLine]:
    """The boxes beside a gutter drawn back to its white, once the lines are cut and joined
    (:func:`.ocrlayout.split_gutters`, :func:`join_neighbours`): tesseract's boxes of loosely
    spaced text reach into a narrow gutter, over the next column's, and a column's edge is
    read from them (two columns whose boxes meet in the gutter are read as one)."""
    for line in lines:
        for w in line.words:
            right, left = min(w.left + w.width, w.ink[1]), max(w.left, w.ink[0])
            if right - left >= 1:
                w.left, w.width = int(left), int(right - left)
    return lines


def settle_end_marks(lines: list[OcrLine], image) -> list[OcrLine]:
    """The marks ending a line, when the first of them has no ink in the left half of its box,
    even a little under the line (五” |, 杨树。” | read in the white of the gutter after a
    column's line): all boxed at the line's last ink, so the column is no wider for them (it
    would reach over the next column's start, and the two be read as one)."""
    import numpy as np

    for line in lines:
        band = image[max(0, int(line.base - INK * line.em)):int(line.base + MARK_LOW * line.em) + 1]
        inked = (band < DARK).any(axis=0) if band.size else None
        tail = len(line.words)
        while inked is not None and tail > 1 and not _is_solid(line.words[tail - 1]):
            tail -= 1
        ends = line.words[tail:] if inked is not None else []
        first = ends[0] if ends else None  # (a real mark's ink is in its box's left half, by the character before)
        if first is None or inked[max(0, first.left):first.left + max(1, min(first.width // 2, int(line.em / 2)))].any():
            continue
        edge = np.flatnonzero(inked[:max(0, ends[0].left)])
        if len(edge) and not _reaches_text_beside(line, ends, lines):
            for w in ends:
                w.left, w.width = int(edge[-1]), 1
    return lines


def _reaches_text_beside(line: OcrLine, ends: list[Word], lines: list[OcrLine]) -> bool:
    """Whether the marks' boxes reach text on the line's baseline that is no column's start
    (a caption's credit: 殊荣。“ | 文/图 杨惠明, the box read beside the 。 bridging the space)."""
    reach = ends[-1].left + ends[-1].width
    for other in lines:
        start = other.words[0].left
        if other is line or abs(other.base - line.base) > JOIN_SAME * line.em or not ends[0].left <= start <= reach:
            continue
        if not any(o is not other and 0.5 * line.em < abs(o.base - other.base) <= COLUMN_PITCH * line.em
                   and abs(o.words[0].left - start) <= COLUMN_ALIGN * line.em for o in lines):
            return True
    return False


BULLET_BASE = 0.5  # em: a ● this near a line's baseline …
BULLET_REACH = 2.5  # … and at most this far left of its first word starts it


def join_bullets(lines: list[OcrLine]) -> list[OcrLine]:
    """A ● read as a line of its own (the blank set after it is as wide as a gutter, so the
    line was cut there) put before the text on its right: an item of 一句话新闻 starts with it."""
    bullets = [ln for ln in lines if _text(ln) == "●"]
    out = [ln for ln in lines if _text(ln) != "●"]
    for dot in bullets:
        end = dot.words[-1].left + dot.words[-1].width
        right = [ln for ln in out if abs(ln.base - dot.base) <= BULLET_BASE * ln.em
                 and 0 <= ln.words[0].left - end <= BULLET_REACH * ln.em]
        if right:
            min(right, key=lambda ln: ln.words[0].left).words.insert(0, dot.words[0])
        else:
            out.append(dot)
    return out


LABEL_EM = 1.15  # × the page's usual size: a column label misread by one character is set at least this large


def mend_labels(lines: list[OcrLine]) -> None:
    """A line set larger than the page's text that reads as a column label of four or more
    characters with one misread, a character tesseract doubted (一名话新闻, 名 at 45): the label,
    so its items are read as its kind. A headline read surely (社区动员) is left as it is."""
    from ..masthead import SECTION_LABELS

    usual = median(ln.em for ln in lines) if lines else 0.0
    for line in lines:
        text = _text(line)
        if line.em < LABEL_EM * usual or len(text) < 4 or text in SECTION_LABELS:
            continue
        near = [label for label in SECTION_LABELS if len(label) == len(text) and sum(a != b for a, b in zip(label, text)) == 1]
        if len(near) == 1 and _doubts(line, next(i for i, (a, b) in enumerate(zip(near[0], text)) if a != b)):
            _retext_start(line, len(text), near[0])


LABEL_DOUBT = 70.0  # tesseract's confidence: a label's character read below it may be misread


def _doubts(line: OcrLine, index: int) -> bool:
    """Whether tesseract doubted the word that holds the line's character ``index``."""
    for w in line.words:
        if index < len(w.text):
            return w.conf < LABEL_DOUBT
        index -= len(w.text)
    return False


HEADER_BAND = 0.08  # of the page's height: a 版's header line (第1版 要闻) stands this high
# 第1版 read with its number lost or garbled (第]版, 第版) or its 版 misread (第3浅): not 第42期
_GARBLED_HEADER = re.compile(r"第([^\w\u4e00-\u9fff]?)版|第(\d{1,2})([\u4e00-\u9fff])|第([\u4e00-\u9fff])(?=[”“\"|｜\s])")
# (or its number and 版 read as one character before the mark or space that parts it from the 版's name: 第到”文化)
_NOT_BAN = "版期页号卷年章节条届次"
_NUMERALS = "一二三四五六七八九十"


def mend_header(lines: list[OcrLine], number: int, height: int) -> None:
    """The header of the ``number``-th page of a scan whose 版 number OCR lost (第]版 要闻)
    or whose 版 it misread (第3浅 综合, on the third page): read as 第N版, so the page is told
    apart and a story 下转第N版 finds its second part."""
    for line in lines:
        text = _text(line)
        if line.base > HEADER_BAND * height or not text.startswith("第") or re.match(r"第\s*\d{1,3}\s*版", text):
            continue
        m = _GARBLED_HEADER.match(text)
        if m is None or (m[2] and (int(m[2]) != number or m[3] in _NOT_BAN)) or (m[4] and m[4] in _NOT_BAN + _NUMERALS):
            continue
        _retext_start(line, m.end(), f"第{number}版")


FOLIO_BAND = 0.05  # of the page's height: a page number stands this near its bottom, under all text


def mend_folio(lines: list[OcrLine], number: int, height: int) -> None:
    """The page number of the ``number``-th page of a scan misread as a character (2 read as
    已): one character alone at the page's foot, under every other line, is the number (a
    typeset page's folio, which the reader knows; else its 已 would end the last story)."""
    if not lines:
        return
    last = max(lines, key=lambda ln: ln.base)
    text = _text(last)
    if len(text) == 1 and not text.isdigit() and last.base >= (1 - FOLIO_BAND) * height \
            and all(ln.base < last.base - 2 * ln.em for ln in lines if ln is not last):
        _retext_start(last, 1, str(number))


def _retext_start(line: OcrLine, count: int, text: str) -> None:
    """The line's first ``count`` characters read as ``text`` (their words made one)."""
    taken, words = 0, []
    while line.words and taken < count:
        w = line.words.pop(0)
        if taken + len(w.text) > count:  # the word goes on past them: its rest stays a word
            cut = count - taken
            line.words.insert(0, Word(w.left + w.width * cut // len(w.text), w.top, w.width - w.width * cut // len(w.text),
                                      w.height, w.text[cut:], w.conf))
            w = Word(w.left, w.top, w.width * cut // len(w.text), w.height, w.text[:cut], w.conf)
        words.append(w)
        taken += len(w.text)
    left, right = min(w.left for w in words), max(w.left + w.width for w in words)
    top, bottom = min(w.top for w in words), max(w.top + w.height for w in words)
    line.words.insert(0, Word(left, top, right - left, bottom - top, text, min(w.conf for w in words)))
