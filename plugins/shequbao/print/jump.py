"""When a 版 cannot hold its items: continue the tail of its longest story on a 版 with room
(转版: 下转第N版 / 上接第N版), or, when no 版 has room, leave the tail out and say how much.
Pages are never added. Stories are cut between paragraphs."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .content import Item, PageContent
from .measure import ItemMetrics
from .messages import Message

TOLERANCE = 2.0  # pt


@dataclass
class PageState:
    """One 版 being planned: its items, their metrics and the current plan."""

    index: int
    page: PageContent
    items: list[Item]
    metrics: list[ItemMetrics]
    area: float
    plan: object = None
    chars: int = 17  # characters in a column line


def resolve_overflows(states: list[PageState], plan, label: str) -> list[Message]:
    """Replan overflowing 版 (``plan(state)`` returns a PagePlan); returns the messages."""
    messages: list[Message] = []
    for state in states:
        if state.plan.overflow <= TOLERANCE:
            continue
        if len(states) < 4 and _drop_guide(state, plan):
            continue
        story = _longest_story(state)
        if story is not None and _jump(states, state, story, plan, label, messages):
            continue
        messages.append(_overflow(label, state, _cut_until_fits(state, plan)))
    return messages


def _drop_guide(state: PageState, plan) -> bool:
    """A paper of two or three 版 can do without page 1's 导读 when the page is full."""
    guide = next((i for i, item in enumerate(state.items) if item.kind == "guide"), None)
    if guide is None:
        return False
    del state.items[guide], state.metrics[guide]
    state.plan = plan(state)
    return state.plan.overflow <= TOLERANCE


def _longest_story(state: PageState) -> int | None:
    best, most = None, 0
    for index, (item, m) in enumerate(zip(state.items, state.metrics)):
        lines = m.body_lines()
        if item.kind in ("news", "notice") and item.jump and item.jump_from is None and len(item.blocks) > 1 and lines > most:
            best, most = index, lines
    return best


def _split(item: Item, m: ItemMetrics, keep: int, to_page: int | None) -> tuple[Item, ItemMetrics]:
    """The first ``keep`` blocks of ``item`` (with 下转第N版 when it continues elsewhere)."""
    blocks = list(item.blocks[:keep])
    lines = {key: values[:keep] for key, values in m.blocks.items()}
    if to_page is not None:
        blocks.append({"t": "jump", "runs": [{"s": f"（下转第{to_page}版）"}], "first": True})
        lines = {key: [*values, 1] for key, values in lines.items()}
    head = replace(item, blocks=tuple(blocks), jump_to=to_page)
    return head, replace_metrics(m, lines)


def _tail(item: Item, m: ItemMetrics, keep: int, from_page: int) -> tuple[Item, ItemMetrics]:
    blocks = list(item.blocks[keep:])
    if blocks and blocks[0].get("t") == "p":
        blocks[0] = {**blocks[0], "first": True}
    lines = {key: values[keep:] for key, values in m.blocks.items()}
    tail = Item(key=item.key, kind="news", weight="minor", title=item.title, title_parts=item.title_parts,
                kicker=f"上接第{from_page}版", blocks=tuple(blocks), jump=False, draft=item.draft, jump_from=from_page)
    metrics = replace_metrics(m, lines)
    metrics.kicker = {span: 1 for span in m.kicker or {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}}
    metrics.subtitle, metrics.byline, metrics.caption = {}, {}, {}
    return tail, metrics


def replace_metrics(m: ItemMetrics, lines: dict) -> ItemMetrics:
    return ItemMetrics(blocks=lines, kicker=dict(m.kicker), subtitle=dict(m.subtitle), byline=dict(m.byline),
                       caption=dict(m.caption), pieces=m.pieces)


def _fits_with(state: PageState, story: int, item: Item, m: ItemMetrics, plan) -> bool:
    trial = PageState(state.index, state.page, [*state.items], [*state.metrics], state.area)
    trial.items[story], trial.metrics[story] = item, m
    trial.plan = plan(trial)
    return trial.plan.overflow <= TOLERANCE


def _most_kept(state: PageState, story: int, plan, to_page: int | None) -> int:
    """The most paragraphs of the story that still let the 版 fit (0 if none do)."""
    item, m = state.items[story], state.metrics[story]
    low, high = 1, len(item.blocks) - 1
    best = 0
    while low <= high:
        mid = (low + high) // 2
        head, hm = _split(item, m, mid, to_page)
        if _fits_with(state, story, head, hm, plan):
            best, low = mid, mid + 1
        else:
            high = mid - 1
    return best


def _jump(states, state: PageState, story: int, plan, label: str, messages: list[Message]) -> bool:
    others = sorted((s for s in states if s is not state and s.plan.overflow <= TOLERANCE),
                    key=lambda s: (-s.plan.empty_share, s.index))  # the emptiest first; any may make room
    item, m = state.items[story], state.metrics[story]
    for target in others:
        to_page = target.page.page
        keep = _most_kept(state, story, plan, to_page)
        if keep == 0:
            return False
        tail, tm = _tail(item, m, keep, state.page.page)
        trial = PageState(target.index, target.page, [*target.items, tail], [*target.metrics, tm], target.area)
        trial.plan = plan(trial)
        if trial.plan.overflow > TOLERANCE:
            continue
        head, hm = _split(item, m, keep, to_page)
        state.items[story], state.metrics[story] = head, hm
        state.plan = plan(state)
        target.items, target.metrics, target.plan = trial.items, trial.metrics, trial.plan
        messages.append(Message("info", f"{label}{state.page.label}《{item.title}》排不下，后半篇转至第{to_page}版（下转第{to_page}版）"))
        return True
    return False


def _cut_until_fits(state: PageState, plan) -> list[tuple[Item, int, Item]]:
    """Leave out the end of the longest items (paragraphs, the last 短消息, the tail of one huge
    paragraph), about as much as the 版 is over each round, until it fits; returns (item as it
    was, characters left out)."""
    originals: dict[str, Item] = {}
    for _ in range(60):
        if state.plan.overflow <= TOLERANCE:
            break
        story = _longest_cuttable(state)
        if story is None:
            break
        item, m = state.items[story], state.metrics[story]
        originals.setdefault(item.key, item)
        lines = m.blocks.get(("c", 0)) or next(iter(m.blocks.values()), [])
        if math.isinf(state.plan.overflow):  # far too much to plan at all: halve the longest item
            over = sum(lines) / 2
        else:
            over = state.plan.overflow / (state.area / 60) * 2  # lines of a column, roughly, over
        state.items[story], state.metrics[story] = _shorter(item, m, lines, over, state.chars)
        state.plan = plan(state)
    cut = []
    for key, original in originals.items():
        now = next(i for i in state.items if i.key == key)
        cut.append((original, original.chars - now.chars, now))
    return cut


def _shorter(item: Item, m: ItemMetrics, lines: list[int], over: float, chars: int) -> tuple[Item, ItemMetrics]:
    """``item`` about ``over`` lines shorter."""
    if item.kind == "briefs":
        return _fewer_briefs(item, m)
    if len(item.blocks) == 1 or lines[-1] > over * 2 + 10:  # one long paragraph: cut inside it
        return _shorter_paragraph(item, m, max(1, round(over)), chars)
    keep, dropped = len(item.blocks), 0
    while keep > 1 and dropped < max(1.0, over):
        keep -= 1
        dropped += lines[keep] if keep < len(lines) else 1
    return _split(item, m, keep, None)


def _shorter_paragraph(item: Item, m: ItemMetrics, over: int, chars: int) -> tuple[Item, ItemMetrics]:
    """The last paragraph cut by ``over`` lines' worth of characters (its lines then estimated
    generously; the typeset text is checked against its box anyway)."""
    from .blocks import plain_text, split_blocks

    last = item.blocks[-1]
    length = len(plain_text([last]))
    keep = max(chars, length - over * chars)
    head, _ = split_blocks([last], keep)
    estimate = -(-keep // max(1, chars - 1)) + 1
    lines = {key: [*values[:-1], min(values[-1], estimate)] for key, values in m.blocks.items()}
    return replace(item, blocks=(*item.blocks[:-1], *head)), replace_metrics(m, lines)


def _fewer_briefs(item: Item, m: ItemMetrics) -> tuple[Item, ItemMetrics]:
    """The 短消息 box without its last brief (its title block and text blocks)."""
    keep = item.briefs[:-1]
    count = sum(1 + len(brief.blocks) for brief in keep)
    lines = {key: values[:count] for key, values in m.blocks.items()}
    return replace(item, briefs=keep), replace_metrics(m, lines)


def _longest_cuttable(state: PageState) -> int | None:
    best, most = None, 0
    for index, (item, m) in enumerate(zip(state.items, state.metrics)):
        lines = sum(next(iter(m.blocks.values()), []))
        cuttable = len(item.briefs) > 1 if item.kind == "briefs" else lines > 3
        if cuttable and item.kind != "guide" and lines > most:
            best, most = index, lines
    return best


def _what(item: Item, count: int, now: Item) -> str:
    if item.kind == "briefs":
        left_out = item.briefs[len(now.briefs):]
        names = "、".join(f"《{brief.title}》" for brief in left_out[:3])
        return f"短消息{names}{'等' if len(left_out) > 3 else ''} {len(left_out)} 条（约 {count} 字）"
    return f"《{item.title}》后面约 {count} 字"


def _overflow(label: str, state: PageState, cut: list[tuple[Item, int, Item]]) -> Message:
    dropped = sum(count for _, count, _ in cut)
    if state.plan.overflow > TOLERANCE:  # still too much: the editor must cut
        stories = "、".join(f"《{item.title}》" for item in state.items if item.title)
        chars = sum(item.chars for item in state.items)
        if math.isinf(state.plan.overflow):
            return Message("warning", f"{label}{state.page.label}的稿件（{stories}）无法排进这一版，没有印出：请删减或移到其他版",
                           lost_chars=chars + dropped)
        share = state.plan.overflow / (state.area + state.plan.overflow)
        over = round(state.plan.overflow / state.area * 100)
        return Message("warning", f"{label}{state.page.label}的稿件超出版面约 {over}%，请删减或移到其他版（{stories}）",
                       lost_chars=round(chars * share) + dropped)
    which = "、".join(_what(item, count, now) for item, count, now in cut if count)
    return Message("warning", f"{label}{state.page.label}超出约 {dropped} 字，请删减或移到其他版（没有排进去的：{which}）",
                   lost_chars=dropped)
