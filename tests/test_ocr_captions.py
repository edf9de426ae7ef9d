"""A photo's caption set in 楷体 at about body size (0.95 ×: a scan cannot tell it from the
body), and a 文/图 credit read as a piece of its own after it. Synthetic OCR lines and
visual lines (no tesseract)."""

from __future__ import annotations

from shequbao.importer.bylines import split_credit
from shequbao.importer.pdf.glyphs import Run
from shequbao.importer.pdf.images import Figure
from shequbao.importer.pdf.module import PhotoBlock, _figure_lines
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrsizes import mark_body_captions
from shequbao.importer.pdf.visual import VLine

EM = 25  # pixels; the page read at 200 dpi
SCALE = 72 / 200
PITCH = 38  # pixels: the body's baseline pitch (1.5 em)


def _line(text: str, left: int, base: int) -> OcrLine:
    words = [Word(left + EM * i, base - int(0.92 * EM), EM - 3, int(0.92 * EM), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(EM), base=float(base), density=0.17)


def _photo(left: int, right: int, top: int, bottom: int) -> dict:
    return {"x0": left * SCALE, "x1": right * SCALE, "top": top * SCALE, "bottom": bottom * SCALE}


def _body(lines: list[OcrLine]) -> dict:
    return {id(ln): (float(EM), False, "Scan-Body") for ln in lines}


def test_a_line_at_body_size_under_a_photo_set_apart_from_the_text_is_its_caption():
    """文明社区测评迎检工作动员大会: right under the photo at its left edge, the story's text
    starting 2.3 lines' pitch under it, indented. The line is read as small print (a
    caption); the text stays body."""
    photo = _photo(100, 2000, 200, 1000)
    caption = _line("文明社区测评迎检工作动员大会", 102, 1030)
    text = [_line("近日街道召开了上海市文明", 150, 1030 + 55)] + [
        _line("社区测评暨上海城市文明进步", 100, 1030 + 55 + PITCH * n) for n in range(1, 5)]
    sizes = _body([caption, *text])
    mark_body_captions([caption, *text], sizes, [photo], SCALE, float(EM))
    assert sizes[id(caption)][0] < 0.96 * EM and sizes[id(caption)][2] != "Scan-Body"
    assert all(sizes[id(ln)][2] == "Scan-Body" for ln in text)


def test_text_running_on_under_a_photo_stays_body():
    """A column whose text goes on right under a photo, at the body's pitch: no caption."""
    photo = _photo(100, 600, 200, 1000)
    column = [_line("社区测评暨上海城市文明进", 100, 1030 + PITCH * n) for n in range(6)]
    sizes = _body(column)
    mark_body_captions(column, sizes, [photo], SCALE, float(EM))
    assert all(sizes[id(ln)][2] == "Scan-Body" for ln in column)


def _vline(text: str, x0: float, top: float, size: float = 7.4) -> VLine:
    vl = VLine()
    vl.add(Run(x0, x0 + size * len(text), top, top + size, size, "Scan-1", False, list(text),
               [x0 + size * i for i in range(len(text))]))
    return vl


def test_a_writer_and_shooter_credit_read_apart_leaves_the_caption():
    """…团体三等奖的殊荣 | 文/图 杨惠明 陈凯庭: the credit, a piece of its own on the caption's
    last row, is split off as the photo's credit."""
    block = PhotoBlock([Figure(40, 290, 875, 1043, picture=None)])
    block.caption = [_vline("7月19日，在区总决赛中，平凉地区总工会参赛队获得", 40, 1048),
                     _vline("团体三等奖的殊荣", 40, 1060), _vline("文/图 杨惠明 陈凯庭", 202, 1060)]
    (line,) = _figure_lines(block, 1)
    caption, credit = split_credit(line.text)
    assert caption.endswith("团体三等奖的殊荣") and credit is not None
    assert credit.people["photographers"] == ["杨惠明", "陈凯庭"]
