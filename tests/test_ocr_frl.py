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


def _line(text: str, left: int, base: int, em: int = 28):
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word

    words = [Word(left + i * em, base - int(0.92 * em), em - 2, int(0.92 * em), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(em), base=float(base))


def test_a_caption_set_right_under_a_photo_is_kept_as_text():
    """文明社区测评迎检工作动员大会 set 2 points under its photo, whose box (found at the grain of
    cells) took in the caption's upper half: the caption is read, the photo ends above it (its
    pixels too), and what tesseract read inside the photo is still dropped."""
    from shequbao.importer.pdf.ocrimage import _Pixels
    from shequbao.importer.pdf.ocrlines import drop_covered

    scale = 0.5  # points per pixel
    wide, high = 200, 120  # the photo's pixels: 100 × 60 points at (20, 100)
    photo = {"x0": 20.0, "x1": 120.0, "top": 100.0, "bottom": 160.0, "srcsize": (wide, high),
             "stream": _Pixels(bytes(wide * high))}
    caption = _line("文明社区测评迎检工作动员大会", 40, 330)  # ink from 304 to 330 px: 152 to 165 pt
    texture = _line("口口目目", 60, 260)  # inside the photo
    body = _line("近日街道召开了上海市文明社区测", 40, 380)
    kept = drop_covered([caption, texture, body], [photo], scale)
    assert [ln for ln in kept if ln is caption] and not [ln for ln in kept if ln is texture]
    assert len(caption.words) == 14
    assert photo["bottom"] <= 152.5 and photo["bottom"] > 150
    w, h = photo["srcsize"]
    assert w == wide and h < high and len(photo["stream"].get_data()) == w * h


def test_a_jump_line_with_a_misread_character_or_bracket_is_still_a_jump():
    """（下转第2版） read as (下塌第2版), {下转第4版) or 【下转第5版): still where the story goes
    on, so its two parts are joined; （上期第3版） names an issue, not a jump; a sentence
    ending in 第2版 is text."""
    from shequbao.importer.units import jump_of

    assert jump_of("(下塌第2版)") == ("to", 2)
    assert jump_of("{下转第4版)") == ("to", 4)
    assert jump_of("【下转第5版)") == ("to", 5)
    assert jump_of("（上按第1版）") == ("from", 1)
    assert jump_of("（上期第3版）") is None
    assert jump_of("详情见下期第2版") is None
