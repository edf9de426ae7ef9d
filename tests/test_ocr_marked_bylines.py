"""A ■ byline set flush right under a story's last line (■ 郑海燕 马春梅 谢玉兰), as a scan's OCR
hands it on: the ■ read as a line of its own, or the names run together in the body's face.
Synthetic OCR lines and page images (no tesseract)."""

from __future__ import annotations

from ocr_helpers import inked_page, read_line

from shequbao.importer.bylines import parse_byline
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import join_marks

EM = 25


def _line(text: str, left: int, base: int, gaps: dict | None = None) -> OcrLine:
    """One OCR line, a box per character (``gaps``: extra pixels before character i)."""
    words, x = [], left
    for i, char in enumerate(text):
        x += (gaps or {}).get(i, 0)
        words.append(Word(x, base - int(0.92 * EM), EM - 4, int(0.92 * EM), char))
        x += EM
    return OcrLine(words, em=float(EM), base=float(base), density=0.2)


def _read(line: OcrLine, face: str) -> str:
    return read_line(line, face, inked_page(line.words, (300, 1200)), 72 / 200)


def test_a_lone_square_opens_the_name_on_its_baseline():
    """■ | 段汉明: tesseract boxed the ■ apart, 1.2 em before the name (its boxes narrower than
    the ink). The name gets its ■ back, so the line is a byline; a ■ with nothing near it on
    its baseline stays as it is."""
    mark = OcrLine([Word(700, 180, 21, 21, "■")], em=float(EM), base=200.0, density=0.9)
    name = _line("段汉明", 700 + 21 + 30, 200)
    other = _line("效和进步。", 400, 160)
    lonely = OcrLine([Word(100, 260, 21, 21, "■")], em=float(EM), base=280.0, density=0.9)
    lines = join_marks([other, mark, name, lonely])
    texts = sorted("".join(w.text for w in ln.words) for ln in lines)
    assert texts == sorted(["效和进步。", "■段汉明", "■"])
    assert parse_byline("".join(w.text for w in name.words)).people == {"authors": ["段汉明"]}


def test_names_run_together_after_a_square_come_apart_in_any_face():
    """■郑海燕马春梅谢玉兰 read in the body's face (a Kai byline at body size): the blanks
    between the names make spaces, so it parses as three authors. A 短消息's title after a
    ■, set evenly, keeps its words together."""
    byline = _read(_line("■郑海燕马春梅谢玉兰", 100, 200, gaps={1: 10, 4: 12, 7: 12}), "Scan-Body")
    assert parse_byline(byline).people == {"authors": ["郑海燕", "马春梅", "谢玉兰"]}
    title = _read(_line("■丹桂居民区开展冬季用电安全入户", 100, 200), "Scan-Body")
    assert title == "■丹桂居民区开展冬季用电安全入户"
