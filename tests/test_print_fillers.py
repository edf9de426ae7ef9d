"""Fillers: a 版 with room takes its 备用稿, then a 公益广告 poster, then other 版' 备用稿; a full 版
takes none; a poster prints at its own widths, never cut or stretched; the pool's mistakes name
file, line and field; a 备用稿 stays on the web whether printed or not (planner only, no Typst)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import make_photo
from test_print_plan import AREA, STYLE, briefs, plan, story

from shequbao.print.content import Item, PageContent, Photo
from shequbao.print.fillers import fill_pages, load_posters, photo_share
from shequbao.print.jump import PageState
from shequbao.print.measure import ItemMetrics
from shequbao.print.messages import ROOMY, page_messages
from shequbao.print.photo_sizes import photo_size
from shequbao.print.planner import plan_page
from shequbao.print.shape_maker import ShapeMaker

FULL = [story("a", 50, photos=1, weight="lead"), story("b", 30), story("c", 28), story("d", 24, photos=1),
        story("e", 20), briefs(3)]
ROOMY_PAGE = [story("f", 50, photos=1, weight="lead"), story("g", 30)]


def filler(key: str, lines: int) -> tuple:
    item, m = story(key, lines)
    return replace(item, filler=True, jump=False), m


def poster(key: str = "fillers/wenming.png", spans=(2, 3), size=(3000, 2000)) -> Item:
    return Item(key=key, kind="poster", photos=(Photo(key, *size),), spans=spans, filler=True, jump=False, label="讲文明 树新风")


def state(index: int, stories: list, fillers: list) -> PageState:
    page = PageContent(index + 1, "", "", f"第{index + 1}版", tuple(i for i, _ in stories), tuple(i for i, _ in fillers))
    s = PageState(index, page, [i for i, _ in stories], [m for _, m in stories], AREA)
    s.plan = plan(stories)
    return s


def replan(s, items, metrics):
    shapes = []
    for index, (item, m) in enumerate(zip(items, metrics)):
        maker = ShapeMaker(STYLE, item, m, {}, index, s.area)
        shapes.append({span: maker.shapes(span) for span in range(1, STYLE.geometry.columns + 1)})
    return plan_page(shapes, STYLE, s.area)


def test_a_filler_goes_only_where_a_page_has_room_and_never_overfills_it():
    own_full, own_room = filler("x", 36), filler("y", 40)
    pages = [state(0, FULL, [own_full]), state(1, ROOMY_PAGE, [own_room])]
    assert pages[0].plan.empty_share <= ROOMY < pages[1].plan.empty_share
    before = pages[1].plan.empty_share
    metrics = {"x": own_full[1], "y": own_room[1], "fillers/wenming.png": ItemMetrics()}
    notes = fill_pages(pages, (poster(),), metrics, replan, "《桂园》第9期", STYLE)
    assert [i.key for i in pages[0].items] == [i.key for i, _ in FULL]  # the full 版 prints no filler
    keys = [i.key for i in pages[1].items]
    assert keys[:2] == ["f", "g"] and "y" in keys  # its own 备用稿 first
    assert pages[1].plan.empty_share < before and pages[1].plan.overflow <= 2
    assert photo_share(pages[1].plan, STYLE) <= 0.34
    said = " ".join(n.text for n in notes)
    assert "第2版有空，补上了备用稿《标题y》" in said


def test_a_filler_no_page_has_room_for_is_said_and_left_for_the_web():
    extra = filler("z", 30)
    pages = [state(0, FULL, [extra])]
    notes = fill_pages(pages, (), {"z": extra[1]}, replan, "《桂园》第9期", STYLE)
    assert [i.key for i in pages[0].items] == [i.key for i, _ in FULL]
    [note] = notes
    assert note.severity == "info" and note.text.startswith("z: print.filler:") and "网站上照常刊登" in note.text


def test_a_poster_prints_at_its_own_widths_uncut_and_not_beyond_its_pixels_or_share():
    maker = ShapeMaker(STYLE, poster(spans=(1, 2, 3)), ItemMetrics(), {}, 0, AREA)
    shapes = {span: maker.shapes(span) for span in range(1, 5)}
    assert shapes[1] and shapes[2] and not shapes[4]  # 4: not one of its widths
    assert not shapes[3]  # three A3 columns of 3:2 would cover over 19% of the type area
    for shape in shapes[1] + shapes[2]:
        assert shape.crop_lo == shape.crop_hi == 1.0 and shape.photo_cols == shape.span  # never cut, never stretched
    coarse = ShapeMaker(STYLE, poster(spans=(1, 2), size=(900, 600)), ItemMetrics(), {}, 0, AREA)
    assert coarse.shapes(1) and not coarse.shapes(2)  # 900 px over two A3 columns: under 180 ppi


def test_the_underfull_warning_says_characters_and_column_centimetres():
    result = plan(ROOMY_PAGE)

    class Page:
        label, items, page = "第2版", (1,), 2

    class Content:
        label, pages = "《桂园》第9期", [Page(), Page()]

    [message] = page_messages(Content(), [result, plan(FULL)], style=STYLE)  # the full 版: nothing to say
    assert message.severity == "warning"
    assert "字可补满" in message.text and "栏厘米，即 4 栏宽" in message.text and "print: filler: true" in message.text


def test_the_pool_s_mistakes_name_file_line_and_field(tmp_path):
    pool = tmp_path / "fillers"
    make_photo(pool / "ok.png", size=(3000, 2000))
    (pool / "posters.yml").write_text("- src: ok.png\n  title: 讲文明\n  columns: [2, 3]\n"
                                      "- src: missing.png\n  columns: 2\n"
                                      "- src: ok.png\n  columns: [0, 12]\n", encoding="utf-8")
    posters, problems = load_posters(tmp_path, photo_size)
    assert [p.spans for p in posters] == [(2, 3)] and posters[0].label == "讲文明"
    texts = [p.text for p in problems]
    assert texts[0].startswith("fillers/posters.yml:4: src: 公益广告 missing.png 不存在"), texts
    assert texts[1].startswith("fillers/posters.yml:7: columns: 应当是可以印的栏宽"), texts
    assert all(p.severity == "warning" for p in problems)


def test_a_filler_is_an_article_of_its_issue_on_the_web(tmp_path):
    """备用稿 are always on the web (the web has no 版 to fill): checked, listed, given a page."""
    import shutil

    from conftest import FIXTURES

    from shequbao.content.load import load_archive
    from shequbao.model import Paper
    from shequbao.problems import ContentError
    from shequbao.site.registry import PlanOptions, plan_pages

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini/content", content)
    (content / "issues/2023-06/beiyong.md").write_text(
        "---\ntitle: 楼道里的共享伞桶\npage: 1\nprint:\n  filler: true\n---\n本报讯 楼道口多了一只伞桶。\n", encoding="utf-8")
    for name in ("dianti.jpg", "huayuan.jpg"):
        make_photo(content / "issues/2023-05/images" / name)
    archive, _ = load_archive(content, Paper("梧桐里"))
    [article] = [a for i in archive.issues for a in i.articles if a.print.filler]
    assert article.src == "issues/2023-06/beiyong.md"
    site = plan_pages(archive, archive.static_pages, PlanOptions())
    assert site.get(article.src) is not None
    (content / "issues/2023-06/cuowu.md").write_text(
        "---\ntitle: 备用\npage: 1\nprint:\n  filler: 是\n---\n本报讯 正文。\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_archive(content, Paper("梧桐里"))
    [problem] = [p.format() for p in caught.value.problems]
    assert "cuowu.md:5: print.filler:" in problem and "应当是 true 或 false" in problem, problem
