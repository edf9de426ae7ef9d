"""One page's visual lines, in reading order → :class:`~..structure.Line` records.

- headline lines (large or bold sans) of one headline joined; within a group of headline
  lines the largest is level 1 (the title), the others level 2 (引题, 副题);
- body lines joined into paragraphs: an indented line starts one, any other continues the
  paragraph it was cut from, across columns, photos and pages;
- a short bold line inside the body of a story is a section heading of that story;
- the lines under a photo are its caption; a bold start is the title of a photo item;
- the masthead of page 1 and the name block of each page are furniture;
- everything else (bylines, page headers, jump lines) goes on as text for the text rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import masthead
from ..reflow import squeeze
from ..structure import Line
from .images import Figure
from .visual import Style, VLine

INDENT = 1.0  # em: a line starting this far right of its column starts a paragraph
CAPTION_GAP = 2.5  # × body size: caption lines start this close under their photo
_WORD_END = re.compile(r"[A-Za-z0-9]$")
_WORD_START = re.compile(r"^[A-Za-z0-9]")


@dataclass
class PageState:
    """What one page has told so far, and the document-wide state carried across pages."""

    number: int
    style: Style
    names: set[str] = field(default_factory=set)  # the paper's and the pages' names: furniture
    para: Line | None = None  # the paragraph still open (continues across pages)
    heads: list[tuple[VLine, Line]] = field(default_factory=list)  # the current headline group
    last: object = None  # the visual line emitted last


def compose(leaves: list[list], state: PageState, furniture: set[int], out: list[Line]) -> None:
    """Append the Lines of one page (``leaves`` of visual lines and figures) to ``out``."""
    captions = _captions(leaves, state.style)
    for leaf in leaves:
        lefts = [e.x0 for e in leaf if isinstance(e, VLine) and e.is_body(state.style)]
        left = min(lefts) if len(lefts) >= 2 else None
        for element in leaf:
            if id(element) in furniture:
                out.append(Line(state.number, element.text, hint="furniture"))
            elif isinstance(element, Figure):
                _figure(element, captions.get(id(element), []), state, out)
            elif id(element) in captions["used"]:
                continue
            else:
                _line(element, left, state, out)
            if not isinstance(element, Figure) and id(element) not in captions["used"]:
                state.last = element


def _line(vl: VLine, left: float | None, state: PageState, out: list[Line]) -> None:
    text, style = vl.text, state.style
    if not vl.is_body(style) and _is_marker(text):
        out.append(Line(state.number, text))
        return
    if squeeze(text) in state.names and not vl.is_body(style):
        out.append(Line(state.number, text, hint="furniture"))
        return
    if vl.is_headline(style) and not _in_body(vl, state):
        _headline(vl, state, out)
        return
    state.heads = []
    if vl.is_headline(style):  # a short bold line inside a story: its section heading
        state.para = None
        out.append(Line(state.number, text, hint="subhead"))
    elif vl.is_body(style):
        _body(vl, left, state, out)
    else:
        state.para = None
        out.append(Line(state.number, text))


def _is_marker(text: str) -> bool:
    if len(text) > 60:
        return False
    return bool(masthead.page_marker(text) or masthead.masthead(text, False) or masthead.editor(text))


def _in_body(vl: VLine, state: PageState) -> bool:
    """A headline-styled line standing in a column right under body text, not much larger."""
    last = state.last
    if not isinstance(last, VLine) or not last.is_body(state.style) or state.para is None:
        return False
    same_column = abs(last.x0 - vl.x0) < 2 * state.style.size or (last.x0 <= vl.x0 <= last.x1)
    return same_column and vl.size < 1.3 * state.style.size and 0 <= vl.top - last.bottom < 3 * state.style.size


def _headline(vl: VLine, state: PageState, out: list[Line]) -> None:
    state.para = None
    if state.heads:
        prev, line = state.heads[-1]
        same = prev.main.size == vl.main.size and prev.main.font == vl.main.font
        if same and vl.top - prev.bottom < 0.8 * vl.size and state.last is prev:
            line.text += vl.text  # one headline broken over two lines
            state.heads[-1] = (vl, line)
            _levels(state.heads)
            return
    mark = _mark(vl)
    if mark:  # 通知 printed as a small label before the title
        out.append(Line(state.number, mark.text, hint="furniture"))
    text = " ".join(r.text for r in sorted(vl.runs, key=lambda r: r.x0) if r is not mark)
    line = Line(state.number, text, level=1, hint="headline")
    out.append(line)
    if not (state.heads and state.last is state.heads[-1][0]):
        state.heads = []
    state.heads.append((vl, line))
    _levels(state.heads)


def _mark(vl: VLine):
    """A small run at the start of a headline (a label such as 通知), or None."""
    runs = sorted(vl.runs, key=lambda r: r.x0)
    if len(runs) >= 2 and runs[0].size < 0.8 * vl.main.size and len(runs[0].chars) <= 4:
        return runs[0]
    return None


def _levels(heads: list[tuple[VLine, Line]]) -> None:
    """The largest (then boldest) line of a headline group is the title."""
    top = max((vl.main.size, vl.main.bold) for vl, _ in heads)
    for vl, line in heads:
        line.level = 1 if (vl.main.size, vl.main.bold) == top else 2


def _body(vl: VLine, left: float | None, state: PageState, out: list[Line]) -> None:
    text = vl.text
    indented = left is not None and vl.x0 - left >= INDENT * vl.size
    if state.para is not None and not indented:
        joint = " " if _WORD_END.search(state.para.text) and _WORD_START.match(text) else ""
        state.para.text += joint + text
        return
    # not indented: the rest of a paragraph from an earlier column or page, if there is one
    state.para = Line(state.number, text, hint="para" if indented else "cont")
    out.append(state.para)


def _figure(fig: Figure, lines: list[VLine], state: PageState, out: list[Line]) -> None:
    caption = " ".join(vl.text for vl in lines)
    title = lines[0].lead_bold() if lines else ""
    if title:
        caption = caption[len(title):].lstrip()
    # a photo set apart from the text above it by a module's white: a photo item of its own
    gap = 2 if fig.alone else 0
    out.append(Line(state.number, caption, gap=gap, hint="figure", picture=fig.picture, title=title))


def _captions(leaves: list[list], style: Style) -> dict:
    """figure id → the visual lines of its caption; ``"used"`` → ids of all those lines."""
    lines = [e for leaf in leaves for e in leaf if isinstance(e, VLine)]
    figures = [e for leaf in leaves for e in leaf if isinstance(e, Figure)]
    found: dict = {"used": set()}
    for fig in figures:
        taken, reach = [], fig.bottom
        for vl in sorted(lines, key=lambda v: v.top):
            if id(vl) in found["used"] or not vl.is_small(style):
                continue
            inside = vl.x0 >= fig.x0 - style.size and vl.x1 <= fig.x1 + style.size
            if inside and -2 <= vl.top - reach <= (CAPTION_GAP if not taken else 1.0) * style.size:
                taken.append(vl)
                reach = vl.bottom
                found["used"].add(id(vl))
        found[id(fig)] = taken
    return found
