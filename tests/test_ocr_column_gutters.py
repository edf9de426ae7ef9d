"""Scans of a 4开 page in five narrow columns: where tesseract reads two columns as one
line, the OCR lines the visual reader gets must keep the columns apart (their text
interleaved otherwise, and a story's first and last lines are another column's). Made here
from synthetic word boxes and page images — no OCR (scripts/eval_foreign.py sikai --scan
measures the whole).
"""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters
from shequbao.importer.pdf.ocrlines import fit_gutters, join_neighbours

EM, PITCH, GUTTER_PX = 28, 30, 36  # pixels: a character's ink, its advance, the white between two columns


def _page(boxes: list[tuple[int, int, int, int]]):
    """A white page image (grey) with black boxes (left, top, width, height) as characters' ink."""
    image = np.full((400, 1200), 255, dtype=np.uint8)
    for left, top, width, height in boxes:
        image[top:top + height, left:left + width] = 0
    return image


def _row(text: str, left: int, top: int) -> list[Word]:
    return [Word(left + PITCH * i, top, EM, EM, c) for i, c in enumerate(text)]


def _texts(lines: list[OcrLine]) -> list[str]:
    return sorted("".join(w.text for w in ln.words) for ln in lines)


def _read(lines: list[OcrLine], image) -> list[OcrLine]:
    return fit_gutters(join_neighbours(split_gutters(lines, image), image))


def test_two_columns_read_as_one_line_stay_apart_though_a_box_reaches_into_the_gutter():
    """明）桂园路街道今年把加装电梯列为为民 | 局、规划资源局建立了联合会审机制: tesseract read
    both columns as one line and boxed 民 far into the gutter. The line is cut at the
    gutter's white, and the two pieces are not joined again, since the lines above and
    under start their second column where the piece does (a column). A byline's wide
    space on a line of its own (通讯员  潘拯) is no column: it stays one line."""
    second = 100 + PITCH * 8 + GUTTER_PX
    above, middle, under = (_row("办实事项目的第一", 100, top) + _row("料齐全的项目十个", second, top) for top in (40, 80, 120))
    image = _page([(w.left, w.top, w.width, w.height) for w in above + middle + under])
    middle[7] = Word(middle[7].left, 80, EM + 24, EM, middle[7].text)  # 民's box reaches into the gutter
    lines = _read([OcrLine(row, 30.0, top + EM) for row, top in ((above, 40), (middle, 80), (under, 120))], image)
    assert _texts(lines) == sorted(["办实事项目的第一", "料齐全的项目十个"] * 3)

    byline = _row("通讯员", 100, 250) + _row("潘拯", 100 + PITCH * 3 + GUTTER_PX - 2, 250)
    image = _page([(w.left, w.top, w.width, w.height) for w in byline])
    byline[2] = Word(byline[2].left, 250, EM + 24, EM, byline[2].text)
    assert _texts(_read([OcrLine(byline, 30.0, 250 + EM)], image)) == ["通讯员潘拯"]


def test_a_doubted_mark_read_in_the_gutter_neither_narrows_it_nor_widens_the_column():
    """楼里六十岁以。| 预计年底前全部完工: tesseract read a 。 in the gutter's white (no ink under
    it, doubted). The line is still cut there (the blank a real 。 leaves in its box is not
    taken off the gutter), and the column ends at its ink, not at the mark's box."""
    left = _row("楼里六十岁以", 100, 100)
    right = _row("预计年底前全部", 100 + PITCH * 6 + GUTTER_PX, 100)
    image = _page([(w.left, w.top, w.width, w.height) for w in left + right])
    mark = Word(left[-1].left + EM + 12, 100, 10, EM, "。", conf=32.0)
    lines = _read([OcrLine(left + [mark] + right, 30.0, 100 + EM)], image)
    assert _texts(lines) == sorted(["楼里六十岁以。", "预计年底前全部"])
    column = next(ln for ln in lines if ln.words[0].text == "楼")
    assert max(w.left + w.width for w in column.words) <= left[-1].left + EM + 1


def test_a_full_stop_and_an_opening_bracket_are_no_gutter_boxed_together_or_apart():
    """…文明创建新风尚。（社区党群办）: the white inside the boxes of 。 and （ (the 。's right
    half, the （'s left half) is as wide as a gutter; it is the marks' own, so the source
    line stays one line after the body's last sentence, whether tesseract read the two
    marks as one word 。〈 or as two."""
    ink = [(100 + PITCH * i, 100, EM, EM) for i in range(3)] + [(100 + PITCH * i, 100, EM, EM) for i in range(5, 10)]
    ink += [(100 + PITCH * 3, 120, 8, 8), (100 + PITCH * 5 - 8, 100, 6, EM)]  # 。 low in its box's left half, （ at its right
    after = _row("社区党群办", 100 + PITCH * 5, 100) + [Word(100 + PITCH * 10, 100, 8, EM, ")")]
    together = [Word(100 + PITCH * 3, 100, 2 * PITCH, EM, "。〈", conf=68.0)]
    apart = [Word(100 + PITCH * 3, 100, 14, EM, "。", conf=54.0), Word(100 + PITCH * 5 - 10, 100, 8, EM, "〈", conf=54.0)]
    for marks in (together, apart):
        lines = _read([OcrLine(_row("新风尚", 100, 100) + marks + after, 30.0, 100 + EM)], _page(ink))
        assert _texts(lines) == ["新风尚。〈社区党群办)"]


def test_a_mark_read_in_the_white_after_a_column_line_does_not_reach_the_next_column():
    """海洋大学等五” | 馆、百年名校: tesseract read a ” in the gutter after a column's line,
    its box reaching over the next column's first character; the column's line would then
    overlap the next column and the two be read as one. The mark's box is drawn back to
    the line's last ink; a real 。 (its ink in its box's left half) stays where it is, and
    so does a box bridging the space to a caption's credit beside it (no column starts there)."""
    from shequbao.importer.pdf.ocrlines import settle_end_marks

    left = _row("海洋大学等五", 100, 100)
    ink = [(w.left, w.top, w.width, w.height) for w in left] + [(100 + PITCH * 6 + 20, 100, EM, EM)]  # 馆, the next column
    phantom = Word(100 + PITCH * 6 - 2, 100, 30, EM, "”", conf=83.0)
    line = OcrLine(left + [phantom], 30.0, 100 + EM)
    settle_end_marks([line], _page(ink))
    assert max(w.left + w.width for w in line.words) <= left[-1].left + EM + 1
    assert "".join(w.text for w in line.words) == "海洋大学等五”"

    end = _row("共建活动", 100, 200)
    stop = Word(100 + PITCH * 4, 200, PITCH, EM, "。")
    image = _page([(w.left, w.top, w.width, w.height) for w in end] + [(stop.left + 2, 220, 8, 8)])
    settle_end_marks([OcrLine(end + [stop], 30.0, 200 + EM)], image)
    assert (stop.left, stop.width) == (100 + PITCH * 4, PITCH)

    caption = _row("等奖的殊荣", 100, 300)
    mark = Word(100 + PITCH * 5, 300, 46, EM, "。“", conf=0.0)
    credit = OcrLine(_row("文/图杨惠明", 100 + PITCH * 5 + 44, 300), 30.0, 300 + EM)
    image = _page([(w.left, w.top, w.width, w.height) for w in caption + credit.words])
    settle_end_marks([OcrLine(caption + [mark], 30.0, 300 + EM), credit], image)
    assert (mark.left, mark.width) == (100 + PITCH * 5, 46)
