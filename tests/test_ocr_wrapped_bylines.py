"""Scans of bylines in brackets that wrap onto the next line (本报讯（通讯员 张志举 胡晓千 记者 毛
| 玺玺）, …隐患。（通讯员 | 朱丽华）): the characters the reader gets must let it take the
names out of the body. Made here from synthetic word boxes — no OCR
(scripts/eval_foreign.py sikai --scan measures the whole).
"""

from __future__ import annotations

import numpy as np
from ocr_helpers import read_line

from shequbao.importer.pdf.ocrlayout import OcrLine, Word


def _spaced(words: list[tuple[str, int]]) -> str:
    """The line of ``words`` (text, left) as the reader gets it, a space where a blank is left."""
    line = OcrLine([Word(left, 100, 28 * len(text), 28, text) for text, left in words], em=30.0, base=128.0)
    image = np.full((300, 1400), 255, dtype=np.uint8)
    for w in line.words:
        for i in range(len(w.text)):
            image[100:128, w.left + 28 * i + 2:w.left + 28 * i + 26] = 0
    return read_line(line, "Scan-Body", image, 1.0)


def test_two_names_run_together_before_a_role_word_are_parted_though_the_byline_wraps():
    """本报讯(通讯员张志举胡晓千记者毛 | 玺玺): OCR lost the spaces, and the bracket closes on the
    next line, where the last name goes on; the two names before 记者 are whole all the
    same, so they are parted (else 张志举胡晓千 is no name, and the byline stays in the body)."""
    text = "本报讯(通讯员张志举"
    words = [(c, 100 + 30 * i) for i, c in enumerate(text)]
    words += [(c, 100 + 30 * len(text) + 8 + 30 * i) for i, c in enumerate("胡晓千记者毛")]  # a wider blank between the names
    assert _spaced(words) == "本报讯（通讯员 张志举 胡晓千 记者 毛"


def test_a_bracket_read_as_a_title_mark_before_a_wrapped_byline_is_a_bracket():
    """…安全隐患。《通讯员 | 朱丽华）: the （ read as 《, its ） on the next line. A role word and
    nothing but names after it: a bracket, so the byline leaves the brief's body. A title
    mark before other text stays one."""
    assert _spaced([(c, 100 + 30 * i) for i, c in enumerate("安全隐患。《通讯员")]).endswith("。（通讯员")
    assert "《" in _spaced([(c, 100 + 30 * i) for i, c in enumerate("学习《社区报")])
