"""The rows of a photo grid (a 活动掠影 of many photos): the planner sizes them and compose
draws them from this one rule, so the measured height is the drawn one."""

from __future__ import annotations

import math

LEAST = 0.6  # no photo of a grid narrower than this share of a column


def grid_rows(photos: tuple, width: float, gap: float, least: float) -> list[tuple]:
    """``photos`` in rows ``width`` wide (``gap`` between photos): the first across and the
    others in one row below when each of them is at least ``least`` wide; else every photo in
    rows as even as can be, as many to a row as keep each photo ``least`` wide."""
    photos = tuple(photos)
    if len(photos) <= 1:
        return [photos]
    hero = [photos[:1], photos[1:]]
    if _wide_enough(hero[1], width, gap, least):
        return hero
    for per_row in range(len(photos), 0, -1):
        count = math.ceil(len(photos) / per_row)
        rows = _even(photos, count)
        if all(_wide_enough(row, width, gap, least) for row in rows):
            return rows
    return [photos[i:i + 1] for i in range(len(photos))]


def row_captions(photos: tuple, width: float, gap: float, size: float) -> list[tuple[float, str, int]]:
    """Each photo's own caption under it, for photos in one row ``width`` wide: (its left offset,
    text and credit, lines). Lines are counted as full-width characters, one less than a line
    holds (避头尾 may push one on), so never fewer than Typst sets."""
    room = width - (len(photos) - 1) * gap
    total = sum(p.aspect for p in photos)
    out, left = [], 0.0
    for p in photos:
        w = room * p.aspect / total
        text = " ".join(part for part in (p.caption, p.credit) if part)
        per_line = max(1, int(w / size) - 1)
        out.append((left, text, -(-len(text) // per_line) if text else 0))
        left += w + gap
    return out


def _even(photos: tuple, count: int) -> list[tuple]:
    """``photos`` in ``count`` rows whose lengths differ by at most one (longer rows first)."""
    size, extra = divmod(len(photos), count)
    rows, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        rows.append(photos[start:end])
        start = end
    return rows


def _wide_enough(row: tuple, width: float, gap: float, least: float) -> bool:
    room = width - (len(row) - 1) * gap
    total = sum(p.aspect for p in row)
    return room > 0 and min(room * p.aspect / total for p in row) >= least
