"""A page's type area → modules (the rectangles stories are set in), in reading order.

Newspaper modules are rectangles, stacked and side by side. The area is cut recursively
(an XY-cut), each time at what separates modules most surely:

1. a rule in a white band that spans the whole region (papers draw a hairline between
   modules);
2. a white band across the region wider than ``BIG`` body sizes (the space between
   stacked modules is wider than any space inside one);
3. once a region holds at most one headline (or one box), it is one module;
4. otherwise a white gutter down the whole region (modules side by side);
5. otherwise a white band just above a headline.

Elements are visual lines, figures and boxes (a box is one element: a module of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..bylines import parse_byline
from .elements import Box, Rule
from .visual import BODY_SIZE, Style, VLine

BIG = 1.45  # × body: white between stacked modules
GUTTER = 0.45  # × body: the narrowest gutter (a line never crosses a wider gap, see visual.JOIN)
SMALL = 0.5  # × body: white above a headline
RULE_SPAN = 0.9  # share of the region a separating rule spans
MAX_DEPTH = 40
CENTRE = 2.0  # × headline size: an 引题 and its headline are centred this alike (quotes hang, lines differ)
DECK_GAP = 2.5  # × headline size: an 引题 centred over its headline at most this far above it
DECK_LONGEST = 40  # characters: an 引题 or 副题 line is no longer
SIDE_WHITE = 0.5  # em: white on either side of a centred line within its column (a full line has none on its left)
NEAR_LINES = 0.8  # × size: white between two lines of one 引题
TAIL_LINES = 3  # a column ending in a headline has at most this many lines under it (its 副题)
FLOW_SAME = 1.15  # the widest of flowing columns is at most this much wider than the narrowest


@dataclass(eq=False)
class Module:
    elements: list
    box: Box | None = None


@dataclass(slots=True)
class _Band:
    start: float
    end: float
    index: int  # the first element after the band, in the sorted order

    @property
    def width(self) -> float:
        return self.end - self.start


def find_modules(elements: list, rules: list[Rule], style: Style) -> list[Module]:
    out: list[Module] = []
    _cut(elements, rules, style, out, 0)
    return out


def _cut(elements: list, rules: list[Rule], style: Style, out: list[Module], depth: int) -> None:
    if not elements:
        return
    if len(elements) == 1 and isinstance(elements[0], Box):
        out.append(Module(list(elements[0].inner), box=elements[0]))
        return
    parts = _parts(elements, rules, style) if depth < MAX_DEPTH else None
    if parts is not None:
        parts = join_photo_text(parts, style)
        parts = None if len(parts) == 1 else parts
    if parts is None:  # one module, and any box that could not be cut off stands on its own
        rest = sorted((e for e in elements if not isinstance(e, Box)), key=lambda e: (e.top, e.x0))
        modules = [Module(rest)] if rest else []
        modules += [Module(list(e.inner), box=e) for e in elements if isinstance(e, Box)]
        out.extend(sorted(modules, key=lambda m: min(e.top for e in m.elements)))
        return
    for part in parts:
        _cut(part, rules, style, out, depth + 1)


def join_photo_text(parts: list[list], style: Style) -> list[list]:
    """A part that is a headline over photos with their captions and no text, and the part
    right under it with no headline: one photo item (its text set a band below its photos)."""
    out: list[list] = []
    for part in parts:
        if out and _photos_only(out[-1], style) and min(e.top for e in part) >= max(e.bottom for e in out[-1]) - 1 \
                and not any(isinstance(e, Box) for e in part) \
                and not headline_groups([e for e in part if isinstance(e, VLine)], style):
            out[-1] = out[-1] + part
        else:
            out.append(part)
    return out


def _photos_only(part: list, style: Style) -> bool:
    figures = [e for e in part if not isinstance(e, (VLine, Box))]
    lines = [e for e in part if isinstance(e, VLine)]
    if not figures or any(isinstance(e, Box) for e in part):
        return False
    groups = headline_groups(lines, style)
    if len(groups) != 1:
        return False
    head = {id(vl) for vl in groups[0]}
    lowest = max(f.bottom for f in figures)
    return all(id(vl) in head or (vl.top >= lowest - 1 and vl.is_small(style)) or vl.bottom <= groups[0][0].top + 1
               for vl in lines)


def _parts(elements: list, rules: list[Rule], style: Style) -> list[list] | None:
    body = style.size
    ys, y_bands = _bands(elements, "y")
    xs, x_bands = _bands(elements, "x")
    ruled_y = [b for b in y_bands if _ruled(b, rules, elements, "y")]
    ruled_x = [b for b in x_bands if _ruled(b, rules, elements, "x")]
    if ruled_x:
        return _split(xs, ruled_x)
    if ruled_y:
        return _split(ys, ruled_y)
    flow = _flowing_columns(xs, [b for b in x_bands if b.width >= GUTTER * body], style)
    if flow:
        return _split(xs, flow)
    big = [b for b in y_bands if b.width >= BIG * body and not _deck_over(ys, b, style)]
    if big:
        return _split(ys, big)
    heads = headline_groups([e for e in elements if isinstance(e, VLine)], style)
    boxes = sum(isinstance(e, Box) for e in elements)
    gutters = _between_units([b for b in x_bands if b.width >= GUTTER * body], xs, heads, style)
    if gutters:  # (with one headline: a photo item beside its story)
        return _split(xs, gutters)
    if len(heads) + boxes <= 1 and not (boxes and len(elements) > 1):
        return None
    tops = {id(group[0]) for group in heads}
    above = [_over_deck(b, y_bands, ys, style) for b in y_bands if b.width >= SMALL * body and id(ys[b.index]) in tops]
    above = [b for b in above if b is not None]
    return _split(ys, above) if above else None


def _deck_over(ys: list, band: _Band, style: Style) -> bool:
    """The white ``band`` parts a headline from the 引题 centred over it (a Word document's
    spacing): no module ends there."""
    above, below = ys[band.index - 1], ys[band.index]
    if not (isinstance(above, VLine) and isinstance(below, VLine) and below.is_headline(style)):
        return False
    centred = abs((above.x0 + above.x1) / 2 - (below.x0 + below.x1) / 2) <= CENTRE * below.size
    deck = (above.is_deck(style) and centred) or centred_deck(above, below, ys, style) or kicker_over(above, below, style)
    return deck and not _under_text(above, ys, style) and band.width <= DECK_GAP * below.size and not above.text.rstrip().endswith(("。", "！", "？"))


def _under_text(line: VLine, elements: list, style: Style) -> bool:
    """``line`` a 小标题 going on a column of text: bold at body size, flush with the body
    line right over it (closer than the white between modules). It starts no module."""
    return line.is_bold_line(style) and any(
        isinstance(e, VLine) and e.is_body(style) and abs(e.x0 - line.x0) <= 0.5 * style.size
        and 0 <= line.top - e.bottom <= style.size for e in elements)


def kicker_over(line: VLine, head: VLine, style: Style) -> bool:
    """``line`` an 引题 right over its headline and within its width (flush left, indented or
    centred): bold or in another face, smaller than the headline, short, no sentence, no byline."""
    text = line.text.strip()
    if line.is_body(style) or line.is_headline(style) or line.size >= head.size or line.size < BODY_SIZE[0] * style.size:
        return False
    if not text or len(text) > DECK_LONGEST or text.endswith(("。", "！", "？", "；")) or parse_byline(text):
        return False
    within = head.x0 - line.size <= line.x0 and line.x1 <= head.x1 + line.size
    return within and 0 <= head.top - line.bottom <= DECK_GAP * line.size


def centred_deck(line: VLine, head: VLine, elements: list, style: Style) -> bool:
    """``line`` set like the body but centred on the headline ``head``, with white on both
    sides within its column: an 引题 or 副题 in the body's face (a Word document's, set a
    little larger or not at all), never a byline."""
    text = line.text.strip()
    if line.main.bold or line.is_headline(style) or line.size < BODY_SIZE[0] * style.size:
        return False
    if not text or len(text) > DECK_LONGEST or text.endswith(("。", "！", "？", "；")) or text.startswith("本报讯") \
            or parse_byline(text):
        return False
    em = line.size
    if abs((line.x0 + line.x1) / 2 - (head.x0 + head.x1) / 2) > 1.5 * em:
        return False
    column = [e for e in elements if isinstance(e, VLine) and e is not line and e is not head and e.is_body(style)
              and e.x0 < line.x1 and line.x0 < e.x1]
    white = SIDE_WHITE * em if column else 0.0  # no text beside it: within the headline's width
    column = column or [head]
    left, right = line.x0 - min(e.x0 for e in column), max(e.x1 for e in column) - line.x1
    return left >= white and right >= white and abs(left - right) <= 0.5 * em


def _over_deck(band: _Band, bands: list[_Band], ys: list, style: Style) -> _Band | None:
    """The band above a headline, or above its 引题 when one is centred over it (all the lines
    of an 引题 broken over two or three)."""
    if not _deck_over(ys, band, style):
        return band
    above = next((b for b in bands if b.index == band.index - 1), None)
    while above is not None and above.index >= 1:
        upper, lower = ys[above.index - 1], ys[above.index]
        if not (isinstance(upper, VLine) and isinstance(lower, VLine) and upper.is_deck(style) and lower.is_deck(style)
                and above.width <= NEAR_LINES * lower.size and upper.x0 < lower.x1 and lower.x0 < upper.x1):
            break
        above = next((b for b in bands if b.index == above.index - 1), None)  # the 引题 goes on above
    return above


def _flowing_columns(xs: list, gutters: list[_Band], style: Style) -> list[_Band]:
    """The gutters of text flowing from column to column (a newsletter's columns, Word's or
    reportlab's frames): columns of one width, side by side down the whole region, a later
    one starting with body text (the story begun in the column before goes on; a module's
    headline spans all its columns). Read column by column."""
    if not gutters:
        return []
    parts = _split(xs, gutters)
    widths = [max(e.x1 for e in p) - min(e.x0 for e in p) for p in parts]
    if len(parts) < 2 or max(widths) > FLOW_SAME * min(widths):
        return []
    for before, part in zip(parts, parts[1:]):
        first = min(part, key=lambda e: (e.top, e.x0))
        if isinstance(first, VLine) and first.is_body(style):
            return gutters  # body text at the column's top: the story of the column before goes on
        if _ends_in_headline(before, style):
            return gutters  # a column ends in a headline: its story begins in the next column
    return []


def _ends_in_headline(part: list, style: Style) -> bool:
    """The column ``part`` ends in a headline (with at most a few lines of its 副题 under it)."""
    heads = [e for e in part if isinstance(e, VLine) and e.is_headline(style)]
    if not heads:
        return False
    last = max(heads, key=lambda e: e.bottom)
    under = [e for e in part if e.top >= last.bottom - 1]
    return len(under) <= TAIL_LINES and all(
        isinstance(e, VLine) and (e.is_deck(style) or centred_deck(e, last, part, style)) for e in under)


def _photo_item(part: list, style: Style) -> bool:
    """Photos with only small print (their caption and credit) and no headline: a photo item
    standing beside a story, a module of its own."""
    lines = [e for e in part if isinstance(e, VLine)]
    figures = [e for e in part if not isinstance(e, (VLine, Box))]
    return bool(figures) and bool(lines) and all(v.is_small(style) and not v.is_headline(style) for v in lines)


def _between_units(gutters: list[_Band], xs: list, heads: list[list[VLine]], style: Style) -> list[_Band]:
    """The gutters between whole modules: each part holds a headline (or is a box), and what
    follows holds one too. A module has gutters of its own (a photo beside its headline, a
    short headline over its first column only) between parts without a headline."""
    tops = {id(group[0]) for group in heads}

    def whole(part: list) -> bool:
        return any(id(e) in tops for e in part) or (bool(part) and all(isinstance(e, Box) for e in part)) \
            or _photo_item(part, style)

    kept, start = [], 0
    for band in gutters:
        rest = xs[band.index:]
        if whole(xs[start:band.index]) and (any(id(e) in tops or isinstance(e, Box) for e in rest) or _photo_item(rest, style)):
            kept.append(band)
            start = band.index
    if kept and not whole(xs[start:]):
        kept.pop()  # the last part is no module of its own: it stays with the one before
    return kept


def _bands(elements: list, axis: str) -> tuple[list, list[_Band]]:
    """``elements`` sorted along ``axis``, and the white bands between them."""
    if axis == "y":
        items = sorted(elements, key=lambda e: (e.top, e.x0))
        lo, hi = (lambda e: e.top), (lambda e: e.bottom)
    else:
        items = sorted(elements, key=lambda e: (e.x0, e.top))
        lo, hi = (lambda e: e.x0), (lambda e: e.x1)
    bands = []
    reach = hi(items[0])
    for index in range(1, len(items)):
        e = items[index]
        if lo(e) > reach:
            bands.append(_Band(reach, lo(e), index))
        reach = max(reach, hi(e))
    return items, bands


def _split(items: list, bands: list[_Band]) -> list[list]:
    cuts = [0, *(b.index for b in bands), len(items)]
    return [items[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def _ruled(band: _Band, rules: list[Rule], elements: list, axis: str) -> bool:
    """A rule lies in the white ``band`` and spans the region across it."""
    if axis == "y":
        lo, hi = min(e.x0 for e in elements), max(e.x1 for e in elements)
    else:
        lo, hi = min(e.top for e in elements), max(e.bottom for e in elements)
    for rule in rules:
        if rule.horizontal != (axis == "y"):
            continue
        at = (rule.top + rule.bottom) / 2 if axis == "y" else (rule.x0 + rule.x1) / 2
        start, end = (rule.x0, rule.x1) if axis == "y" else (rule.top, rule.bottom)
        if band.start - 1 <= at <= band.end + 1 and min(end, hi) - max(start, lo) >= RULE_SPAN * (hi - lo):
            return True
    return False


def headline_groups(lines: list[VLine], style: Style) -> list[list[VLine]]:
    """The headlines among ``lines``: headline lines one under the other (a title broken
    over lines) are one group. Each group top to bottom."""
    heads = sorted((v for v in lines if v.is_headline(style)), key=lambda v: (v.top, v.x0))
    groups: list[list[VLine]] = []
    for line in heads:
        for group in groups:
            last = group[-1]
            near = line.top - last.bottom <= 0.6 * max(line.size, last.size)
            if near and line.x0 < last.x1 and last.x0 < line.x1:
                group.append(line)
                break
        else:
            groups.append([line])
    return groups


