"""From a page plan to what Typst draws: every module's parts at absolute positions (pt from
the trim box's top-left), the rules between modules, and the photo crops to make.

The Typst program only places what it is given; all geometry is decided here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .content import Item, Photo
from .headlines import keep_words
from .measure import caption_text, item_blocks
from .photo_grid import LEAST, grid_rows, row_captions
from .planner import PagePlan, Placement
from .shapes import BOXED, fit
from .style import BYLINE, CAPTION, CROP, KICKER, MIXED, SUBTITLE, TRACKING_EM, TRACKINGS, Style

RULE = 0.5  # pt


@dataclass
class Crop:
    """A print copy to make: ``file`` in the compile root from ``src``, cut to ``box`` (fractions)."""

    file: str
    photo: Photo
    box: tuple[float, float, float, float]  # left, top, right, bottom of the original, 0–1
    width: float  # printed size, pt
    height: float


@dataclass
class ComposedPage:
    number: int = 1
    parts: list[dict] = field(default_factory=list)
    crops: list[Crop] = field(default_factory=list)


def compose_modules(plan: PagePlan, items: tuple[Item, ...], metrics: list, style: Style, top: float,
                    page: ComposedPage) -> None:
    """Add every planned module of a page (the free area starts at ``top``) to ``page``;
    ``metrics``: each item's measured lines."""
    g = style.geometry
    for placement in plan.placements:
        item = items[placement.item]
        x = g.column_x(placement.column)
        y = top + placement.top
        if item.kind == "poster" and abs(placement.top + placement.height - plan.used) < 1:
            y += plan.blank  # a 公益广告 stands at the page's foot, what the page lacks above it
        _module(placement, item, metrics[placement.item], x, y, style, page)
    _rules(plan, items, style, top, page)


def _module(placement: Placement, item: Item, m, x: float, y: float, style: Style, page: ComposedPage) -> None:
    shape = placement.shape
    g = style.geometry
    width = g.span_width(shape.span)
    f, c, blank = fit(shape, placement.height, style)
    pitch = style.pitch * f
    page.parts.append({"t": "mark", "x": x, "y": y, "w": width, "h": placement.height, "keys": list(item.keys),
                       "key": item.key, "cols": shape.inner, "gutter": g.gutter})
    if item.kind in BOXED:  # as tall as its content: any blank the plan left stays outside the frame
        _frame(item, x, y, width, placement.height - (blank if blank > style.pitch else 0.0), style, page)
    cursor = y + shape.pad / 2 + (blank if item.kind == "poster" else 0.0)  # a poster stands at its column's foot
    if item.kind in ("briefs", "guide"):
        cursor = _banner(item, x, cursor, width, style, page) + style.gap
    elif shape.photo_cols and shape.photo_cols < shape.span and not shape.flow:
        cursor = _beside(placement, item, m, x, cursor, style, page) + style.gap
    else:
        cursor = _stacked(placement, item, m, x, cursor, style, page, c)
    inset = _inset(item, m, shape, style, page, pitch) if shape.flow else None
    if shape.rows:
        body_h = style.body + (shape.rows - 1) * pitch  # balanced; any blank stays below all columns
        page.parts.append({
            "t": "body", "x": x, "y": cursor, "w": width, "h": round(body_h + 0.5, 3), "cols": shape.inner,
            "gutter": g.gutter, "size": style.body, "pitch": round(pitch, 4),
            "tracking": TRACKINGS[shape.tracking] if shape.tracking < MIXED and not shape.tk else 0.0,
            "blocks": _blocks(item, _block_trackings(shape, m)), "key": f"{item.key}#{page.number}:{len(page.parts)}", "inset": inset,
        })


def _inset(item: Item, m, shape, style: Style, page: ComposedPage, pitch: float) -> dict:
    """The photo at the top of the first text column: it takes ``shape.flow`` lines exactly."""
    photo = item.photos[0]
    width = style.geometry.column
    scale = pitch / style.pitch
    lines = shape.flow_photo + (scale - 1) * shape.flow * style.pitch  # the photo's lines, at the pitch set
    natural = width / photo.aspect  # never cut more than CROP, whatever the pitch's flex does to its lines
    height = min(max(lines, natural * (1 - CROP)), natural / (1 - CROP))
    box = crop_box(photo, width / height)
    name = crop_name(photo, box, width, height)
    page.crops.append(Crop(name, photo, box, width, height))
    size, cap_pitch = style.small(CAPTION)
    return {"crop": name, "w": width, "h": round(height, 3), "gap": style.gap / 2, "caption": caption_text(item),
            "size": size, "pitch": cap_pitch, "height": round(shape.flow * pitch - (pitch - style.body), 3)}


def _stacked(placement, item: Item, m, x: float, y: float, style: Style, page: ComposedPage, crop: float) -> float:
    """Headline, then the photo row across the module and its caption (a 图片新闻 too: its
    headline over its photos). Returns the y below."""
    shape = placement.shape
    width = style.geometry.span_width(shape.span)
    y = _head(item, m, shape, shape.span, x, y, width, style, page)
    if shape.photo:
        y = _photos(item, x, y + (style.gap if shape.head else 0), width, shape.photo * crop, style, page, shape.grid)
        if item.kind == "poster":
            _poster_frame(x, y - shape.photo * crop, width, shape.photo * crop, style, page)
        y = _caption(item, m, shape.span, x, y + style.gap / 2, width, style, page, shape.grid) if shape.caption else y
    return y + (style.gap if shape.rows and (shape.head or shape.photo) else 0)


def _beside(placement, item: Item, m, x: float, y: float, style: Style, page: ComposedPage) -> float:
    """The photo on the left ``photo_cols`` columns, the headline on the right."""
    shape = placement.shape
    g = style.geometry
    photo_w = g.span_width(shape.photo_cols)
    from .shape_parts import photo_row

    class _Maker:  # photo_row wants the planner's view of the item
        pass

    maker = _Maker()
    maker.style, maker.item, maker.area_height = style, item, 1e9
    height, _, _ = photo_row(maker, shape.photo_cols, shape.span)
    bottom = _photos(item, x, y, photo_w, height, style, page) + style.gap / 2
    bottom = _caption(item, m, shape.photo_cols, x, bottom, photo_w, style, page)
    head_x = x + photo_w + g.gutter
    span = shape.span - shape.photo_cols
    head_bottom = _head(item, m, shape, span, head_x, y, g.span_width(span), style, page)
    return max(bottom, head_bottom, y + shape.head)


def _head(item: Item, m, shape, span: int, x: float, y: float, width: float, style: Style, page: ComposedPage) -> float:
    small_gap = style.body * 0.35
    if item.kicker:
        y = _text(page, x, y, width, keep_words(item.kicker), m.kicker.get(span, 1), *style.small(KICKER[item.weight])) + small_gap
    if shape.title_lines:
        size, pitch = style.headline(item.weight, shape.step)
        page.parts.append({"t": "text", "x": x, "y": y, "w": width, "lines": list(shape.title_lines), "font": "sans",
                           "weight": "bold", "size": size, "pitch": pitch, "align": "left"})
        y += style.lines_height(len(shape.title_lines), size, pitch)
    if item.subtitle:
        y = _text(page, x, y + small_gap, width, keep_words(item.subtitle), m.subtitle.get(span, 1), *style.small(SUBTITLE[item.weight]))
    if item.byline:
        y = _text(page, x, y + small_gap * 1.4, width, item.byline, m.byline.get(span, 1), *style.small(BYLINE))
    return y


def _text(page: ComposedPage, x, y, width, text, lines: int, size, pitch) -> float:
    """Small text wrapped in ``width`` (Typst breaks it; ``lines`` is what the measuring compile found)."""
    page.parts.append({"t": "text", "x": x, "y": y, "w": width, "text": text, "font": "sans", "weight": "regular",
                       "size": size, "pitch": pitch, "align": "left"})
    return y + lines * pitch - (pitch - size)


def _caption(item: Item, m, photo_cols: int, x, y, width, style: Style, page: ComposedPage, grid: bool = False) -> float:
    """The caption under the photos: each photo of a row its own, under it and as wide as it
    (shape_parts.caption_lines counts the same); a single photo or a grid one block."""
    text = caption_text(item, grid)
    if not text:
        return y
    size, pitch = style.small(CAPTION)
    if len(item.photos) < 2 or grid:
        return _text(page, x, y, width, text, m.caption.get(photo_cols, 1), size, pitch)
    bottom = y
    own = row_captions(item.photos, width, style.photo_gap, size)
    edges = [left for left, _, _ in own[1:]] + [width + style.photo_gap]
    for (left, text, lines), right in zip(own, edges):
        if text:
            bottom = max(bottom, _text(page, x + left, y, right - style.photo_gap - left, text, lines, size, pitch))
    return bottom


def _poster_frame(x, y, width, height, style: Style, page: ComposedPage) -> None:
    """A 公益广告 is a module of its own: a thin frame round it (no rules of the modules beside)."""
    inset = style.geometry.gutter * 0.3
    page.parts.append({"t": "rect", "x": x - inset, "y": y - inset, "w": width + 2 * inset, "h": height + inset,
                       "stroke": 0.5, "fill": None})


def _photos(item: Item, x, y, width, height, style: Style, page: ComposedPage, grid: bool = False) -> float:
    """The photos in a row ``width`` wide and ``height`` tall (``grid``: in the rows of
    ``photo_grid.grid_rows``, the height shared as their natural heights are)."""
    least = style.geometry.column * LEAST
    rows = grid_rows(item.photos, width, style.photo_gap, least) if grid else [item.photos]
    naturals = []
    for row in rows:
        room = width - (len(row) - 1) * style.photo_gap
        naturals.append(room / sum(p.aspect for p in row))
    scale = (height - style.photo_gap * (len(rows) - 1)) / sum(naturals)
    for row, natural in zip(rows, naturals):
        room = width - (len(row) - 1) * style.photo_gap
        total = sum(p.aspect for p in row)
        row_h = natural * scale
        left = x
        for photo in row:
            w = room * photo.aspect / total
            box = crop_box(photo, w / row_h)
            name = crop_name(photo, box, w, row_h)
            page.crops.append(Crop(name, photo, box, w, row_h))
            page.parts.append({"t": "image", "x": round(left, 3), "y": round(y, 3), "w": round(w, 3),
                               "h": round(row_h, 3), "crop": name})
            left += w + style.photo_gap
        y += row_h + style.photo_gap
    return y - style.photo_gap


def crop_name(photo: Photo, box, width: float, height: float) -> str:
    """The print copy's file name: the same name is always the same picture (Typst keeps
    files it has read between compiles)."""
    key = f"{photo.src}|{photo.width}x{photo.height}|{[round(v, 5) for v in box]}|{width:.2f}x{height:.2f}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def crop_box(photo: Photo, aspect: float) -> tuple[float, float, float, float]:
    """The part of ``photo`` shown in a box of ``aspect`` (w/h): centred on the focus (or the
    middle), as fractions of the original."""
    fx, fy = photo.focus or (0.5, 0.5)
    if aspect >= photo.aspect:  # the box is wider: keep the full width, cut top and bottom
        keep = photo.aspect / aspect
        top = min(max(fy - keep / 2, 0.0), 1 - keep)
        return 0.0, top, 1.0, top + keep
    keep = aspect / photo.aspect
    left = min(max(fx - keep / 2, 0.0), 1 - keep)
    return left, 0.0, left + keep, 1.0


def _frame(item: Item, x, y, width, height, style: Style, page: ComposedPage) -> None:
    g = style.geometry
    inset = g.gutter * 0.3
    fill = "tint" if item.kind == "briefs" else None
    page.parts.append({"t": "rect", "x": x - inset, "y": y, "w": width + 2 * inset, "h": height,
                       "stroke": 0.8, "fill": fill})


def _banner(item: Item, x, y, width, style: Style, page: ComposedPage) -> float:
    size = round(style.body * 1.25, 2)
    height = round(style.body * 1.9, 2)
    page.parts.append({"t": "banner", "x": x, "y": y, "w": width, "h": height, "text": item.title, "size": size})
    return y + height


def _block_trackings(shape, m) -> dict[int, float]:
    """The blocks set at their own tracking (em): 挤排 where that saves a short last line (MIXED),
    or each block as ``shape.tk`` says (balanced columns, balance.py)."""
    if shape.tk:
        return {index: TRACKING_EM[t] for index, t in enumerate(shape.tk) if t}
    return {index: TRACKINGS[1] for index in m.tight_blocks()} if shape.tracking == MIXED else {}


def _blocks(item: Item, trackings: dict[int, float] | None = None) -> list[dict]:
    """The blocks to set (``trackings``: those set tighter or looser than the body, in em); a
    短消息's title carries its article's key, so the page view can find it."""
    trackings = trackings or {}
    blocks = [{**b, "tk": trackings[index]} if index in trackings else b for index, b in enumerate(item_blocks(item))]
    if item.kind == "briefs":
        titles = iter(brief.key for brief in item.briefs)
        blocks = [{**b, "key": next(titles)} if b["t"] == "bt" else b for b in blocks]
    return blocks


def _rules(plan: PagePlan, items: tuple[Item, ...], style: Style, top: float, page: ComposedPage) -> None:
    """A hairline between stacked modules and between modules side by side (not beside a frame)."""
    g = style.geometry
    boxed = [items[p.item].kind in (*BOXED, "poster") for p in plan.placements]  # framed: no rules beside
    for index, p in enumerate(plan.placements):
        x = g.column_x(p.column)
        width = g.span_width(p.shape.span)
        y = top + p.top
        if p.top > 0 and not boxed[index] and not _box_above(plan, boxed, p):
            mid = y - style.separator / 2
            page.parts.append({"t": "rule", "x1": x, "y1": mid, "x2": x + width, "y2": mid, "width": RULE})
        if p.column > 0 and not boxed[index] and not _box_left(plan, boxed, p):
            mid = x - g.gutter / 2
            page.parts.append({"t": "rule", "x1": mid, "y1": y, "x2": mid, "y2": y + p.height, "width": RULE})


def _box_above(plan: PagePlan, boxed: list[bool], p: Placement) -> bool:
    for other, is_box in zip(plan.placements, boxed):
        if is_box and abs(other.top + other.height - p.top) < 40 and _overlap_x(other, p):
            return True
    return False


def _box_left(plan: PagePlan, boxed: list[bool], p: Placement) -> bool:
    for other, is_box in zip(plan.placements, boxed):
        if is_box and other.column + other.shape.span == p.column and _overlap_y(other, p):
            return True
    return False


def _overlap_x(a: Placement, b: Placement) -> bool:
    return a.column < b.column + b.shape.span and b.column < a.column + a.shape.span


def _overlap_y(a: Placement, b: Placement) -> bool:
    return a.top < b.top + b.height and b.top < a.top + a.height
