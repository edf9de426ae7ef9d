"""Scans of a column label that OCR misreads by one character (一句话新闻 read as 一名话新闻):
the label tells the reader that the items under it are 短消息. Made here from synthetic
OCR lines — no OCR (scripts/eval_foreign.py sikai --scan measures the whole).
"""

from __future__ import annotations

from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import mend_labels


def _line(text: str, top: int, em: float, doubted: str = "") -> OcrLine:
    size = int(em)
    return OcrLine([Word(100 + size * i, top, size - 2, size - 2, c, conf=45.0 if c in doubted else 95.0)
                    for i, c in enumerate(text)], em=em, base=float(top + size))


def test_a_label_set_large_with_one_character_misread_is_read_as_the_label():
    """一名话新闻 over the items, set larger than the text, 名 doubted by tesseract: 一句话新闻.
    A line of body size one character off a label (社区动员 in the text), a large line two
    characters off (一名话新鲜) and a headline one character off a label but read surely
    (社区动员 set large: a story's title, not 社区动态) stay as read."""
    label, heading = _line("一名话新闻", 100, 44.0, doubted="名"), _line("一名话新鲜", 300, 44.0, doubted="名鲜")
    body, headline = _line("社区动员", 200, 28.0, doubted="员"), _line("社区动员", 700, 44.0)
    lines = [label, heading, body, headline] + [_line("街道侨联召开基层学习会", 400 + 40 * n, 28.0) for n in range(4)]
    mend_labels(lines)
    assert [("".join(w.text for w in ln.words)) for ln in (label, heading, body, headline)] == [
        "一句话新闻", "一名话新鲜", "社区动员", "社区动员"]


def test_a_page_number_misread_as_a_character_is_the_page_number():
    """2 at the foot of the page read as 已: alone under every other line, it is the page's
    number (else 已 ends the last story's body, after its source line). A character of
    text on the last line of a column stays."""
    from shequbao.importer.pdf.ocrlines import mend_folio

    text = [_line("街道侨联召开基层学习会", 100 + 40 * n, 28.0) for n in range(4)]
    folio = _line("已", 1960, 28.0)
    mend_folio(text + [folio], 2, 2000)
    assert "".join(w.text for w in folio.words) == "2"
    last = _line("宜", 260, 28.0)
    mend_folio(text + [last], 2, 2000)
    assert "".join(w.text for w in last.words) == "宜"
