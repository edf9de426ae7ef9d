"""Where one story ends and the next begins in a scan: the OCR lines the visual reader gets
(sizes, gutters, captions), made here from synthetic word boxes and page images — no OCR.

Each case is one that cut a story of the sample issues in two (scripts/eval_import.py
--pdf content --scan): a paragraph's short last line read as a headline, a headline read
together with the next column's text, a brief's title read as ending in 。, a caption's
credit read as a line of its own.
"""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters
from shequbao.importer.pdf.ocrlines import join_neighbours
from shequbao.importer.pdf.ocrsizes import group_sizes


def page(boxes: list[tuple[int, int, int, int]]):
    """A white page image (grey) with black boxes (left, top, width, height) as characters' ink."""
    image = np.full((600, 1400), 255, dtype=np.uint8)
    for left, top, width, height in boxes:
        image[top:top + height, left:left + width] = 0
    return image


def row(text: str, left: int, top: int, size: int = 28, pitch: int = 30) -> list[Word]:
    return [Word(left + pitch * i, top, size, size, c) for i, c in enumerate(text)]


def ink(words: list[Word]) -> list[tuple[int, int, int, int]]:
    return [(w.left, w.top, w.width, w.height) for w in words]


def texts(lines: list[OcrLine]) -> list[str]:
    return ["".join(w.text for w in ln.words) for ln in lines]


def test_a_short_last_line_boxed_tall_is_read_at_the_size_of_its_ink():
    """260份。: tesseract boxed the paragraph's last line a line and a half tall (its boxes
    reach up into the blank between lines). Read from its boxes it would be larger type,
    a headline starting a new story; its ink says body size, on the column's line grid."""
    above = row("日均供餐约一千一百人次其中送餐", 100, 100)
    last = [Word(100, 146, 58, 28, "260"), Word(160, 135, 28, 44, "份"), Word(190, 135, 14, 44, "。")]
    image = page(ink(above) + [(100, 154, 56, 20), (160, 148, 28, 28), (192, 168, 8, 8)])
    lines = split_gutters([OcrLine(above, 30.0, 128.0), OcrLine(last, 47.8, 179.0)], image)
    short = next(ln for ln in lines if ln.words[0].text == "260")
    assert abs(short.em - 30.0) <= 2.0, short.em
    assert abs(short.base - 176.0) <= 1.0  # the bottom of its ink, not of its boxes

    headline = row("首批加装电梯投入使用", 100, 300, size=56, pitch=60)  # boxes as tall as the ink
    big = split_gutters([OcrLine(headline, 60.0, 356.0)], page(ink(headline)))
    assert big[0].em == 60.0


def test_punctuation_read_in_a_gutter_does_not_end_a_title():
    """■丹桂居民区开展冬季用电安全入户。。: the 。。 was read in the blank after the title's
    last character (no ink under it, a gutter's width away). A title read as ending in 。
    is a paragraph's last line; without it, it stays the brief's title. A real 。 (its ink
    right after the last character) stays."""
    title = row("丹桂居民区开展冬季用电安全入户", 100, 100)
    end = 100 + 30 * 15
    stray = Word(end + 30, 100, 28, 28, "。。", conf=60.0)
    lines = split_gutters([OcrLine(title + [stray], 30.0, 128.0)], page(ink(title)))
    assert texts(lines) == ["丹桂居民区开展冬季用电安全入户"]

    stop = Word(end, 100, 28, 28, "。", conf=60.0)
    kept = split_gutters([OcrLine(title + [stop], 30.0, 128.0)], page(ink(title) + [(end + 2, 120, 8, 8)]))
    assert texts(kept) == ["丹桂居民区开展冬季用电安全入户。"]


def test_a_gutter_hidden_by_a_box_past_its_ink_still_parts_two_columns():
    """社区卫生服务中心…流感 | 金桂苑首批四台: tesseract read a 短消息 line and the next
    column's headline as one line, the last box before the gutter reaching past its ink
    almost to the headline. The blank between the boxes' middles parts them."""
    left = row("为辖区居民提供流感", 100, 100)
    right = row("金桂苑首批四台", 100 + 30 * 9 + 45, 100)
    boxes = left[:-1] + [Word(left[-1].left, 100, 28 + 40, 28, left[-1].text)]  # (its box runs into the gutter)
    lines = split_gutters([OcrLine(boxes + right, 30.0, 128.0)], page(ink(left + right)))
    assert texts(lines) == ["为辖区居民提供流感", "金桂苑首批四台"]

    one = row("为辖区居民提供流感疫苗接种服务", 100, 200)
    assert texts(split_gutters([OcrLine(one, 30.0, 228.0)], page(ink(one)))) == ["为辖区居民提供流感疫苗接种服务"]


def test_a_comma_box_in_the_gutter_does_not_join_two_columns():
    """Two columns' lines on one baseline: the first ends in ，whose box reaches into the
    gutter, next to the second's start. They stay two lines (joined, a column's text would
    run into the next column's, cutting a story)."""
    first = row("钓鱼不为吃钓上", 100, 100)
    comma = Word(100 + 30 * 7, 100, 40, 28, "。")
    second = row("慢往回走我也转身回家", 100 + 30 * 7 + 45, 100)
    image = page(ink(first) + [(100 + 30 * 7 + 2, 120, 8, 8)] + ink(second))
    lines = join_neighbours([OcrLine(first + [comma], 30.0, 128.0), OcrLine(second, 30.0, 128.0)], image)
    assert len(lines) == 2


def test_a_photo_credit_beside_a_caption_is_the_captions():
    """开张当天…吃午饭　张志举 摄: the caption's second line was cut at the wide space before
    the credit; the credit, read alone, looks like a byline. It is joined to the caption's
    line, so the caption stays one block (a body-looking line under the photo began a new
    story). A credit far from any caption stays a line of its own."""
    body = [OcrLine(row("本报讯十二月五日中午十一点位于丹桂路的食堂", 100, 100 + 45 * i), 28.0, 128.0 + 45 * i, 0.2)
            for i in range(6)]
    caption = OcrLine(row("开张当天老人们在食堂", 100, 400, size=22, pitch=24), 24.0, 422.0, 0.26)
    second = OcrLine(row("吃午饭", 100, 434, size=22, pitch=24), 24.0, 456.0, 0.26)
    credit = OcrLine(row("张志举摄", 100 + 24 * 3 + 28, 434, size=24, pitch=26), 26.0, 456.0, 0.22)
    lines = [*body, caption, second, credit]
    group_sizes([lines])
    assert credit not in lines and texts([second]) == ["吃午饭张志举摄"]  # (its space is read from the page)
    alone = OcrLine(row("张志举摄", 600, 434, size=24, pitch=26), 26.0, 456.0, 0.22)  # far from any caption
    lines = [*body, caption, second, alone]
    _, sizes = group_sizes([lines])
    assert alone in lines and sizes[id(alone)][2] == "Scan-Byline"


def test_a_short_label_right_over_a_headline_is_not_body_text():
    """身边好人 over 修车摊前的“老娘舅”: a column label set in a sans face a little larger than
    the body, measured at about body size. Right over a headline, flush with it, it is read
    in a face of its own (an 引题), not as the last line of the story above — the same four
    characters in a column of body text stay body text."""
    body = [OcrLine(row("香樟居民区门口有个修车摊摊主姓马大家都叫他", 100, 100 + 45 * i), 28.0, 128.0 + 45 * i, 0.2)
            for i in range(6)]
    label = OcrLine(row("身边好人", 100, 400, size=29, pitch=31), 29.5, 429.0, 0.21)
    head = OcrLine(row("修车摊前的老娘舅", 100, 440, size=55, pitch=60), 60.0, 495.0, 0.4)
    _, sizes = group_sizes([[*body, label, head]])
    assert sizes[id(label)][2] != "Scan-Body"
    inside = OcrLine(row("身边好人", 100, 370, size=29, pitch=31), 29.5, 399.0, 0.21)  # body lines under it
    _, sizes = group_sizes([[*body, inside]])
    assert sizes[id(inside)][2] == "Scan-Body"


def test_a_marked_brief_title_in_a_heavier_face_is_bold():
    """■金桂苑开通物业报修“一码通”: a 短消息's title set bold at body size, whose ink reads
    lighter than a 黑体 headline's (its ■, quotes and thin strokes). Marked with ■ and in a
    heavier face than the body, it is read bold — a brief's title, starting a new brief;
    ■钱志刚 (a name) and an unmarked line as dark stay what they were."""
    body = [OcrLine(row("本报讯十一月起金桂苑居民区在每个楼道张贴物业", 100, 100 + 45 * i), 28.0, 128.0 + 45 * i, 0.2)
            for i in range(6)]
    title = OcrLine(row("■金桂苑开通物业报修一码通", 100, 400), 28.0, 428.0, 0.32)
    unmarked = OcrLine(row("金桂苑开通物业报修一码通", 100, 500), 28.0, 528.0, 0.32)
    _, sizes = group_sizes([[*body, title, unmarked]])
    assert sizes[id(title)][1] and not sizes[id(unmarked)][1]
