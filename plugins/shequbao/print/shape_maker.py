"""Every shape an item can take at each column span (the planner's menu for one item)."""

from __future__ import annotations

import math

from .balance import balance_columns, count_moves, list_base_trackings, list_one_moves
from .content import Item
from .headlines import scored_lines
from .measure import PIECE_SIZE, ItemMetrics, brief_columns
from .shape_parts import column_widows, make_shape
from .shapes import BOXED, Shape
from .style import HEADLINE_STEPS, LOOSE, TRACKINGS, Style


LOOSE_COST = 1.5  # a paragraph set looser to fill (on top of a balance move's 0.5): its lines may end ragged


class ShapeMaker:
    """Every shape of one item at one span."""

    def __init__(self, style: Style, item: Item, metrics: ItemMetrics, widths: dict[str, float],
                 index: int, area_height: float, strict: bool = True):
        self.style, self.item, self.m, self.widths = style, item, metrics, widths
        self.index, self.area_height = index, area_height
        self.strict = strict  # False: a photo too big or too coarse at every width still gets a (costly) shape
        self._titles: dict[tuple, tuple[str, ...] | None] = {}
        self.break_costs: dict[tuple[str, ...], int] = {}  # a headline's lines → the cost of its breaks

    def shapes(self, span: int) -> list[Shape]:
        item = self.item
        if item.columns and span != min(item.columns, self.style.geometry.columns):
            return []
        if item.spans and span not in item.spans:
            return []  # a poster prints at the widths the pool gives it
        out = []
        for photo_cols, mode in self.photo_options(span):
            for tracking in self.trackings():
                for inner in self.inner_options(span):
                    out.extend(self.steps(span, photo_cols, tracking, inner, mode))
        return out

    def trackings(self) -> range:
        return range(len(TRACKINGS) + 1) if self.item.kind not in ("briefs", "guide", "poster") else range(1)  # + MIXED

    def photo_options(self, span: int) -> list[tuple[int, bool]]:
        """(photo width in columns, arrangement: row | flow | grid) the item may have at ``span``."""
        photos = self.item.photos
        if not photos:
            return [(0, "row")]
        if self.item.kind == "poster":
            return [(span, "row")]
        flow = [(1, "flow")] if span > 1 and len(photos) == 1 and self.item.kind != "photo" else []
        grid = [(span, "grid")] if len(photos) >= 3 else []
        if self.item.photo_columns:
            wanted = min(self.item.photo_columns, span)
            if self.item.kind == "photo" and wanted != span:
                return []
            return [(wanted, "row")] + (flow if wanted == 1 else []) + (grid if wanted == span else [])
        if self.item.kind == "photo":
            return [(span, "row"), *grid]
        return [(cols, "row") for cols in range(span, 0, -1)] + flow + grid

    def inner_options(self, span: int) -> list[int]:
        if self.item.kind in ("briefs", "guide"):
            return list(brief_columns(span))  # a text column on each grid column: never a line across two
        if self.item.verse and span > 2:
            return []  # a poem's short lines across the page would leave it half empty
        return [span]

    def steps(self, span, photo_cols, tracking, inner, mode) -> list[Shape]:
        out = []
        for step in range(len(self.style_steps())):
            shape = make_shape(self, span, photo_cols, tracking, inner, step, mode)
            if shape is None:
                continue
            out.append(shape)
            even = self.make_evened(shape, photo_cols, tracking, step, mode)
            if even is not None:
                out.append(even)
            loose = self.make_loose(shape, photo_cols, tracking, step, mode)
            if loose is not None:
                out.append(loose)
        return out

    def make_loose(self, shape: Shape, photo_cols: int, tracking: int, step: int, mode: str) -> Shape | None:
        """The shape with every paragraph that gains a line at 0.05 em looser (松排) so set: a
        taller variant of the same story for a 版 that has room (a 美编 fills it so, not with blank)."""
        if tracking != 0 or self.item.kind in BOXED or ("c", LOOSE) not in self.m.blocks or shape.rows <= 2:
            return None
        normal, loose = self.m.blocks[("c", 0)], self.m.blocks[("c", LOOSE)]
        tk = tuple(LOOSE if b > a else 0 for a, b in zip(normal, loose))
        if not any(tk):
            return None
        taller = make_shape(self, shape.span, photo_cols, tracking, shape.inner, step, mode, tk)
        if taller is None or taller.rows <= shape.rows or (
                column_widows(self, taller.rows, taller.inner, tracking, taller.flow, tk)
                > column_widows(self, shape.rows, shape.inner, tracking, shape.flow)):
            return None  # no taller story bought with a paragraph's last line atop a column
        return Shape(**{**taller.__dict__, "cost": taller.cost + LOOSE_COST * sum(1 for t in tk if t)})

    def make_evened(self, shape: Shape, photo_cols: int, tracking: int, step: int, mode: str) -> Shape | None:
        """The shape with paragraphs set tighter or looser one by one (balance.py) where its last
        column ends more than a line short or a paragraph's last line tops a column: the best
        such choice (judged on its lines alone, then made in full) if the shape costs less."""
        if self.item.kind in BOXED or shape.inner < 2 or shape.rows <= 2:
            return None  # 1–2 lines a column are stubs however they end: more lines only make more
        widows = column_widows(self, shape.rows, shape.inner, tracking, shape.flow)
        if shape.short <= 1 and not widows:
            return None
        base = list_base_trackings(self.m, tracking)
        balanced = balance_columns(self.m, tracking, shape.inner, shape.flow)
        choices = ([balanced] if balanced else []) + (list_one_moves(self.m, tracking) if widows else [])
        best, least = None, self.count_text_faults(shape.rows, shape.inner, tracking, shape.flow, base, base)
        for tk in choices:
            total = sum(self.m.lines_as_set(tk)) + shape.flow
            rows = max(shape.flow, math.ceil(total / shape.inner))
            faults = self.count_text_faults(rows, shape.inner, tracking, shape.flow, tk, base) + abs(rows - shape.rows)
            if faults < least:
                best, least = tk, faults
        even = make_shape(self, shape.span, photo_cols, tracking, shape.inner, step, mode, best) if best else None
        return even if even is not None and even.cost < shape.cost else None

    def count_text_faults(self, rows: int, inner: int, tracking: int, skip: int, tk: tuple[int, ...], base) -> float:
        """What a shape's cost charges its text for: widows, a short last column, paragraphs set apart."""
        short = rows * inner - sum(self.m.lines_as_set(tk)) - skip
        return (4 * column_widows(self, rows, inner, tracking, skip, tk) + 12 * max(0, short - 1)
                + 0.5 * count_moves(tk, base))

    def style_steps(self):
        return HEADLINE_STEPS[self.item.weight] if self.item.kind not in ("briefs", "guide", "poster") else (0,)

    def title_lines(self, width: float, size: float) -> tuple[str, ...] | None:
        key = (round(width, 2), size)
        if key not in self._titles:
            self._titles[key] = self._title_lines(width, size)
        return self._titles[key]

    def _title_lines(self, width: float, size: float) -> tuple[str, ...] | None:
        item = self.item
        parts = item.title_parts or ((item.title,) if item.title else ())
        if not parts:
            return ()
        limit = width * 0.995

        def fits(text: str) -> bool:
            known = self.widths.get(text)
            if known is None:
                known = PIECE_SIZE * len(text)
            return known * size / PIECE_SIZE <= limit

        lines: list[str] = []
        cost = 0
        for part in parts:
            got = scored_lines(part, fits, max_lines=4 if len(parts) == 1 else 3)
            if got is None:
                return None
            lines.extend(got[0])
            cost += got[1]
        self.break_costs[tuple(lines)] = cost
        return tuple(lines) if len(lines) <= 4 else None
