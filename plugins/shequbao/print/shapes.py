"""The ways one item can be set as a module of a given width (its *shapes*), and what each
costs at every height of the page's height grid.

A shape fixes the module's columns, photo width, headline size, tracking and inner
columns; its height still stretches within the copyfitting bounds: line pitch ±5%, photos
cropped by at most 10% of their area (30% when the editor set a focus), and blank space
at the foot of the text (costly beyond half a line). Pure functions of measured numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .style import LEADING_FLEX, Style

GRID = 6.0  # pt: the planner's height unit
INF = math.inf
BOXED = ("notice", "briefs", "guide")
MAX_PHOTO_SHARE = 0.55  # of the page's free height


@dataclass(frozen=True)
class Shape:
    """One way to set an item in ``span`` columns (heights in pt, at pitch factor 1)."""

    item: int
    span: int
    photo_cols: int  # 0: no photo; == span: across the module; < span: beside the headline
    step: int  # headline size step
    tracking: int  # index into TRACKINGS
    inner: int  # text columns
    title_lines: tuple[str, ...]
    head: float  # kicker + title + 副题 + byline (or a box's banner)
    photo: float  # natural height of the photo row
    crop_lo: float  # photo height factor bounds
    crop_hi: float
    caption: float
    rows: int  # body lines per column, balanced
    pad: float  # inside a frame, top + bottom
    cost: float  # the shape's own cost (how good it looks at its natural height)
    flow: int = 0  # the photo sits at the top of the first text column, taking this many lines
    flow_photo: float = 0.0  # … at this height
    grid: bool = False  # the first photo across, the others in a row below it
    verse: bool = False  # a poem: short lines
    short: int = 0  # lines the last text column has fewer than the others
    tk: tuple[int, ...] = ()  # each block's measured tracking, where set one by one to balance the columns

    def natural(self, style: Style) -> float:
        return self.fixed(style) + self.photo + self.body(style.pitch, style)

    def fixed(self, style: Style) -> float:
        """Height of everything but the photo row and the text."""
        gap = style.gap
        total = self.head + self.pad  # beside: ``head`` is the taller of headline and photo
        if self.photo:
            total += gap + self.caption + (gap / 2 if self.caption else 0)
        if self.rows and (self.head or self.photo):
            total += gap
        return total

    def body(self, pitch: float, style: Style) -> float:
        return 0.0 if self.rows <= 0 else style.body + (self.rows - 1) * pitch

    def flex(self, style: Style) -> tuple[float, float]:
        """How much the module may shrink and grow without blank space."""
        pitch = max(0, self.rows - 1) * style.pitch * LEADING_FLEX
        return pitch + self.photo * (1 - self.crop_lo), pitch + self.photo * (self.crop_hi - 1)

    @property
    def text_only(self) -> bool:
        """A module of text alone (no photo, no frame): its blank is what the page's text could not fill."""
        return not self.photo and not self.flow and not self.pad and self.rows > 0

    def slack_limit(self, style: Style) -> float:
        """Blank a module may have under its text; a box is as tall as its content (a line at most)."""
        if self.pad:  # a box: blank inside its frame shows as a stretched box, at once in one of a row or two (导读)
            return style.pitch * (0.5 if self.rows <= 2 else 1.5)
        if self.rows <= 0:
            return style.pitch * 1.5
        return style.pitch * 1.5  # the measure: a hole is over 3 lines, the separator and a last line's blank included


@lru_cache(maxsize=50_000)
def shape_costs(shape: Shape, style: Style, cells: int, foot: bool = False) -> np.ndarray:
    """The cost of setting ``shape`` at each height ``i * GRID`` (inf where it cannot); at the
    page's ``foot`` blank space in the module is what the reader sees as an empty page."""
    heights = np.arange(cells) * GRID
    natural = shape.natural(style)
    down, up = shape.flex(style)
    delta = heights - natural
    cost = np.full(cells, INF)
    shrink = (delta < 0) & (-delta <= down + 1e-6)
    if down > 0:
        cost[shrink] = shape.cost + 6 * (delta[shrink] / down) ** 2
    exact = np.abs(delta) < GRID / 2
    cost[exact] = np.minimum(cost[exact], shape.cost + 0.0)
    grow = delta >= 0
    used = np.minimum(delta[grow], up)
    slack = delta[grow] - used
    grow_cost = shape.cost + (6 * (used / up) ** 2 if up > 0 else 0) + slack_cost(slack, style, shape.short, shape.text_only)
    if foot:
        grow_cost = grow_cost + 4 * np.maximum(0, slack / style.pitch - 0.5)
    beyond = slack - shape.slack_limit(style)
    hole = HOLE_UNDER_BOX if shape.pad else HOLE_UNDER_TEXT
    grow_cost = np.where(beyond > 0, grow_cost + hole + 4 * beyond / style.pitch, grow_cost)  # a hole: last resort
    cost[grow] = np.minimum(cost[grow], grow_cost)
    if foot and shape.verse:
        cost = cost + 40  # a poem's short lines at the page's foot leave it looking empty
    if foot and shape.short > 1:
        cost = cost + 1.5 * (shape.short - 1)  # a short last column at the foot: a hole in the page
    return cost


HOLE_UNDER_TEXT = 40.0  # blank under a module beyond its slack limit: a hole, the last resort …
HOLE_UNDER_BOX = 50.0  # … under a box (导读, 短消息, notice) an empty slot below its frame, which no text
# beside or below it explains: rather grow the modules around it (leading, photo crop) and leave
# the blank at the foot of a text column (a 2-版 issue of real text had a 4-line hole under its 导读)
HOLE_SLACK = 1.25  # lines of blank under a module's text beyond which, with the separator, a reader sees a hole
HOLE_COST = 3.0  # … costing this times the square of the lines beyond


def slack_cost(slack, style: Style, short: int = 0, spread: bool = False):
    """Blank under a module's text: cheap up to half a line, then linear; in a module of text
    alone (``spread``) also growing with its square beyond ``HOLE_SLACK`` lines (with the lines
    its last text column is ``short``), so that blank a page of text cannot fill is spread over
    its modules (each gap under 3 lines) rather than left as one hole under one of them. (Beside
    a photo the blank stays where it was: spreading it there only makes more strips hollow.)"""
    lines = slack / style.pitch
    hole = np.maximum(0, lines + short - HOLE_SLACK) - max(0, short - HOLE_SLACK)
    return np.where(lines <= 0.5, 2 * lines, 1 + 8 * (lines - 0.5)) + (HOLE_COST * hole ** 2 if spread else 0)


def fit(shape: Shape, height: float, style: Style) -> tuple[float, float, float]:
    """(pitch factor, photo height factor, blank) that set ``shape`` at exactly ``height``."""
    natural = shape.natural(style)
    down, up = shape.flex(style)
    delta = height - natural
    pitch_room = max(0, shape.rows - 1) * style.pitch * LEADING_FLEX
    photo_room = (down if delta < 0 else up) - pitch_room
    room = down if delta < 0 else up
    share = 0.0 if room <= 0 else max(-1.0, min(1.0, delta / room))
    used = share * room
    blank = delta - used if delta > 0 else 0.0
    f = 1 + (share * LEADING_FLEX if pitch_room > 0 else 0)
    if photo_room > 0 and shape.photo:
        c = 1 + share * ((1 - shape.crop_lo) if delta < 0 else (shape.crop_hi - 1))
    else:
        c = 1.0
    return f, c, max(0.0, blank)
