"""Which story goes on which 版 (``./sqb plan``), as a 美编 would first sketch it, then
tried with the print build's own fit (``trial.py``) and mended until every 版 fits.

The sketch: a story an import read on a 版 of the old paper starts there; the weightiest
story (longest, with photos, 本报讯) heads 第1版; each other 版
gets its own 头条, the next weightiest; 短消息 go together in one box on one 版, notices
together (on the last 版), photo items on a later 版; the other stories go where there is
most room. Mending: a story moves off a 版 that is over full to the 版 with most room, and
from the fullest 版 to the emptiest while that evens them out. The fewest 版 that fit are
used (up to the most the editor allows); an even number when one more 版 is allowed and
none of them is left more than 10% empty (which would stop a strict build).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from .blocks import plain_text
from .messages import UNDERFULL
from .trial import Placed, Trial

PHOTO_CHARS = 350  # a photo takes about the room of this many characters
FIRST_PAGE_ROOM = 0.7  # 第1版 has the 报头 and the 导读: it holds about this share of another 版
MENDS = 12  # trials spent mending one count of 版


@dataclass(frozen=True)
class Story:
    src: str
    title: str
    kind: str  # news | brief | notice | photo
    chars: int
    photos: int = 0
    lead_mark: bool = False  # 本报讯, or print.weight: lead
    pinned: int | None = None  # the 版 it keeps (its page as written, not replanned)
    hint: int | None = None  # the 版 it had in the old paper (an import that read 版 headers): tried first

    @property
    def load(self) -> int:
        return self.chars + PHOTO_CHARS * self.photos

    @property
    def weight(self) -> int:
        return self.chars + 2 * PHOTO_CHARS * self.photos + (1000 if self.lead_mark else 0)

    @property
    def can_head(self) -> bool:
        return self.kind == "news"


@dataclass
class Proposal:
    count: int  # 版
    pages: dict[int, list[Story]]  # 版 → its stories in order (the 头条 first)
    trial: Trial
    heads: dict[int, str]  # 版 → the src of its 头条

    def assignment(self) -> dict[str, Placed]:
        return {s.src: Placed(page, (index + 1) * 10) for page, stories in self.pages.items()
                for index, s in enumerate(stories)}

    @property
    def fits(self) -> bool:
        return self.trial.fits


def plan_pages(stories: list[Story], most: int, trial, page_chars: int) -> Proposal | None:
    """The fewest 版 (up to ``most``) whose plan fits, or the best plan at ``most`` 版 that does
    not; ``trial(assignment)`` runs the print fit; ``page_chars``: characters a 版 could hold at
    most. None when no 版 can be given a 头条 (no story at all)."""
    pinned = max((s.pinned for s in stories if s.pinned), default=1)
    total = sum(s.load for s in stories)
    start = max(1, pinned, math.ceil(total / max(1, page_chars)))
    best = None
    for count in range(min(start, most), most + 1):
        proposal = _mend(_sketch(stories, count), trial)
        if proposal is None:
            continue
        if proposal.fits:
            if count % 2 and 1 < count < most:  # an odd number of 版 cannot be folded: one more, if it fills
                even = _mend(_sketch(stories, count + 1), trial)
                if even is not None and even.fits and min(p.fill for p in even.trial.pages) >= 1 - UNDERFULL:
                    return even
            return proposal
        best = proposal  # the most 版 tried: what is left over there cannot fit anywhere
    return best


SPARE_SHARE = 0.35  # at most this share of an issue's text is proposed as 备用稿 to save a 版
SPARE_TRIES = 6


def is_underfull(proposal: Proposal) -> bool:
    """A plan that fits but whose text leaves its 版 more than 10% empty on average (too little
    text for them: one 版 that is, among full ones, is only the underfull warning's)."""
    fills = [p.fill for p in proposal.trial.pages]
    return proposal.fits and sum(fills) / len(fills) < 1 - UNDERFULL


def plan_with_spares(stories: list[Story], count: int, trial) -> tuple[Proposal, list[Story]] | None:
    """The issue on ``count`` 版 with the stories that do not go on them made 备用稿 (printed only
    where a 版 has room, always on the web): each time the lightest story that covers what is
    over, else the longest; never a 版's 头条 or a story the editors pinned. None when that would
    spare more than a third of the text, or no 版 can be given a 头条."""
    total = sum(s.load for s in stories)
    spare: list[Story] = []
    for _ in range(SPARE_TRIES):
        kept = [s for s in stories if s not in spare]
        names = frozenset(s.src for s in spare)
        proposal = _mend(_sketch(kept, count), lambda assignment: trial(assignment, names))
        if proposal is None:
            return None
        if proposal.fits:
            return proposal, spare
        choices = [s for s in kept if not s.pinned and s.src not in proposal.heads.values()]
        over = proposal.trial.over
        pick = min((s for s in choices if s.load >= over), key=lambda s: (s.weight, s.src), default=None)
        pick = pick or max(choices, key=lambda s: (s.load, s.src), default=None)
        if pick is None or sum(s.load for s in spare) + pick.load > SPARE_SHARE * total:
            return None
        spare.append(pick)
    return None


def _sketch(stories: list[Story], count: int) -> dict[int, list[Story]] | None:
    pages: dict[int, list[Story]] = {p: [] for p in range(1, count + 1)}
    for s in stories:
        if s.pinned:
            pages[s.pinned].append(s)
    for s in sorted(stories, key=lambda s: -s.weight):
        if not s.pinned and s.hint and s.hint <= count:
            pages[s.hint].append(s)
    free = [s for s in stories if not s.pinned and not (s.hint and s.hint <= count)]
    heads = sorted((s for s in free if s.can_head), key=lambda s: -s.weight)
    for page in range(1, count + 1):
        if not any(s.can_head or s.pinned for s in pages[page]):  # a 版 the editors filled keeps what they chose
            head = heads.pop(0) if heads else _spare_head(pages)
            if head is None:
                return None
            pages[page].append(head)
    placed = {s.src for stories_ in pages.values() for s in stories_}
    rest = [s for s in free if s.src not in placed]
    briefs = [s for s in rest if s.kind == "brief"]
    notices = [s for s in rest if s.kind == "notice"]
    photos = [s for s in rest if s.kind == "photo"]
    news = sorted((s for s in rest if s.kind == "news"), key=lambda s: -s.load)
    later = list(range(2, count + 1)) or [1]
    if notices:
        pages[count].extend(notices)
    if briefs:
        _least_loaded(pages, later).extend(briefs)
    for s in photos:
        _least_loaded(pages, later).append(s)
    for s in news:
        _least_loaded(pages, list(pages), s.load).append(s)
    return {page: _ordered(stories_) for page, stories_ in pages.items()}


def _spare_head(pages: dict[int, list[Story]]) -> Story | None:
    """A story that can head a 版, taken from the fullest 版 that keeps another (its weightiest such)."""
    spare = [(_share(pages, page), s.weight, s) for page, listed in pages.items() for s in listed
             if s.can_head and not s.pinned and sum(o.can_head for o in listed) > 1
             and s is not max((o for o in listed if o.can_head), key=lambda o: o.weight)]
    if not spare:
        return None
    head = max(spare, key=lambda t: t[:2])[2]
    for listed in pages.values():
        if head in listed:
            listed.remove(head)
    return head


def _share(pages: dict[int, list[Story]], page: int, extra: int = 0) -> float:
    """How loaded a 版 is, relative to what it holds (第1版 less: its 报头)."""
    room = FIRST_PAGE_ROOM if page == 1 else 1.0
    return (sum(s.load for s in pages[page]) + extra) / room


def _least_loaded(pages: dict[int, list[Story]], among: list[int], extra: int = 0) -> list[Story]:
    return pages[min(among, key=lambda p: (_share(pages, p, extra), p))]


def _ordered(stories: list[Story]) -> list[Story]:
    """The 头条 (weightiest story) first, then stories by weight, notices, photo items, 短消息."""
    rank = {"news": 0, "notice": 1, "photo": 2, "brief": 3}
    return sorted(stories, key=lambda s: (rank.get(s.kind, 0), -s.weight, s.src))


def _proposal(pages: dict[int, list[Story]], trial) -> Proposal:
    proposal = Proposal(len(pages), pages, None, {})  # type: ignore[arg-type]
    proposal.trial = trial(proposal.assignment())
    proposal.heads = {page: next((s.src for s in stories if s.can_head), "") for page, stories in pages.items()}
    return proposal


def _score(proposal: Proposal) -> tuple:
    fills = [p.fill for p in proposal.trial.pages]
    return (proposal.trial.over, round(1 - min(fills), 2), round(max(fills) - min(fills), 2))


def _mend(pages: dict[int, list[Story]] | None, trial) -> Proposal | None:
    """Move stories off over-full 版 and from full 版 to empty ones while that helps."""
    if pages is None:
        return None
    best = _proposal(pages, trial)
    for _ in range(MENDS):
        better = None
        for move in _moves(best):
            candidate = _proposal(move, trial)
            if _score(candidate) < _score(best):
                better = candidate
                break
        if better is None:
            return best
        best = better
    return best


def _moves(proposal: Proposal):
    """Other sketches, each moving one story (or the 短消息 together), likeliest first."""
    trial, pages = proposal.trial, proposal.pages
    over = [p for p in trial.pages if p.over]
    if over:
        source = max(over, key=lambda p: p.over)
        need = source.over
    else:
        source = max(trial.pages, key=lambda p: p.fill)
        emptiest = min(trial.pages, key=lambda p: p.fill)
        if source.fill - emptiest.fill < 0.08:
            return
        need = (emptiest.room - source.room) // 2
    targets = sorted((p for p in trial.pages if p.page != source.page), key=lambda p: -p.room)
    units = _units(pages[source.page], proposal.heads[source.page])
    units.sort(key=lambda u: (sum(s.load for s in u) < need, abs(sum(s.load for s in u) - need)))
    for target in targets[:2]:
        for unit in units[:3]:
            if over or sum(s.load for s in unit) < target.room:
                yield _moved(pages, unit, source.page, target.page)


def _units(stories: list[Story], head: str) -> list[list[Story]]:
    """What may move off a 版: each story but its 头条 and the pinned, the 短消息 together."""
    units = [[s] for s in stories if not s.pinned and s.src != head and s.kind != "brief"]
    briefs = [s for s in stories if s.kind == "brief" and not s.pinned]
    return units + ([briefs] if briefs else [])


def _moved(pages: dict[int, list[Story]], unit: list[Story], source: int, target: int) -> dict[int, list[Story]]:
    moving = {s.src for s in unit}
    out = {page: [s for s in stories if s.src not in moving] for page, stories in pages.items()}
    out[target] = _ordered([*out[target], *unit])
    return out


def read_stories(issue, content, keep_pages: bool) -> list[Story]:
    """The issue's stories as the print edition sets them (``content``: its ``issue_content``);
    ``keep_pages``: each keeps the 版 its file names; else, when the files name more than one 版
    (an import that read the old paper's 版), that 版 is where the sketch puts it first."""
    measured: dict[str, tuple[int, int, bool]] = {}
    for page in content.pages:
        for item in page.items:
            if item.kind == "briefs":
                measured.update({b.key: (len(plain_text(list(b.blocks))), 0, False) for b in item.briefs})
            elif item.kind != "guide":
                first = plain_text(list(item.blocks[:1]))
                measured[item.key] = (item.chars, len(item.photos), "本报讯" in first[:12])
    hinted = not keep_pages and len({a.page for a in issue.articles}) > 1
    stories = []
    for article in issue.articles:
        if article.print.filler:
            continue  # a 备用稿 goes in where a 版 has room, its own 版 first: not planned
        chars, photos, lead = measured.get(article.src, (0, 0, False))
        stories.append(Story(article.src, article.title or article.excerpt[:20], article.kind, chars, photos,
                             lead or article.print.weight == "lead", article.page if keep_pages else None,
                             article.page if hinted else None))
    return stories


PAGE_NAMES = ("综合", "社区", "服务", "视觉", "专题", "文化")


def page_names(pages: dict[int, list[Story]], given: dict[int, str]) -> dict[int, str]:
    """A name for every 版: the one the editors gave, else by what it holds (要闻 for 第1版,
    服务 for notices, 视觉 for photo items, 社区 for 短消息, 综合), each name once."""
    names: dict[int, str] = {}
    for page, stories in sorted(pages.items()):
        if given.get(page):
            names[page] = given[page]
            continue
        kinds = Counter(s.kind for s in stories)
        wish = ("要闻" if page == 1 else "服务" if kinds["notice"] and kinds["notice"] >= kinds["news"]
                else "视觉" if kinds["photo"] and kinds["photo"] >= kinds["news"] else "社区" if kinds["brief"] else "综合")
        taken = set(names.values()) | {n for n in given.values() if n}
        names[page] = next((n for n in (wish, *PAGE_NAMES) if n not in taken), f"第{page}版")
    return names
