"""The layout editor's measure (tests/pdf_layout.py) flags each fault a 美编 rejected, on
small A3 pages made here with Typst, and passes the same page without the fault."""

from __future__ import annotations


import pytest

pdfplumber = pytest.importorskip("pdfplumber")
typst = pytest.importorskip("typst")
pytest.importorskip("jieba")

from pdf_layout import display_faults, measure_layout  # noqa: E402
from shequbao.print.options import make_geometry  # noqa: E402

G = make_geometry("A3", 4)
TEXT = ("桂园街道今年在各居民区推行楼组议事会，由楼组长召集居民商量加装电梯、车棚改造和绿化养护等事项。"
        "议事会每月召开一次，会前在楼道公告栏贴出议题，会后把结果写进楼组日志，居民随时可以查看。"
        "丹桂居民区的老党员每周三上门看望独居老人，帮忙测血压、读报纸，遇到难事就记下来转给社区。")


def body(text: str) -> str:
    return (f'#set text(font: "Noto Serif CJK SC", size: {G.body}pt, top-edge: 0.88em, bottom-edge: -0.12em, lang: "zh")\n'
            f'#set par(justify: true, leading: {G.pitch - G.body}pt, first-line-indent: 0em, spacing: {G.pitch - G.body}pt)\n'
            + text)


def column_block(column: int, y: float, text: str, span: int = 1, height: float | None = None) -> str:
    """Body text ``span`` columns wide at ``y``; with ``height`` cut there (clipped)."""
    size = f", height: {height}pt, clip: true" if height else ""
    return (f"#place(top + left, dx: {G.column_x(column)}pt, dy: {y}pt, block(width: {G.span_width(span)}pt{size})"
            f"[{text}])")


def headline(column: int, y: float, lines: list[str], size: float = 31.5, span: int = 2) -> str:
    text = " \\ ".join(lines)
    return (f'#place(top + left, dx: {G.column_x(column)}pt, dy: {y}pt, block(width: {G.span_width(span)}pt, '
            f'text(font: "Noto Sans CJK SC", weight: "bold", size: {size}pt)[{text}]))')


def full_columns(columns=range(4), top: float = 60.0, skip: tuple[int, float, float] | None = None) -> list[str]:
    """Every column filled with body text down to the foot (``skip``: column, from, to left blank)."""
    parts = []
    for column in columns:
        spans = [(top, G.bottom)] if not skip or skip[0] != column else [(top, skip[1]), (skip[2], G.bottom)]
        for y0, y1 in spans:
            lines = int((y1 - y0 + G.pitch - G.body) // G.pitch)
            parts.append(column_block(column, y0, (TEXT * 12)[:lines * G.chars - 3]))  # clipped text is still in a PDF
    return parts


def measure(tmp_path, parts: list[str], images: dict[str, tuple[int, int]] | None = None):
    from PIL import Image

    for name, size in (images or {}).items():
        Image.new("RGB", size, (120, 140, 160)).save(tmp_path / name)
    source = f"#set page(width: {G.width}pt, height: {G.height}pt, margin: 0pt)\n" + body("\n".join(parts))
    (tmp_path / "page.typ").write_text(source, encoding="utf-8")
    (tmp_path / "page.pdf").write_bytes(typst.compile(str(tmp_path / "page.typ")))
    with pdfplumber.open(tmp_path / "page.pdf") as pdf:
        return measure_layout(pdf.pages[0], 1, G)


def photo(name: str, column: int, y: float, span: int) -> str:
    return f'#place(top + left, dx: {G.column_x(column)}pt, dy: {y}pt, image("{name}", width: {G.span_width(span)}pt))'


def test_a_blown_up_photo_is_flagged_by_share_and_ppi(tmp_path):
    big = measure(tmp_path, [photo("big.png", 0, 60, 4)], {"big.png": (1600, 1000)})
    assert big.photo_max > 0.2 and big.ppi_min < 180
    assert any("照片占版心" in f for f in big.faults()) and any("ppi" in f for f in big.faults())
    small = measure(tmp_path, [photo("small.png", 0, 60, 1)], {"small.png": (600, 400)})
    assert small.photo_max < 0.05 and small.ppi_min >= 180
    assert not [f for f in small.faults() if "照片" in f]


def test_a_stretched_box_is_flagged(tmp_path):
    def boxed(height: float) -> list[str]:
        return [f"#place(top + left, dx: {G.column_x(0) - 4}pt, dy: 100pt, rect(width: {G.column + 8}pt, "
                f"height: {height}pt, stroke: 0.8pt))", column_block(0, 110, TEXT[:50])]

    assert measure(tmp_path, boxed(400)).stretched
    assert not measure(tmp_path, boxed(4 * G.pitch)).stretched


def test_a_line_across_the_page_is_flagged(tmp_path):
    across = measure(tmp_path, [column_block(0, 100, TEXT * 2, span=4)])
    assert across.long_lines and any("行太长" in f for f in across.faults())
    assert not measure(tmp_path, [column_block(0, 100, TEXT * 2, span=1)]).long_lines


def test_a_word_broken_in_a_headline_is_flagged(tmp_path):
    bad = measure(tmp_path, [headline(0, 100, ["闲置车棚改建充电棚居民下", "楼扫码就能充"])])
    assert bad.broken and any("标题断行" in f for f in bad.faults())
    assert not measure(tmp_path, [headline(0, 100, ["闲置车棚改建充电棚居民", "下楼扫码就能充"])]).broken
    assert display_faults(["周边居民步行15", "分钟可达"])  # a number kept from its unit
    assert display_faults(["长者助餐点增至七", "个"])  # one character alone
    assert not display_faults(["周边居民步行", "15分钟可达"])


def widow_page(first_line: str) -> list[str]:
    """Two columns of one story under a rule; the second column starts with ``first_line``."""
    rule = f"#place(top + left, dx: {G.left}pt, dy: 90pt, line(length: {G.span_width(2)}pt, stroke: 0.5pt))"
    second = first_line + "\\\n#h(2em)" + TEXT * 2
    return [rule, column_block(0, 100, TEXT * 2, height=300), column_block(1, 100, second, height=300)]


def test_a_widow_at_the_top_of_a_column_is_flagged(tmp_path):
    assert measure(tmp_path, widow_page("秋天。")).widows == ["秋天。"]
    assert not measure(tmp_path, widow_page("#h(2em)" + TEXT[:40])).widows


def test_a_lone_character_line_is_flagged(tmp_path):
    paragraph = "#h(2em)" + TEXT[:15] + "好。"  # 17 characters a line: 好。 goes on alone
    lone = measure(tmp_path, [column_block(0, 100, f"{paragraph}\n\n#h(2em){TEXT[:40]}")])
    assert "好。" in lone.orphans
    assert not measure(tmp_path, [column_block(0, 100, TEXT[:40])]).orphans


def test_a_hole_in_a_column_is_flagged(tmp_path):
    full = measure(tmp_path, full_columns())
    assert full.holes_mean < 0.01 and full.holes_worst < 0.01
    hole = measure(tmp_path, full_columns(skip=(2, 400, 750)))
    assert hole.holes_worst > 0.25 and any("空洞" in f for f in hole.faults())


def test_a_page_without_a_clear_lead_is_flagged(tmp_path):
    same = [headline(c, 100, ["居民议事会开到楼道里"], size=27.3, span=1) for c in range(3)]
    assert not measure(tmp_path, same).lead
    lead = [headline(0, 100, ["居民议事会开到楼道里"], size=35.7, span=2),
            *[headline(c, 600, ["车棚变身充电棚"], size=23.1, span=1) for c in (0, 2)]]
    assert measure(tmp_path, lead).lead


def test_stubs_under_a_photo_are_flagged(tmp_path):
    rule = f"#place(top + left, dx: {G.left}pt, dy: 362pt, line(length: {G.type_width}pt, stroke: 0.5pt))"
    strips = [photo("p.png", 0, 60, 4), rule,
              *[column_block(c, 320, TEXT[c * 20:c * 20 + 30]) for c in range(4)]]
    stubs = measure(tmp_path, strips, {"p.png": (3000, 1000)})
    assert len(stubs.stubs) >= 2 and any("孤行短条" in f for f in stubs.faults())
    deep = [photo("p.png", 0, 60, 4), *[column_block(c, 320, TEXT * 2, height=200) for c in range(4)]]
    assert not measure(tmp_path, deep, {"p.png": (3000, 1000)}).stubs


def briefs_box(first: list[str], second: list[str], third: list[str]) -> list[str]:
    """A 短消息 box two columns wide: ``first`` and ``second`` titles (lines) in column 0, each over
    3 lines of text, ``second`` last at the column's foot when ``third`` (column 1's first lines,
    bold) goes on with it."""
    def title(lines: list[str]) -> str:
        joined = " \\ ".join(lines)
        return f'#text(font: "Noto Sans CJK SC", weight: "bold")[{joined}]'

    text = TEXT[:G.chars * 3 - 4]
    column0 = f"{title(first)}\n\n{text}\n\n{title(second)}" + ("" if third else f"\n\n{text}")
    column1 = (f"{title(third)}\n\n" if third else "") + text
    height = G.pitch * (len(first) + len(second) + 3 + (0 if third else 3)) + 20
    frame = (f"#place(top + left, dx: {G.column_x(0) - 4}pt, dy: 100pt, rect(width: {G.span_width(2) + 8}pt, "
             f"height: {height}pt, stroke: 0.8pt))")
    return [frame, column_block(0, 110, column0), column_block(1, 110, column1)]


def test_a_brief_s_title_broken_or_split_over_two_columns_is_flagged(tmp_path):
    """短消息 titles are display lines: …讲|堂 leaves one character alone; a title begun at a
    column's foot and ended at the next column's top is split."""
    bad = measure(tmp_path, briefs_box(["■ 社区开设老年手机讲", "堂"], ["■ 设立户外工作者“爱"], ["心驿站”"]))
    assert any("讲|堂" in b for b in bad.broken) and bad.split
    assert any("短消息标题跨栏" in f for f in bad.faults())
    good = measure(tmp_path, briefs_box(["■ 社区开设老年手机讲堂"], ["■ 户外工作者“爱心驿站”"], []))
    assert good.broken == [] and good.split == []


def sized_photo(name: str, x: float, y: float, width: float, height: float) -> str:
    return f'#place(top + left, dx: {x}pt, dy: {y}pt, image("{name}", width: {width}pt, height: {height}pt, fit: "cover"))'


def caption(x: float, y: float, width: float, text: str) -> str:
    return (f'#place(top + left, dx: {x}pt, dy: {y}pt, block(width: {width}pt, text(font: "Noto Sans CJK SC", '
            f'size: {G.body * 0.85}pt)[{text}]))')


CAPTIONS = ["银杏路上的银杏叶黄了，骑车经过的居民放慢了车速 潘建国 摄", "清晨，银杏坊口袋公园里打太极拳的老人们 潘建国 摄",
            "香樟居民区的老香樟下，老人们坐在树池边晒太阳 潘建国 摄"]


def photo_strip(y: float) -> tuple[list[str], list[float], float]:
    """Three photos in a row across the page at ``y``: the parts, their left edges and width."""
    width = (G.type_width - 2 * 5) / 3
    lefts = [G.left + i * (width + 5) for i in range(3)]
    return [sized_photo(f"s{i}.png", x, y, width, 180) for i, x in enumerate(lefts)], lefts, width


def test_a_caption_across_the_page_above_its_headline_is_flagged(tmp_path):
    """2025-10 第4版: a 3-photo strip, its caption one text across the whole page, then the
    story's headline under it."""
    images = {f"s{i}.png": (1000, 720) for i in range(3)}
    strip, lefts, width = photo_strip(100)
    across = "　".join(f"{side}：{text}" for side, text in zip(("左图", "中图", "右图"), CAPTIONS))
    bad = measure(tmp_path, [*strip, caption(G.left, 284, G.type_width, across), headline(0, 320, ["秋日桂园"], size=23.1),
                             *[column_block(c, 360, TEXT[:60]) for c in range(2)]], images)
    assert any("图说太宽" in c for c in bad.captions) and any("标题上方" in c for c in bad.captions)
    assert any("图说" in f for f in bad.faults())
    strip, lefts, width = photo_strip(140)
    good = measure(tmp_path, [headline(0, 100, ["秋日桂园"], size=23.1), *strip,
                              *[caption(x, 324, width, text) for x, text in zip(lefts, CAPTIONS)],
                              *[column_block(c, 370, TEXT[:120]) for c in range(4)]], images)
    assert good.captions == []


def test_a_story_part_set_as_a_one_line_strip_is_flagged(tmp_path):
    """2024-12 第2版: a 上接 part of one line a column across the page's four columns."""
    head = headline(0, 900, ["金桂苑首批四台加装电梯投入使用"], size=17.85, span=4)
    strip = measure(tmp_path, [head, *[column_block(c, 930, TEXT[c * 17:c * 17 + 17]) for c in range(4)]])
    assert strip.strips and any("横条" in f for f in strip.faults())
    module = measure(tmp_path, [head, *[column_block(c, 930, TEXT[c * 70:c * 70 + 70]) for c in range(2)]])
    assert module.strips == []


def test_a_photo_taller_than_a_quarter_of_the_type_area_is_flagged(tmp_path):
    """4开 第1、2版: a lead illustration 29% of the type area's height, though its area is 15%."""
    height = G.bottom - G.top
    width = G.span_width(2)  # the pictures are cut to the printed shape, as the edition's are
    tall = measure(tmp_path, [sized_photo("t.png", G.left, 80, width, height * 0.3)], {"t.png": (1200, round(1200 * height * 0.3 / width))})
    assert tall.photo_max < 0.2 and tall.tall and any("照片太高" in f for f in tall.faults())
    fine = measure(tmp_path, [sized_photo("f.png", G.left, 80, width, height * 0.2)], {"f.png": (1200, round(1200 * height * 0.2 / width))})
    assert fine.tall == []


def poster_page(y: float, framed: bool, beside: bool = False) -> list[str]:
    """A poster (no caption) in column 3 at ``y`` (its foot at the type area's when y is high);
    ``beside``: a story's two columns (2 and 3) start together and column 2 goes on beside it."""
    height = G.bottom - y
    parts = [sized_photo("poster.png", G.column_x(3), y, G.column, height - 4)]
    if framed:
        parts.append(f"#place(top + left, dx: {G.column_x(3) - 3}pt, dy: {y - 3}pt, rect(width: {G.column + 6}pt, "
                     f"height: {height + 2}pt, stroke: 0.5pt))")
    if beside:
        parts += [column_block(2, y - 60, TEXT * 3, height=G.bottom - y + 50), column_block(3, y - 60, TEXT[:40])]
    return parts


def test_a_poster_put_in_a_hole_is_flagged(tmp_path):
    """4开: 公益广告 with no frame, in the middle of a column, or in a story's hole; a framed poster
    at the foot of its column passes."""
    images = {"poster.png": (700, round(700 * (G.bottom - 804) / G.column))}  # its printed shape at y = 800
    loose = measure(tmp_path, poster_page(800, framed=False), images)
    assert any("没有边框" in p for p in loose.posters) and any("公益广告" in f for f in loose.faults())
    high = measure(tmp_path, [sized_photo("poster.png", G.column_x(3), 300, G.column, 300)], images)
    assert any("不在版底" in p for p in high.posters)
    hole = measure(tmp_path, poster_page(800, framed=True, beside=True), images)
    assert any("空档" in p for p in hole.posters)
    assert measure(tmp_path, poster_page(800, framed=True), images).posters == []
