"""One issue from content to composed pages: measure (Typst), plan every 版 (Python),
jump or report what does not fit, and compose what Typst will draw."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from .compose import ComposedPage, compose_modules
from .content import IssueContent
from .fallback import make_printable
from .fillers import fill_pages
from .furniture import crop_marks, empty_notice, page_furniture
from .jump import PageState, resolve_overflows
from .measure import ItemMetrics, Request
from .messages import Message, page_messages
from .options import PrintOptions, press_offset
from .planner import PagePlan, plan_page
from .shape_maker import ShapeMaker
from .style import Style


@dataclass
class Layout:
    content: IssueContent
    style: Style
    pages: list[ComposedPage] = field(default_factory=list)
    plans: list[PagePlan] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    bleed: float = 0.0  # pt from the media edge to the trim page (bleed and slug, print-shop mode)

    def typst_input(self, options: PrintOptions) -> dict:
        g = self.style.geometry
        bleed = press_offset(options.bleed)
        marks = crop_marks(g.width, g.height) if options.bleed else []
        c = self.content
        return {
            "doc": {"title": c.title, "author": c.author, "keywords": list(c.keywords), "date": list(c.date)},
            "page": {"width": g.width, "height": g.height, "bleed": bleed},
            "pages": [{"parts": page.parts, "marks": marks} for page in self.pages],
        }


def lay_out(content: IssueContent, options: PrintOptions, engine, extra: dict[str, int] | None = None) -> Layout:
    """The issue's pages; ``extra``: lines to add to an item's measure (when Typst set more)."""
    style = Style(options.geometry())
    metrics, widths = measure_items(content, style, engine, fillers=False)
    keys = {where: content.pages[where[0]].items[where[1]].key for where in metrics}
    _add_lines(metrics, keys, extra)
    fillers = FillerMetrics(content, lambda: _measure_fillers(content, style, engine, widths, extra))
    layout = Layout(content, style, bleed=press_offset(options.bleed))
    states, furniture, known = [], [], {}
    for index, page in enumerate(content.pages):
        parts, top, bottom = page_furniture(content, index, style)
        page_metrics = [metrics.get((index, i), ItemMetrics()) for i in range(len(page.items))]
        if not page.items:
            parts = [*parts, empty_notice(content, top, bottom, style)]
        area = bottom - top
        items, page_metrics, lost = make_printable(
            list(page.items), page_metrics, lambda item, m, i, area=area: printable_shapes(item, m, i, widths, style, area, known),
            style, widths, content.label)
        layout.messages.extend(lost)
        state = PageState(index, page, items, page_metrics, area, chars=style.geometry.chars)
        state.plan = plan_state(state, widths, style, known)
        states.append(state)
        furniture.append((parts, top))
    jumps = resolve_overflows(states, lambda s: plan_state(s, widths, style, known), content.label)
    jumps += fill_pages(states, content.posters, fillers,
                        lambda s, items, ms: plan_items(items, ms, widths, style, s.area, known), content.label, style)
    for state, (parts, top) in zip(states, furniture):
        composed = ComposedPage(state.index + 1, list(parts))
        compose_modules(state.plan, tuple(state.items), state.metrics, style, top, composed)
        layout.pages.append(composed)
        layout.plans.append(state.plan)
    layout.messages = [*content.messages, *layout.messages, *jumps,
                       *page_messages(content, layout.plans, options.underfull, style)]
    return layout


def plan_state(state: PageState, widths, style: Style, known: dict | None = None) -> PagePlan:
    return plan_items(state.items, state.metrics, widths, style, state.area, known)


def measure_items(content: IssueContent, style: Style, engine, fillers: bool = True, pages: bool = True):
    """The metrics of the 版' items (``pages``) and of the 备用稿 (``fillers``, keyed ("f", key)),
    in one Typst compile, and the widths of their headline pieces."""
    request = Request(style)
    for index, page in enumerate(content.pages):
        if pages:
            request.add_page(index, page)
        for item in page.fillers if fillers else ():
            request.add_item(("f", item.key), item)
    return request.read(engine.measure(request.payload()))


class FillerMetrics(Mapping):
    """Filler key → ItemMetrics. The posters' (no text) are known from the start; the 备用稿 are
    measured (one more Typst compile) when any filler's metrics are first asked for (any key, or
    iterating): an issue whose 版 are all full never sets their text (第103期's nine took a fifth
    of the measure)."""

    def __init__(self, content: IssueContent, measure):
        self._known = {item.key: ItemMetrics() for item in content.posters}
        self._measure = measure

    def _all(self) -> dict:
        if self._measure is not None:
            measure, self._measure = self._measure, None
            self._known.update(measure())
        return self._known

    def __getitem__(self, key):
        return self._known[key] if key in self._known else self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _measure_fillers(content: IssueContent, style: Style, engine, widths: dict, extra) -> dict:
    """The 备用稿's metrics (their headline pieces' widths go into ``widths``)."""
    metrics, more_widths = measure_items(content, style, engine, pages=False)
    widths.update(more_widths)
    found = {where[1]: m for where, m in metrics.items()}
    _add_lines(found, {key: key for key in found}, extra)
    return {key: found.get(key, ItemMetrics()) for key in filler_keys(content) if key not in
            {item.key for item in content.posters}}


def _add_lines(metrics: dict, keys: dict, extra: dict[str, int] | None) -> None:
    """``extra`` lines (item key → count) onto the last block of the items that need them."""
    for where, m in metrics.items():
        more = (extra or {}).get(keys.get(where, where), 0)
        for lines in m.blocks.values():
            if more and lines:
                lines[-1] += more


def filler_keys(content: IssueContent) -> list[str]:
    """The issue's 备用稿 and the pool's posters (their metrics are kept apart from the 版' items)."""
    return [item.key for page in content.pages for item in page.fillers] + [item.key for item in content.posters]


def plan_items(items, metrics, widths, style: Style, area: float, known: dict | None = None) -> PagePlan:
    """The page's plan; ``known`` keeps each item's shapes between the replans of 转版."""
    known = {} if known is None else known
    for strict in (True, False):  # photos bounded; if the page cannot be planned so, the least oversized
        shapes = [item_shapes(item, m, index, widths, style, area, known, strict)
                  for index, (item, m) in enumerate(zip(items, metrics))]
        plan = plan_page(shapes, style, area)
        if math.isfinite(plan.cost):
            break
    return plan


def printable_shapes(item, m, index: int, widths, style: Style, area: float, known: dict) -> dict:
    """The item's shapes with its photos within their bounds, or, when it has none so (a feature of
    many photos), with photos over them: the planner then takes those only for a page it cannot plan
    otherwise, and an item is cut down (fewer photos) only when it has no shape at all."""
    menu = item_shapes(item, m, index, widths, style, area, known)
    return menu if any(menu.values()) else item_shapes(item, m, index, widths, style, area, known, strict=False)


def item_shapes(item, m, index: int, widths, style: Style, area: float, known: dict, strict: bool = True) -> dict:
    """The item's shapes at every span (kept in ``known`` with the item, so its id stays its own);
    ``strict``: photos within their bounds (:mod:`.style`)."""
    key = (id(item), id(m), index, area, strict)
    if key not in known:
        maker = ShapeMaker(style, item, m, widths, index, area, strict)
        known[key] = ((item, m), {span: maker.shapes(span) for span in range(1, style.geometry.columns + 1)})
    return known[key][1]
