"""Reading order of a page by recursive cuts along white space (XY-cut).

Newspaper modules are rectangles: stacked in bands, side by side, or both. At each step
the region is cut:

1. across, at every wide white band (wider than ``BIG`` × the body size): between modules
   stacked one above the other;
2. otherwise down, at every white gutter as tall as the region: between modules side by
   side, and between the columns of one module (read left to right);
3. otherwise above and below a photo that spans the region (it may touch the text);
4. otherwise across at any band wider than ``SMALL`` × the body size (a headline above
   its columns, a caption under its photo);
5. otherwise the region is one column: read top to bottom.

Elements are anything with ``x0, x1, top, bottom``: text runs and figures.
"""

from __future__ import annotations

BIG = 1.8  # × body size: white between stacked modules
GUTTER = 0.9  # × body size: the narrowest gutter between columns
SMALL = 0.9  # × body size: white between a headline and its text
MAX_DEPTH = 60


def reading_order(elements: list, body: float) -> list[list]:
    """The leaves (columns) of ``elements`` in reading order, each top to bottom."""
    leaves: list[list] = []
    _cut(elements, body, leaves, 0)
    return leaves


def _cut(elements: list, body: float, leaves: list[list], depth: int) -> None:
    if len(elements) <= 1 or depth >= MAX_DEPTH:
        leaves.append(sorted(elements, key=lambda e: (e.top, e.x0)))
        return
    for axis, least in (("y", BIG), ("x", GUTTER), ("figure", 0), ("y", SMALL)):
        parts = _around_figure(elements) if axis == "figure" else _split(elements, axis, least * body)
        if len(parts) > 1:
            for part in parts:
                _cut(part, body, leaves, depth + 1)
            return
    leaves.append(sorted(elements, key=lambda e: (e.top, e.x0)))


def _around_figure(elements: list) -> list[list]:
    """What stands above a photo, the photo (and what stands beside it), and what stands
    below: a photo cropped to its frame can touch the text around it, leaving no white."""
    for fig in (e for e in elements if not hasattr(e, "chars")):
        above = [e for e in elements if e.bottom <= fig.top + 1 and e is not fig]
        below = [e for e in elements if e.top >= fig.bottom - 1 and e is not fig]
        middle = [e for e in elements if e not in above and e not in below]
        parts = [part for part in (above, middle, below) if part]
        if len(parts) > 1:
            return parts
    return [elements]


def _split(elements: list, axis: str, least: float) -> list[list]:
    """``elements`` in groups separated by white bands at least ``least`` wide."""
    if axis == "y":
        spans = sorted(elements, key=lambda e: e.top)
        lo, hi = (lambda e: e.top), (lambda e: e.bottom)
    else:
        spans = sorted(elements, key=lambda e: e.x0)
        lo, hi = (lambda e: e.x0), (lambda e: e.x1)
    groups: list[list] = [[]]
    reach = None
    for e in spans:
        if reach is not None and lo(e) - reach >= least:
            groups.append([])
        groups[-1].append(e)
        reach = hi(e) if reach is None else max(reach, hi(e))
    return groups
