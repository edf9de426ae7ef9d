"""What fills a 版 that still has room, after the planner has tried every variant of its stories:
the issue's 备用稿 (front matter ``print: {filler: true}``) and the paper's 公益广告 posters
(``content/fillers/posters.yml``), in that order; what is still empty is the underfull warning
(:mod:`.messages`). A filler goes in only when the page then still fits, and is never stretched:
a poster prints at one of its widths in columns, its height from its own proportions.

The pool file, beside its pictures::

    - src: wenming.png         # the picture (PNG or JPEG), in content/fillers/
      title: 讲文明 树新风      # what messages call it
      columns: [2, 3]          # the widths it may print at, in columns

A 备用稿 not printed stays on the web (it is an article of its issue like any other); a poster is
print-only.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..content.reading import ReadError, parse_yaml, read_text
from .content import Item, Photo, photo_problem
from .jump import TOLERANCE
from .messages import ROOMY, Message

FOLDER = "fillers"
POOL = "posters.yml"
FIELDS = ("src", "title", "columns")
IMPROVES = 0.005  # a filler must make the 版 at least this much fuller
PHOTO_TOTAL = 0.34  # photos and posters together on a 版, of the type area (the measure's limit is 35%)


def pool_files(content_dir: Path) -> list[Path]:
    """The pool's files (part of every edition's cache key)."""
    folder = content_dir / FOLDER
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []


def load_posters(content_dir: Path, photo_size) -> tuple[tuple[Item, ...], list[Message]]:
    """The pool's posters as printable items, and a warning for each entry that cannot be used
    (naming the file, line and field); ``photo_size(path)`` gives a picture's pixel size."""
    path = content_dir / FOLDER / POOL
    if not path.is_file():
        return (), []
    where = f"{FOLDER}/{POOL}"
    try:
        doc = parse_yaml(read_text(path))
    except ReadError as exc:
        return (), [Message("warning", f"{where}:{exc.line or 1}: {exc.message}")]
    entries = doc.data if isinstance(doc.data, list) else None
    if entries is None:
        return (), [Message("warning", f"{where}:1: 应当是公益广告的列表，每条以“- src: 图片文件名”开头，"
                                       f"下面写 title（名称）和 columns（可印的栏宽，例如 [2, 3]）")]
    posters, problems = [], []
    for index, entry in enumerate(entries):
        poster = _poster(entry, index, content_dir, photo_size, lambda field, text, i=index: problems.append(
            Message("warning", f"{where}:{doc.line(i, field) or doc.line(i) or 1}: {field}: {text}")))
        if poster is not None:
            posters.append(poster)
    return tuple(posters), problems


def _poster(entry, index: int, content_dir: Path, photo_size, problem) -> Item | None:
    if not isinstance(entry, dict):
        problem("src", "每条公益广告应当写成“src: 图片文件名”，再写 title 和 columns")
        return None
    unknown = [key for key in entry if key not in FIELDS]
    if unknown:
        problem(str(unknown[0]), f"不认识的字段，公益广告只有 {'、'.join(FIELDS)}")
    src, title, columns = entry.get("src"), entry.get("title") or "", entry.get("columns")
    if not isinstance(src, str) or not src.strip() or "/" in src or "\\" in src:
        problem("src", f"应当是本文件夹（content/{FOLDER}/）里的图片文件名，例如 src: wenming.png")
        return None
    if isinstance(columns, int) and not isinstance(columns, bool):
        columns = [columns]
    if not isinstance(columns, list) or not columns or not all(isinstance(c, int) and 1 <= c <= 8 for c in columns):
        problem("columns", f"应当是可以印的栏宽（1 到 8 栏），例如 columns: [2, 3]，这里是“{columns}”")
        return None
    rel = f"{FOLDER}/{src}"
    size = photo_size(content_dir / rel)
    trouble = photo_problem(size) if size is not None or (content_dir / rel).exists() else "不存在：请把图片放进 content/fillers/ 文件夹"
    if trouble:
        problem("src", f"公益广告 {src} {trouble}")
        return None
    label = str(title).strip() or src
    return Item(key=rel, kind="poster", weight="normal", photos=(Photo(rel, size[0], size[1]),), jump=False,
                filler=True, spans=tuple(sorted(set(columns))), label=label)


def fill_pages(states, posters: tuple[Item, ...], metrics: dict, plan, label: str, style) -> list[Message]:
    """Fill every 版 more than 5% empty (``states``: jump.PageState, already planned), in three
    rounds: each 版 its own 备用稿; then one poster a 版, the emptiest 版 first; then the 备用稿
    other 版 had no room for. ``metrics``: filler key → ItemMetrics; ``plan(state, items, metrics)``
    plans a page. Returns notes on what was added and on the 备用稿 left for the web."""
    own = [(s.index, item) for s in states for item in s.page.fillers]
    used: set[str] = set()
    added: dict[int, list[str]] = {}
    pages = [s for s in states if s.items]
    for state in pages:
        _fill(state, [i for p, i in own if p == state.index], used, metrics, plan, style, added)
    for state in sorted(pages, key=lambda s: -s.plan.empty_share):
        _fill(state, list(posters), used, metrics, plan, style, added, most=1)
    for state in sorted(pages, key=lambda s: -s.plan.empty_share):
        _fill(state, [i for p, i in own if p != state.index], used, metrics, plan, style, added)
    notes = [Message("info", f"{label}{state.page.label}有空，补上了{'、'.join(added[state.index])}")
             for state in pages if state.index in added]
    for _, item in own:
        if item.key not in used:
            notes.append(Message("info", f"{item.key}: print.filler: {label}的备用稿《{item.title or item.key}》"
                                         f"这期各版都没有空位，印刷版没有印（网站上照常刊登）"))
    return notes


def _fill(state, pool: list[Item], used: set[str], metrics: dict, plan, style, added: dict, most: int = 99) -> None:
    """Add fillers of ``pool`` to the 版 while it is more than 5% empty (at most ``most``)."""
    for _ in range(most):
        if state.plan.empty_share <= ROOMY:
            return
        best = _best_filler(state, pool, used, metrics, plan, style)
        if best is None:
            return
        item, m, result = best
        state.items.append(item)
        state.metrics.append(m)
        state.plan = result
        used.add(item.key)
        added.setdefault(state.index, []).append(
            f"公益广告《{item.label}》" if item.kind == "poster" else f"备用稿《{item.title or item.key}》")


def _best_filler(state, pool: list[Item], used: set[str], metrics: dict, plan, style):
    """The filler of ``pool`` that leaves the 版 least empty and still fits, its photos with the
    others within PHOTO_TOTAL of the type area. Each trial is a whole plan: a filler bigger than
    the blank is not tried."""
    blank = state.plan.empty_share * state.area * style.geometry.type_width
    best = None
    for item in pool:
        if item.key in used or least_area(item, metrics[item.key], style) > blank * 1.5:
            continue
        m = metrics[item.key]
        trial = plan(state, [*state.items, item], [*state.metrics, m])
        if not math.isfinite(trial.cost) or trial.overflow > TOLERANCE:
            continue
        if trial.empty_share > state.plan.empty_share - IMPROVES or photo_share(trial, style) > PHOTO_TOTAL:
            continue
        if best is None or trial.empty_share < best[2].empty_share:
            best = (item, m, trial)
    return best


def least_area(item: Item, m, style) -> float:
    """About the least area (pt²) a filler takes: a poster at its narrowest width, a 备用稿's text
    lines and a headline of two lines."""
    g = style.geometry
    if item.kind == "poster":
        width = g.span_width(min(item.spans))
        return width * width / item.photos[0].aspect
    return (m.body_lines("c", 1) + 4) * style.pitch * g.column


def photo_share(plan, style) -> float:
    """The share of the type area a plan's photos (posters too) cover, as they print."""
    from .shapes import fit

    g = style.geometry
    total = 0.0
    for p in plan.placements:
        shape = p.shape
        if shape.flow:
            total += g.column * shape.flow_photo
        elif shape.photo:
            total += g.span_width(shape.photo_cols) * shape.photo * fit(shape, p.height, style)[1]
        elif shape.photo_cols:  # beside the headline: its natural height is in ``head``
            total += g.span_width(shape.photo_cols) * shape.head
    return total / (g.type_width * (g.bottom - g.top))
