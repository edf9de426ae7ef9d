"""How a story starts in a scan: an 引题 in 楷体 read at body size a line's white over its
headline, and the first line 本报讯（通讯员 …）measured larger than the body (tesseract's
boxes of the names reach up). Synthetic OCR lines (no tesseract)."""

from __future__ import annotations

from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrsizes import group_sizes

EM = 24


def _line(text: str, left: int, base: int, em: int = EM, density: float = 0.18) -> OcrLine:
    words = [Word(left + em * i, base - int(0.92 * em), em - 2, int(0.92 * em), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(em), base=float(base), density=density)


def _column(left: int, top: int, rows: int) -> list[OcrLine]:
    return [_line("居民区把大家的建议整理成清单逐条明", left, top + 38 * n) for n in range(rows)]


def test_a_deck_at_body_size_a_line_over_its_headline_goes_with_it():
    """加大工作力度 强化工作措施: set 1.2 × the body over the next story's headline, read at body
    size, its baseline 1.15 body sizes over the headline's ink (a line's white): it is read
    in another face (the 引题), not as the last line of the story above."""
    story = _column(100, 100, 8)
    kicker = _line("加大工作力度强化工作措施", 160, story[-1].base + 110)
    head = _line("卫东区全方位推进妇女儿童事业", 100, int(kicker.base + 1.15 * EM + 0.92 * 60), em=60, density=0.42)
    _, sizes = group_sizes([[*story, kicker, head]])
    assert sizes[id(kicker)][2] != "Scan-Body"
    assert sizes[id(story[-1])][2] == "Scan-Body"


def test_a_first_line_with_the_byline_measured_large_is_body_text():
    """本报讯（通讯员张志举胡 measured at 1.17 × the body: still body text (its byline in
    brackets is then read with the text that follows); a line of that size that does not
    open a story is not."""
    lead = _line("本报讯（通讯员张志举胡", 100, 100, em=28)
    deck = _line("推行街道大工委和社区大党委工作机制", 700, 100, em=28)
    text = _column(100, 138, 10)
    _, sizes = group_sizes([[lead, deck, *text]])
    assert sizes[id(lead)][2] == "Scan-Body"
    assert sizes[id(deck)][2] != "Scan-Body"


def test_a_quote_read_in_the_space_of_a_lead_byline_leaves_the_names():
    """本报讯（记者 林晓燕 通讯员”陈志明）: tesseract read the space before the last name as ”.
    The byline is still read, so the body starts with its first sentence; words in quotes
    in brackets after 本报讯 are no byline."""
    from shequbao.importer.bylines import split_lead

    byline, body, _ = split_lead("本报讯（记者 林晓燕 通讯员”陈志明）桂园路街道今年把加装电梯列为为民办实事项目")
    assert byline.people == {"reporters": ["林晓燕"], "correspondents": ["陈志明"]}
    assert body.startswith("桂园路街道")
    assert split_lead("本报讯（“大手拉小手”活动）桂园路街道")[0] is None
