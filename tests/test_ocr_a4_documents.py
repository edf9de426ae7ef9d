"""Scans of Word-like A4 简报: what OCR makes of their page furniture, briefs' bylines and masthead facts."""

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


def test_masthead_facts_read_at_body_size_are_the_masthead_not_a_story():
    """平凉路街道主办第37期 2012年7月25日 under the paper's name: a scan reads it at the body's
    size; with both its 期号 and its date it is still the masthead's facts. A body line that
    only mentions a date or an issue stays text."""
    from shequbao.importer.pdf.front import is_marker
    from shequbao.importer.pdf.visual import Style

    style = Style(11.7, "Scan-Body")
    assert is_marker(_vline("平凉路街道主办第37期 2012年7月25日", 205, 117, 11.7), style)
    assert is_marker(_vline("石门二路街道主办 第42期2019年12月25日", 205, 117, 11.7), style)
    assert not is_marker(_vline("2012年7月25日上午", 80, 300, 11.7), style)
    assert not is_marker(_vline("社区报第37期刊登了居民来信", 80, 300, 11.7), style)


def _page(boxes):
    """A white page image with black boxes (left, top, width, height) as characters' ink."""
    import numpy as np

    image = np.full((300, 1400), 255, dtype=np.uint8)
    for left, top, width, height in boxes:
        image[top:top + height, left:left + width] = 0
    return image


def _row(text: str, left: int, top: int = 100, pitch: int = 30):
    from shequbao.importer.pdf.ocrlayout import Word

    return [Word(left + pitch * i, top, 28, 28, c) for i, c in enumerate(text)]


def _ink(words):
    """Each character's ink; a full-width mark's in its half of the box (。 left, （ right)."""
    out = []
    for w in words:
        if w.text in "。，":
            out.append((w.left + 2, w.top + 20, 7, 7))
        elif w.text in "（《〈":
            out.append((w.left + 19, w.top, 6, 28))
        elif w.text in "）":
            out.append((w.left + 3, w.top, 6, 28))
        else:
            out.append((w.left + 2, w.top, 24, 28))
    return out


def test_a_brief_s_byline_in_brackets_after_its_full_stop_stays_on_its_line():
    """…工作水平。（通讯员谷文君）: the ink of 。 and of （ leaves an em of white between them,
    as wide as a gutter; it is the marks' own blank, so the line is not cut there (the byline
    cut off became a paragraph of its own, and the briefs ran together). A real gutter after
    a full stop is still one."""
    from shequbao.importer.pdf.ocrlayout import OcrLine, split_gutters

    words = _row("社区矫正工作水平。", 100) + _row("（通讯员谷文君）", 100 + 30 * 9 + 8)
    lines = split_gutters([OcrLine(words, 30.0, 128.0)], _page(_ink(words)))
    assert ["".join(w.text for w in ln.words) for ln in lines] == ["社区矫正工作水平。（通讯员谷文君）"]
    columns = _row("社区矫正工作水平。", 100) + _row("街道召开会议", 100 + 30 * 9 + 45)
    lines = split_gutters([OcrLine(columns, 30.0, 128.0)], _page(_ink(columns)))
    assert len(lines) == 2
    comma = _row("社区矫正工作水平，", 100) + _row("街道召开会议", 100 + 30 * 9 + 20)  # a narrow gutter
    lines = split_gutters([OcrLine(comma, 30.0, 128.0)], _page(_ink(comma)))
    assert len(lines) == 2


def _body_text(text: str) -> str:
    from ocr_helpers import read_line

    from shequbao.importer.pdf.ocrlayout import OcrLine

    words = _row(text, 100)
    line = OcrLine(words, em=30.0, base=128.0)
    return read_line(line, "Scan-Body", _page(_ink(words)), 1.0)


def test_a_brief_s_closing_byline_read_in_body_text_gets_its_space_and_bracket():
    """OCR loses the spaces of body text, and reads a （ as 〈: 平。〈通讯员谷文君) must come out
    as 平。（通讯员 谷文君）, which the segmenter takes as the brief's byline."""
    from shequbao.importer.bylines import split_tail

    text = _body_text("水平。〈通讯员谷文君)")
    assert text == "水平。（通讯员 谷文君）"
    body, byline = split_tail(text)
    assert body == "水平。" and byline is not None and byline.people == {"correspondents": ["谷文君"]}
    assert _body_text("工作。〈通讯员毛自") == "工作。（通讯员 毛自"  # the bracket closes on the next line
    assert _body_text("小区居民王文君说") == "小区居民王文君说"  # no bracket: body text keeps no spaces
