"""The planner fills a 版 with content, not inflation: photos bounded by their item's weight and
never below 180 ppi, text under a photo in every column, boxes on the column grid and as tall as
their content, one 头条 at the top, and a note of how many characters would fill what is left."""

from __future__ import annotations

from test_print_plan import AREA, STYLE, briefs, plan, story

from shequbao.print.content import Item, Photo
from shequbao.print.measure import ItemMetrics
from shequbao.print.messages import page_messages, room_in_chars
from shequbao.print.shape_maker import ShapeMaker
from shequbao.print.shapes import fit
from shequbao.print.style import MIN_PPI, PHOTO_SHARE, TEXT_UNDER_PHOTO

G = STYLE.geometry
TYPE_AREA = G.type_width * (G.bottom - G.top)


def photo_figures(item: Item, shape, height: float) -> list[tuple[float, float]]:
    """(share of the type area, ppi) of each photo of a placed shape (one row of photos)."""
    width = G.column if shape.flow else G.span_width(shape.photo_cols)
    _, crop, _ = fit(shape, height, STYLE)
    out = []
    row = (width - (len(item.photos) - 1) * STYLE.photo_gap) / sum(p.aspect for p in item.photos)
    for p in item.photos:
        w = p.aspect * row
        out.append((w * row * crop / TYPE_AREA, p.width / max(crop, 1.0) / (w / 72)))
    return out


def test_a_short_page_is_not_filled_by_blowing_up_a_photo():
    """One story with a photo and little text, on a page it cannot fill (the bad old way: a
    photo across the page at 151 ppi with strips of text under it)."""
    items = [story("a", 40, photos=1, weight="lead"), story("b", 30, photos=1), story("c", 24)]
    result = plan(items)
    for p in result.placements:
        item = items[p.item][0]
        for share, ppi in photo_figures(item, p.shape, p.height) if item.photos else ():
            assert share <= PHOTO_SHARE[item.weight] + 0.005, (item.key, share)
            assert ppi >= MIN_PPI - 1, (item.key, ppi)
        if item.photos and p.shape.photo_cols == p.shape.span and p.shape.span > 1:
            assert p.shape.rows >= TEXT_UNDER_PHOTO, (item.key, p.shape.rows)
    assert result.empty_share > 0.05  # what is left shows as room, not as a bigger photo


def test_a_coarse_photo_is_never_printed_wider_than_its_pixels_allow():
    item = Item(key="x", kind="news", weight="lead", title="标题", byline="记者 陈玲",
                blocks=tuple({"t": "p", "runs": [{"s": "字" * 60}], "first": True} for _ in range(20)),
                photos=(Photo("x.jpg", 800, 533),))  # 800 px: 180 ppi up to 320 pt, under two columns
    metrics = ItemMetrics(blocks={("c", 0): [4] * 20, ("c", 1): [4] * 20}, byline={s: 1 for s in range(1, 5)},
                          caption={s: 1 for s in range(1, 5)})
    maker = ShapeMaker(STYLE, item, metrics, {}, 0, AREA)
    widths = {s.photo_cols for span in range(1, 5) for s in maker.shapes(span) if s.photo_cols}
    assert widths == {1}, widths
    assert any(s.photo_cols == 1 for s in ShapeMaker(STYLE, item, metrics, {}, 0, AREA, strict=False).shapes(4))


def test_briefs_are_set_on_the_column_grid_and_as_tall_as_their_content():
    items = [story("a", 80, photos=1, weight="lead"), story("b", 60), story("c", 15), briefs(4)]  # a full 版
    result = plan(items)
    assert result.overflow == 0
    box = next(p for p in result.placements if items[p.item][0].kind == "briefs")
    assert box.shape.span <= 2 and box.shape.inner == box.shape.span  # never a line across two columns
    assert fit(box.shape, box.height, STYLE)[2] <= STYLE.pitch * 1.5  # not stretched to fill


def test_the_lead_heads_the_page_with_the_largest_headline():
    items = [story("a", 90, photos=1, weight="lead"), story("b", 50), story("c", 40), story("d", 30)]
    result = plan(items)
    lead = next(p for p in result.placements if p.item == 0)
    assert lead.top == 0
    lead_size = STYLE.headline("lead", lead.shape.step)[0]
    others = [STYLE.headline(items[p.item][0].weight, p.shape.step)[0] for p in result.placements if p.item]
    assert lead_size >= 1.15 * max(others)


def test_columns_of_a_module_end_within_a_line_where_they_can():
    items = [story("a", 110, weight="lead"), story("b", 61), story("c", 45)]
    result = plan(items)
    assert result.overflow == 0
    assert all(p.shape.short <= 1 for p in result.placements), [p.shape.short for p in result.placements]


def test_room_left_on_a_page_is_reported_in_characters():
    result = plan([story("a", 60, weight="lead"), story("b", 30)])
    chars = room_in_chars(result, STYLE)
    assert chars > 500

    class Page:
        label, items, page = "第2版", (1,), 2

    class Content:
        label, pages = "《桂园》第9期", [Page()]

    [message, _] = page_messages(Content(), [result], style=STYLE)  # and: one 版 cannot be folded
    assert "第2版" in message.text and f"约 {chars:,} 字" in message.text
