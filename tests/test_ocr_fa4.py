"""Scans of Word-like A4 简报 (branch fa4): what OCR makes of their page furniture."""

from __future__ import annotations


def _vline(text: str, x0: float, top: float, size: float, font: str = "Scan-Body", bold: bool = False):
    from shequbao.importer.pdf.glyphs import Run
    from shequbao.importer.pdf.visual import VLine

    line = VLine()
    line.add(Run(x0, x0 + size * len(text), top, top + size, size, font, bold, list(text),
                 [x0 + size * i for i in range(len(text))]))
    return line


def _furniture(lines):
    from shequbao.importer.pdf import _furniture_lines
    from shequbao.importer.pdf.visual import Style

    return [vl.text for vl in _furniture_lines(lines, Style(9.4, "Scan-Body"))]


def test_the_wrapped_rest_of_a_distribution_block_is_furniture_whatever_face_ocr_read_it_in():
    """报送：…发：各居民区党 | 总支、居委会 closing a 简报: OCR reads the first line bold and the
    second as body text, or both larger than the body; the rest stays with its block instead
    of closing the last story."""
    looks = [("Scan-Body", True, "Scan-Body", False, 9.4, 9.4), ("Scan-3-Dark", False, "Scan-3-Dark", False, 10.6, 10.6)]
    for font, bold, rest_font, rest_bold, size, rest_size in looks:
        lines = [_vline("动，帮助他们解决生活困难。", 64, 700, 9.4),
                 _vline("报送：区委宣传部、区文明办 发：各居民区党", 70, 742, size, font, bold),
                 _vline("总支、居委会", 70, 742 + size + 4, rest_size, rest_font, rest_bold)]
        assert _furniture(lines) == ["报送：区委宣传部、区文明办 发：各居民区党", "总支、居委会"]


def test_a_print_run_broken_after_its_bracket_opened_is_furniture():
    """…2015年12月25日印发（共 | 印300份）: the second line, read at body size, is no story's end."""
    lines = [_vline("卫东区委宣传部办事处2015年12月25日印发（共", 315, 83, 10.6, "Scan-3-Dark"),
             _vline("印300份）", 315, 98, 9.4)]
    assert _furniture(lines) == [lines[0].text, "印300份）"]


def test_a_story_line_under_furniture_stays_in_the_story():
    """A body paragraph set tight under a 报尾 line that ends its sentence is not taken with it;
    nor is a whole sentence under a line broken off mid-phrase."""
    closed = [_vline("印数：3000份", 64, 100, 9.4), _vline("社区居民踊跃参加活动。", 64, 113, 9.4)]
    assert _furniture(closed) == ["印数：3000份"]
    broken = [_vline("报送：区委宣传部、区文明办 发：各居民区党", 64, 100, 9.4),
              _vline("居民们说，这样的活动很好。", 64, 113, 9.4)]
    assert _furniture(broken) == [broken[0].text]
