"""Scans of a 飞腾-style A3 page (six narrow, loosely justified columns, a tinted 社区简讯):
the OCR lines the visual reader gets, made here from synthetic word boxes and page
images — no OCR (scripts/eval_foreign.py feiteng-a3 --scan measures the whole).
"""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters
from shequbao.importer.pdf.ocrlines import drop_covered, fit_gutters, join_neighbours


def page(boxes: list[tuple[int, int, int, int]]):
    """A white page image (grey) with black boxes (left, top, width, height) as characters' ink."""
    image = np.full((400, 1400), 255, dtype=np.uint8)
    for left, top, width, height in boxes:
        image[top:top + height, left:left + width] = 0
    return image


def row(text: str, left: int, top: int = 100, pitch: int = 30) -> list[Word]:
    return [Word(left + pitch * i, top, 28, 28, c) for i, c in enumerate(text)]


def texts(lines: list[OcrLine]) -> list[str]:
    return ["".join(w.text for w in ln.words) for ln in lines]


def test_columns_whose_boxes_overlap_across_a_narrow_gutter_are_parted_at_its_white():
    """都要爬六层楼，有的老人一年 | 对居民生活的影响。: in loosely justified text tesseract's
    boxes spread past the ink, the last box of one column reaching over the first of the
    next, so the two columns' lines were read as one and their text interleaved. The line
    is cut where the ink leaves a gutter's width of white, and the boxes on either side end
    at that white (the column's edge is read from them: boxes meeting in the gutter would
    make the two columns one)."""
    left = row("有的老人一年", 100)
    right = row("对居民生活的影响", 100 + 30 * 6 + 36)
    ink = [(w.left, w.top, w.width, w.height) for w in left + right]
    boxes = left[:-1] + [Word(left[-1].left, 100, 60, 28, left[-1].text)]  # (over the gutter, past the next box's start)
    boxes += [Word(right[0].left - 12, 100, 40, 28, right[0].text)] + right[1:]
    image = page(ink)
    lines = fit_gutters(join_neighbours(split_gutters([OcrLine(boxes, 30.0, 128.0)], image), image))
    assert sorted(texts(lines)) == sorted(["有的老人一年", "对居民生活的影响"])
    first, second = sorted(lines, key=lambda ln: ln.words[0].left)
    end = max(w.left + w.width for w in first.words)
    assert end <= left[-1].left + 28 + 1  # the column ends at its ink
    assert second.words[0].left >= right[0].left - 1
    assert second.words[0].left - end >= 30  # a gutter's white between the two columns

    one = row("为辖区居民提供流感疫苗接种服务", 100, 200)
    kept = fit_gutters(split_gutters([OcrLine(one, 30.0, 228.0)], page([(w.left, 200, 28, 28) for w in one])))
    assert [(w.left, w.width) for w in kept[0].words] == [(w.left, w.width) for w in one]  # no gutter: boxes as read


def test_a_tinted_box_of_text_becomes_a_box_the_reader_sees():
    """社区简讯 on a grey ground: taken for a photo, then kept as text, it left no trace on the
    page, and the briefs ran into the story beside them. It is handed on as a tinted
    rectangle (as a typeset page has it), so the reader makes it a module of its own; a real
    photo stays a photo and gives no box."""
    def line(text: str, top: int) -> OcrLine:
        return OcrLine(row(text, 100, top), em=30.0, base=top + 28)

    tinted = {"x0": 90.0, "x1": 700.0, "top": 90.0, "bottom": 300.0}
    photo = {"x0": 90.0, "x1": 700.0, "top": 400.0, "bottom": 700.0}
    lines = [line("街道侨联召开基层学习交流会", 100 + 45 * n) for n in range(4)] + [line("人<2", 500)]
    pictures, tints = [tinted, photo], []
    drop_covered(lines, pictures, 1.0, tints)
    assert pictures == [photo]
    assert len(tints) == 1 and tints[0]["fill"] and not tints[0]["stroke"]
    assert (tints[0]["x0"], tints[0]["x1"], tints[0]["top"], tints[0]["bottom"]) == (90.0, 700.0, 90.0, 300.0)
