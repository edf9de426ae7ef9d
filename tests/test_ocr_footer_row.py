"""The 报尾 set in one row (主办：…　编辑：…　地址：…　印刷：…), as a scan's OCR hands it on: in
pieces cut at its wide spaces, a colon read as a semicolon, one colon lost. Synthetic lines
(no tesseract)."""

from __future__ import annotations

from shequbao.importer.pdf import _furniture_lines
from shequbao.importer.pdf.glyphs import Run
from shequbao.importer.pdf.visual import Style, VLine

BODY = Style(9.0, "Scan-Body")


def _line(text: str, x0: float, top: float, size: float = 7.8, font: str = "Scan-2-Dark") -> VLine:
    run = Run(x0, x0 + size * len(text), top, top + size, size, font, False, list(text),
              [x0 + size * i for i in range(len(text))])
    vl = VLine()
    vl.add(run)
    return vl


def test_a_footer_read_in_pieces_is_furniture_and_the_story_above_keeps_its_text():
    story = [_line("会上，附近的银杏路小学同意在晚上七点到第二天早上开放操场。", 560, 700 + 14 * n, 9.0, "Scan-Body")
             for n in range(3)]
    pieces = [_line("主办：桂园路街道", 40, 748), _line("”编辑；桂园社区报编辑部”地址桂园路街道文化路8号", 112, 748),
              _line("”电话；65431234", 430, 749, 5.9, "Scan-1-Dark"), _line("印刷：上海长城印刷厂本期印数：4000份", 520, 748)]
    found = _furniture_lines(story + pieces, BODY)
    assert sorted(vl.text for vl in found) == sorted(vl.text for vl in pieces)


def test_a_row_of_body_text_beside_one_keyword_is_not_furniture():
    """A single 地址： in a row of sentences (a notice's address beside another column's line)
    stays text: one word of small print makes no 报尾."""
    row = [_line("地址：桂园路街道文化路8号", 40, 300, 9.0, "Scan-Body"),
           _line("居民们说，有事大家商量着办。", 200, 300, 9.0, "Scan-Body"),
           _line("电话咨询的居民很多。", 360, 300, 9.0, "Scan-Body")]
    assert _furniture_lines(row, BODY) == []
