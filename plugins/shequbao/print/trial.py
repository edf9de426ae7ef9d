"""Try a 版 assignment with the print build's own fit (``./sqb plan``).

A *trial* sets an issue's stories on the 版 an assignment gives them and runs what the build
runs: the Typst measure of every item, the shapes and the page planner of every 版
(``layout.py``), without 转版 (a plan should fit each 版 as it stands). It says, per 版, how
full it is and how many characters it is over. ``confirm`` then makes the whole edition as
``./sqb print`` does (``render.render_issue``, into a scratch folder) and returns its
messages: a plan is said to fit only when that leaves nothing out.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Archive, Issue, Section
from .blocks import MarkdownSetup
from .content import IssueContent, issue_content
from .fallback import make_printable
from .furniture import page_furniture
from .jump import TOLERANCE, PageState
from .layout import measure_items, plan_items, plan_state, printable_shapes
from .measure import ItemMetrics
from .messages import Message
from .options import PrintOptions
from .photo_sizes import photo_size
from .style import Style

LOST_PHOTO_CHARS = 350  # a photo no module can hold counts as this much text over the 版


@dataclass(frozen=True)
class PageFill:
    page: int
    fill: float  # share of the 版's free area with something on it
    over: int  # characters of body text beyond the 版 (0: it fits)
    room: int  # characters of body text that would fill the blank


@dataclass(frozen=True)
class Trial:
    pages: tuple[PageFill, ...]

    @property
    def over(self) -> int:
        return sum(p.over for p in self.pages)

    @property
    def fits(self) -> bool:
        return self.over == 0

    def fill(self, page: int) -> PageFill:
        return self.pages[page - 1]


@dataclass(frozen=True)
class Placed:
    page: int
    order: int


class Trier:
    """Trials of one issue's assignments (each tried once), with one Typst engine."""

    def __init__(self, archive: Archive, issue: Issue, content_dir: Path, options: PrintOptions,
                 setup: MarkdownSetup | None = None):
        self.archive, self.issue, self.content_dir = archive, issue, content_dir
        self.options, self.setup = options, setup or MarkdownSetup()
        self.style = Style(options.geometry())
        self.count = 0  # trials run
        self._memo: dict[tuple, Trial] = {}
        self._sizes: dict[str, tuple[int, int] | None] = {}

    def page_chars(self) -> int:
        """Characters of body text a whole 版 of the type area would hold (an upper bound)."""
        g = self.style.geometry
        return int((g.bottom - g.top) * g.type_width / (g.body * self.style.pitch))

    def planned_issue(self, assignment: dict[str, Placed], names: dict[int, str],
                      spare: frozenset[str] = frozenset()) -> Issue:
        """The issue with each story on its 版 and in its order, and a section for every 版;
        ``spare``: stories made 备用稿 (printed only where a 版 has room, as ``print: {filler: true}``)."""
        articles = [replace(a, page=assignment[a.src].page, order=assignment[a.src].order) if a.src in assignment else a
                    for a in self.issue.articles]
        articles = [replace(a, print=replace(a.print, filler=True)) if a.src in spare else a for a in articles]
        count = max(p.page for p in assignment.values()) if assignment else 1
        known = {s.page: s for s in self.issue.sections}
        sections = tuple(known.get(p) or Section(p, names.get(p, "")) for p in range(1, count + 1))
        sections = tuple(replace(s, name=s.name or names.get(s.page, "")) for s in sections)
        return replace(self.issue, articles=tuple(sorted(articles, key=lambda a: a.sort_key)), sections=sections)

    def content(self, issue: Issue) -> IssueContent:
        return issue_content(self.archive, issue, self.content_dir, self.setup, self._photo_size)

    def _photo_size(self, src: str):
        if src not in self._sizes:
            self._sizes[src] = photo_size(self.content_dir / src)
        return self._sizes[src]

    def trial(self, assignment: dict[str, Placed], spare: frozenset[str] = frozenset()) -> Trial:
        key = (tuple(sorted((src, p.page, p.order) for src, p in assignment.items())), spare)
        if key not in self._memo:
            self.count += 1
            self._memo[key] = self._run(self.content(self.planned_issue(assignment, {}, spare)))
        return self._memo[key]

    def _run(self, content: IssueContent) -> Trial:
        from .render import engine

        style = self.style
        metrics, widths = measure_items(content, style, engine())
        known: dict = {}
        pages = []
        for index, page in enumerate(content.pages):
            _, top, bottom = page_furniture(content, index, style)
            area = bottom - top
            page_metrics = [metrics.get((index, i), ItemMetrics()) for i in range(len(page.items))]
            items, page_metrics, lost = make_printable(
                list(page.items), page_metrics,
                lambda item, m, i, area=area: printable_shapes(item, m, i, widths, style, area, known),
                style, widths, content.label)
            state = PageState(index, page, items, page_metrics, area, chars=style.geometry.chars)
            plan = plan_state(state, widths, style, known)
            if plan.overflow > TOLERANCE and len(content.pages) < 4 and any(i.kind == "guide" for i in items):
                kept = [(i, m) for i, m in zip(items, page_metrics) if i.kind != "guide"]  # as 转版 would do
                plan = plan_items([i for i, _ in kept], [m for _, m in kept], widths, style, area, known)
            lost_chars = sum(m.lost_chars + LOST_PHOTO_CHARS * m.lost_photos for m in lost)
            if not math.isfinite(plan.overflow):  # no plan at all: the text beyond what the area holds
                lost_chars += max(10, sum(i.chars for i in items) - self._chars(area * style.geometry.type_width))
            pages.append(self._fill(page.page, plan, lost_chars))
        return Trial(tuple(pages))

    def _fill(self, page: int, plan, lost_chars: int) -> PageFill:
        """How full the 版 of ``plan`` is; ``lost_chars``: text no module could hold."""
        width = self.style.geometry.type_width
        room = self._chars(plan.empty_share * plan.area * width)
        if plan.overflow <= TOLERANCE and not lost_chars:
            return PageFill(page, round(1 - plan.empty_share, 3), 0, room)
        over = self._chars(plan.overflow * width) if TOLERANCE < plan.overflow < math.inf else 0
        return PageFill(page, 0.0, over + lost_chars, 0)

    def _chars(self, area: float) -> int:
        """Characters of body text an area (pt²) holds, rounded up to tens."""
        g = self.style.geometry
        return int(math.ceil(area / (g.body * self.style.pitch) / 10) * 10)

    def confirm(self, assignment: dict[str, Placed], names: dict[int, str],
                spare: frozenset[str] = frozenset()) -> list[Message]:
        """The messages of the whole edition made as ``./sqb print`` makes it, with this plan."""
        from .render import render_issue

        content = self.content(self.planned_issue(assignment, names, spare))
        with tempfile.TemporaryDirectory(prefix="shequbao-plan-") as scratch:
            done = render_issue(content, self.options, self.content_dir, Path(scratch), "plan.pdf", images=False)
        return list(done.messages)
