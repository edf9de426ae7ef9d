"""What a 美编 rejects at a glance in how a page's modules are built, read from the PDF (the
figures go into pdf_layout.LayoutFigures):

- tall photos: a photo (or poster) taller than a quarter of the type area's height, whatever
  its share of the area;
- captions: a caption (small sans text under a photo) running over 3 columns or more, or wider
  than the photos above it; a photo above its own story's headline (nothing between them but a
  caption or a 引题: no rule, no frame edge, no body text);
- strips: a text set 3 columns wide or more whose columns each hold 1–2 lines (a story's part
  across the page as a ribbon of text);
- posters: an image with no caption (a 公益广告) not standing at the foot of the type area, not
  framed as a module of its own, or put in a story's hole (the text over it goes on beside it).
"""

from __future__ import annotations

from pdf_helpers import Line, column_runs

TALL = 0.25  # of the type area's height
STRIP_COLUMNS = 3
STRIP_LINES = 2


def find_tall(figures, ink, g) -> None:
    """Photos taller than TALL of the type area's height."""
    height = g.bottom - g.top
    for image in ink.images:
        share = (image["bottom"] - image["top"]) / height
        if share > TALL:
            figures.tall.append(f"{share:.0%}")


def is_caption(line: Line, g) -> bool:
    return "Sans" in line.font and "Bold" not in line.font and g.body * 0.7 <= line.size < g.body * 0.95


def caption_under(ink, g, image: dict) -> list[Line]:
    """The caption under ``image``: small sans lines starting within a line under its foot,
    overlapping it, and those following them one under the other."""
    lines = sorted((l for l in ink.lines if is_caption(l, g) and l.x0 < image["x1"] - 1 and l.x1 > image["x0"] + 1
                    and image["bottom"] - 1 <= l.top <= image["bottom"] + g.pitch), key=lambda l: (l.top, l.x0))
    if not lines:
        return []
    block = [lines[0]]
    for line in sorted((l for l in ink.lines if is_caption(l, g)), key=lambda l: l.top):
        last = block[-1]
        if 0 < line.top - last.top <= line.size * 1.8 and abs(line.x0 - block[0].x0) < line.size * 1.5:
            block.append(line)
    return block


def find_captions(figures, ink, g) -> None:
    """Captions too wide (over 3 columns or more, unless each line stays under its own photo;
    or wider than the photos above) and photos above their own story's headline."""
    rows: dict[int, list[dict]] = {}
    for image in ink.images:
        rows.setdefault(round(image["bottom"]), []).append(image)
    for row in rows.values():
        left, right = min(i["x0"] for i in row), max(i["x1"] for i in row)
        lines = {id(l): l for image in row for l in caption_under(ink, g, image)}.values()
        if not lines:
            continue
        extent = max(l.x1 for l in lines) - min(l.x0 for l in lines)
        own = all(any(i["x0"] - 2 <= l.x0 and l.x1 <= i["x1"] + 2 for i in row) for l in lines)
        if (extent > g.span_width(STRIP_COLUMNS - 1) + 1 and not own) or min(l.x0 for l in lines) < left - 2 \
                or max(l.x1 for l in lines) > right + 2:
            figures.captions.append(f"图说太宽（{extent / (g.column + g.gutter):.1f} 栏）：{min(lines, key=lambda l: (l.top, l.x0)).text[:12]}…")
    heads = [l for l in ink.lines if "Sans" in l.font and "Bold" in l.font and l.size >= g.body * 1.3]
    for head in heads:
        above = [i for i in ink.images if i["x0"] < head.x1 - 1 and i["x1"] > head.x0 + 1
                 and 0 <= head.top - i["bottom"] < g.pitch * 6]
        if any(not separated(ink, g, max(i["x0"], head.x0), min(i["x1"], head.x1), i["bottom"], head.top)
               for i in above):
            figures.captions.append(f"照片压在自己的标题上方：{head.text[:10]}")


def separated(ink, g, x0: float, x1: float, y0: float, y1: float) -> bool:
    """Whether a rule, a frame's edge or body text lies between y0 and y1 over x0–x1."""
    if any(rx0 < x1 and rx1 > x0 and y0 <= y <= y1 for rx0, rx1, y in ink.rules):
        return True
    if any(f["x0"] < x1 and f["x1"] > x0 and any(y0 <= y <= y1 for y in (f["top"], f["bottom"])) for f in ink.frames):
        return True
    return any(l.x0 < x1 and l.x1 > x0 and y0 < l.top < y1 and abs(l.size - g.body) < 0.3 and "Serif" in l.font
               for l in ink.lines)


def find_strips(figures, ink, g, body: list[Line]) -> None:
    """Text set STRIP_COLUMNS columns wide or more with at most STRIP_LINES lines a column: runs of
    body lines starting at one height in adjacent columns (no rule between: one module), each of
    1–2 lines."""
    starts: dict[int, list[list[Line]]] = {}
    for run in column_runs(body, g):
        starts.setdefault(round(run[0].top), []).append(run)
    for top, runs in sorted(starts.items()):
        runs = [r for k, rs in starts.items() if abs(k - top) <= 1 for r in rs]
        short = sorted({r[0].column for r in runs if len(r) <= STRIP_LINES})
        group = longest_adjacent(short, lambda c: not any(
            abs(x - g.column_x(c + 1) + g.gutter / 2) < g.gutter / 2 and y0 <= top + 1 and y1 >= top + g.body
            for x, y0, y1 in ink.vrules))
        if len(group) >= STRIP_COLUMNS and not any(top - 1 <= k < top for k in starts):
            text = "".join(l.text for r in sorted(runs, key=lambda r: r[0].column) for l in r if l.column in group)
            figures.strips.append(f"{len(group)} 栏各 ≤ {STRIP_LINES} 行：{text[:12]}…")


def longest_adjacent(columns: list[int], joined=lambda column: True) -> list[int]:
    """The longest run of adjacent columns (``joined(c)``: column c and c + 1 are one module's)."""
    best: list[int] = []
    current: list[int] = []
    for column in columns:
        adjacent = current and column == current[-1] + 1 and joined(current[-1])
        current = [*current, column] if adjacent else [column]
        best = current if len(current) > len(best) else best
    return best


def find_posters(figures, ink, g, body: list[Line]) -> None:
    """Images without a caption (公益广告 posters) not standing at the foot of the type area, or
    put in a story's hole: the text over the poster starts at the same height as the text of an
    adjacent column that goes on beside the poster (one module's columns, the poster in one)."""
    runs = column_runs(body, g)
    for image in ink.images:
        if caption_under(ink, g, image) or any(i is not image and i["x0"] < image["x1"] and i["x1"] > image["x0"]
                                               and 0 <= i["top"] - image["bottom"] < g.pitch for i in ink.images):
            continue  # a photo with its caption, or over another photo (a grid's caption is under its last row)
        if image["bottom"] < ink.bottom - g.pitch * 1.5:
            figures.posters.append(f"公益广告不在版底（下面还空 {(ink.bottom - image['bottom']) / g.pitch:.0f} 行）")
            continue
        if not any(f["x0"] - 1 <= image["x0"] and image["x1"] <= f["x1"] + 1 and f["top"] - 1 <= image["top"]
                   and image["bottom"] <= f["bottom"] + 1 and f["x1"] - f["x0"] < image["x1"] - image["x0"] + g.gutter * 2
                   for f in ink.frames):
            figures.posters.append("公益广告没有边框（像是塞进空档的图）")
        over = [r for r in runs if image["x0"] - 1 <= r[0].x0 < image["x1"] and r[-1].top < image["top"]
                and image["top"] - r[-1].top < g.pitch * 4]
        beside = [r for r in runs if r[0].x1 <= image["x0"] + 1 or r[0].x0 >= image["x1"] - 1]
        for o in over:
            if any(abs(b[0].top - o[0].top) < 1 and b[-1].top > image["top"] + g.pitch for b in beside):
                figures.posters.append(f"公益广告塞在稿子的空档里：{o[0].text[:10]}…")
                break
