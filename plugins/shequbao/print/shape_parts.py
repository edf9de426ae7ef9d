"""The heights of a shape's parts (headline block, photo row, caption, text) and its own cost."""

from __future__ import annotations

import math

from .balance import count_moves, list_base_trackings
from .measure import item_blocks
from .photo_grid import LEAST, grid_rows, row_captions
from .shapes import BOXED, MAX_PHOTO_SHARE, Shape
from .style import (BYLINE, CAPTION, CROP, FOCUS_CROP, KICKER, MIN_PPI, PHOTO_SHARE, SUBTITLE, TALL_PHOTO,
                    TEXT_UNDER_PHOTO, USUAL_STEPS)

BANNER = 1.9  # a box's banner (短消息, 本期导读), in body sizes
HOLE_LINES = 3  # blank taller than this many body lines is a hole (the measure's limit)
RIBBON = 200.0  # a shape with 1–2 lines a column across 3 columns or more: only where nothing else goes
PREFERRED_SPAN = {"lead": 1.0, "normal": 0.5, "minor": 0.3}  # × columns


def make_shape(maker, span: int, photo_cols: int, tracking: int, inner: int, step: int,
               mode: str = "row", tk: tuple[int, ...] = ()) -> Shape | None:
    """``tk``: each block's tracking (balance.py), else the shape's ``tracking`` for all."""
    if mode == "flow":
        return flow_shape(maker, span, tracking, step, tk)
    style, item, m = maker.style, maker.item, maker.m
    beside = 0 < photo_cols < span
    head_span = span - photo_cols if beside else span
    head = head_height(maker, head_span, step)
    if head is None:
        return None
    head_h, lines = head
    photo, lo, hi = photo_row(maker, photo_cols, span, grid=mode == "grid")
    bounds = photo_bounds(maker, photo_cols, mode == "grid", lo, hi) if photo else (lo, hi, 0.0)
    if photo is None or bounds is None:
        return None
    lo, hi, photo_cost = bounds
    caption = 0.0
    if item.photos and m.caption.get(photo_cols):
        size, pitch = style.small(CAPTION)
        caption = style.lines_height(caption_lines(maker, photo_cols, mode == "grid"), size, pitch)
    rows = body_rows(maker, span, inner, tracking, tk)
    least_rows = 3 if inner >= 3 or (inner == 2 and item.jump_from) else 0  # a 上接 part of 2 × 2 lines: stubs
    if item.kind not in BOXED and not item.columns and 0 < rows < least_rows:
        photo_cost += RIBBON  # a ribbon of 1–2 lines a column across the page: fewer columns
    if photo_cols and 0 < rows < TEXT_UNDER_PHOTO and span > 1:
        photo_cost += 8 * (TEXT_UNDER_PHOTO - rows)  # strips of text under a photo: better a narrower module
    pad = round(style.body * 0.7, 2) * 2 if item.kind in BOXED else 0.0
    if beside:
        side = photo + style.gap / 2 + caption
        if abs(side - head_h) > style.pitch * HOLE_LINES:
            return None  # the headline beside the photo would leave a hole under the shorter of the two
    shape = Shape(item=maker.index, span=span, photo_cols=photo_cols, step=step, tracking=tracking, inner=inner,
                  title_lines=lines, head=head_h if not beside else max(head_h, photo + style.gap / 2 + caption),
                  photo=photo if not beside else 0.0, crop_lo=lo, crop_hi=hi, caption=caption if not beside else 0.0,
                  rows=rows, pad=pad, cost=0.0, grid=mode == "grid", verse=item.verse,
                  short=rows * inner - body_lines(maker, span, inner, tracking, tk), tk=tk)
    cost = shape_cost(maker, shape, lines, photo, beside) + (1.5 if shape.grid else 0) + photo_cost
    cost += 10 * column_widows(maker, rows, inner, tracking, tk=tk)
    return Shape(**{**shape.__dict__, "cost": cost})


def caption_lines(maker, photo_cols: int, grid: bool) -> int:
    """Lines of the caption under photos ``photo_cols`` wide: photos in a row each have their
    own under them (compose draws them so), else one caption block."""
    item, style = maker.item, maker.style
    if len(item.photos) < 2 or grid:
        return maker.m.caption[photo_cols]
    width = style.geometry.span_width(photo_cols)
    return max(n for _, _, n in row_captions(item.photos, width, style.photo_gap, style.small(CAPTION)[0]))


def column_widows(maker, rows: int, inner: int, tracking: int, skip: int = 0, tk: tuple[int, ...] = ()) -> int:
    """Paragraphs whose short last line would stand alone at the top of a text column (寡行):
    the text fills ``rows`` lines a column, the first ``skip`` lines of the first taken."""
    if inner < 2 or rows < 2 or maker.item.kind in ("briefs", "guide"):
        return 0
    tops = {k * rows - skip for k in range(1, inner)}
    count, at = 0, 0
    for lines in (maker.m.lines_as_set(tk) if tk else maker.m.block_lines("c", tracking)):
        at += lines
        if lines > 1 and at - 1 in tops:
            count += 1
    return count


def photo_bounds(maker, photo_cols: int, grid: bool, lo: float, hi: float) -> tuple[float, float, float] | None:
    """The crop bounds (lo, hi) narrowed so that no photo covers more of the type area than its
    item's weight allows (PHOTO_SHARE) or prints under MIN_PPI, and a cost. When even the natural
    size is too big or too coarse: None where a narrower photo or module is there to offer, else a
    high cost (one column wide, a page that cannot be planned otherwise, the editor's width)."""
    style, item = maker.style, maker.item
    g = style.geometry
    area = g.type_width * (g.bottom - g.top)
    width = g.span_width(photo_cols)
    most = hi
    for row in ([item.photos[:1], item.photos[1:]] if grid else [item.photos]):
        row_height = (width - (len(row) - 1) * style.photo_gap) / sum(p.aspect for p in row)
        for p in row:
            printed = p.aspect * row_height  # taller than natural (factor c), the sides are cut: p.width / c pixels
            share = PHOTO_SHARE["lead" if item.kind == "poster" else item.weight]  # a poster: as big as a lead photo
            most = min(most, share * area / (printed * row_height), p.width * 72 / printed / MIN_PPI,
                       TALL_PHOTO * (g.bottom - g.top) / row_height)  # no photo too tall either
    if most >= 1:
        return lo, most, 0.0
    if item.kind == "poster":
        return None  # too big for the page, or too few pixels at this width: another width or none
    if item.photo_columns == photo_cols:
        return lo, 1.0, 2.0  # the editor asked for this width
    if photo_cols > 1 and maker.strict:
        return None
    return lo, 1.0, (12.0 if photo_cols == 1 else 40.0) * (1 - most) + (4 if photo_cols == 1 else 25)


def flow_shape(maker, span: int, tracking: int, step: int, tk: tuple[int, ...] = ()) -> Shape | None:
    """The photo one column wide at the top of the first text column; the text flows on."""
    style, m = maker.style, maker.m
    head = head_height(maker, span, step)
    photo, lo, hi = photo_row(maker, 1, span)
    bounds = photo_bounds(maker, 1, False, lo, hi) if photo else None
    if head is None or bounds is None:
        return None
    lo, hi, photo_cost = bounds
    size, pitch = style.small(CAPTION)
    caption = style.lines_height(m.caption.get(1, 0), size, pitch) + (style.gap / 2 if m.caption.get(1) else 0)
    room = photo + caption + style.lead
    lines = max(1, round(room / style.pitch))
    height = lines * style.pitch - style.lead - caption
    if not lo <= height / photo <= hi:
        lines = math.ceil(room / style.pitch)
        height = lines * style.pitch - style.lead - caption
        if height / photo > hi:
            return None
    body = sum(m.lines_as_set(tk)) if tk else m.body_lines("c", tracking)
    rows = max(lines, math.ceil((body + lines) / span))  # the photo stands in the first column
    if rows - lines < TEXT_UNDER_PHOTO:
        photo_cost += 8 * (TEXT_UNDER_PHOTO - rows + lines)  # a strip of text under the photo
    shape = Shape(item=maker.index, span=span, photo_cols=1, step=step, tracking=tracking, inner=span,
                  title_lines=head[1], head=head[0], photo=0.0, crop_lo=1.0, crop_hi=1.0, caption=0.0, rows=rows,
                  pad=0.0, cost=0.0, flow=lines, flow_photo=round(height, 3), short=rows * span - body - lines, tk=tk)
    cost = shape_cost(maker, shape, head[1], height, False) + 1.0 + photo_cost
    cost += 4 * column_widows(maker, rows, span, tracking, lines, tk)
    return Shape(**{**shape.__dict__, "cost": cost})


def head_height(maker, span: int, step: int) -> tuple[float, tuple[str, ...]] | None:
    style, item, m = maker.style, maker.item, maker.m
    width = style.geometry.span_width(span)
    if item.kind in ("briefs", "guide"):
        return round(style.body * BANNER, 2), (item.title,)
    height, small_gap = 0.0, style.body * 0.35
    if item.kicker:
        size, pitch = style.small(KICKER[item.weight])
        height += style.lines_height(m.kicker.get(span, 1), size, pitch) + small_gap
    lines: tuple[str, ...] = ()
    if item.title:
        size, pitch = style.headline(item.weight, step)
        lines = maker.title_lines(width, size)
        if lines is None:
            return None
        height += style.lines_height(len(lines), size, pitch)
    if item.subtitle:
        size, pitch = style.small(SUBTITLE[item.weight])
        height += small_gap + style.lines_height(m.subtitle.get(span, 1), size, pitch)
    if item.byline:
        size, pitch = style.small(BYLINE)
        height += small_gap * 1.4 + style.lines_height(m.byline.get(span, 1), size, pitch)
    return round(height, 3), lines


def photo_row(maker, photo_cols: int, span: int, grid: bool = False) -> tuple[float | None, float, float]:
    """Natural height of the photos ``photo_cols`` columns wide (one row, or with ``grid`` the
    first across and the rest in a row below), and the crop bounds of that height."""
    style, item = maker.style, maker.item
    if not photo_cols or not item.photos:
        return 0.0, 1.0, 1.0
    width = style.geometry.span_width(photo_cols)
    least = style.geometry.column * LEAST
    rows = grid_rows(item.photos, width, style.photo_gap, least) if grid else [item.photos]
    height = 0.0
    for row in rows:
        room = width - (len(row) - 1) * style.photo_gap
        row_height = room / sum(p.aspect for p in row)
        if min(p.aspect * row_height for p in row) < least:
            return None, 1.0, 1.0  # a photo narrower than most of a column
        height += row_height
    height += style.photo_gap * (len(rows) - 1)
    if height > maker.area_height * MAX_PHOTO_SHARE:
        return None, 1.0, 1.0
    if item.kind == "poster":
        return round(height, 3), 1.0, 1.0  # a poster is never cut nor stretched
    crop = min(FOCUS_CROP if p.focus else CROP for p in item.photos)
    return round(height, 3), 1 - crop, 1 / (1 - crop)


def body_lines(maker, span: int, inner: int, tracking: int, tk: tuple[int, ...] = ()) -> int:
    item, m = maker.item, maker.m
    if item.kind in ("briefs", "guide"):
        return m.body_lines(f"{span}/{inner}", 0)
    return sum(m.lines_as_set(tk)) if tk else m.body_lines("c", tracking)


def body_rows(maker, span: int, inner: int, tracking: int, tk: tuple[int, ...] = ()) -> int:
    lines = body_lines(maker, span, inner, tracking, tk)
    if not lines:
        return 0
    rows = math.ceil(lines / inner)
    if maker.item.kind == "briefs" and inner > 1:
        titles = [b["t"] == "bt" for b in item_blocks(maker.item)]
        rows = kept_rows(maker.m.block_lines(f"{span}/{inner}", 0), titles, inner, rows)
    return rows


def kept_rows(lines: list[int], titles: list[bool], inner: int, rows: int) -> int:
    """The fewest rows (from ``rows`` up) that hold a 短消息 box's blocks in ``inner`` columns
    filled one after the other, when a brief's title goes to the next column rather than be
    split or left without 2 lines of its text under it (lib.typ: sticky, 2 lines kept)."""
    while True:
        column, used = 0, 0
        for index, (count, title) in enumerate(zip(lines, titles)):
            if title:
                need = count + (min(2, lines[index + 1]) if index + 1 < len(lines) else 0)
                if used and used + need > rows:
                    column, used = column + 1, 0
                used += count
                continue
            left = count
            while left:
                if used >= rows:
                    column, used = column + 1, 0
                take = min(rows - used, left)
                used, left = used + take, left - take
        if column < inner:
            return rows
        rows += 1


def shape_cost(maker, shape: Shape, lines: tuple[str, ...], photo: float, beside: bool) -> float:
    style, item = maker.style, maker.item
    columns = style.geometry.columns
    cost = 0.0
    if item.kind not in ("briefs", "guide"):
        preferred = max(1, round(columns * PREFERRED_SPAN[item.weight]))
        if item.kind == "photo":
            preferred = max(preferred, min(columns, 2))
        cost += (5 if item.weight == "lead" else 2.5) * abs(shape.span - preferred)
        usual = USUAL_STEPS[item.weight]
        cost += 1.2 * abs(shape.step - usual) * (2 if item.weight == "lead" else 1) + (1.5 if shape.step < usual else 0)
        cost += {0: 0, 1: 0, 2: 1.5, 3: 5}.get(len(lines), 9)
        cost += 3 * maker.break_costs.get(tuple(lines), 0)  # a headline broken inside a word
        cost += 3 if shape.tracking == 1 else 0.5 * len(maker.m.tight_blocks()) if shape.tracking == 0 else 0
        if shape.tk:  # paragraphs set tighter or looser one by one to balance the columns
            cost += 0.5 * count_moves(shape.tk, list_base_trackings(maker.m, shape.tracking))
    else:
        cost += 2 * abs(shape.inner - min(shape.span, len(item.briefs)))
        if item.kind == "guide":
            cost += 3 * (shape.span - 1)
    rows_area = (maker.area_height / style.pitch)
    if shape.rows and shape.rows < 4 and item.kind not in ("briefs", "guide"):
        cost += 3 * (4 - shape.rows)
    if shape.rows > rows_area * 0.7:
        cost += 0.3 * (shape.rows - rows_area * 0.7)
    if item.photos and not item.photo_columns:
        if beside:
            cost += 2 + 2 * (shape.span - shape.photo_cols - 1)
            if shape.span - shape.photo_cols < 2 and item.weight != "minor":
                cost += 6  # a headline squeezed into one column beside the photo
        if shape.photo_cols * 2 < shape.span:
            cost += 3
        if item.weight == "lead" and shape.photo_cols < min(2, columns):
            cost += 8
    if item.kind in BOXED and shape.span > 2:
        cost += 120 * (shape.span - 2)  # 短消息, notices, 导读 on the column grid, never across the page
    return cost + 12 * max(0, shape.short - 1) + 3 * min(shape.short, 1)  # the last text column more than a line short
