"""What OCR glues to a story's start or end: a 栏目 label over the next headline, a credit or a
bracketed byline whose spaces OCR lost, a source line. Synthetic OCR lines (no tesseract)."""

from __future__ import annotations

import numpy as np
from ocr_helpers import inked_page, read_line

from shequbao.importer.bylines import parse_byline
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrlines import join_neighbours
from shequbao.importer.pdf.ocrsizes import group_sizes

EM = 28


def _line(text: str, left: int, base: int, em: int = EM, density: float = 0.19, gaps: dict | None = None) -> OcrLine:
    """One OCR line, a box per character (``gaps``: extra pixels before character i)."""
    words, x = [], left
    for i, char in enumerate(text):
        x += (gaps or {}).get(i, 0)
        words.append(Word(x, base - int(0.92 * em), em - 2, int(0.92 * em), char))
        x += em
    return OcrLine(words, em=float(em), base=float(base), density=density)


def _column(left: int, top: int, rows: int) -> list[OcrLine]:
    return [_line("居民区把大家的建议整理成清单逐条明", left, top + 46 * n) for n in range(rows)]


def test_a_label_at_body_size_over_a_headline_is_not_body_text():
    """身边好人 set in a plain sans face at body size, right over the next story's headline (OCR
    sees no darker ink than the body's): it reads in another face, so it goes with that
    headline and not to the end of the story above. A paragraph's last short line over a
    headline (body text right above it) stays body."""
    story = _column(100, 100, 6)
    label = _line("身边好人", 100, 100 + 46 * 6 + 60)
    head = _line("修车摊前的老娘舅", 100, label.base + 12 + int(0.92 * 56), em=56, density=0.42)
    other = _column(800, 100, 6)
    last = _line("服务零距离", 800, other[-1].base + 46)
    head2 = _line("社工的扫楼日记", 800, last.base + 12 + int(0.92 * 56), em=56, density=0.42)
    page = [*story, label, head, *other, last, head2]
    _, sizes = group_sizes([page])
    assert sizes[id(story[0])][2] == "Scan-Body"
    assert sizes[id(label)][2] != "Scan-Body" and not sizes[id(label)][1]
    assert sizes[id(last)][2] == "Scan-Body"


def _text_of(line: OcrLine, face: str) -> str:
    return read_line(line, face, inked_page(line.words, (400, 1600)), 72 / 200)


def test_a_credit_and_a_bracketed_byline_get_their_names_apart():
    """■钱志刚徐立新摄 and （通讯员张志举王芳）: OCR ran the names together; they come apart, so
    the line is a byline and leaves the body. 潘建国 摄 read with a blank inside the name
    (tesseract's box of 建国 wider than its ink) keeps the name whole."""
    credit = _text_of(_line("■钱志刚徐立新摄", 100, 200, gaps={4: 6}), "Scan-Byline")
    assert parse_byline(credit).people == {"photographers": ["钱志刚", "徐立新"]}
    bracket = _text_of(_line("（通讯员张志举王芳）", 100, 200, gaps={7: 6}), "Scan-Byline")
    assert parse_byline(bracket).people == {"correspondents": ["张志举", "王芳"]}
    alone = _text_of(_line("潘建国摄", 100, 200, gaps={2: 14, 3: 14}), "Scan-Byline")
    assert parse_byline(alone).people == {"photographers": ["潘建国"]}


def test_a_source_line_misread_is_still_a_source():
    """（来源；…） with the colon read as a semicolon, a unit's name misread (丹桂居民加), and a
    | read inside a line (a stroke of 自): each still names the source, so it leaves the body."""
    assert parse_byline("（实习生林思雨来源；街道社区服务中心）").source == "街道社区服务中心"
    assert parse_byline("（来源：丹桂居民加）").source == "丹桂居民加"
    assert "|" not in _text_of(_line("（来源：社区|治办）", 100, 200), "Scan-Body")


def test_a_character_boxed_apart_inside_a_line_joins_it():
    """tesseract read 区 of （来源：社区自治办） as a block of its own, at a size of its own:
    it stands inside the line's band, so the three pieces are one line again."""
    first, rest = _line("（来源：社", 100, 200), _line("治办）", 100 + EM * 7, 200)
    piece = OcrLine([Word(100 + EM * 5, 185, 14, 15, "区")], em=16.0, base=200.0)
    image = np.full((400, 1600), 255, dtype=np.uint8)
    for w in first.words + piece.words + rest.words + [Word(100 + EM * 6, 175, 24, 24, "")]:
        image[w.top:w.top + w.height, w.left:w.left + w.width] = 0
    joined = join_neighbours([first, piece, rest], image)
    assert ["".join(w.text for w in ln.words) for ln in joined] == ["（来源：社区治办）"]


def test_a_credit_after_a_captions_text_stays_with_the_caption():
    """巡逻　徐立新 摄: the wide space before the credit looks like a gutter to OCR; the credit
    still joins the caption's line (else it closes the story as a byline of its own)."""
    text, credit = _line("沿线巡逻", 100, 200, em=24), _line("徐立新摄", 100 + 24 * 4 + 30, 200, em=24)
    image = np.full((400, 1600), 255, dtype=np.uint8)
    joined = join_neighbours([text, credit], image)
    assert ["".join(w.text for w in ln.words) for ln in joined] == ["沿线巡逻徐立新摄"]
    column = _line("居民们都说好", 100 + 24 * 4 + 30, 200, em=24)  # the next column's text: a gutter
    assert len(join_neighbours([_line("沿线巡逻", 100, 200, em=24), column], image)) == 2


def test_a_byline_with_its_credit_misread_is_a_byline():
    """记者 陈玲 通讯员 张志举 陈凯庭 摄, read with the names run together and 摄 as 报: still a
    byline (not a headline over the story), with its names and roles."""
    byline = _line("记者陈玲通讯员张志举陈凯庭报", 100, 100, em=25, density=0.28, gaps={10: 6})
    _, sizes = group_sizes([[byline, *_column(100, 150, 8)]])
    assert sizes[id(byline)][2] == "Scan-Byline"
    assert parse_byline(_text_of(byline, "Scan-Byline")).people == {
        "reporters": ["陈玲"], "correspondents": ["张志举"], "photographers": ["陈凯庭"]}
