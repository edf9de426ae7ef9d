"""A story's source in brackets set flush right under its end, （社区自治办）, read by OCR with
a wide blank inside (loose type): a unit's name gets no space, so it is the story's source
and not two names (社区自 | 治办). Synthetic OCR line and page image (no tesseract)."""

from __future__ import annotations

from ocr_helpers import inked_page, read_line

from shequbao.importer.bylines import parse_byline
from shequbao.importer.pdf.ocrlayout import OcrLine, Word

EM = 22


def _read(text: str, gap_after: int) -> str:
    words, x = [], 100
    for i, char in enumerate(text):
        words.append(Word(x, 100, EM - 2, EM, char))
        x += EM + (12 if i == gap_after else 0)
    line = OcrLine(words, em=float(EM), base=122.0, density=0.15)
    return read_line(line, "Scan-Byline", inked_page(words, (300, 600), inset=3), 72 / 200, size=0.9 * EM)


def test_a_unit_in_brackets_read_with_a_wide_blank_stays_one_source():
    source = _read("（社区自治办）", gap_after=3)
    assert parse_byline(source).source == "社区自治办" and not parse_byline(source).people


def test_two_names_in_brackets_keep_their_space():
    names = _read("（张志举陶青运）", gap_after=3)
    assert parse_byline(names).people == {"authors": ["张志举", "陶青运"]}
