"""Scans of bylines set after a hollow square (□ 通讯员 薛明珠): tesseract reads the □ as the
character 口, and the line is then no byline. Made here from synthetic word boxes — no OCR
(scripts/eval_foreign.py sikai --scan measures the whole).
"""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrink import measure_ink
from shequbao.importer.pdf.ocrlayout import OcrLine, Word


def _line(text: str, base: int) -> OcrLine:
    return OcrLine([Word(100 + 30 * i, base - 28, 28, 28, c) for i, c in enumerate(text)], em=30.0, base=float(base))


def test_a_hollow_square_before_a_role_word_is_a_byline_mark_not_the_character_kou():
    """口通讯员薛明珠 → □通讯员薛明珠 (so the reader takes the line for a byline); 口 before
    anything else (口述历史, 口罩) is the character and stays."""
    image = np.full((200, 600), 255, dtype=np.uint8)
    image[30:58, 102:126] = 0
    image[34:54, 106:122] = 255  # a hollow square
    byline, text = _line("口通讯员薛明珠", 58), _line("口述历史进社区", 128)
    measure_ink([byline, text], image)
    assert "".join(w.text for w in byline.words) == "□通讯员薛明珠"
    assert "".join(w.text for w in text.words) == "口述历史进社区"
