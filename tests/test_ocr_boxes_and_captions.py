"""A scan's small tinted box with one line of text in it (本期导读 over one story's title): a
box of the page, its text kept, not a photo item showing a picture of text. A photo with a
line read inside it stays a photo. A loosely justified caption keeps no spaces inside its
sentences. Synthetic page images and word boxes (no tesseract)."""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import drop_covered

EM = 28
SCALE = 72 / 200  # points per pixel


def _line(text: str, left: int, base: int, pitch: int = EM) -> OcrLine:
    words = [Word(left + i * pitch, base - int(0.92 * EM), EM - 2, int(0.92 * EM), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(EM), base=float(base))


def _area(image, box: tuple[int, int, int, int]) -> dict:
    x0, x1, top, bottom = box
    return {"x0": x0 * SCALE, "x1": x1 * SCALE, "top": top * SCALE, "bottom": bottom * SCALE}


def _ink(image, lines: list[OcrLine]) -> None:
    for ln in lines:
        for w in ln.words:
            image[w.top + 3:w.top + w.height - 3, w.left + 3:w.left + w.width - 3] = 30


def test_a_tinted_guide_box_with_one_line_is_a_box_not_a_photo():
    image = np.full((900, 1400), 255, dtype=np.uint8)
    box = (600, 1320, 100, 340)
    image[100:340, 600:1320] = 238  # the box's even tint
    label, title = _line("本期导读", 630, 160), _line("社校志愿者畅谈共建共赢第版", 630, 230)
    _ink(image, [label, title])
    pictures, tints = [_area(image, box)], []
    kept = drop_covered([label, title], pictures, SCALE, tints, image)
    assert pictures == [] and len(tints) == 1
    assert ["".join(w.text for w in ln.words) for ln in kept] == ["本期导读", "社校志愿者畅谈共建共赢第版"]


def test_a_photo_with_a_line_read_inside_stays_a_photo():
    """The same area in a photo's tones (a wall with a banner on it): the words read inside are
    the picture's, as before."""
    rng = np.random.default_rng(7)
    image = np.full((900, 1400), 255, dtype=np.uint8)
    box = (600, 1320, 100, 340)
    image[100:340, 600:1320] = rng.integers(60, 220, size=(240, 720), dtype=np.uint8)
    banner = _line("热烈庆祝社区文化节开幕", 630, 230)
    _ink(image, [banner])
    pictures, tints = [_area(image, box)], []
    kept = drop_covered([banner, _line("近日街道召开了会议", 100, 600)], pictures, SCALE, tints, image)
    assert len(pictures) == 1 and tints == []
    assert ["".join(w.text for w in ln.words) for ln in kept] == ["近日街道召开了会议"]



def _caption_text(text: str, wide: dict[int, int]) -> str:
    """``text`` read as a caption line with ``wide[i]`` more pixels of blank after character i
    (loose justification, or a credit's space), as page_chars spaces it."""
    from ocr_helpers import read_line

    words, x = [], 100
    for i, c in enumerate(text):
        words.append(Word(x, 200 - int(0.92 * EM), EM - 2, int(0.92 * EM), c))
        x += EM + wide.get(i, 2)
    line = OcrLine(words, em=float(EM), base=200.0)
    image = np.full((400, 1400), 255, dtype=np.uint8)
    _ink(image, [line])
    return read_line(line, "Scan-Caption", image, SCALE)


def test_a_loosely_justified_caption_keeps_no_spaces_but_its_credits():
    """区总工会参赛队获得团体三等奖的殊荣, set loose (blanks of 0.5 em after 区 and 团): one run
    of text, as the typeset caption is. A line ending in a credit that wraps (…会议室进行。 陈凯 |
    庭 摄) keeps the space before the credit, so the credit still leaves the caption."""
    assert _caption_text("区总工会参赛队获得团体三等奖的殊荣", {0: 14, 9: 14}) == "区总工会参赛队获得团体三等奖的殊荣"
    # (a 。 has its ink in its box's left half: the space after it is a blank of a whole em here)
    assert _caption_text("中心会议室进行。陈凯", {2: 14, 7: 28}) == "中心会议室进行。 陈凯"
