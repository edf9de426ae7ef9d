"""Columns inside a module end within one line of each other (print/balance.py): where a
module's last text column would end short, paragraphs are set a little tighter or looser,
one by one, with the lines Typst measured at each tracking."""

from __future__ import annotations

import math

from shequbao.print.balance import balance_columns, count_short
from shequbao.print.content import Item
from shequbao.print.measure import ItemMetrics
from shequbao.print.options import PrintOptions
from shequbao.print.planner import plan_page
from shequbao.print.shape_maker import ShapeMaker
from shequbao.print.style import LOOSE, Style

STYLE = Style(PrintOptions("4开").geometry())  # five columns: a short fifth column is a hole
AREA = 600.0


def paragraphs(count: int) -> tuple[dict, ...]:
    text = "寒潮来临前，居民区组织志愿者逐户检查楼道里的水管和水表箱，给裸露的管子包上保温棉。"
    return tuple({"t": "p", "runs": [{"s": text * 2}], "first": True} for _ in range(count))


def metrics(normal: list[int], tight: list[int], loose: list[int]) -> ItemMetrics:
    return ItemMetrics(blocks={("c", 0): normal, ("c", 1): tight, ("c", LOOSE): loose},
                       byline={s: 1 for s in range(1, 6)})


def lines_of(m: ItemMetrics, trackings) -> int:
    return sum(m.lines_as_set(trackings))


def test_paragraphs_set_looser_fill_the_last_column():
    """26 lines in 5 columns end the fifth 4 lines short (6+6+6+6+2); three paragraphs a
    little looser give 29 lines, 6+6+6+6+5."""
    m = metrics([8, 6, 5, 4, 3], [8, 6, 5, 4, 3], [9, 7, 5, 5, 3])
    assert count_short(26, 5) == 4
    got = balance_columns(m, 0, 5)
    assert got is not None and count_short(lines_of(m, got), 5) <= 1
    assert sum(t == LOOSE for t in got) == 3 and got[2] == 0  # the third keeps its lines looser: left alone


def test_a_row_less_wins_when_fewer_paragraphs_change():
    """21 lines in 5 columns (5+5+5+5+1): one paragraph tighter makes 20, four full columns."""
    m = metrics([9, 6, 3, 3], [8, 6, 3, 3], [10, 7, 4, 3])
    got = balance_columns(m, 0, 5)
    assert got is not None and lines_of(m, got) == 20 and count_short(20, 5) == 0


def test_nothing_changes_where_the_columns_already_balance_or_no_tracking_helps():
    assert balance_columns(metrics([6, 6, 6, 6, 5], [6] * 4 + [5], [6] * 4 + [5]), 0, 5) is None  # 29 lines: 6×4 + 5
    stuck = metrics([8, 6, 5, 4, 3], [8, 6, 5, 4, 3], [8, 6, 5, 4, 3])
    assert balance_columns(stuck, 0, 5) is None


def test_the_planner_takes_the_balanced_module_across_the_page():
    """A story of 26 lines across 5 columns: the module the planner sets ends every column
    within one line of the others (it did leave the fifth 4 lines short)."""
    item = Item(key="hanchao", kind="news", weight="normal", title="寒潮将至 水管防冻这样做",
                byline="桂园街道城建办", blocks=paragraphs(5), columns=5)
    m = metrics([8, 6, 5, 4, 3], [8, 6, 5, 4, 3], [9, 7, 5, 5, 3])
    maker = ShapeMaker(STYLE, item, m, {item.title: 100.0 * 11}, 0, AREA)
    shapes = {span: maker.shapes(span) for span in range(1, 6)}
    assert any(s.short > 1 for s in shapes[5]) and any(s.short <= 1 and s.tk for s in shapes[5])
    plan = plan_page([shapes], STYLE, AREA)
    [placed] = plan.placements
    shape = placed.shape
    lines = sum(m.lines_as_set(shape.tk)) if shape.tk else m.body_lines("c", shape.tracking)
    assert shape.span == 5 and shape.rows == math.ceil(lines / 5)
    assert shape.rows * 5 - lines <= 1, (shape.rows, lines)


def test_a_page_with_room_takes_the_story_set_looser_rather_than_blank():
    """20 lines across 5 columns are 4 rows; the paragraphs that gain lines at 0.05 em looser
    (松排) make 30, six rows. Where the 版 has those rows to spare, the planner sets the story
    looser instead of leaving a blank strip under it; where it has not, normally."""
    item = Item(key="nuanqi", kind="news", weight="normal", title="老旧小区暖气管道完成检修",
                byline="桂园街道城建办", blocks=paragraphs(5), columns=5)
    m = metrics([6, 5, 4, 3, 2], [6, 5, 4, 3, 2], [8, 7, 6, 5, 4])
    maker = ShapeMaker(STYLE, item, m, {item.title: 100.0 * 12}, 0, AREA)
    shapes = maker.shapes(5)
    loose = [s for s in shapes if s.tk and all(t == LOOSE for t in s.tk)]
    normal = [s for s in shapes if not s.tk and s.tracking == 0]
    assert loose and normal and min(s.rows for s in loose) == 6 and min(s.rows for s in normal) == 4
    for s in loose:
        assert s.rows * 5 - sum(m.lines_as_set(s.tk)) <= 1  # 30 lines: every column ends together
    roomy = max(s.natural(STYLE) for s in loose)  # two rows more than the story set normally
    [placed] = plan_page([{5: shapes}], STYLE, roomy).placements
    assert placed.shape.rows == 6 and placed.shape.tk
    tight = min(s.natural(STYLE) for s in normal)
    [placed] = plan_page([{5: shapes}], STYLE, tight).placements
    assert placed.shape.rows == 4
