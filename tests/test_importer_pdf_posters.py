"""A 公益广告 poster at a column's foot is no story's photo; a photo in the same kind of frame
with a caption or text under it is one (issue 29: the A3 print layout prints posters)."""

from __future__ import annotations

from shequbao.importer.pdf.elements import Box
from shequbao.importer.pdf.images import Figure, find_posters
from shequbao.importer.pdf.visual import VLine

FOOT = 1150.0


def make_line(x0: float, x1: float, top: float) -> VLine:
    line = VLine()
    line.x0, line.x1, line.top, line.bottom = x0, x1, top, top + 9
    return line


def test_a_framed_photo_alone_at_the_column_foot_is_a_poster():
    poster = Figure(623, 802, 911, 1149, None)
    frame = Box(618, 806, 906, 1149)
    story = [make_line(618, 806, 880), make_line(40, 400, 1000)]  # text over it and in another column
    assert find_posters([poster], [frame], story, FOOT) == [poster]


def test_a_framed_photo_with_a_caption_or_text_under_it_is_a_photo():
    photo = Figure(623, 802, 700, 900, None)
    frame = Box(618, 806, 695, 905)
    assert find_posters([photo], [frame], [make_line(620, 800, 912)], FOOT) == []  # its caption under the frame
    assert find_posters([photo], [frame], [make_line(625, 800, 890)], FOOT) == []  # words inside the frame
    assert find_posters([photo], [], [], FOOT) == []  # no frame: a story's photo
    wide = Box(560, 806, 600, 1149)  # a box holding more than the photo: a framed module
    assert find_posters([photo], [wide], [], FOOT) == []
