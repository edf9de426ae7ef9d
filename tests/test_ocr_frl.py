"""Scans of reportlab and sikai pages: the 版 footer 责任编辑：张建国 美编：陈晨 as OCR reads it
(a character boxed as a sliver, the colon read as a semicolon). Synthetic OCR (no tesseract)."""

from __future__ import annotations

from shequbao.importer import furniture
from shequbao.importer.pdf.ocrlayout import parse_tsv

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*lines: list[tuple[str, int, int, int, int]]) -> str:
    """tesseract's TSV: each line a list of words (text, left, top, width, height)."""
    rows = [HEADER]
    for n, words in enumerate(lines, 1):
        for i, (text, left, top, width, height) in enumerate(words, 1):
            rows.append(f"5\t1\t{n}\t1\t1\t{i}\t{left}\t{top}\t{width}\t{height}\t80\t{text}")
    return "\n".join(rows)


def test_a_character_boxed_as_a_sliver_does_not_shrink_its_line():
    """编 of 美编；陈晨 boxed 2 pixels wide and 12 high (its left stroke alone) beside characters
    boxed 20 high: the line is read at the size of its neighbour 责任编辑：张建国, not at
    half of it (a line that small was taken for a caption's credit and glued to a story)."""
    editor = [("责任", 113, 2219, 40, 20), ("编辑", 166, 2219, 33, 19), ("：", 211, 2224, 2, 11),
              ("张建国", 225, 2219, 60, 20)]
    art = [("美", 315, 2219, 38, 20), ("编", 365, 2224, 2, 12), (";", 366, 2215, 7, 34), ("陈晨", 381, 2219, 39, 20)]
    first, second = parse_tsv(_tsv(editor, art))
    assert abs(second.em - first.em) <= 0.15 * first.em
    assert second.base == first.base
    # a line without slivers keeps its smallest characters' height: a real small line stays small
    small = [("美", 315, 2227, 12, 12), ("编", 330, 2227, 12, 12), ("陈晨", 350, 2227, 24, 12)]
    (third,) = parse_tsv(_tsv(small))
    assert third.em < 0.7 * first.em


def test_a_role_read_with_a_semicolon_is_still_an_editors_line():
    """美编；陈晨 (OCR took the colon for a semicolon) names a 版's 美编: furniture, not text; a
    clause after a semicolon is not a name."""
    assert furniture.editor_line("美编；陈晨") == ""
    assert furniture.editor_line("责任编辑：张建国 美编;陈晨") == "张建国"
    assert furniture.editor_line("居民区；党委会议") is None
    assert furniture.editor_line("美编；陈晨来到居委会了解情况") is None
