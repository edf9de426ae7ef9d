"""The page planner on synthetic stories (no Typst), and a property test of whole editions:
one page per 版 and no text lost, whatever the issue."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import make_photo
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pdf_helpers import bare, page_texts, write_issue

from shequbao.print.content import Brief, Item, Photo
from shequbao.print.measure import ItemMetrics
from shequbao.print.options import PrintOptions
from shequbao.print.planner import plan_page
from shequbao.print.shape_maker import ShapeMaker
from shequbao.print.shapes import fit
from shequbao.print.style import Style

STYLE = Style(PrintOptions("A3").geometry())
AREA = 980.0


def story(key: str, lines: int, *, photos: int = 0, weight: str = "normal", kind: str = "news", **hints) -> tuple:
    blocks = tuple({"t": "p", "runs": [{"s": "字" * 60}], "first": True} for _ in range(max(1, lines // 4)))
    item = Item(key=key, kind=kind, weight=weight, title=f"标题{key}", blocks=blocks, byline="记者 陈玲",
                photos=tuple(Photo(f"{key}{i}.jpg", 1500, 1000) for i in range(photos)), **hints)
    per_block = [4] * (len(blocks) - 1) + [lines - 4 * (len(blocks) - 1)]
    spans = range(1, STYLE.geometry.columns + 1)
    metrics = ItemMetrics(blocks={("c", 0): per_block, ("c", 1): [max(1, n - (n // 8)) for n in per_block]},
                          byline={s: 1 for s in spans}, caption={s: 1 for s in spans})
    return item, metrics


def briefs(count: int) -> tuple:
    item = Item(key="briefs:1", kind="briefs", weight="minor", title="短消息",
                briefs=tuple(Brief(f"短消息{i}", ({"t": "p", "runs": [{"s": "字" * 80}]},), f"b{i}") for i in range(count)))
    metrics = ItemMetrics(blocks={f"{s}/{n}": [2, 5] * count for s in range(1, 5) for n in range(1, s + 1)} | {})
    metrics.blocks = {(key, 0): value for key, value in metrics.blocks.items()}
    return item, metrics


def plan(stories: list[tuple], area: float = AREA):
    shapes = []
    for index, (item, metrics) in enumerate(stories):
        maker = ShapeMaker(STYLE, item, metrics, {}, index, area)
        shapes.append({span: maker.shapes(span) for span in range(1, STYLE.geometry.columns + 1)})
    return plan_page(shapes, STYLE, area)


def assert_sound(result, count: int, area: float = AREA) -> None:
    """Every module inside the page, none overlapping, reading order kept."""
    g = STYLE.geometry
    placements = result.placements
    assert [p.item for p in placements] == list(range(count))
    for p in placements:
        assert 0 <= p.column and p.column + p.shape.span <= g.columns
        assert p.top >= 0 and p.top + p.height <= area + 1e-6
    for a in placements:
        for b in placements:
            if a is b:
                continue
            side = a.column + a.shape.span <= b.column or b.column + b.shape.span <= a.column
            stacked = a.top + a.height <= b.top or b.top + b.height <= a.top
            assert side or stacked, (a, b)
    for first, later in zip(placements, placements[1:]):
        # a later item never lies above-left of an earlier one: down the page, or to its right
        assert later.top >= first.top - 1e-6 or later.column >= first.column + first.shape.span


def test_a_full_page_of_stories_fills_the_page_with_modules_side_by_side():
    stories = [story("a", 50, photos=1, weight="lead"), story("b", 30), story("c", 28), story("d", 24, photos=1),
               story("e", 20), briefs(3)]
    result = plan(stories)
    assert_sound(result, len(stories))
    assert result.empty_share < 0.06
    tops = {}
    for p in result.placements:
        tops.setdefault(p.top, []).append(p)
    assert any(len(row) > 1 for row in tops.values())  # stories side by side


def test_the_lead_goes_across_the_top():
    result = plan([story("a", 80, photos=1, weight="lead"), story("b", 40), story("c", 40), story("d", 40)])
    lead = result.placements[0]
    assert lead.top == 0 and lead.shape.span >= 2


def test_an_editor_fixes_the_columns_and_the_photo_width():
    result = plan([story("a", 40, photos=1, weight="lead", photo_columns=2), story("b", 30, columns=1),
                   story("c", 30), story("d", 30)])
    assert_sound(result, 4)
    assert result.placements[0].shape.photo_cols == 2 and result.placements[1].shape.span == 1


def test_too_much_text_overflows_and_too_little_leaves_the_page_empty():
    over = plan([story(str(i), 120) for i in range(6)])
    assert over.overflow > 100
    under = plan([story("a", 20)])
    assert under.empty_share > 0.3
    assert_sound(under, 1)


@pytest.mark.parametrize("lead,second,third", [(60, 20, 40)])
def test_the_blank_of_a_page_is_never_an_empty_slot_under_a_box(lead, second, third):
    """A 导读 or 短消息 box above other modules is as tall as its content: the blank a page's text
    cannot fill goes to the foot of a text column, not below the box's frame (where it was 6–12
    lines on this page, and 4 lines under the 导读 of a real 2-版 issue). Known: on pages a tenth
    or more empty (60/30/40, 80/20/30, 100/20/30 lines) 6–7 lines still stay under a box; the cost
    that moves them (120) puts a hole in 第103期's 4开 第1版 instead (docs/print-measure.md)."""
    stories = [story("a", lead, weight="lead"), briefs(2), story("b", second), story("c", third), briefs(3)]
    result = plan(stories)
    assert_sound(result, len(stories))
    for p in result.placements:
        if p.shape.pad and p.top + p.height < AREA - 1:
            assert fit(p.shape, p.height, STYLE)[2] <= p.shape.slack_limit(STYLE) + 1e-6, (lead, second, third, p)


@settings(max_examples=25, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.integers(8, 90), st.integers(0, 2)), min_size=1, max_size=7))
def test_plans_of_random_pages_are_sound(specs):
    stories = [story(str(i), lines, photos=photos, weight="lead" if i == 0 else "normal")
               for i, (lines, photos) in enumerate(specs)]
    result = plan(stories)
    if result.overflow == 0:
        assert_sound(result, len(stories))


# -- whole editions --------------------------------------------------------------------

SENTENCES = ["居民区党总支书记带领社区工作者逐楼逐户走访，听取居民对老旧小区改造的意见。",
             "志愿者们在小区门口设立咨询台，发放宣传资料三百余份。",
             "不少居民表示，这样的活动办到了大家的心坎上。", "下一步，街道还将听取更多居民的意见和建议。"]


@st.composite
def issues(draw):
    pages = draw(st.integers(1, 3))
    articles = {}
    for index in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(["news", "news", "brief", "notice"]))
        paragraphs = draw(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), min_size=1, max_size=12))
        body = "\n\n".join(f"（{index}-{n}）" + "".join(p) for n, p in enumerate(paragraphs))
        photo = kind == "news" and draw(st.booleans())
        front = [f"title: 第{index}篇稿件的标题", f"kind: {kind}", f"page: {draw(st.integers(1, pages))}",
                 f"order: {index + 1}", "reporters: [陈玲]"]
        if photo:
            front.append(f"images:\n  - {{src: images/p{index}.jpg, caption: 第{index}张照片}}")
        articles[f"a{index}"] = "---\n" + "\n".join(front) + "\n---\n\n" + body + "\n"
    return pages, articles


@settings(max_examples=4, derandomize=True, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(issues())
def test_every_edition_has_a_page_per_ban_and_loses_no_text(tmp_path, issue):
    from shequbao.content.load import load_archive
    from shequbao.model import Paper
    from shequbao.print import build_editions

    pages, articles = issue
    root = tmp_path / "case"
    shutil.rmtree(root, ignore_errors=True)
    yml = "number: 1\ndate: 2025-01-01\npages:\n" + "".join(f"  - {{page: {n}, name: 版{n}}}\n" for n in range(1, pages + 1))
    folder = write_issue(root / "content", "2025-01", yml, articles)
    for name, text in articles.items():
        if "images:" in text:
            make_photo(folder / f"images/p{name[1:]}.jpg", size=(300, 200))
    archive, _ = load_archive(root / "content", Paper("试刊"))
    [pdf] = build_editions(archive, root / "content", root / "cache", PrintOptions(), workers=1, images=False)
    assert pdf.pages == pages and len(page_texts(pdf.path)) == pages
    printed = bare("".join(page_texts(pdf.path)))
    named = " ".join(m.text for m in pdf.messages)
    for name, text in articles.items():
        title = re.search(r"title: (.*)", text).group(1)
        for paragraph in text.split("---\n", 2)[2].split("\n\n"):
            if paragraph.strip() and bare(paragraph) not in printed:
                assert f"《{title}》" in named, (title, paragraph[:20], pdf.messages)


def test_headlines_break_where_an_editor_would():
    from shequbao.print.headlines import best_lines, display_title, title_parts

    assert title_parts("老楼加装电梯|居民告别“爬楼难”") == ["老楼加装电梯", "居民告别“爬楼难”"]
    assert title_parts("老楼加装电梯｜居民告别") == ["老楼加装电梯", "居民告别"] and display_title("甲|乙") == "甲 乙"
    fits = lambda width: (lambda line: len(line) <= width)  # noqa: E731
    assert best_lines("老楼加装电梯 居民告别“爬楼难”", fits(10)) == ["老楼加装电梯", "居民告别“爬楼难”"]
    assert best_lines("社区服务中心开设养老服务“一站式”窗口", fits(12)) == ["社区服务中心开设养老服务", "“一站式”窗口"]
    lines = best_lines("首个“15分钟社区生活圈”综合服务站启用", fits(12))
    assert lines and all("15分" not in line or "15分钟" in line for line in lines)  # a number keeps its unit
    assert not any(line[0] in "，。、”）" or line[-1] in "“（" for line in lines)  # 避头尾
    assert best_lines("短标题", fits(12)) == ["短标题"]
