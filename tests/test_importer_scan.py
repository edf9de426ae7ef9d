"""A scanned 版 (an image-only PDF) read by OCR with positions gets the structure a typeset
PDF gets: headlines, bylines, a 短消息 box cut into its items.

The scan is made here: one A4 page set with Typst, rasterised at 150 dpi (pdftoppm, in grey)
and wrapped back into a PDF with Pillow, as a scanner gives it. Needs Debian's tesseract
with its simplified Chinese data (scripts/install-system-deps.sh --test installs them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ocr_helpers import spaced_text
from PIL import Image

from shequbao.importer.pdf import ocr
from shequbao.importer.reading import read_issue

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from eval_import import same_ends

SANS, SERIF = "Noto Sans CJK SC", "Noto Serif CJK SC"

STORIES = [
    {"title": "银杏坊居民区议事会商定两件实事", "deck": "——楼道整治和停车管理有了时间表", "byline": "记者 陈玲  通讯员 张志举",
     "body": [("本报讯 九月下旬，银杏坊居民区召开议事会，围绕楼道整治和停车管理两件事听取居民意见，"
               "二十多位居民代表先后发言，会议持续了两个多小时。"),
              "会后，居民区把大家的建议整理成清单，逐条明确责任人和完成时限，并在公告栏公示，接受居民监督。"]},
    {"title": "社区广场装上新路灯", "byline": "记者 顾建平 王晓峰",
     "body": ["本报讯 夜幕降临，社区广场上的灯亮了起来，跳广场舞的阿姨们排好了队形，孩子们在一旁追逐嬉戏。",
              "负责管理广场的志愿者老周说，今年新装了路灯和座椅，来活动的居民比往年多了一倍，大家都说好。"]},
]
BRIEFS = [
    ("丹桂居民区开展冬季用电安全宣传", "本报讯 十一月上旬，丹桂居民区联合物业走进独居老人家中，检查电线插座，提醒老人睡前关闭电热毯。"),
    ("金桂苑开通物业报修热线", "本报讯 十一月起，金桂苑居民区开通物业报修热线，居民一个电话就能报修，目前已受理报修六十余件。"),
]

needs_tesseract = pytest.mark.skipif(
    not ocr.available() or shutil.which("pdftoppm") is None,
    reason="需要 tesseract-ocr、tesseract-ocr-chi-sim 和 poppler-utils（scripts/install-system-deps.sh --test 会安装）")


def typeset_page(tmp: Path) -> Path:
    """One A4 版: a masthead rule, two stories in two columns each (the first with a 副题), a
    framed 短消息 box with its label white on black."""
    import typst

    doc = ['#set page(paper: "a4", margin: 1.5cm)',
           f'#set text(font: "{SERIF}", size: 10pt, lang: "zh")',
           "#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 0.8em, spacing: 0.8em)",
           f'#text(font: "{SANS}", size: 9pt, weight: "bold")[第2版 · 社区 · 2025年11月26日]',
           "#line(length: 100%, stroke: 1pt)"]
    for story in STORIES:
        body = "\n\n".join(story["body"])
        doc += [f'#block(above: 1.6em, text(font: "{SANS}", size: 20pt, weight: "bold")[{story["title"]}])']
        if "deck" in story:  # a 副题 in the plain sans face, larger than the body: not a second headline
            doc.append(f'#block(text(font: "{SANS}", size: 13pt)[{story["deck"]}])')
        doc += [f'#block(text(font: "{SANS}", size: 9pt)[{story["byline"]}])', f"#columns(2, gutter: 1.5em)[{body}]"]
    items = "\n\n".join(f'#text(font: "{SANS}", weight: "bold")[■{title}]\n\n{text}' for title, text in BRIEFS)
    doc.append(f'#block(above: 2em, stroke: 0.8pt, width: 100%, inset: (bottom: 8pt))['
               f'#block(fill: black, width: 100%, inset: 4pt, text(font: "{SANS}", size: 12pt, fill: white,'
               f' weight: "bold")[短消息])'
               f'#pad(x: 8pt)[{items}]]')
    (tmp / "page.typ").write_text("\n".join(doc), encoding="utf-8")
    pdf = tmp / "page.pdf"
    pdf.write_bytes(typst.compile(str(tmp / "page.typ")))
    return pdf


def scan_of(pdf: Path, tmp: Path, dpi: int = 150) -> Path:
    """The PDF as a scanner gives it: grey pages at ``dpi``, no text layer."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp / "scan")], check=True)
    pages = [Image.open(png) for png in sorted(tmp.glob("scan-*.png"))]
    out = tmp / "scan.pdf"
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=float(dpi))
    return out


@needs_tesseract
def test_a_scanned_page_gets_headlines_bylines_and_briefs(tmp_path, capfd):
    parsed = read_issue(scan_of(typeset_page(tmp_path), tmp_path))
    arts = parsed.articles
    assert "文字识别：第 1/1 页" in capfd.readouterr().err  # progress is shown

    def found(title: str, body: str):
        want = "".join(body.split()).removeprefix("本报讯")
        for art in arts:
            got = "".join(art.body_text.split()).removeprefix("本报讯")
            if same_ends(got, want, tolerant=True):
                return art
        return None

    stories = [found(s["title"], "".join(s["body"])) for s in STORIES]
    briefs = [found(title, text) for title, text in BRIEFS]
    hits = [a for a in stories + briefs if a is not None]
    precision, recall = len(hits) / max(1, len(arts)), len(hits) / (len(STORIES) + len(BRIEFS))
    assert 2 * precision * recall / (precision + recall or 1) >= 0.75, [(a.title, a.body_text[:20]) for a in arts]
    assert stories[0] is not None and not stories[0].title_generated
    assert same_ends(stories[0].title, STORIES[0]["title"], tolerant=True)  # the headline, by its size
    assert same_ends(stories[0].subtitle.lstrip("—"), STORIES[0]["deck"].lstrip("—"), tolerant=True)  # plain face: a 副题
    assert {"陈玲", "张志举"} <= set(stories[0].byline.names)  # the byline under it, names apart
    assert stories[1] is not None and set(stories[1].byline.names) == {"顾建平", "王晓峰"}  # two names OCR runs together
    assert all(b is not None and b.kind == "brief" for b in briefs)  # the box cut into its 短消息
    assert same_ends(briefs[0].title, BRIEFS[0][0], tolerant=True)


def test_text_on_a_tinted_ground_is_kept_and_a_photos_noise_dropped():
    """A grey-tinted box full of text looks toned like a photo: its lines stay (no text is lost
    to a photo that is not one); the few characters read in a real photo's texture go."""
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word
    from shequbao.importer.pdf.ocrlines import drop_covered

    def line(text: str, top: int) -> OcrLine:
        return OcrLine([Word(100 + 30 * i, top, 28, 28, c) for i, c in enumerate(text)], em=30.0, base=top + 28)

    tinted = {"x0": 90.0, "x1": 700.0, "top": 90.0, "bottom": 300.0}
    photo = {"x0": 90.0, "x1": 700.0, "top": 400.0, "bottom": 700.0}
    lines = [line("居民区把大家的建议整理成清单", 100 + 45 * n) for n in range(4)] + [line("人<2", 500)]
    pictures = [tinted, photo]
    kept = drop_covered(lines, pictures, 1.0)
    assert pictures == [photo]
    assert ["".join(w.text for w in ln.words) for ln in kept] == ["居民区把大家的建议整理成清单"] * 4


def _page_with_ink(boxes: list[tuple[int, int, int, int]]):
    """A white page image (numpy, grey) with black boxes (left, top, width, height) for characters."""
    import numpy as np

    image = np.full((400, 1200), 255, dtype=np.uint8)
    for left, top, width, height in boxes:
        image[top:top + height, left:left + width] = 0
    return image


def _row(text: str, left: int, top: int = 100, size: int = 28, pitch: int = 30) -> list:
    from shequbao.importer.pdf.ocrlayout import Word

    return [Word(left + pitch * i, top, size, size, c) for i, c in enumerate(text)]


def test_a_mark_read_in_the_gutter_does_not_join_two_columns():
    """Two 短消息 titles side by side in a box: tesseract reads them as one line, with a 。。 it
    saw in the blank gutter (and doubted); they stay two titles, without the 。。."""
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters

    left, right = _row("开展书法义写", 100), _row("设立爱心驿站", 100 + 30 * 6 + 50)
    noise = Word(100 + 30 * 6 + 8, 100, 24, 28, "。。", conf=0.0)  # (tesseract doubts it)
    image = _page_with_ink([(w.left, w.top, w.width, w.height) for w in left + right])
    line = OcrLine(left + [noise] + right, em=30.0, base=128.0)
    pieces = split_gutters([line], image)
    assert ["".join(w.text for w in p.words) for p in pieces] == ["开展书法义写", "设立爱心驿站"]
    comma = Word(100 + 30 * 3, 100, 10, 28, "，", conf=90.0)  # a sure comma whose box misses its ink stays
    words = left[:3] + [comma] + left[3:]
    kept = split_gutters([OcrLine(words, em=30.0, base=128.0)], image)
    assert ["".join(w.text for w in p.words) for p in kept] == ["开展书，法义写"]


def test_a_short_line_boxed_two_lines_tall_is_read_at_body_size():
    """A paragraph's last line whose character boxes tesseract drew two lines tall (心过节。) is
    read at the size of the line above it, not as a headline's large type."""
    from shequbao.importer.pdf.ocrlayout import parse_tsv

    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t1\t{i}\t{100 + 30 * i}\t100\t28\t28\t95\t{c}" for i, c in enumerate("让居民们都能安安心心")]
    tall = [(100, 144, 96, 26, "心"), (140, 128, 26, 60, "过"), (170, 128, 26, 60, "节")]
    rows += [f"5\t1\t1\t1\t2\t{i}\t{x}\t{y}\t{w}\t{h}\t95\t{c}" for i, (x, y, w, h, c) in enumerate(tall)]
    lines = parse_tsv("\n".join([head, *rows]))
    body, last = lines
    assert abs(last.em - body.em) <= 0.15 * body.em
    assert last.base - body.base >= 0.9 * body.em  # still the line under it


def test_a_headline_cut_where_a_quote_was_lost_is_one_line_again():
    """银杏坊 | 共享书屋”借书不用卡: tesseract left out the “ between them and read two lines on
    one baseline; with ink (the quote) between them they are one line, with a blank gutter two."""
    from shequbao.importer.pdf.ocrlayout import OcrLine
    from shequbao.importer.pdf.ocrlines import join_neighbours

    first, second = _row("银杏坊", 100, size=56, pitch=60), _row("共享书屋", 100 + 60 * 3 + 40, size=56, pitch=60)
    ink = [(w.left, w.top, w.width, w.height) for w in first + second]
    quote = (100 + 60 * 3 + 15, 100, 14, 14)
    joined = join_neighbours([OcrLine(first, 60.0, 156.0), OcrLine(second, 60.0, 156.0)], _page_with_ink([*ink, quote]))
    assert ["".join(w.text for w in ln.words) for ln in joined] == ["银杏坊共享书屋"]
    apart = join_neighbours([OcrLine(first, 60.0, 156.0), OcrLine(second, 60.0, 156.0)], _page_with_ink(ink))
    assert len(apart) == 2


def test_a_quote_read_in_a_gutter_is_dropped_and_a_real_one_kept():
    """tesseract reads the blank gutter between two columns as a ” opening the next column's
    first word (”夜间): the mark goes and the line is cut at the gutter; a quote whose word
    starts at its ink (“夜间) stays."""
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters

    left = _row("全程跟", 100)
    right = _row("夜间停工", 100 + 30 * 3 + 60)
    phantom = Word(100 + 30 * 3 + 5, 100, 55 + 2 * 30, 28, "”夜间", conf=44.0)
    image = _page_with_ink([(w.left, w.top, w.width, w.height) for w in left + right])
    pieces = split_gutters([OcrLine(left + [phantom] + right[2:], em=30.0, base=128.0)], image)
    assert ["".join(w.text for w in p.words) for p in pieces] == ["全程跟", "夜间停工"]
    real = Word(right[0].left, 100, 90, 28, "“夜间", conf=60.0)
    quoted = _page_with_ink([(w.left, w.top, w.width, w.height) for w in right])
    kept = split_gutters([OcrLine([real] + right[2:], em=30.0, base=128.0)], quoted)
    assert "".join(w.text for p in kept for w in p.words) == "“夜间停工"


def test_a_square_boxed_from_its_middle_is_a_square_and_not_bold():
    """■高培峰 closing a brief: tesseract boxes the ■ from its middle (and reads it as 国); it is
    a ■, and its solid ink does not make the line look bold (a title)."""
    from shequbao.importer.pdf.ocrink import measure_ink
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word

    names = _row("高培峰", 140)
    mark = Word(116, 100, 15, 28, "国", conf=49.0)  # the ■ is at 100–128
    strokes = [(w.left + 4, w.top + 4 * k, w.width - 8, 2) for w in names for k in range(7)]
    image = _page_with_ink([(100, 100, 28, 28), *strokes])
    line = OcrLine([mark, *names], em=30.0, base=128.0)
    plain = OcrLine(_row("高培峰", 140), em=30.0, base=128.0)
    measure_ink([line, plain], image)
    assert mark.text == "■"
    assert abs(line.density - plain.density) < 0.05


def test_a_photo_credit_line_gets_its_names_apart_and_a_stray_quote_before_it_goes():
    """文/图杨惠明陈凯庭 under a caption (OCR loses the spaces): 文/图 and each name apart, so the
    credit leaves the caption; the “ tesseract read in the blank after the caption's 。 goes."""
    from shequbao.importer.pdf.ocrchars import page_chars
    from shequbao.importer.pdf.ocrlayout import OcrLine, Word, split_gutters

    words = _row("文/图杨惠明", 100) + _row("陈凯庭", 100 + 30 * 6 + 14)  # a wider blank between the names
    image = _page_with_ink([(w.left + 2, w.top, w.width - 4, w.height) for w in words])
    line = OcrLine(words, em=30.0, base=128.0)
    chars = page_chars([line], {id(line): (30.0, False, "Scan-Byline")}, 1.0, image)
    assert spaced_text(chars) == "文/图 杨惠明 陈凯庭"
    caption = _row("殊荣", 100) + [Word(160, 100, 46, 40, "。“", conf=0.0)]
    kept = split_gutters([OcrLine(caption, em=30.0, base=128.0)], _page_with_ink([(100, 100, 56, 28), (162, 120, 8, 6)]))
    assert "".join(w.text for p in kept for w in p.words) == "殊荣。"
