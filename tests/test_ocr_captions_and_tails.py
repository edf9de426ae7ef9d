"""A scan's caption read as a bold title, and a story's closing byline or source as OCR reads
it (its bracket misread or lost, a space inside a unit's name). Synthetic OCR lines (no
tesseract)."""

from __future__ import annotations

from shequbao.importer.bylines import parse_byline, split_tail
from shequbao.importer.pdf.ocrlayout import OcrLine, Word
from shequbao.importer.pdf.ocrsizes import group_sizes, mark_face_captions

EM = 28
SCALE = 72 / 200


def _line(text: str, left: int, base: int, em: int = EM, density: float = 0.16) -> OcrLine:
    words = [Word(left + i * em, base - int(0.92 * em), em - 2, int(0.92 * em), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(em), base=float(base), density=density)


def _page(caption_gap: int) -> tuple[list[OcrLine], OcrLine, OcrLine, dict]:
    """A column of body text with a photo in it, a short dark line ``caption_gap`` pixels under
    the photo, and a brief's bold title further down."""
    body = [_line("居民区把大家的建议整理成清单逐条明", 100, 100 + 46 * n) for n in range(12)]
    photo = {"x0": 100 * SCALE, "x1": 580 * SCALE, "top": 700 * SCALE, "bottom": 1000 * SCALE}
    caption = _line("专题培训现场", 100, 1000 + caption_gap + int(0.92 * EM), density=0.38)
    rest = [_line("居民区把大家的建议整理成清单逐条明", 100, caption.base + 46 * (n + 1)) for n in range(4)]
    title = _line("社区开展消防演练", 100, rest[-1].base + 60, density=0.38)
    return [*body, caption, *rest, title], caption, title, photo


def test_a_dark_line_right_under_a_photo_is_its_caption_not_a_bold_title():
    """A 黑体 caption under a photo in a 楷体 body reads as dark as a brief's bold title; right
    under the photo and within its width it is small print (a caption, as a typeset PDF has
    it), while a bold line elsewhere stays a bold title."""
    lines, caption, title, photo = _page(caption_gap=4)
    body, sizes = group_sizes([lines])
    assert sizes[id(caption)][1] and sizes[id(title)][1]  # ink alone: both read bold
    mark_face_captions(lines, [photo], SCALE, sizes, body)
    em, bold, face = sizes[id(caption)]
    assert not bold and em < body and face != "Scan-Body"
    assert sizes[id(title)][1]


def test_a_bold_line_well_below_a_photo_stays_bold():
    lines, caption, _, photo = _page(caption_gap=3 * EM)
    body, sizes = group_sizes([lines])
    mark_face_captions(lines, [photo], SCALE, sizes, body)
    assert sizes[id(caption)][1]


def test_a_closing_byline_with_its_bracket_misread_or_lost_leaves_the_body():
    """…权益。【通讯员 张志举 魏有梅 记者 毛玺玺: （ read as 【, ） lost; the byline still leaves
    the body, whose text ends at the sentence. Without a role word such a tail stays text."""
    body, byline = split_tail("有效维护妇女儿童的合法权益。【通讯员 张志举 魏有梅 记者 毛玺玺")
    assert body == "有效维护妇女儿童的合法权益。"
    assert byline.people == {"correspondents": ["张志举", "魏有梅"], "reporters": ["毛玺玺"]}
    body, byline = split_tail("“到底什么是公益项目？”的专题培训。【社区发展办）")
    assert body.endswith("培训。") and byline.source == "社区发展办"
    body, byline = split_tail("《关于进一步加强业委会建设的意见》。《物业管理条例")
    assert byline is None and body.endswith("条例")


def test_a_byline_line_whose_bracket_opened_on_the_line_before_is_a_byline():
    """…权益。【 | 通讯员 张志举 魏有梅 记者 毛玺玺）: the byline's own line, its （ left at the end
    of the line before, is still a byline; a line of text ending in ） is not."""
    assert parse_byline("通讯员 张志举 魏有梅 记者 毛玺玺）").people == {
        "correspondents": ["张志举", "魏有梅"], "reporters": ["毛玺玺"]}
    assert parse_byline("街道联合派出所开展整治）") is None


def test_a_wrapped_bracketed_byline_gets_apart_the_names_a_role_word_follows():
    """（通讯员郑海弟马春梅实习生 | 谢玉兰）: the bracket closes on the next line, yet the two names
    before 实习生 are whole on this one, so they come apart; the last run may go on and stays."""
    from shequbao.importer.pdf.ocrchars import find_name_breaks

    text = "（通讯员郑海弟马春梅实习生"
    breaks = find_name_breaks(text, [0.0] * (len(text) - 1), runs=False)
    spaced = "".join(c + (" " if i in breaks else "") for i, c in enumerate(text))
    assert spaced == "（通讯员 郑海弟 马春梅 实习生"
    text = "（记者陈玲王晓"
    assert find_name_breaks(text, [0.0] * (len(text) - 1), runs=False) == {2}


def test_a_source_unit_read_with_a_space_inside_is_a_source():
    """（社区 自治办）: OCR put a space inside the unit's name; it is still the source."""
    assert parse_byline("（社区 自治办）").source == "社区自治办"
    assert parse_byline("（社区 活动现场）") is None  # no unit's name: no source
