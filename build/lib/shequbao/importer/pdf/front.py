"""Page 1's masthead (报名, 第N期, 总第N期, date) and the names printed as page furniture."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import dates, masthead
from ..reflow import squeeze
from ..structure import Parsed
from .visual import VLine

MASTHEAD_SHARE = 0.45  # the masthead stands in the top part of page 1


@dataclass
class Facts:
    number: int | None = None
    total: int | None = None
    date: object = None
    paper: str = ""
    markers: bool = False  # the PDF has 第N版 page headers
    problems: list[tuple[int, str]] = field(default_factory=list)  # (page, message)

    def apply(self, parsed: Parsed) -> None:
        parsed.number = parsed.number or self.number
        parsed.total = parsed.total or self.total
        parsed.date = parsed.date or self.date
        parsed.warnings.extend(self.problems)


def furniture_ids(leaves: list[list], height: float, facts: Facts) -> set[int]:
    """The lines of page 1 above its first 第N版 header: the masthead. Reads its facts."""
    lines = [e for leaf in leaves for e in leaf if isinstance(e, VLine)]
    markers = [vl for vl in lines if vl.top < MASTHEAD_SHARE * height and masthead.page_marker(vl.text)]
    if not markers:
        return set()
    limit = min(vl.top for vl in markers) - 1
    above = [vl for vl in lines if vl.bottom <= limit]
    text = " ".join(vl.text for vl in above)
    for vl in above:
        info = masthead.masthead(vl.text, True)
        if info:
            facts.number = facts.number or info.number
            facts.total = facts.total or info.total
            facts.date = facts.date or info.date
    facts.date = facts.date or dates.full_date(text)
    if above:
        facts.paper = squeeze(max(above, key=lambda vl: vl.size).text)
    return {id(vl) for vl in above}


def names_of(leaves: list[list], facts: Facts) -> set[str]:
    """The paper's name and the names of the pages (from 第2版 · 社区 headers): a line that
    is only one of them is furniture (the name block at the top of a page)."""
    names = {facts.paper} if facts.paper else set()
    for leaf in leaves:
        for vl in leaf:
            if isinstance(vl, VLine) and (marker := masthead.page_marker(vl.text)):
                facts.markers = True
                if marker[1]:
                    names.add(squeeze(marker[1]))
    return names
