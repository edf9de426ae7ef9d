"""A scan's pages, continuations and photos, from synthetic OCR lines and page images (no
tesseract): a line tesseract reads across a box's side is two lines, a story continued on
another 版 is one draft even when OCR misreads its repeated headline, and a photo is found
whole (its pale sky too) without the caption under it."""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters
from shequbao.importer.segment import segment


def _row(text: str, left: int, top: int = 100, size: int = 28, pitch: int = 30) -> list[Word]:
    return [Word(left + pitch * i, top, size, size, c) for i, c in enumerate(text)]


def _ink(image, words: list[Word]) -> None:
    for w in words:
        image[w.top + 2:w.top + w.height - 2, w.left + 2:w.left + w.width - 2] = 0


def test_a_line_read_across_a_boxs_side_is_cut_there():
    """The last line of a 短消息 box and, beyond the box's side, the first line of a headline
    on one baseline: tesseract reads one line with a | for the rule. The blank on either side
    of the rule is narrower than a gutter, yet the rule parts them, and the | is no text."""
    image = np.full((400, 1400), 255, dtype=np.uint8)
    brief = _row("社区卫生服务中心为辖区居民提供", 100)
    rule_x = brief[-1].left + brief[-1].width + 8
    image[20:380, rule_x:rule_x + 3] = 0  # the box's side, many lines tall
    head = _row("金桂苑首批四台", rule_x + 14, top=96, size=34, pitch=36)
    _ink(image, brief + head)
    bar = Word(rule_x + 3, 100, 6, 30, "|", conf=93.0)  # (boxed beside the rule, and sure of itself)
    line = OcrLine(brief + [bar] + head, em=30.0, base=130.0)
    pieces = split_gutters([line], image)
    assert ["".join(w.text for w in p.words) for p in pieces] == ["社区卫生服务中心为辖区居民提供", "金桂苑首批四台"]
    without = np.full((400, 1400), 255, dtype=np.uint8)  # no rule: one line, as the blank is narrow
    _ink(without, brief + head)
    assert len(split_gutters([OcrLine(brief + head, em=30.0, base=130.0)], without)) == 1


CONTINUED = """第1版

金桂苑首批四台加装电梯投入使用

本报讯 12月16日上午，金桂苑小区12号楼前格外热闹，小区首批四台加装电梯正式投入使用。
12号楼推选的“梯长”是退休会计老吴，每月把电费单贴在一楼的公示栏里。
（下转第2版）

第2版

上接第1版
金桂苑首批四台加装电悌投入使用
据悉，金桂苑小区还有7个门洞已完成意见征询，预计明年上半年陆续开工。
"""


def test_a_continued_story_is_one_draft_though_its_repeated_headline_is_misread():
    """下转第2版 … 上接第1版 and the headline printed again, one character of it misread (悌
    for 梯, as OCR does): one article holding both parts, the repeated headline not in it."""
    parsed = segment(CONTINUED)
    assert len(parsed.articles) == 1, [a.title for a in parsed.articles]
    art = parsed.articles[0]
    assert art.title == "金桂苑首批四台加装电梯投入使用"
    assert art.body_text.rstrip().endswith("预计明年上半年陆续开工。")
    assert "电悌" not in art.body_text and "上接" not in art.body_text


def test_ocr_misreads_of_a_jump_line_are_still_jump_lines():
    from shequbao.importer.units import jump_of

    assert jump_of("（下转第2版）") == ("to", 2)
    assert jump_of("上按第1版") == ("from", 1)  # 接 read as 按
    assert jump_of("(下传第4板)") == ("to", 4)
    assert jump_of("下转第2版的故事") is None


def test_a_photo_with_a_pale_sky_is_found_whole_and_its_caption_stays_out():
    """A photo whose upper part is a pale sky (a grey just darker than the paper) is one
    picture from its top edge; the caption set right under it is not inside it."""
    from shequbao.importer.pdf.ocrimage import find_pictures

    image = np.full((900, 900), 250, dtype=np.uint8)  # the paper of a scan is not pure white
    image[100:300, 100:700] = 236  # the sky
    image[300:500, 100:700] = 120  # the ground
    caption = _row("银杏坊居民区居民在睦邻点一起包冬至馄饨", 100, top=510, size=20, pitch=24)
    _ink(image, caption)
    pictures = find_pictures(image, 1.0, 1)
    assert len(pictures) == 1
    photo = pictures[0]
    assert abs(photo["top"] - 100) <= 4 and abs(photo["bottom"] - 500) <= 4
    assert abs(photo["x0"] - 100) <= 4 and abs(photo["x1"] - 700) <= 4
    assert photo["srcsize"] == (int(photo["x1"] - photo["x0"]), int(photo["bottom"] - photo["top"]))


def test_a_part_tesseract_garbled_is_found_and_read_again_in_place():
    """A poem beside a column of text, its short lines read by tesseract into the text's
    lines as characters it doubts: the doubted lines near each other make one part of the
    page (a lone doubted word does not), and the lines read again there take the place of
    the garbled words, the text's own words beside it kept."""
    from shequbao.importer.pdf.ocrredo import garbled_parts, replace_part, shifted

    def line(text: str, left: int, top: int, conf: float) -> OcrLine:
        return OcrLine([Word(left + 30 * i, top, 28, 28, c, conf) for i, c in enumerate(text)], em=30.0, base=top + 28)

    text = [line("河边的老人收起鱼竿", 100, 100 + 45 * n, 93.0) for n in range(6)]
    garbled = [line(t, 500, 100 + 45 * n, 9.0) for n, t in enumerate(["了于", "全丰了", "千二四作", "人下得", "的到和"])]
    lone = line("尝", 100, 700, 5.0)
    lines = text + garbled + [lone]
    parts = garbled_parts(lines, (1000, 1200))
    assert len(parts) == 1
    x0, x1, top, bottom = parts[0]
    assert x0 <= 500 and x1 >= 590 and top <= 100 and bottom >= 308 and x0 > 100 + 30 * 9  # the text beside stays out
    redone = shifted([line("一夜秋风，", 10, 10, 90.0), line("银杏路换了衣裳。", 10, 55, 90.0)], parts[0])
    kept = replace_part(lines, parts[0], redone)
    texts = ["".join(w.text for w in ln.words) for ln in kept]
    assert texts.count("河边的老人收起鱼竿") == 6 and "尝" in texts
    assert "一夜秋风，" in texts and not any(t in texts for t in ["了于", "全丰了", "千二四作"])
    assert kept[-2].words[0].left == x0 + 10 and kept[-2].base == top + 38  # placed where the part is on the page


def test_a_posters_slogans_stay_pixels_of_its_picture():
    """A 公益广告 poster is a toned area with lines of large slogans in it: unlike a tinted box
    of text at the page's usual size, it stays a picture and its slogans are not read as an
    article (a typeset PDF has them as pixels too)."""
    from shequbao.importer.pdf.ocrlines import drop_covered

    def line(text: str, top: int, size: int) -> OcrLine:
        return OcrLine([Word(100 + size * i, top, size, size, c) for i, c in enumerate(text)], em=size / 0.92,
                       base=top + size)

    body = [line("居民区把大家的建议整理成清单", 40 + 34 * n, 28) for n in range(12)]
    poster = {"x0": 90.0, "x1": 1100.0, "top": 500.0, "bottom": 900.0}
    slogans = [line("讲文明树新风", 520, 120), line("文明从我做起和谐靠你我共建", 660, 56),
               line("礼让一步微笑一下随手一捡", 730, 56), line("桂园街道精神文明建设办公室宣", 820, 28)]
    pictures = [poster]
    kept = drop_covered(body + slogans, pictures, 1.0)
    assert pictures == [poster]
    assert ["".join(w.text for w in ln.words) for ln in kept] == ["居民区把大家的建议整理成清单"] * 12


def _vline(text: str, x0: float, top: float, size: float, font: str = "Scan-Body", bold: bool = False):
    from shequbao.importer.pdf.glyphs import Run
    from shequbao.importer.pdf.visual import VLine

    line = VLine()
    line.add(Run(x0, x0 + size * len(text), top, top + size, size, font, bold, list(text),
                 [x0 + size * i for i in range(len(text))]))
    return line


def test_an_intro_line_set_right_on_its_headline_is_its_kicker_whatever_its_face():
    """盼了多年的“独门独户”有望实现 set on top of its headline: a scan reads its size as the
    body's, yet it is the 引题, not a story's last line before the headline."""
    from shequbao.importer.pdf.module import read_module
    from shequbao.importer.pdf.regions import Module
    from shequbao.importer.pdf.visual import Style

    style = Style(10.2, "Scan-Body")
    kicker = _vline("盼了多年的“独门独户”有望实现", 624, 159, 10.2)
    head = _vline("桂园新村成套改造意愿征询同意率达", 623, 172, 17.6, "Scan-8-Dark-Bold", bold=True)
    body = [_vline("本报讯12月12日，桂园新村旧住房成套改造项", 624, 200 + 17 * n, 10.2) for n in range(3)]
    out = read_module(Module([kicker, head, *body]), style, 1)
    heads = [(ln.hint, ln.level, ln.text) for ln in out if ln.hint == "headline"]
    assert heads == [("headline", 2, kicker.text), ("headline", 1, head.text)]
    assert [ln.title for ln in out if ln.hint == "module"] == ["story"]
    apart = _vline("居民们说，这下终于盼到了头", 624, 140, 10.2)  # a line a module's white away: no kicker
    out = read_module(Module([apart, head, *body]), style, 1)
    assert [ln.title for ln in out if ln.hint == "module"] == ["text", "story"]


def test_a_briefs_title_marked_with_a_square_is_a_title_though_not_read_bold():
    """In a box of 短消息, a title whose face a scan did not read as bold (■社区卫生服务中心开展
    流感疫苗 | 接种) is still the item's title, both its lines, by the ■ that marks the items."""
    from shequbao.importer.pdf.elements import Box
    from shequbao.importer.pdf.module import read_module
    from shequbao.importer.pdf.regions import Module
    from shequbao.importer.pdf.visual import Style

    style = Style(10.2, "Scan-Body")
    lines = [_vline("短消息", 240, 813, 12.9, "Scan-6-Dark-Bold", bold=True),
             _vline("■社区卫生服务中心开展流感疫苗", 430, 838, 10.6, "Scan-4-Dark"),
             _vline("接种", 429, 855, 10.6, "Scan-4-Dark"),
             _vline("本报讯即日起至明年1月，桂园", 450, 872, 10.2),
             _vline("社区卫生服务中心为辖区居民提供流感", 429, 889, 10.2)]
    out = read_module(Module(lines, box=Box(229, 613, 802, 1000)), style, 2)
    assert [ln.text for ln in out if ln.hint == "headline"] == ["■社区卫生服务中心开展流感疫苗接种"]


def test_a_caption_whose_credit_stands_apart_on_its_line_is_one_caption():
    """A caption and its credit (“…祝寿会　徐立新 摄”) read by OCR as two pieces of one line,
    the credit a little larger: one caption under the photo, read left to right, none of
    it taken for the story's text."""
    from shequbao.importer.pdf.images import Figure
    from shequbao.importer.pdf.module import read_module
    from shequbao.importer.pdf.regions import Module
    from shequbao.importer.pdf.visual import Style

    style = Style(10.2, "Scan-Body")
    head = _vline("重阳节里话敬老", 430, 82, 23.0, "Scan-14-Dark-Bold", bold=True)
    photo = Figure(429, 802, 113, 377, object())
    credit = _vline("徐立新 摄", 635, 381.2, 9.2, "Scan-Byline")
    caption = _vline("金桂苑居民区为辖区老人举办集体祝寿会", 429, 381, 8.8, "Scan-4-Dark")
    body = [_vline("10月29日重阳节，金桂苑居民区为辖区", 450, 398 + 17 * n, 10.2) for n in range(3)]
    out = read_module(Module([head, photo, credit, caption, *body]), style, 2)
    figures = [ln.text for ln in out if ln.hint == "figure"]
    assert figures == ["金桂苑居民区为辖区老人举办集体祝寿会 徐立新 摄"]
    assert not any("祝寿会" in ln.text for ln in out if ln.hint in ("para", "cont"))
    wrapped = [_vline("11月20日晚，平安夜巡队队员在银杏路沿线", 429, 381, 8.8, "Scan-4-Dark"),
               _vline("徐立新 摄", 457, 393.2, 9.2, "Scan-Byline"), _vline("巡逻", 429, 393, 8.8, "Scan-4-Dark")]
    out = read_module(Module([head, photo, *wrapped, *[_vline(vl.text, vl.x0, vl.top + 12, 10.2) for vl in body]]), style, 2)
    assert [ln.text for ln in out if ln.hint == "figure"] == ["11月20日晚，平安夜巡队队员在银杏路沿线巡逻 徐立新 摄"]
    from shequbao.importer.pdf.glyphs import Run

    second = _vline("吃午饭，", 429, 393, 8.8, "Scan-4-Dark")
    second.add(Run(464.5, 510, 393, 402.2, 9.2, "Scan-Byline", False, list("张志举 摄"), [464.5 + 9 * i for i in range(5)]))
    out = read_module(Module([head, photo, _vline("开张当天，老人们在丹桂居民区“银龄食堂”", 429, 381, 8.8, "Scan-4-Dark"),
                              second, *[_vline(vl.text, vl.x0, vl.top + 12, 10.2) for vl in body]]), style, 2)
    assert [ln.text for ln in out if ln.hint == "figure"] == ["开张当天，老人们在丹桂居民区“银龄食堂”吃午饭，张志举 摄"]
