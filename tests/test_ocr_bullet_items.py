"""Scans of 一句话新闻 whose items start with a ● followed by a wide blank: each item must
start a brief of its own. Made here from synthetic word boxes and page images — no OCR
(scripts/eval_foreign.py sikai --scan measures the whole).
"""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrink import measure_ink
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import join_bullets

EM = 30


def _line(text: str, left: int, base: int) -> OcrLine:
    return OcrLine([Word(left + EM * i, base - 28, 28, 28, c) for i, c in enumerate(text)], em=float(EM), base=float(base))


def _dot(image, x: int, y: int) -> None:
    yy, xx = np.mgrid[0:image.shape[0], 0:image.shape[1]]
    image[(yy - y) ** 2 + (xx - x) ** 2 <= 10 ** 2] = 0  # a ● 20 px across


def test_a_bullet_read_as_marks_or_as_a_line_of_its_own_starts_the_item_beside_it():
    """●  近日，金桂苑…: tesseract read the ● as @@, or as a character cut off as a line of its
    own by the wide blank after it (then the item ran into the one before). It is a ●,
    and it goes before the text on its right; a ● with no text beside it stays alone,
    and a line that starts with a real character keeps it."""
    image = np.full((300, 900), 255, dtype=np.uint8)
    _dot(image, 112, 60)
    _dot(image, 512, 60)
    image[120:148, 100:128:7] = 0  # 为's strokes
    marks = _line("@@近日金桂苑", 100, 74)
    marks.words[1:] = [Word(100 + 45 + EM * i, 46, 28, 28, c) for i, c in enumerate("近日金桂苑")]
    marks.words[0] = Word(100, 48, 25, 26, "@@", conf=60.0)
    alone = _line("重", 500, 74)
    alone.words[0].conf = 0.0
    beside = _line("十一月八日街道", 500 + 28 + 36, 74)  # a blank as wide as a gutter after the ●
    plain = _line("为民办实事", 100, 148)
    lines = [marks, alone, beside, plain]
    measure_ink(lines, image)
    assert marks.words[0].text == "●" and alone.words[0].text == "●"
    joined = join_bullets(lines)
    texts = sorted("".join(w.text for w in ln.words) for ln in joined)
    assert texts == sorted(["●近日金桂苑", "●十一月八日街道", "为民办实事"])

    lonely = _line("●", 500, 200)
    assert len(join_bullets([lonely, _line("社区学校", 800, 200)])) == 2  # (too far for its item)
