"""Scans of a page whose 报尾 sits under a hairline in 60% grey: the reader must see that
rule (as it sees the typeset page's), or the 报尾's small print runs on from the last story
above it. Made here from a synthetic page image — no OCR (scripts/eval_foreign.py sikai
--scan measures the whole).
"""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrimage import page_rules


def test_a_long_grey_hairline_is_a_rule_and_a_grey_area_is_not():
    """A 2-pixel line at grey 189 across the page (the scan of a 0.5 pt rule in 60% grey) is
    a rule, as a black one is; a grey photo-like area (as light, but thick) and a grey
    stroke shorter than a rule (two body sizes: a character's) give none."""
    image = np.full((1200, 2000), 255, dtype=np.uint8)
    image[1000:1002, 100:1900] = 189  # the 报尾's hairline
    image[300:700, 200:900] = 189  # a light grey area
    image[800:802, 100:156] = 189  # a short grey stroke (two body sizes: a character's)
    image[100:103, 100:1900] = 0  # a black rule
    rules, boxes = page_rules(image, 28.0, 72 / 200, [])
    flat = sorted(round(r["top"] * 200 / 72) for r in rules if r["x1"] - r["x0"] > r["bottom"] - r["top"])
    assert len(flat) == 2 and abs(flat[0] - 101) <= 2 and abs(flat[1] - 1000) <= 2
    assert boxes == []
