"""One module → :class:`~..structure.Line` records, in the order the segmenter reads a story.

In a module, what each line is follows from its look and place:

- the headline (large or bold) with the lines in another face right above it (引题) and
  right below it (副题), then small print right below those (the byline);
- photos (touching ones are one block) with the small print right under the block (the
  caption; ``左图：… 右图：…`` is cut into one caption per photo);
- everything else is the text (``body``).

A module whose photos stand above its headline, or that has photos and no headline, is a
photo item (图片新闻). A box whose first line is a column label (短消息) holds short items
whose titles are bold lines; a box listing stories of other 版 (``2版 标题``) is page 1's
导读, furniture. Each module starts with a ``module`` Line saying which of these it is.
"""

from __future__ import annotations

import re

from .. import masthead
from ..bylines import parse_byline
from ..structure import Line
from ..units import is_jump_line, jump_of
from .body import join_names, join_text, paragraphs
from .front import is_marker
from .glyphs import open_quotes
from .images import Figure
from .regions import CENTRE, DECK_GAP, DECK_LONGEST, Module, centred_deck, headline_groups, kicker_over
from .visual import Style, VLine

NEAR = 0.8  # × size: lines of one headline, or a headline and its 引题/副题, this close
CAPTION_GAP = 1.5  # × body: a caption starts this close under its photos
PHOTO_GAP = 1.2  # × body: photos this close are one block (a row, a grid)
HEADED_GAP = 2.5  # × body: a photo item's photos start this close under its headline
LABEL_AMONG = 3  # a box's column label is among its first lines
GUIDE_SHARE = 0.6  # of a box's lines that start with “2版” to make it a 导读
_GUIDE_ENTRY = re.compile(r"^(?:第?\s*[0-9一二三四五六七八九十]{1,3}\s*版)(?!\s*[·:：]?\s*$)")
_CREDIT_START = re.compile(r"^([\u3400-\u9fff·]{2,6}\s*摄)(?=$|\s|(?:左图|中图|右图|上图|下图|下左|下右|图\d+)[：:])")
_SHARED_CREDIT = re.compile(r"^(?:文[/／]图|图[/／]文)\s*[\u3400-\u9fff]{2}")
_LABELS = re.compile(r"(左图|中图|右图|上图|下图|下左|下右|图[0-9一二三四五六七八九十]{1,2})[：:]")


class PhotoBlock:
    def __init__(self, figures: list[Figure]):
        self.figures = sorted(figures, key=lambda f: (round(f.top / 4), f.x0))
        self.x0, self.x1 = min(f.x0 for f in figures), max(f.x1 for f in figures)
        self.top, self.bottom = min(f.top for f in figures), max(f.bottom for f in figures)
        self.caption: list[VLine] = []


def read_module(module: Module, style: Style, page: int) -> list[Line]:
    """The Lines of one module (page headers standing in it first, for the text rules)."""
    lines = [e for e in module.elements if isinstance(e, VLine)]
    figures = [e for e in module.elements if isinstance(e, Figure)]
    markers = [Line(page, vl.text) for vl in lines if is_marker(vl, style)]
    lines = [vl for vl in lines if not is_marker(vl, style)]
    return markers + _module_lines(module, lines, figures, style, page)


def _module_lines(module: Module, lines: list[VLine], figures: list[Figure], style: Style, page: int) -> list[Line]:
    if module.box is not None:
        kind = box_kind(lines, style)
        if kind == "guide":
            return [Line(page, vl.text, hint="furniture") for vl in lines]
        if kind == "briefs":
            return _briefs(lines, figures, style, page)
    groups = headline_groups(lines, style)
    if len(groups) <= 1:
        return _story(lines, figures, groups[0] if groups else [], style, page, module.box is not None)
    out: list[Line] = []
    for group, (part_lines, part_figures) in _by_headline(groups, lines, figures):
        out += _story(part_lines, part_figures, group, style, page, module.box is not None)
    return out


def box_kind(lines: list[VLine], style: Style) -> str:
    """``guide`` (a list of stories on other 版), ``briefs`` (a column of 短消息) or ``""``."""
    if not lines:
        return ""
    ordered = sorted(lines, key=lambda v: (v.top, v.x0))
    entries = [vl for vl in ordered if _GUIDE_ENTRY.match(vl.text)]
    others = [vl for vl in ordered[1:] if vl not in entries and not any(  # an entry's next lines are indented
        e.x0 + style.size <= vl.x0 < e.x1 and e.top < vl.top for e in entries)]
    if entries and len(entries) >= GUIDE_SHARE * (len(entries) + len(others)):
        return "guide"
    if _label(ordered) is not None:
        return "briefs"
    return ""


def _label(ordered: list[VLine]) -> VLine | None:
    """The column label (短消息) among a box's first lines (the box's second column may start
    a little higher than a large label)."""
    return next((vl for vl in ordered[:LABEL_AMONG] if masthead.section_label(vl.text) == "brief"), None)


def _briefs(lines: list[VLine], figures: list[Figure], style: Style, page: int) -> list[Line]:
    """A box of 短消息: its label, then each item's bold title and text (a photo in the box
    goes with the item read last)."""
    used: set[int] = set()
    blocks = photo_blocks(figures, lines, style, used)
    ordered = sorted((vl for vl in lines if id(vl) not in used), key=lambda v: (v.top, v.x0))
    label = _label(ordered) or (ordered[0] if ordered else None)
    out = [Line(page, "", hint="module", title="briefs")]
    if label is not None:
        rest = [vl for vl in ordered if vl is not label]
        out += [Line(page, label.text), *paragraphs(rest, style, page, titles=True)]
    return out + [line for block in blocks for line in _figure_lines(block, page)]


def _story(lines: list[VLine], figures: list[Figure], group: list[VLine], style: Style, page: int,
           boxed: bool = False) -> list[Line]:
    used: set[int] = set()
    blocks = photo_blocks(figures, lines, style, used)
    head, bylines = _head(group, lines, style, used)
    body = [vl for vl in lines if id(vl) not in used]
    head_top = min((vl.top for vl in head), default=None)
    photo_item = bool(blocks) and (head_top is None or any(b.bottom <= head_top + 1 for b in blocks)
                                   or is_headed_photos(head, bylines, blocks, body, style))
    kind = "photo" if photo_item else "story" if head else "text" if not blocks else "photo"
    if kind == "text" and boxed:
        kind = "box"  # a framed module is never the rest of the story before it
    out = []
    if (kind == "photo" and head_top is None or kind == "story") and not boxed:
        first = head_top if kind == "story" else min(b.top for b in blocks)  # text above: the story before goes on
        before = [vl for vl in body if vl.bottom <= first + 1]
        if before:
            out = [Line(page, "", hint="module", title="text"), *paragraphs(before, style, page)]
            body = [vl for vl in body if vl.bottom > first + 1]
    out.append(Line(page, "", hint="module", title=kind))
    out += _head_lines(head, style, page)
    if bylines:
        out.append(Line(page, join_names([vl.text for vl in bylines])))
    for block in blocks:
        figures = _figure_lines(block, page)
        if kind == "photo" and not head and not body and figures:
            figures[0].gap = 2  # photos and captions alone: a photo item of its own, not the next story's photo
        out += figures
    out += paragraphs(body, style, page)
    return out


def is_headed_photos(head: list[VLine], bylines: list[VLine], blocks: list[PhotoBlock], body: list[VLine],
                     style: Style) -> bool:
    """A headline (with its 引题, no byline) standing right over the module's first photos, no
    text between: a 图片新闻 set headline first (its credit closes its text, a story's byline
    stands under its headline)."""
    if not head or bylines:
        return False
    bottom = max(vl.bottom for vl in head)
    first = min(blocks, key=lambda b: b.top)
    between = any(vl.top >= bottom - 1 and vl.bottom <= first.top + 1 for vl in body)
    return not between and -1 <= first.top - bottom <= HEADED_GAP * style.size


def photo_blocks(figures: list[Figure], lines: list[VLine], style: Style, used: set[int]) -> list[PhotoBlock]:
    """Touching photos as blocks, top to bottom, each with its caption lines (marked used)."""
    groups: list[list[Figure]] = []
    for fig in sorted(figures, key=lambda f: (f.top, f.x0)):
        near = [g for g in groups if any(_touch(fig, other, PHOTO_GAP * style.size) for other in g)]
        merged = [fig] + [f for g in near for f in g]
        groups = [g for g in groups if g not in near] + [merged]
    blocks = [PhotoBlock(part) for g in groups for part in split_captioned_row(g, lines, style)]
    for block in sorted(blocks, key=lambda b: b.top):
        reach, size = block.bottom, None
        for vl in sorted(lines, key=lambda v: v.top):
            if id(vl) in used or vl.x0 < block.x0 - style.size:
                continue
            if not _caption_look(vl, style) and not (size is None and vl.is_deck(style)):
                continue
            if vl.x1 > block.x1 + style.size or (size is not None and not _same_size(vl, size)):
                continue
            limit = CAPTION_GAP * style.size if size is None else NEAR * vl.size
            if -2 <= vl.top - reach <= limit:
                block.caption.append(vl)
                used.add(id(vl))
                reach, size = vl.bottom, vl.size
        pieces = [vl for vl in lines if id(vl) not in used and _caption_look(vl, style) and block.x0 - style.size <= vl.x0
                  and vl.x1 <= block.x1 + style.size and any(_one_row(vl, c) for c in block.caption)]
        used.update(id(vl) for vl in pieces)  # pieces of a caption's lines (a credit set apart, read as a line of its own)
        block.caption = _rows_in_order(block.caption + pieces)
    return sorted(blocks, key=lambda b: (b.top, b.x0))


def _same_size(vl: VLine, size: float) -> bool:
    """The line goes on in the caption's size (its start does: a credit at its end may be
    read in a byline's size)."""
    first = min(vl.runs, key=lambda r: r.x0)
    return abs(vl.size - size) <= 0.3 or abs(first.size - size) <= 0.3


def _one_row(a: VLine, b: VLine) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) >= 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _rows_in_order(lines: list[VLine]) -> list[VLine]:
    """Lines top to bottom, pieces of one row left to right."""
    rows: list[list[VLine]] = []
    for vl in sorted(lines, key=lambda v: v.top):
        row = next((r for r in rows if _one_row(vl, r[0])), None)
        if row is None:
            rows.append([vl])
        else:
            row.append(vl)
    return [vl for row in rows for vl in sorted(row, key=lambda v: v.x0)]


def split_captioned_row(group: list[Figure], lines: list[VLine], style: Style) -> list[list[Figure]]:
    """Photos of a row each with its own caption right under it (within its width): one
    block each; else the group as one block (one caption under the row)."""
    if len(group) < 2:
        return [group]

    def captioned(fig: Figure) -> bool:
        return any(_caption_look(vl, style) and fig.x0 - style.size <= vl.x0 and vl.x1 <= fig.x1 + style.size
                   and -2 <= vl.top - fig.bottom <= CAPTION_GAP * style.size for vl in lines)
    return [[fig] for fig in group] if all(captioned(fig) for fig in group) else [group]


def _touch(a, b, gap: float) -> bool:
    return a.x0 - gap <= b.x1 and b.x0 - gap <= a.x1 and a.top - gap <= b.bottom and b.top - gap <= a.bottom


def _caption_look(vl: VLine, style: Style) -> bool:
    return vl.is_small(style) or not (vl.is_body(style) or vl.is_headline(style) or vl.is_deck(style)
                                      or vl.is_bold_line(style))


def _head(group: list[VLine], lines: list[VLine], style: Style, used: set[int]) -> tuple[list[VLine], list[VLine]]:
    """The headline lines with the 引题 above and 副题 below (top to bottom), and the byline
    lines under them; all marked used."""
    if not group:
        return [], []
    head = list(group)
    free = sorted((vl for vl in lines if id(vl) not in used and vl not in group), key=lambda v: v.top)
    grown = True
    while grown:
        grown = False
        for vl in free:
            if vl in head or parse_byline(vl.text) is not None:
                continue
            if any((vl.is_deck(style) or centred_deck(vl, h, lines, style)) and (_adjacent(vl, h) or _centred_over(vl, h))
                   or kicker_over(vl, h, style) or _jump_over(vl, h) or _touching_kicker(vl, h, style) for h in head):
                head.append(vl)
                grown = True
    head.sort(key=lambda v: (v.top, v.x0))
    return head, _bylines(head, free, style, used)


TOUCHING = 0.6  # × size: an 引题 set this close over its headline, in whatever face (a module's white is wider)


def _touching_kicker(line: VLine, head: VLine, style: Style) -> bool:
    """``line`` an 引题 set right on top of its headline and within its width: no sentence, no
    byline, smaller than the headline. Its face may be the body's (a scan's sizes cannot
    tell 1.1 × the body from the body); the last line of a story is never this close to
    the next headline."""
    text = line.text.strip()
    if not text or len(text) > DECK_LONGEST or text.endswith(_SENTENCE_END) or parse_byline(text) is not None:
        return False
    return (head.is_headline(style) and line.size < head.size and 0 <= head.top - line.bottom <= TOUCHING * line.size
            and head.x0 - line.size <= line.x0 and line.x1 <= head.x1 + line.size)


_SENTENCE_END = ("。", "！", "？", "；", "，", "、", "：")


def _jump_over(line: VLine, head: VLine) -> bool:
    """``line`` is 上接第1版 right over the headline of a continued story, in whatever face
    the paper sets it (it goes with the headline, never with the text above)."""
    jump = jump_of(line.text)
    return jump is not None and jump[0] == "from" and _adjacent(line, head) and line.bottom <= head.top + 1


def _bylines(head: list[VLine], free: list[VLine], style: Style, used: set[int]) -> list[VLine]:
    """The byline lines right under a headline (and its 副题): small print under it, or a line
    that is only names (本报记者 … set flush right, 文/… flush left), anywhere across the module."""
    bylines: list[VLine] = []
    reach = head[-1].bottom
    x0, x1 = min(v.x0 for v in head), max(v.x1 for v in head)
    left = min(v.x0 for v in free + head)
    for vl in free:
        if vl in head:
            continue
        # names in the body's look count when set apart (flush right, centred): else a body line
        named = parse_byline(vl.text) is not None and (not vl.is_body(style) or vl.x0 >= left + 2 * vl.size) \
            and not any(_beside(vl, other) for other in free)
        if not (vl.is_small(style) and x0 - 1 <= vl.x0 < x1) and not named:
            continue
        if -1 <= vl.top - reach <= (CAPTION_GAP * style.size if not bylines else NEAR * vl.size):
            bylines.append(vl)
            reach = vl.bottom
    used.update(id(vl) for vl in head + bylines)
    return bylines


def _beside(line: VLine, other: VLine) -> bool:
    """``other`` stands on ``line``'s baseline a word space away: both are pieces of one line
    (justified text spaced out at a space)."""
    if other is line or min(line.bottom, other.bottom) - max(line.top, other.top) < 0.5 * line.size:
        return False
    return 0 <= line.x0 - other.x1 <= 2 * line.size or 0 <= other.x0 - line.x1 <= 2 * line.size


def _adjacent(a: VLine, b: VLine) -> bool:
    gap = max(a.top - b.bottom, b.top - a.bottom)
    em = max(a.size, b.size)  # the last line of a 副题 may be a word at the left, under an indented first line
    return gap <= NEAR * em and a.x0 < b.x1 + 2 * em and b.x0 < a.x1 + 2 * em


def _centred_over(deck: VLine, head: VLine) -> bool:
    """An 引题 centred over the headline, a little farther than the lines of one headline."""
    gap = head.top - deck.bottom
    return (0 <= gap <= DECK_GAP * head.size and abs((deck.x0 + deck.x1) / 2 - (head.x0 + head.x1) / 2) <= CENTRE * head.size
            and not deck.text.rstrip().endswith(("。", "！", "？")))


def _head_lines(head: list[VLine], style: Style, page: int) -> list[Line]:
    """Headline lines: one headline broken over lines joined; the largest is level 1."""
    out: list[tuple[VLine, Line]] = []
    for vl in head:
        if is_jump_line(vl.text):  # 上接第1版 printed as the 引题 of a continued story
            out.append((vl, Line(page, vl.text)))
            continue
        if out and out[-1][1].hint == "headline" and _same_look(out[-1][0], vl):
            out[-1][1].text += vl.text
            continue
        out.append((vl, Line(page, vl.text, level=2, hint="headline")))
    heads = [(vl, line) for vl, line in out if line.hint == "headline"]
    for _, line in heads:
        line.text = open_quotes(line.text)
    if heads:
        top = max((vl.main.size, vl.main.bold) for vl, _ in heads)
        for vl, line in heads:
            line.level = 1 if (vl.main.size, vl.main.bold) == top else 2
    return [line for _, line in out]


def _same_look(a: VLine, b: VLine) -> bool:
    return abs(a.main.size - b.main.size) < 0.3 and a.main.bold == b.main.bold and a.main.font == b.main.font


def _figure_lines(block: PhotoBlock, page: int) -> list[Line]:
    text = ""
    for vl in block.caption:
        credit = _CREDIT_START.match(vl.text)  # a credit broken onto the next line lost its space
        broken_name = re.search(r"[\s　][\u3400-\u9fff]{1,2}$", text)  # 徐 | 立新 摄: a name broken in two
        shared = _SHARED_CREDIT.match(vl.text)  # 文/图 杨惠明 陈凯庭 read as a piece of its own after the caption
        if text and (shared or credit and not broken_name and (byline := parse_byline(credit[1])) and byline.photo_credit_only):
            text += " "
        text = join_text(text, vl.text)
    captions = split_caption(text, len(block.figures))
    return [Line(page, caption, hint="figure", picture=fig.picture) for fig, caption in zip(block.figures, captions)]


def split_caption(text: str, count: int) -> list[str]:
    """One caption per photo: ``左图：… 右图：…`` cut at its labels; else all of it for the
    first photo."""
    marks = list(_LABELS.finditer(text))
    if count > 1 and len(marks) == count and marks[0].start() == 0:
        ends = [m.start() for m in marks[1:]] + [len(text)]
        return [text[m.end():end].strip(" 　") for m, end in zip(marks, ends)]
    return [text] + [""] * (count - 1)


def _by_headline(groups: list[list[VLine]], lines: list[VLine], figures: list[Figure]):
    """A region holding several headlines: each element goes with the nearest headline above
    it in its columns (else with the first)."""
    parts = {id(g[0]): ([], []) for g in groups}
    members = {id(vl) for g in groups for vl in g}
    for e in [*lines, *figures]:
        if id(e) in members:
            continue
        above = [g for g in groups if g[0].top <= e.top and g[0].x0 < e.x1 and e.x0 < max(v.x1 for v in g)]
        owner = max(above, key=lambda g: g[0].top) if above else groups[0]
        parts[id(owner[0])][1 if isinstance(e, Figure) else 0].append(e)
    for g in groups:
        g_lines, g_figures = parts[id(g[0])]
        yield g, (g + g_lines, g_figures)
