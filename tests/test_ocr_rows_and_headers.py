"""A scan's page head and a paragraph's last row as OCR gives them: the 版眉's date read at body
size, and a ■byline set smaller after a paragraph's last line, whose top OCR reads higher
than the line's. Synthetic lines (no tesseract)."""

from __future__ import annotations

from shequbao.importer.pdf.body import columns
from shequbao.importer.pdf.glyphs import Run
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrsizes import group_sizes, mark_page_head
from shequbao.importer.pdf.visual import Style, VLine

EM = 28
SCALE = 72 / 200


def _vline(text: str, x0: float, top: float, size: float, font: str = "Scan-Body") -> VLine:
    line = VLine()
    line.add(Run(x0, x0 + size * len(text), top, top + size, size, font, False, list(text),
                 [x0 + size * i for i in range(len(text))]))
    return line


def test_a_smaller_byline_beside_a_paragraphs_last_line_is_read_after_it():
    """…不断提高 | 社区矫正工作水平。 ■谷文君: the byline, read 1 pt higher than the line it
    ends, comes after the line's text, so it closes the brief instead of cutting it."""
    rows = [_vline("要求进一步优化矫正日常工作不断提高", 40, 600 + 13.5 * n, 9.0) for n in range(3)]
    last = _vline("社区矫正工作水平。", 40, 640.5, 9.0)
    byline = _vline("■谷文君", 128, 639.5, 8.0, "Scan-Byline")
    after = _vline("7月3日，八埭头居委会举行中小学暑", 58, 654, 9.0)
    order = [vl.text for col in columns([*rows, byline, last, after], Style(9.0, "Scan-Body")) for vl in col]
    assert order.index("社区矫正工作水平。") + 1 == order.index("■谷文君")
    assert order[-1] == after.text


def _line(text: str, left: int, base: int, em: int = EM) -> OcrLine:
    words = [Word(left + i * em, base - int(0.92 * em), em - 2, int(0.92 * em), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(em), base=float(base), density=0.16)


def _rule(top_px: int, x0: int = 100, x1: int = 1500) -> dict:
    return {"x0": x0 * SCALE, "x1": x1 * SCALE, "top": top_px * SCALE - 0.5, "bottom": top_px * SCALE + 0.5}


def test_the_row_over_the_first_rule_is_the_page_head_not_body_text():
    """第3版 综合 … 2019年12月25日 over the page's first full-width rule: its date, read at body
    size, is not body text (so the row is the page head, not glued to a story). A row of body
    text over a rule lower down the page stays body text."""
    date = _line("2019年12月25日", 1100, 110)
    head = [_line("第3版综合", 100, 110), date]
    body = [_line("居民区把大家的建议整理成清单逐条明", 100, 200 + 46 * n) for n in range(30)]
    lines = [*head, *body]
    em, sizes = group_sizes([lines])
    assert sizes[id(date)][2] == "Scan-Body"  # by its size alone: body text
    mark_page_head(lines, [_rule(125)], SCALE, 3300, sizes, em)
    assert sizes[id(date)][2] != "Scan-Body" and not sizes[id(date)][1]
    assert all(sizes[id(ln)][2] == "Scan-Body" for ln in body)
    em, sizes = group_sizes([body])
    mark_page_head(body, [_rule(200 + 46 * 3 + 10)], SCALE, 3300, sizes, em)  # four rows over the rule: no page head
    assert all(sizes[id(ln)][2] == "Scan-Body" for ln in body)


def test_a_line_tesseract_cut_with_overlapping_boxes_is_joined():
    """信访压力。(通讯 | 员张志举陶青运): tesseract cut a line in two whose boxes overlap by a
    third of an em, and read the halves at sizes 15% apart; they are one line again (so the
    bracketed byline is read whole and leaves the body). Two columns' lines stay apart."""
    import numpy as np

    from shequbao.importer.pdf.ocrlines import join_neighbours

    image = np.full((300, 1600), 255, dtype=np.uint8)
    left = _line("信访压力。（通讯", 100, 200, em=25)
    right = _line("员张志举陶青运）", 100 + 8 * 25 - 9, 198, em=22)
    other = _line("居民区把大家的建议", 100 + 16 * 25 + 40, 200, em=25)
    for line in (left, right, other):
        for w in line.words:
            image[w.top:w.top + w.height, w.left + 3:w.left + w.width - 3] = 0
    joined = join_neighbours([left, right, other], image)
    assert ["".join(w.text for w in ln.words) for ln in joined] == ["信访压力。（通讯员张志举陶青运）", "居民区把大家的建议"]


def test_a_headlines_quotation_misread_by_ocr_opens_again():
    """重新”走下楼” (its “ read as ”, the headline wrapped before 走下楼), 安培社区″5点钟… (read as a
    double prime), 两中心”推进作风建设 (its “ at the start lost), two quotations misread alike: each quotation opens with “ and closes with ”.
    A headline set right stays as it is."""
    from shequbao.importer.pdf.glyphs import open_quotes

    assert open_quotes("加装电梯让老人重新”走下楼”") == "加装电梯让老人重新“走下楼”"
    assert open_quotes("安培社区″5点钟义务课堂”唱响全省") == "安培社区“5点钟义务课堂”唱响全省"
    assert open_quotes("两中心”推进作风建设") == "“两中心”推进作风建设"
    assert open_quotes("把”小事”办成”实事”") == "把“小事”办成“实事”"  # two quotations: each closes
    for right in ("蒲城街道党建工作从“实”处着手", "“两中心”推进作风建设", "居委会换届选举有序推进"):
        assert open_quotes(right) == right
