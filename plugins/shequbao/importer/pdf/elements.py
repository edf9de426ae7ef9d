"""What a page draws besides text and photos: rules and boxes, and the page's head and
foot found from them.

- a rule is a drawn line (or a rectangle thinner than ``THIN``) at least ``RULE_MIN`` body
  sizes long; pieces on one line with small breaks are one rule;
- a box is a framed (or tinted) rectangle with text inside: a module of its own (a
  notice, the 短消息, page 1's 导读);
- the page head is what stands above the lowest full-width rule near the top that has no
  body text above it (报头, 版头, running head); the foot is what stands below the highest
  full-width rule near the bottom with only small print below it (page foot, 报尾).
"""

from __future__ import annotations

from dataclasses import dataclass, field

THIN = 2.0  # pt: a rectangle thinner than this is a rule
RULE_MIN = 3.0  # × body: shorter lines are ornaments
RULE_JOIN = 2.5  # × body: pieces of one rule may be this far apart (a rule broken at a gutter)
FULL = 0.9  # share of the text's width a rule spans to bound the page head or foot
HEAD_SHARE = 0.3  # the page head stands in the top part of the page
FOOT_SHARE = 0.16  # the foot in the bottom part
BOX_MIN = 2.0  # × body: a box is at least this tall and wide
HEAD_LINES = 16  # a page head (even page 1's 报头) has fewer lines
FOOT_LINES = 6
HEAD_ROWS = 2  # rows of text between two rules of the page head
BAND = 4.0  # pt: nested rectangles of one even-odd fill this close paint the bands between them
FRAMED_LINES = 4  # a frame around this many headline lines at most is a boxed headline


@dataclass(slots=True)
class Rule:
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.bottom - self.top


@dataclass(eq=False)
class Box:
    """A framed rectangle and what stands inside it."""

    x0: float
    x1: float
    top: float
    bottom: float
    inner: list = field(default_factory=list)


def page_rules(page, body: float) -> list[Rule]:
    """The rules of a pdfplumber ``page``, pieces on one line joined."""
    raw = []
    for obj in [*page.lines, *painted_rects(page)]:
        x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
        if min(x1 - x0, bottom - top) <= THIN and max(x1 - x0, bottom - top) >= RULE_MIN * body:
            raw.append(Rule(x0, x1, top, bottom))
    return _joined([r for r in raw if r.horizontal], True, body) + _joined([r for r in raw if not r.horizontal], False, body)


def _joined(rules: list[Rule], horizontal: bool, body: float) -> list[Rule]:
    def key(r):
        return (round((r.top + r.bottom) / 2), r.x0) if horizontal else (round((r.x0 + r.x1) / 2), r.top)

    out: list[Rule] = []
    for rule in sorted(rules, key=key):
        last = out[-1] if out else None
        if last is not None and abs(key(last)[0] - key(rule)[0]) <= 1:
            start, end = (rule.x0, last.x1) if horizontal else (rule.top, last.bottom)
            if start - end <= RULE_JOIN * body:
                last.x1, last.bottom = max(last.x1, rule.x1), max(last.bottom, rule.bottom)
                last.x0, last.top = min(last.x0, rule.x0), min(last.top, rule.top)
                continue
        out.append(Rule(rule.x0, rule.x1, rule.top, rule.bottom))
    return out


def page_boxes(page, body: float) -> list[Box]:
    """Framed or tinted rectangles big enough to hold text (the outermost of nested ones)."""
    found = []
    for rect in painted_rects(page):
        w, h = rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]
        if w < BOX_MIN * body or h < BOX_MIN * body or not (rect.get("stroke") or h >= 4 * body):
            continue
        if not (rect.get("stroke") or rect.get("fill")):
            continue
        if w >= 0.95 * float(page.width) and h >= 0.95 * float(page.height):
            continue  # the page's background
        found.append(Box(rect["x0"], rect["x1"], rect["top"], rect["bottom"]))
    found.sort(key=lambda b: -(b.x1 - b.x0) * (b.bottom - b.top))
    boxes: list[Box] = []
    for box in found:
        if not any(_inside(box, outer, 1.0) for outer in boxes):
            boxes.append(box)
    return boxes


def painted_rects(page) -> list[dict]:
    """``page.rects`` with even-odd fills of nested rectangles (one path: how WeasyPrint and
    others paint borders) resolved into what they paint: the thin band of each side where the
    rectangles differ (a frame's four sides are one outline: a box)."""
    cache = getattr(page, "_sqb_painted", None)
    if cache is not None:
        return cache
    out: list[dict] = []
    group: list[dict] = []
    for rect in [*page.rects, None]:
        if rect is not None and group and _same_path(group[0], rect):
            group.append(rect)
            continue
        out += _resolved(group)
        group = [rect] if rect is not None and rect.get("evenodd") and rect.get("fill") else []
        if rect is not None and not group:
            out.append(rect)
    page._sqb_painted = out
    return out


def _same_path(first: dict, rect: dict) -> bool:
    if not (rect.get("evenodd") and rect.get("fill")) or rect.get("non_stroking_color") != first.get("non_stroking_color"):
        return False
    sides = (rect["x0"] - first["x0"], first["x1"] - rect["x1"], rect["top"] - first["top"], first["bottom"] - rect["bottom"])
    return all(abs(d) <= BAND for d in sides)


def _resolved(group: list[dict]) -> list[dict]:
    if len(group) < 2:
        return group
    x0s, x1s = [r["x0"] for r in group], [r["x1"] for r in group]
    tops, bottoms = [r["top"] for r in group], [r["bottom"] for r in group]
    outer = {**group[0], "x0": min(x0s), "x1": max(x1s), "top": min(tops), "bottom": max(bottoms), "evenodd": False}
    bands = {"left": max(x0s) - min(x0s), "right": max(x1s) - min(x1s), "top": max(tops) - min(tops),
             "bottom": max(bottoms) - min(bottoms)}
    if all(width > 0.05 for width in bands.values()):
        return [{**outer, "stroke": True, "fill": False}]
    out = []
    for side, width in bands.items():
        if width <= 0.05:
            continue
        band = dict(outer)
        if side in ("left", "right"):
            band["x0"], band["x1"] = (outer["x0"], outer["x0"] + width) if side == "left" else (outer["x1"] - width, outer["x1"])
        else:
            band["top"], band["bottom"] = (outer["top"], outer["top"] + width) if side == "top" else (outer["bottom"] - width, outer["bottom"])
        out.append(band)
    return out


def _inside(e, box, slack: float) -> bool:
    return e.x0 >= box.x0 - slack and e.x1 <= box.x1 + slack and e.top >= box.top - slack and e.bottom <= box.bottom + slack


def fill_boxes(boxes: list[Box], elements: list) -> list:
    """Put each element standing inside a box into it; the elements left, with the boxes that
    hold something, in their place."""
    rest = []
    for e in elements:
        box = next((b for b in boxes if _inside(e, b, 1.0)), None)
        if box is None:
            rest.append(e)
        else:
            box.inner.append(e)
    return rest + [b for b in boxes if b.inner]


def headline_frames(rules: list[Rule], boxes: list[Box], lines: list, style) -> tuple[list[Rule], list[Box]]:
    """The rules and boxes without those that only frame a headline (a boxed headline is
    part of its story, not a module of its own, and its rules part no modules)."""
    def framed(x0: float, x1: float, top: float, bottom: float) -> bool:
        inside = [v for v in lines if v.x0 >= x0 - 1 and v.x1 <= x1 + 1 and v.top >= top - 1 and v.bottom <= bottom + 1]
        return 0 < len(inside) <= FRAMED_LINES and any(v.is_headline(style) for v in inside) and all(
            v.is_headline(style) or v.is_deck(style) for v in inside)

    boxes = [b for b in boxes if not framed(b.x0, b.x1, b.top, b.bottom)]
    flat = sorted((r for r in rules if r.horizontal), key=lambda r: r.top)
    drop: set[int] = set()
    for i, above in enumerate(flat):
        for below in flat[i + 1:]:
            if below.top - above.bottom > FRAMED_LINES * 3 * style.size:
                break
            same = abs(above.x0 - below.x0) <= 2 and abs(above.x1 - below.x1) <= 2
            if same and below.top > above.bottom + 1 and framed(above.x0, above.x1, above.bottom, below.top):
                drop |= {id(above), id(below)}
                drop |= {id(r) for r in rules if not r.horizontal and r.top >= above.top - 2 and r.bottom <= below.bottom + 2
                         and min(abs(r.x0 - above.x0), abs(r.x1 - above.x1)) <= 2}
    return [r for r in rules if id(r) not in drop], boxes


def zones(lines: list, figures: list, rules: list[Rule], height: float, style=None) -> tuple[float, float]:
    """(head, foot): the page head is above y ``head``, the foot below y ``foot``
    (0 and the page height when the page has no such rules). With ``style`` known, no body
    text may stand in either."""
    if not lines:
        return 0.0, height
    left, right = min(v.x0 for v in lines), max(v.x1 for v in lines)
    full = [r for r in rules if r.horizontal and r.x1 - r.x0 >= FULL * (right - left)]
    return _head(lines, full, height, style), _foot(lines, figures, full, height, style)


def _head(lines: list, full: list[Rule], height: float, style) -> float:
    """Below the first full-width rule near the top, or the next one when only a row or two of
    text stands between them (page 1's line of 第1版 and 责任编辑 under the 报头)."""
    head = 0.0
    for rule in sorted((r for r in full if r.bottom <= HEAD_SHARE * height), key=lambda r: r.top):
        above = [v for v in lines if v.bottom <= rule.top]
        between = [v for v in above if v.top >= head]
        rows = {round(v.bottom / 4) for v in between}
        if head and len(rows) > HEAD_ROWS:
            break
        if len(above) > HEAD_LINES or column_of_text(above) or (style and any(v.is_body(style) for v in above)):
            break
        head = rule.bottom
    return head


def _foot(lines: list, figures: list, full: list[Rule], height: float, style) -> float:
    """Above the highest full-width rule near the bottom with only a few lines of small print
    below it (the page foot, the 报尾)."""
    sizes = sorted(v.size for v in lines)
    usual = sizes[len(sizes) // 2]  # the page's usual type size (its body, unless it has little)
    for rule in sorted((r for r in full if r.top >= (1 - FOOT_SHARE) * height), key=lambda r: r.top):
        below = [v for v in lines if v.top >= rule.bottom]
        small = all(v.size < usual and not (style and v.is_body(style)) for v in below)
        clear = not any(f.bottom > rule.bottom + 1 for f in figures)  # no photo reaches below it
        if small and clear and len(below) <= FOOT_LINES and not column_of_text(below):
            return rule.top
    return height


def column_of_text(lines: list) -> bool:
    """Three lines or more of one style one under the other, flush left and right: justified
    text (a page head has none: its lines are set ragged, centred or flush right)."""
    by_style: dict = {}
    for v in lines:
        by_style.setdefault((v.main.font, v.main.size), []).append(v)
    for same in by_style.values():
        same.sort(key=lambda v: v.top)
        run = 1
        for a, b in zip(same, same[1:]):
            flush = 0 <= b.top - a.bottom <= a.size and abs(a.x1 - b.x1) <= 1.5 and abs(a.x0 - b.x0) <= 1.0
            run = run + 1 if flush else 1
            if run >= 3:
                return True
    return False
