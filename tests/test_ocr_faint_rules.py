"""A box whose columns are parted by a hairline in light grey (飞腾's 简讯 box): a 150-dpi scan
keeps the hairline only a little darker than the paper; tesseract reads it as ，or 。 and
runs the two columns' lines together. Synthetic word boxes and page image (no tesseract)."""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters

PAPER, HAIRLINE = 237, 204  # grey levels of a tinted box and of its grey column rule, as scanned
EM, PITCH = 28, 30


def _row(text: str, left: int, top: int) -> list[Word]:
    return [Word(left + PITCH * i, top, EM, EM, c) for i, c in enumerate(text)]


def _box(words: list[Word], rule_x: int, rule_top: int):
    image = np.full((600, 1400), PAPER, dtype=np.uint8)
    for w in words:
        image[w.top + 4:w.top + w.height - 4, w.left + 3:w.left + w.width - 3] = 20
    image[rule_top:560, rule_x:rule_x + 2] = HAIRLINE
    return image


def _texts(lines: list[OcrLine]) -> list[str]:
    return ["".join(w.text for w in ln.words) for ln in lines]


def test_a_grey_hairline_read_as_a_comma_parts_two_columns():
    """区司法局矫正科 | 题活动部署了: the box's first line (its hairline starts just above it)
    and a line further down; a gutter of 0.7 em, the hairline in its middle read as ，. Each
    line is cut at the hairline, and the ，it was read as is dropped."""
    rule_x = 100 + PITCH * 8 + 10
    for top, rule_top in ((100, 90), (300, 90)):
        left, right = _row("区司法局矫正科长", 100, top), _row("题活动部署了高温", 100 + PITCH * 8 + 21, top)
        comma = Word(rule_x - 3, top, 10, EM, "，", conf=60.0)
        image = _box(left + right, rule_x, rule_top)
        lines = split_gutters([OcrLine(left + [comma] + right, float(PITCH), float(top + EM))], image)
        assert _texts(lines) == ["区司法局矫正科长", "题活动部署了高温"], top


def test_a_line_without_a_hairline_stays_whole():
    """The same line and gap on a box without the hairline (or with a short grey stroke, a
    character's) is not cut."""
    left, right = _row("区司法局矫正科长", 100, 300), _row("题活动部署了高温", 100 + PITCH * 8, 300)
    image = _box(left + right, 0, 600)
    image[305:322, 100 + PITCH * 8 + 2] = HAIRLINE  # a short light stroke inside the line
    lines = split_gutters([OcrLine(left + right, float(PITCH), 328.0)], image)
    assert _texts(lines) == ["区司法局矫正科长题活动部署了高温"]


def test_a_grey_rule_between_stacked_modules_is_a_rule_of_the_page():
    """A full-width hairline in 60% grey (154 on the paper's 255 when scanned) between two
    stacked stories, and a grey column rule: both are rules of the page, as the typeset
    PDF has them, so the story above ends there; a row of characters is none."""
    from shequbao.importer.pdf.ocrimage import page_rules

    image = np.full((900, 1400), 255, dtype=np.uint8)
    image[400:402, 100:1300] = 154  # the rule between the modules
    image[450:850, 700:702] = 187  # a column rule, lighter still
    for n in range(30):  # a line of characters: dark strokes with white between them
        image[200:225, 100 + 30 * n:100 + 30 * n + 25] = 30
    rules, _ = page_rules(image, 28.0, 72 / 200, [])
    flat = [r for r in rules if r["x1"] - r["x0"] > r["bottom"] - r["top"]]
    tall = [r for r in rules if r not in flat]
    assert len(flat) == 1 and abs(flat[0]["top"] - 401 * 72 / 200) < 1 and flat[0]["x1"] - flat[0]["x0"] > 400
    assert len(tall) == 1 and abs(tall[0]["x0"] - 701 * 72 / 200) < 1
