"""Scans of a column label that OCR misreads by one character (一句话新闻 read as 一名话新闻):
the label tells the reader that the items under it are 短消息. Made here from synthetic
OCR lines — no OCR (scripts/eval_foreign.py sikai --scan measures the whole).
"""

from __future__ import annotations

from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import mend_labels


def _line(text: str, top: int, em: float) -> OcrLine:
    size = int(em)
    return OcrLine([Word(100 + size * i, top, size - 2, size - 2, c) for i, c in enumerate(text)], em=em, base=float(top + size))


def test_a_label_set_large_with_one_character_misread_is_read_as_the_label():
    """一名话新闻 over the items, set larger than the text: 一句话新闻. A line of body size
    one character off a label (社区动员 in the text) and a large line two characters off
    (一名话新鲜) stay as read."""
    label, heading, body = _line("一名话新闻", 100, 44.0), _line("一名话新鲜", 300, 44.0), _line("社区动员", 200, 28.0)
    lines = [label, heading, body] + [_line("街道侨联召开基层学习会", 400 + 40 * n, 28.0) for n in range(4)]
    mend_labels(lines)
    assert [("".join(w.text for w in ln.words)) for ln in (label, heading, body)] == ["一句话新闻", "一名话新鲜", "社区动员"]
