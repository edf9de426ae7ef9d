"""Scans of reportlab and sikai pages: the 版 footer 责任编辑：张建国 美编：陈晨 as OCR reads it
(a character boxed as a sliver, the colon read as a semicolon). Synthetic OCR (no tesseract)."""

from __future__ import annotations

from shequbao.importer import furniture
from shequbao.importer.pdf.ocrlayout import parse_tsv

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*lines: list[tuple[str, int, int, int, int]]) -> str:
    """tesseract's TSV: each line a list of words (text, left, top, width, height)."""
    rows = [HEADER]
    for n, words in enumerate(lines, 1):
        for i, (text, left, top, width, height) in enumerate(words, 1):
            rows.append(f"5\t1\t{n}\t1\t1\t{i}\t{left}\t{top}\t{width}\t{height}\t80\t{text}")
    return "\n".join(rows)


def test_a_character_boxed_as_a_sliver_does_not_shrink_its_line():
    """编 of 美编；陈晨 boxed 2 pixels wide and 12 high (its left stroke alone) beside characters
    boxed 20 high: the line is read at the size of its neighbour 责任编辑：张建国, not at
    half of it (a line that small was taken for a caption's credit and glued to a story)."""
    editor = [("责任", 113, 2219, 40, 20), ("编辑", 166, 2219, 33, 19), ("：", 211, 2224, 2, 11),
              ("张建国", 225, 2219, 60, 20)]
    art = [("美", 315, 2219, 38, 20), ("编", 365, 2224, 2, 12), (";", 366, 2215, 7, 34), ("陈晨", 381, 2219, 39, 20)]
    first, second = parse_tsv(_tsv(editor, art))
    assert abs(second.em - first.em) <= 0.15 * first.em
    assert second.base == first.base
    # a line without slivers keeps its smallest characters' height: a real small line stays small
    small = [("美", 315, 2227, 12, 12), ("编", 330, 2227, 12, 12), ("陈晨", 350, 2227, 24, 12)]
    (third,) = parse_tsv(_tsv(small))
    assert third.em < 0.7 * first.em


def test_a_role_read_with_a_semicolon_is_still_an_editors_line():
    """美编；陈晨 (OCR took the colon for a semicolon) names a 版's 美编: furniture, not text; a
    clause after a semicolon is not a name."""
    assert furniture.editor_line("美编；陈晨") == ""
    assert furniture.editor_line("责任编辑：张建国 美编;陈晨") == "张建国"
    assert furniture.editor_line("居民区；党委会议") is None
    assert furniture.editor_line("美编；陈晨来到居委会了解情况") is None


def _line(text: str, left: int, base: int, em: int = 28):
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word

    words = [Word(left + i * em, base - int(0.92 * em), em - 2, int(0.92 * em), c) for i, c in enumerate(text)]
    return OcrLine(words, em=float(em), base=float(base))


def test_a_caption_set_right_under_a_photo_is_kept_as_text():
    """文明社区测评迎检工作动员大会 set 2 points under its photo, whose box (found at the grain of
    cells) took in the caption's upper half: the caption is read, the photo ends above it (its
    pixels too), and what tesseract read inside the photo is still dropped."""
    from shequbao.importer.pdf.ocrimage import _Pixels
    from shequbao.importer.pdf.ocrlines import drop_covered

    scale = 0.5  # points per pixel
    wide, high = 200, 120  # the photo's pixels: 100 × 60 points at (20, 100)
    photo = {"x0": 20.0, "x1": 120.0, "top": 100.0, "bottom": 160.0, "srcsize": (wide, high),
             "stream": _Pixels(bytes(wide * high))}
    caption = _line("文明社区测评迎检工作动员大会", 40, 330)  # ink from 304 to 330 px: 152 to 165 pt
    texture = _line("口口目目", 60, 260)  # inside the photo
    body = _line("近日街道召开了上海市文明社区测", 40, 380)
    kept = drop_covered([caption, texture, body], [photo], scale)
    assert [ln for ln in kept if ln is caption] and not [ln for ln in kept if ln is texture]
    assert len(caption.words) == 14
    assert photo["bottom"] <= 152.5 and photo["bottom"] > 150
    w, h = photo["srcsize"]
    assert w == wide and h < high and len(photo["stream"].get_data()) == w * h


def test_a_jump_line_with_a_misread_character_or_bracket_is_still_a_jump():
    """（下转第2版） read as (下塌第2版), {下转第4版) or 【下转第5版): still where the story goes
    on, so its two parts are joined; （上期第3版） names an issue, not a jump; a sentence
    ending in 第2版 is text."""
    from shequbao.importer.units import jump_of

    assert jump_of("(下塌第2版)") == ("to", 2)
    assert jump_of("{下转第4版)") == ("to", 4)
    assert jump_of("【下转第5版)") == ("to", 5)
    assert jump_of("（上按第1版）") == ("from", 1)
    assert jump_of("（上期第3版）") is None
    assert jump_of("详情见下期第2版") is None


def test_a_page_header_whose_number_ocr_lost_names_its_page():
    """The header of a scan's pages read as 第]版 要闻 (page 1), 第版 社区 (page 2) or 第3浅 综合
    (page 3): each page is its 版 again, so 下转第2版 finds page 2. The masthead's 第42期
    and a header lower on the page are left as read."""
    from shequbao.importer.pdf.ocrlines import mend_header

    def text(line) -> str:
        return "".join(w.text for w in line.words)

    first, second, third = _line("第]版要闻", 80, 100), _line("第版”社区", 80, 100), _line("第3浅”综合", 80, 100)
    issue, low = _line("第42期2019年12月25日", 900, 150), _line("第版", 80, 600)
    mend_header([first, issue], 1, 2339)
    mend_header([second, low], 2, 2339)
    mend_header([third], 3, 2339)
    assert (text(first), text(second), text(third)) == ("第1版要闻", "第2版”社区", "第3版”综合")
    assert (text(issue), text(low)) == ("第42期2019年12月25日", "第版")
    assert first.words[0].left == 80 and first.words[1].text == "要"


def test_a_jump_line_read_over_the_next_headline_ends_the_story_before():
    """（下转第2版） at the foot of a column, right over the next story's headline box, is read
    as the start of that story's module: it still says where the story above goes on, so
    its second part on 版2 (under the repeated headline and 上接第1版) joins it."""
    from shequbao.importer.segment import segment_lines
    from shequbao.importer.structure import Line

    lines = [
        Line(1, "第1版 要闻"),
        Line(1, "", gap=2, hint="module", title="story"),
        Line(1, "凝聚石二力量 做好迎检准备", level=1, hint="headline"),
        Line(1, "近日，街道召开了文明社区测评迎检工作动员大会，对迎检工作进行再动员、再部署。", hint="para"),
        Line(1, "", gap=2, hint="module", title="story"),
        Line(1, "（下转第2版）"),
        Line(1, "街道开展业委会实务培训", level=1, hint="headline"),
        Line(1, "为进一步加强和完善党建引领业委会规范化建设，街道开展了业委会实务培训。", hint="para"),
        Line(2, "第2版 社区"),
        Line(2, "", gap=2, hint="module", title="story"),
        Line(2, "凝聚石二力量 做好迎检准备", level=1, hint="headline"),
        Line(2, "（上接第1版）"),
        Line(2, "会上，街道党工委副书记传达了本次测评的工作部署，持续引领文明创建新风尚。", hint="para"),
    ]
    parsed = segment_lines(lines)
    texts = {a.title: "".join(p.text for p in a.paras) for a in parsed.articles}
    assert len(parsed.articles) == 2, texts
    story = next(t for title, t in texts.items() if "凝聚" in title)
    assert story.startswith("近日") and story.endswith("新风尚。")


def test_a_line_in_another_face_right_under_a_photo_is_its_caption():
    """文明社区测评迎检工作动员大会 set right under its photo in another face than the body, at
    the size a scan reads for both (OCR tells the caption's 8 pt from the body's 9 pt apart no
    more): the photo's caption, not the first line of the story under it. The body's own
    line right under a photo stays body text."""
    from shequbao.importer.pdf.glyphs import Run
    from shequbao.importer.pdf.images import Figure
    from shequbao.importer.pdf.module import photo_blocks
    from shequbao.importer.pdf.visual import Style, VLine

    def vline(text: str, top: float, font: str) -> VLine:
        line = VLine()
        line.add(Run(40, 40 + 9 * len(text), top, top + 9, 9.0, font, False, list(text)))
        return line

    style = Style(9.0, "Scan-Body")
    photo = Figure(40, 204, 237, 345, None)
    caption = vline("文明社区测评迎检工作动员大会", 347, "Scan-1")
    body = vline("近日，街道召开了上海市文明社区测", 359, "Scan-Body")
    (block,) = photo_blocks([photo], [caption, body], style, set())
    assert block.caption == [caption]
    (block,) = photo_blocks([photo], [vline("近日，街道召开了上海市文明社区测", 347, "Scan-Body")], style, set())
    assert block.caption == []


def test_a_round_dot_before_an_item_is_a_bullet_not_a_character():
    """The ● before each item of 一句话新闻, read by tesseract as 二 or 重: a solid round mark
    at the start of a line is ●, so each item starts a brief. A real character there
    (its strokes leave paper between them) stays as read."""
    import numpy as np

    from shequbao.importer.pdf.ocrink import measure_ink
    from shequbao.importer.pdf.ocrlayout import Word

    em = 40
    image = np.full((100, 600), 255, dtype=np.uint8)
    yy, xx = np.mgrid[0:100, 0:600]
    image[(yy - 30) ** 2 + (xx - 30) ** 2 <= 12 ** 2] = 0  # a ● 24 px across
    image[15:45, 60:90:6] = 0  # the next character's strokes
    image[70:72, 10:50] = 0  # 二 on the second line: two strokes
    image[88:90, 10:50] = 0
    dotted = _line("二七月二日", 18, 48, em=em)
    dotted.words[0] = Word(18, 16, 26, 26, "二", 0.0)
    plain = _line("二日街道", 10, 92, em=em)
    plain.words[0] = Word(10, 68, 40, 24, "二", 90.0)
    measure_ink([dotted, plain], image)
    assert dotted.words[0].text == "●"
    assert plain.words[0].text == "二"
