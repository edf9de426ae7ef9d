"""The text of a module below its headline → paragraphs, in reading order.

The lines are cut into columns (white gutters down the whole area first, then white bands
across), read left to right, each top to bottom. A paragraph starts at an indented line,
after a line that stops short of the column's right edge, or at a list item; any other
line continues the paragraph before it, also from the foot of one column to the top of the
next. A line set wholly in bold at body size is a section heading (or, in a box of
短消息, an item's title); 下转第N版 stands on its own.
"""

from __future__ import annotations

import re

from .. import masthead
from ..bylines import parse_byline
from ..structure import Line
from ..units import is_jump_line
from .visual import Style, VLine

INDENT = 1.0  # em: a line starting this far right of its column starts a paragraph
HANGING = 1.75  # em: a list item's next lines are indented less than this
SHORT = 1.5  # em: a line ending this far left of the column's right edge ends its paragraph
GUTTER = 0.45  # × body: the narrowest gutter between columns
RAGGED_LINES, RAGGED_SHARE = 4, 0.3  # a column with so few lines reaching its right edge is verse
OVERRUN = 1.0  # em: lines of loosely justified text run at most this far past the others
COLUMN = 3.5  # × body: the narrowest column, from one column's left edge to the next
ROW_SHARE = 0.25  # of a line's height two lines side by side share
BAND = 0.9  # × body: white across the columns (text above and below a photo in the text)
_LIST = re.compile(r"^(?:[•·▪●○◆■\-–]\s?|\d{1,2}[.、．]\s?|[(（]\d{1,2}[)）])")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_LAST_WORD = re.compile(r"[\s■（(：:]")
_ROLE = re.compile(r"[(（][^()（）]*(?:■|记者|通讯员|实习生|摄|来源|供稿)[^()（）]*$")
_WORD_END = re.compile(r"[A-Za-z0-9]$")
_WORD_START = re.compile(r"^[A-Za-z0-9]")


def columns(lines: list[VLine], style: Style) -> list[list[VLine]]:
    """``lines`` in reading order, as columns (each top to bottom)."""
    out: list[list[VLine]] = []
    if not lines:
        return out
    lines = split_gutters(lines, style.size)
    _cut(lines, style.size, out, 0)
    return out


def _cut(lines: list[VLine], body: float, out: list, depth: int) -> None:
    if len(lines) <= 1 or depth > 30:
        out.append(order_rows(lines))
        return
    for axis, least in (("x", GUTTER), ("y", BAND)):
        parts = _split(lines, axis, least * body)
        if axis == "x":
            parts = _wide(parts, body)
        if len(parts) > 1:
            for part in parts:
                _cut(part, body, out, depth + 1)
            return
    out.append(order_rows(lines))


def order_rows(lines: list[VLine]) -> list[VLine]:
    """A column's lines top to bottom, two on one row left to right (a ■byline set smaller
    after a paragraph's last line: a scan reads its top higher than the line's)."""
    rows: list[list[VLine]] = []
    for vl in sorted(lines, key=lambda v: (v.top, v.x0)):
        row = rows[-1] if rows else None
        if row and min(vl.bottom, row[0].bottom) - max(vl.top, row[0].top) >= 0.5 * min(vl.bottom - vl.top, row[0].bottom - row[0].top):
            row.append(vl)
        else:
            rows.append([vl])
    return [vl for row in rows for vl in sorted(row, key=lambda v: v.x0)]


def _split(lines: list[VLine], axis: str, least: float) -> list[list[VLine]]:
    if axis == "y":
        spans = sorted(lines, key=lambda v: v.top)
        lo, hi = (lambda v: v.top), (lambda v: v.bottom)
    else:
        spans = sorted(lines, key=lambda v: v.x0)
        lo, hi = (lambda v: v.x0), (lambda v: v.x1)
    groups: list[list[VLine]] = [[]]
    reach = None
    for v in spans:
        if reach is not None and lo(v) - reach >= least:
            groups.append([])
        groups[-1].append(v)
        reach = hi(v) if reach is None else max(reach, hi(v))
    return groups


def split_gutters(lines: list[VLine], body: float) -> list[VLine]:
    """Lines cut at the gutters they cross. Full-width punctuation hung into the gutter from
    both sides (a comma ending one column's line, a quote opening the next's) can join two
    columns' lines; a gutter is white down the text but for a few such lines, with lines
    ending at its left and starting at its right."""
    if len(lines) < 6:
        return lines
    left, right = int(min(v.x0 for v in lines)), int(max(v.x1 for v in lines)) + 1
    cover = [0] * (right - left + 1)
    for v in lines:
        for x in range(int(v.x0) - left, int(v.x1) - left + 1):
            cover[x] += 1
    few = max(1, len(lines) // 12)
    for start, end in _low_runs(cover, few, GUTTER * body):
        g0, g1 = left + start, left + end
        ends = sum(1 for v in lines if g0 - 2 * body <= v.x1 <= g0 + 1)
        starts = sum(1 for v in lines if g1 - 1 <= v.x0 <= g1 + 2.5 * body)
        crossing = [v for v in lines if v.x0 < g0 and v.x1 > g1]
        if crossing and ends >= 3 * len(crossing) and starts >= 3 * len(crossing):
            middle = (g0 + g1) / 2
            lines = [p for v in lines for p in (v.split_at(middle) if v in crossing else (v,)) if p is not None]
    return lines


def _low_runs(cover: list[int], few: int, width: float) -> list[tuple[int, int]]:
    """Stretches at least ``width`` long where at most ``few`` lines cover the x axis."""
    out, start = [], None
    for x, count in enumerate([*cover, few + 1]):
        if count <= few and start is None:
            start = x
        elif count > few and start is not None:
            if x - start >= width:
                out.append((start, x))
            start = None
    return out


def _wide(parts: list[list[VLine]], body: float) -> list[list[VLine]]:
    """Columns side by side: at least ``COLUMN`` body sizes apart (white left of an indented
    first line over a short last line is no gutter) and with lines on the same baselines
    (lines set flush right under short lines, such as the sources of 短消息, are no column)."""
    out = [parts[0]]
    for part in parts[1:]:
        near = min(v.x0 for v in part) - min(v.x0 for v in out[-1]) < COLUMN * body
        if near or not any(_same_row(a, b) for a in out[-1] for b in part):
            out[-1] = out[-1] + part
        else:
            out.append(part)
    return out


def _same_row(a: VLine, b: VLine) -> bool:
    """Side by side (columns whose paragraphs are spaced apart drift off each other's baselines)."""
    return min(a.bottom, b.bottom) - max(a.top, b.top) >= ROW_SHARE * min(a.bottom - a.top, b.bottom - b.top)


def all_bold(vl: VLine, style: Style) -> bool:
    """Every run of the line bold, at about body size."""
    low = 0.9 * style.size
    return all(r.bold for r in vl.runs if r.text.strip("■□◆●▲★☆◇ ")) and vl.size >= low and not vl.is_headline(style)


_TITLE_MARKS = "■□◆●▲★☆◇"


def _marked_title(vl: VLine, title: Line | None, prev: VLine | None, style: Style) -> bool:
    """In a box of 短消息: a line in another face than the body's that starts with the
    items' mark (■), or goes on right under such a title (a scan may not read the title's
    face as bold); a ■ with a name only is an item's byline."""
    if vl.is_body(style) or vl.is_headline(style) or vl.text.rstrip().endswith("。"):
        return False
    if parse_byline(vl.text.strip()) is not None:  # ■谷文君 closing an item is its byline
        return False
    under = title is not None and prev is not None and vl.top - prev.bottom < vl.size
    return vl.text[:1] in _TITLE_MARKS or (under and title.text[:1] in _TITLE_MARKS)


def paragraphs(lines: list[VLine], style: Style, page: int, titles: bool = False) -> list[Line]:
    """The body ``lines`` of one module as Lines: paragraphs (``para``; ``cont`` for one that
    does not start indented, continued from before), section headings (``subhead``), or with
    ``titles`` the titles of 短消息 (``headline``)."""
    out: list[Line] = []
    para: Line | None = None
    bold: Line | None = None
    leaves = columns(lines, style)
    grid = _grid(leaves, style)
    for leaf in leaves:
        left = _left(leaf, grid)
        right = right_edge(leaf)
        prev: VLine | None = None
        for vl in leaf:
            text = vl.text
            if is_jump_line(text):
                out.append(Line(page, text, hint="para"))
                para = bold = None
            elif not vl.is_body(style) and not all_bold(vl, style) and masthead.section_label(text):
                out.append(Line(page, text))  # a column label (短消息) in another face: read by the text rules
                para = bold = None
            elif all_bold(vl, style) or titles and _marked_title(vl, bold, prev, style):
                para = None
                if bold is not None and prev is not None and vl.top - prev.bottom < vl.size:
                    bold.text = join_text(bold.text, text)
                else:
                    bold = Line(page, text, level=1, hint="headline" if titles else "subhead")
                    out.append(bold)
            else:
                bold = None
                if para is None or _starts(vl, prev, para, left, right, style):
                    hint = "cont" if para is None and not out and vl.x0 - left < INDENT * vl.size else "para"
                    para = Line(page, text, hint=hint)
                    out.append(para)
                elif _open_paren(para.text) and _ROLE.search(para.text[-40:]):  # a byline in brackets
                    para.text = join_names([para.text, text])
                else:
                    para.text = join_text(para.text, text)
            prev = vl
    return out


def right_edge(leaf: list[VLine]) -> float:
    """Where the lines of a column end: the longest line, or where most long lines end when a
    few stand out a little (an engine that justifies CJK text loosely lets some lines run
    past the others); infinite for lines of every length (a poem: each line stands alone)."""
    right = max(v.x1 for v in leaf)
    if len(leaf) < RAGGED_LINES or sum(v.x1 >= right - 0.5 * v.size for v in leaf) >= RAGGED_SHARE * len(leaf):
        return right
    ends = sorted((v.x1 for v in leaf), reverse=True)
    usual = ends[int(RAGGED_SHARE * len(leaf))]
    em = leaf[0].size
    if right - usual <= OVERRUN * em and sum(abs(v.x1 - usual) <= 0.5 * em for v in leaf) >= RAGGED_SHARE * len(leaf):
        return usual
    return float("inf")


def _starts(vl: VLine, prev: VLine | None, para: Line, left: float, right: float, style: Style) -> bool:
    """``vl`` starts a new paragraph (rather than continuing ``para``)."""
    em = vl.size
    indent = vl.x0 - left
    if _LIST.match(vl.text) and indent < INDENT * em:
        return True
    if _open_paren(para.text):
        return False  # (来源：…) broken over two lines, the second set flush right
    if indent >= INDENT * em:
        return not (_LIST.match(para.text) and indent < HANGING * em)
    return prev is not None and prev.x1 < right - SHORT * em


def join_text(first: str, second: str) -> str:
    """Two lines of one paragraph as one text (a space only between two Latin words)."""
    joint = " " if _WORD_END.search(first) and _WORD_START.match(second) else ""
    return first + joint + second


def join_names(lines: list[str]) -> str:
    """Lines of a byline as one: two names (文平 | 林超: the space between them fell at the
    break) are kept apart; a name or word broken over two lines (戴 | 鹏涛) is joined."""
    text = lines[0]
    for line in lines[1:]:
        last, first = _LAST_WORD.split(text)[-1], _LAST_WORD.split(line)[0].rstrip("）)")
        names = all(_HAN.fullmatch(w) and 2 <= len(w) <= 4 for w in (last, first)) and len(last) + len(first) >= 4
        text += (" " if names else "") + line
    return text


def _open_paren(text: str) -> bool:
    """A parenthesis opened in ``text`` and not closed yet: a paragraph never ends inside one
    (a byline or source in brackets broken over two lines, the second set flush right)."""
    tail = text[-60:]
    return max(tail.rfind("（"), tail.rfind("(")) > max(tail.rfind("）"), tail.rfind(")"))


def _grid(leaves: list[list[VLine]], style: Style) -> list[float]:
    """Where the module's text columns start: the left edges of the columns of several lines,
    and the same steps on across the module (a column may hold a single indented line)."""
    lefts = sorted({round(min(v.x0 for v in leaf), 1) for leaf in leaves if len(leaf) >= 2})
    if not lefts:
        return []
    right = max(v.x1 for leaf in leaves for v in leaf)
    steps = [b - a for a, b in zip(lefts, lefts[1:]) if b - a >= 4 * style.size]
    if not steps:
        return lefts
    step, grid = min(steps), list(lefts)
    for start in lefts:
        x = start + step
        while x < right:
            grid.append(x)
            x += step
    return sorted(grid)


def _left(leaf: list[VLine], grid: list[float]) -> float:
    """The left edge of the column ``leaf`` stands in."""
    x0 = min(v.x0 for v in leaf)
    if len(leaf) >= 2 or not grid:
        return x0
    return max((g for g in grid if g <= x0 + 1), default=x0)
