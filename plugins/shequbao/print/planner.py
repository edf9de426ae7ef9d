"""The page planner: which module each item gets on the 版's column grid.

A page is a stack of *bands*; a band is one to four *groups* side by side whose column
counts add up to the page's; a group is a stack of one to three modules of its width
(an L-shape is a band of a tall module beside a group of two). Items keep their reading
order: band by band from the top, group by group from the left, module by module down.

Every item has a cost for every height (``shapes.py``); a dynamic programme over the items
in order finds the bands whose heights add up to the page with the least cost, where a
blank strip at the foot of the page costs most. Pure functions, no Typst.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import numpy as np

from .shapes import GRID, INF, Shape, shape_costs
from .style import Style

MAX_BAND_ITEMS = 5
MAX_STACK = 3
SIDE_BY_SIDE_BONUS = 4.0
BLANK_COST = 1.0  # per pt of blank strip at the foot of the page
FULL_WIDTH_PENALTY = 3.0  # a band of one module across the page, after the first


@dataclass(frozen=True)
class Placement:
    item: int
    shape: Shape
    column: int  # first column, 0-based
    top: float  # pt below the top of the free area
    height: float


@dataclass(frozen=True)
class PagePlan:
    placements: tuple[Placement, ...]
    used: float  # pt of the free area's height the modules take
    area: float
    cost: float
    holes: float = 0.0  # share of the free area left blank at the feet of the bottom modules

    @property
    def blank(self) -> float:
        return max(0.0, self.area - self.used)

    @property
    def empty_share(self) -> float:
        """Share of the free area with nothing on it: below the modules and at their feet."""
        return (self.blank / self.area if self.area else 0.0) + self.holes

    @property
    def overflow(self) -> float:
        return max(0.0, self.used - self.area)


@dataclass
class _Table:
    cost: np.ndarray
    choice: np.ndarray  # index into shapes (modules) or split cell (stacks)
    shapes: list


def plan_page(shapes: list[dict[int, list[Shape]]], style: Style, area: float) -> PagePlan:
    """The best plan of items (their shapes by span) in a free area ``area`` pt tall."""
    if not shapes:
        return PagePlan((), 0.0, area, 0.0)
    cells = int(area // GRID) + 1
    limit = int(cells * 1.35) + 8
    planner = _Planner(shapes, style, limit)
    best = planner.solve()
    total = best.cost.copy()
    heights = np.arange(limit) * GRID
    total = total + np.where(heights <= area, (area - heights) * BLANK_COST, (heights - area) * 1000)
    h = int(np.argmin(total))
    if not math.isfinite(total[h]):
        return PagePlan((), math.inf, area, math.inf)
    placements = planner.unfold(0, h)
    return PagePlan(tuple(placements), h * GRID, area, float(total[h]), _holes(placements, style, area))


def _holes(placements: list[Placement], style: Style, area: float) -> float:
    """Share of the free area left blank inside the modules, wherever they stand: under their
    text and in a last text column that ends short (a reader sees both as holes)."""
    from .shapes import fit

    g = style.geometry
    blank = 0.0
    for p in placements:
        width = g.span_width(p.shape.span)
        blank += fit(p.shape, p.height, style)[2] * width
        if p.shape.short > 0 and p.shape.inner:
            blank += p.shape.short * style.pitch * (width - (p.shape.inner - 1) * g.gutter) / p.shape.inner
    return blank / (area * g.type_width) if area else 0.0


class _Planner:
    def __init__(self, shapes: list[dict[int, list[Shape]]], style: Style, cells: int):
        self.shapes, self.style, self.cells = shapes, style, cells
        self.columns = style.geometry.columns
        self.sep = int(round(style.separator / GRID))
        self.n = len(shapes)
        self._modules: dict[tuple[int, int, bool], _Table] = {}
        self._stacks: dict[tuple[int, int, int], _Table] = {}
        self._rest: dict[int, _Table] = {}

    def module(self, item: int, span: int, foot: bool = False) -> _Table:
        key = (item, span, foot)
        if key not in self._modules:
            options = self.shapes[item].get(span, [])
            cost = np.full(self.cells, INF)
            choice = np.full(self.cells, -1)
            for index, shape in enumerate(options):
                costs = shape_costs(shape, self.style, self.cells, foot)
                better = costs < cost
                cost[better] = costs[better]
                choice[better] = index
            self._modules[key] = _Table(cost, choice, options)
        return self._modules[key]

    def stack(self, start: int, end: int, span: int) -> _Table:
        """Items start..end-1 one above the other, ``span`` columns wide (the last band's
        bottom module stands at the page's foot)."""
        key = (start, end, span)
        if key not in self._stacks:
            first = self.module(start, span, foot=end - start == 1 and end == self.n)
            if end - start == 1:
                table = first
            else:
                rest = self.stack(start + 1, end, span)
                cost, split = minplus(first.cost, rest.cost, self.sep)
                table = _Table(cost, split, [])
            self._stacks[key] = table
        return self._stacks[key]

    def bands(self, start: int):
        """Every band that begins with item ``start``: (end, groups, cost array)."""
        for count in range(1, min(MAX_BAND_ITEMS, self.n - start) + 1):
            spans_options = [c for g in range(1, min(count, 4, self.columns) + 1) for c in _compositions(self.columns, g)]
            for spans in spans_options:
                for sizes in _compositions(count, len(spans)):
                    if max(sizes) > MAX_STACK or (len(spans) == 1 and count > 1):
                        continue
                    groups, at = [], start
                    for span, size in zip(spans, sizes):
                        groups.append((at, at + size, span))
                        at += size
                    cost = np.zeros(self.cells)
                    for group in groups:
                        cost = cost + self.stack(*group).cost
                    if len(groups) > 1:
                        cost = cost - SIDE_BY_SIDE_BONUS * (len(groups) - 1)
                    elif start > 0:
                        cost = cost + FULL_WIDTH_PENALTY
                    yield start + count, tuple(groups), cost

    def rest(self, start: int) -> _Table:
        """Items start..n-1 in bands: cost by height, and how (band, cells of the first band)."""
        if start in self._rest:
            return self._rest[start]
        if start == self.n:
            cost = np.full(self.cells, INF)
            cost[0] = 0.0
            table = _Table(cost, np.full(self.cells, -1), [])
        else:
            cost = np.full(self.cells, INF)
            choice = np.full(self.cells, -1)
            bands = []
            for end, groups, band_cost in self.bands(start):
                tail = self.rest(end)
                combined, split = minplus(band_cost, tail.cost, self.sep if end < self.n else 0)
                better = combined < cost
                if better.any():
                    cost[better] = combined[better]
                    choice[better] = len(bands) * self.cells + split[better]
                bands.append((end, groups))
            table = _Table(cost, choice, bands)
        self._rest[start] = table
        return table

    def solve(self) -> _Table:
        return self.rest(0)

    def unfold(self, start: int, cells: int, top: float = 0.0) -> list[Placement]:
        if start == self.n:
            return []
        table = self.rest(start)
        code = int(table.choice[cells])
        band, band_cells = divmod(code, self.cells)
        end, groups = table.shapes[band]
        placements = []
        column = 0
        for group in groups:
            placements.extend(self._unfold_stack(group, band_cells, column, top))
            column += group[2]
        gap = self.sep if end < self.n else 0
        rest_cells = cells - band_cells - gap
        placements.extend(self.unfold(end, rest_cells, top + (band_cells + gap) * GRID))
        return placements

    def _unfold_stack(self, group, cells: int, column: int, top: float) -> list[Placement]:
        start, end, span = group
        if end - start == 1:
            module = self.module(start, span, foot=end == self.n)
            shape = module.shapes[int(module.choice[cells])]
            return [Placement(start, shape, column, top, cells * GRID)]
        table = self.stack(start, end, span)
        first_cells = int(table.choice[cells])
        module = self.module(start, span)
        shape = module.shapes[int(module.choice[first_cells])]
        first = Placement(start, shape, column, top, first_cells * GRID)
        rest_top = top + (first_cells + self.sep) * GRID
        return [first, *self._unfold_stack((start + 1, end, span), cells - first_cells - self.sep, column, rest_top)]


def minplus(a: np.ndarray, b: np.ndarray, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """c[k] = min over i of a[i] + b[k - i - offset], and the i that gives it (the first, on a tie).
    Only the sums that can be finite are formed: the rows i where a is finite, the heights k
    from the least finite i + j on (windows over b, no index table)."""
    n = len(a)
    c = np.full(n, INF)
    arg = np.full(n, -1)
    finite_b = np.flatnonzero(np.isfinite(b))
    if not len(finite_b):
        return c, arg
    rows = np.flatnonzero(np.isfinite(a))
    rows = rows[rows + offset + finite_b[0] < n]
    if not len(rows):
        return c, arg
    low = int(rows[0]) + offset + int(finite_b[0])  # below this height every sum is infinite
    padded = np.concatenate([np.full(n, INF), b])
    step = padded.strides[0]  # windows[s] = padded[s:s + n - low], a view (sliding_window_view, without its checks)
    windows = np.lib.stride_tricks.as_strided(padded, (n + low + 1, n - low), (step, step), writeable=False)
    table = a[rows][:, None] + windows[n + low - offset - rows]  # row i, column k - low: a[i] + b[k - i - offset]
    best = np.argmin(table, axis=0)
    found = table[best, np.arange(n - low)]
    c[low:] = found
    arg[low:] = np.where(np.isfinite(found), rows[best], -1)
    return c, arg


@lru_cache(maxsize=None)
def _compositions(total: int, parts: int) -> tuple[tuple[int, ...], ...]:
    """Ways to write ``total`` as exactly ``parts`` positive numbers, in order."""
    return tuple(combo for combo in product(range(1, total + 1), repeat=parts) if sum(combo) == total)
