"""A line tesseract garbled alone (a rule or a photo's edge right over it read into its
characters): read again by itself, and kept only when it reads surer and whole. Synthetic
OCR lines (no tesseract)."""

from __future__ import annotations

from shequbao.importer.pdf.ocrlayout import OcrLine, Word, _text
from shequbao.importer.pdf.ocrredo import garbled_parts, is_surer, replace_part, shifted

EM = 22


def _line(text: str, left: int, base: int, conf: float = 95.0, high: int = 0) -> OcrLine:
    words = [Word(left + i * EM, base - int(0.92 * EM) - high, EM - 2, int(0.92 * EM) + high, c, conf)
             for i, c in enumerate(text)]
    return OcrLine(words, em=float(EM), base=float(base))


def _column(garbled: OcrLine) -> list[OcrLine]:
    body = [_line("居民区把大家的建议整理成清单逐条明", 100, 300 + 38 * n) for n in range(9) if n != 3]
    return body[:3] + [garbled] + body[3:]


def test_a_lone_garbled_line_is_read_again_within_its_own_band():
    """刀芭天和于往区评机机各汕际 (confidence 20, a box reaching up into the headline's frame):
    its part to read again is its own band, from a little over its characters to just under
    them, not the lines above or below, nor the frame over it."""
    garbled = _line("刀芭天和于往区评机机各汕际在区", 100, 300 + 38 * 3, conf=20.0, high=30)
    lines = _column(garbled)
    (x0, x1, top, bottom), = garbled_parts(lines, (3000, 2000))
    assert top > lines[2].base and bottom < lines[4].base - 0.8 * EM
    assert x0 < 100 and x1 > 100 + 15 * EM
    assert top > garbled.words[7].top  # the frame over it is left out


def test_what_is_read_again_replaces_the_garbled_line_only_if_surer_and_whole():
    garbled = _line("刀芭天和于往区评机机各汕际在区", 100, 300 + 38 * 3, conf=20.0, high=30)
    lines = _column(garbled)
    part = garbled_parts(lines, (3000, 2000))[0]
    good = shifted([_line("为坚决打击辖区群租乱象消除社区", 6, 30, conf=90.0)], part)
    assert is_surer(lines, part, good)
    out = replace_part(lines, part, good)
    assert "为坚决打击辖区群租乱象消除社区" in [_text(ln) for ln in out]
    assert not any("芭" in _text(ln) or "机" in _text(ln) for ln in out)  # (its tall words boxed past the part too)
    assert len(out) == len(lines)
    few = shifted([_line("用天", 6, 30, conf=90.0)], part)  # a part cut across two lines: a few odd characters
    assert not is_surer(lines, part, few)
    unsure = shifted([_line("为坚决打击辖区群租乱象消除社区", 6, 30, conf=15.0)], part)
    assert not is_surer(lines, part, unsure)
