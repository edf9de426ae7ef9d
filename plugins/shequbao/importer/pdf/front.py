"""The page head and foot (报头, 版头, running heads, page foot, 报尾): the facts they give
(第N期, 总第N期, the date, 第N版 and its name, the page's editor) and furniture otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import furniture as keywords
from .. import masthead
from .. import textdates as dates
from ..reflow import squeeze
from ..structure import Line, Parsed
from ..units import is_jump_line
from .visual import Style, VLine

MASTHEAD_SHARE = 0.45  # without rules, page 1's masthead stands in the top part of the page
PAPER_NAME_SIZE = 3.2  # × body: page 1's paper name is set larger than any headline
PAPER_NAME_MAX = 12  # characters
MARKER_MAX = 60  # characters: a longer line is no page header


@dataclass
class Facts:
    number: int | None = None
    total: int | None = None
    date: object = None
    paper: str = ""
    markers: bool = False  # the PDF has 第N版 page headers
    problems: list[tuple[int, str]] = field(default_factory=list)  # (page, message)
    scan_pages: list = field(default_factory=list)  # a scan: each page's OCR letters and photos (ocr.page_letters)

    def apply(self, parsed: Parsed) -> None:
        parsed.number = parsed.number or self.number
        parsed.total = parsed.total or self.total
        parsed.date = parsed.date or self.date
        parsed.warnings.extend(self.problems)
        parsed.scan_pages = self.scan_pages


def is_marker(vl: VLine, style: Style) -> bool:
    """A page header, masthead facts or the page's editor (read by the text rules)."""
    text = vl.text
    if len(text) > MARKER_MAX or is_jump_line(text):
        return False
    if vl.is_body(style):  # a scan may read the masthead's facts at body size: only all of them then
        info = masthead.masthead(text, False)
        return bool(info and info.number and info.date)
    return bool(masthead.page_marker(text) or masthead.masthead(text, False) or masthead.editor(text))


def zone_lines(lines: list[VLine], style: Style, page: int, facts: Facts) -> list[Line]:
    """The lines of a page head or foot: facts as text for the text rules, the rest furniture."""
    out = []
    for vl in sorted(lines, key=lambda v: (round(v.top), v.x0)):
        marker = is_marker(vl, style)
        if marker and masthead.page_marker(vl.text):
            facts.markers = True
        out.append(Line(page, vl.text, hint="" if marker else "furniture"))
    return out


def read_masthead(lines: list[VLine], facts: Facts) -> None:
    """The facts of page 1's masthead (``lines``), and the paper's name (its largest text)."""
    for vl in lines:
        info = masthead.masthead(vl.text, True)
        if info:
            facts.number = facts.number or info.number
            facts.total = facts.total or info.total
            facts.date = facts.date or info.date
    facts.date = facts.date or dates.full_date(" ".join(vl.text for vl in lines))
    if lines:
        facts.paper = squeeze(max(lines, key=lambda vl: vl.size).text)


def masthead_without_rules(lines: list[VLine], height: float) -> list[VLine]:
    """Page 1 without a rule under its masthead: the lines above its first 第N版 header."""
    markers = [vl for vl in lines if vl.top < MASTHEAD_SHARE * height and masthead.page_marker(vl.text)]
    if not markers:
        return []
    limit = min(vl.top for vl in markers) - 1
    return [vl for vl in lines if vl.bottom <= limit]


def masthead_by_size(lines: list[VLine], style: Style, height: float) -> list[VLine]:
    """Page 1's masthead found by its look: the paper's name set far larger than any headline
    in the top part, with what stands above it and beside it (主办, 第N期, the date)."""
    names = [vl for vl in lines if vl.top < MASTHEAD_SHARE * height and vl.size >= PAPER_NAME_SIZE * style.size
             and len(squeeze(vl.text)) <= PAPER_NAME_MAX]
    if not names:
        names = _title_over_facts(lines)
    if not names:
        return []
    name = min(names, key=lambda vl: vl.top)
    bottom = name.bottom
    for vl in sorted(lines, key=lambda v: v.top):  # lines beside the name, down to the last of them
        if vl.top < bottom and not vl.is_headline(style) and vl is not name:
            bottom = max(bottom, vl.bottom)
    band = [vl for vl in lines if vl.bottom <= bottom + 1]
    return [] if any(vl.is_body(style) and len(vl.text) > MARKER_MAX for vl in band) else band


def _title_over_facts(lines: list[VLine]) -> list[VLine]:
    """A document's title line: the top line of page 1, its largest text, short, right over
    the masthead's facts (卫东区委宣传部主办 第42期 2015年12月25日)."""
    ordered = sorted(lines, key=lambda v: (v.top, v.x0))
    if len(ordered) < 2:
        return []
    first, below = ordered[0], ordered[1]
    largest = first.size >= max(vl.size for vl in lines)
    facts = masthead.masthead(below.text, True) or keywords.is_furniture(below.text, True)
    near = below.top - first.bottom <= 2 * first.size
    return [first] if largest and near and facts and len(squeeze(first.text)) <= PAPER_NAME_MAX else []


def names_of(lines: list[VLine], facts: Facts, style: Style) -> set[str]:
    """The paper's name and the names of the pages (from 第2版 · 社区 headers): without
    rules, a line that is only one of them is furniture (the name block atop a page)."""
    names = {facts.paper} if facts.paper else set()
    for vl in lines:
        if not vl.is_body(style) and (marker := masthead.page_marker(vl.text)):
            facts.markers = True
            if marker[1]:
                names.add(squeeze(marker[1]))
    return names
