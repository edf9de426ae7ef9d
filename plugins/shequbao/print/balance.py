"""Columns that end together (a 美编's 调字距).

A module's text is set in ``inner`` columns filled one after the other, each ``rows`` lines
tall, so its last column ends ``rows × inner − lines`` lines short. Where that is more than
one line, paragraphs are set 0.05 em tighter (挤排) or looser (松排) one by one, the longest
first, until the columns end within a line of each other: either the last column gains the
lines it lacks, or the text loses the lines that make the module a row shorter. Every choice
is a tracking Typst measured (``measure.py``), so the lines are counted, not estimated.
"""

from __future__ import annotations

import math

from .measure import ItemMetrics
from .style import LOOSE, MIXED

TIGHT = 1
ORDER = (TIGHT, 0, LOOSE)  # the measured trackings, tightest first


def list_base_trackings(m: ItemMetrics, tracking: int) -> tuple[int, ...]:
    """Each block's measured tracking in a shape of ``tracking`` (MIXED: tight where it saves a line)."""
    count = len(m.blocks.get(("c", 0), ()))
    if tracking == MIXED:
        tight = m.tight_blocks()
        return tuple(TIGHT if i in tight else 0 for i in range(count))
    return (tracking,) * count


def balance_columns(m: ItemMetrics, tracking: int, inner: int, skip: int = 0) -> tuple[int, ...] | None:
    """Each block's tracking so that its lines (and ``skip`` lines taken by an inset photo) fill
    ``inner`` columns to within one line of each other; None when the shape's own tracking
    already does, or when no choice does. Of the two ways (fewer lines, more lines) the one
    that changes fewer paragraphs wins, fewer lines on a tie."""
    if inner < 2 or ("c", LOOSE) not in m.blocks:
        return None
    base = list_base_trackings(m, tracking)
    total = sum(m.lines_as_set(base)) + skip
    if count_short(total, inner) <= 1:
        return None
    best = None
    for step in (-1, 1):
        got = shift_blocks(m, base, inner, skip, step)
        if got is not None and (best is None or count_moves(got, base) < count_moves(best, base)):
            best = got
    return best


def list_one_moves(m: ItemMetrics, tracking: int) -> list[tuple[int, ...]]:
    """Every way to set one block a step tighter or looser that changes its lines: what moves a
    paragraph's short last line off the top of a column (a widow, 寡行) or fills a column."""
    if ("c", LOOSE) not in m.blocks:
        return []
    base = list_base_trackings(m, tracking)
    out = []
    for index, now in enumerate(base):
        for step in (-1, 1):
            at = ORDER.index(now) + step
            if 0 <= at < len(ORDER) and m.blocks[("c", ORDER[at])][index] != m.blocks[("c", now)][index]:
                out.append((*base[:index], ORDER[at], *base[index + 1:]))
    return out


def shift_blocks(m: ItemMetrics, base: tuple[int, ...], inner: int, skip: int, step: int) -> tuple[int, ...] | None:
    """Move blocks one tracking tighter (``step`` −1) or looser (+1), the longest first, until
    the columns balance; None if they never do before the text's rows change the other way."""
    current = list(base)
    lines = m.lines_as_set(base)
    rows = math.ceil((sum(lines) + skip) / inner)
    for index in sorted(range(len(base)), key=lambda i: -lines[i]):
        at = ORDER.index(current[index]) + step
        if not 0 <= at < len(ORDER):
            continue
        changed = m.blocks[("c", ORDER[at])][index]
        if changed == lines[index]:
            continue  # this paragraph keeps its lines at that tracking
        current[index], lines[index] = ORDER[at], changed
        total = sum(lines) + skip
        if count_short(total, inner) <= 1:
            return tuple(current)
        now = math.ceil(total / inner)
        if now > rows or now < rows - 1:
            return None  # past the row it was aiming for
    return None


def count_short(total: int, inner: int) -> int:
    """Lines the last of ``inner`` columns lacks when ``total`` lines fill them one after the other."""
    return math.ceil(total / inner) * inner - total if total else 0


def count_moves(trackings: tuple[int, ...], base: tuple[int, ...]) -> int:
    return sum(a != b for a, b in zip(trackings, base))
