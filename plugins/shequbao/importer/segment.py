"""Cut the extracted text of an issue into articles.

Each non-blank line becomes a *unit* (masthead, page header, column label, byline,
heading, or text with an optional lead or closing byline). One pass over the units
then opens an article at every headline, closes it at its closing byline or source
unit, joins text lines cut by column and page breaks, and keeps captions that
interrupt a paragraph out of the body. See ``docs/importing.md`` for the rules as an
editor sees them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import dates, masthead
from .bylines import Byline, parse_byline, split_lead, split_tail
from .reflow import (
    MD_HEADING,
    NUMBERED,
    ends_sentence,
    is_headline_like,
    is_numbered_heading,
    is_year_heading,
    join_lines,
    squeeze,
)

BRIEF_MAX = 300  # characters: a headline-less item longer than this is not a 短消息
PHOTO_MAX = 400  # characters: text of a photo item (caption and a paragraph or two)
_LEAD_CUE = re.compile(r"^(?:本报讯|【本报讯】|近日|日前|近期|前不久|\d{1,2}月\d{1,2}[日号]|(?:19|20)\d\d年\d{1,2}月)")
_NOTICE = re.compile(r"(?:通知|公告|启事|告示|须知|公示|倡议书|通告)$")
_OPENING = re.compile(
    r"^(?:(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}[日号](?:上午|下午|晚上|晚|早上|中午)?|"
    r"近日|日前|近期|前不久|最近|当天|今年以来|近年来)[,，\s]*"
)


@dataclass
class Unit:
    """One non-blank line of the input, classified."""

    no: int  # 1-based line number
    text: str  # without Markdown heading marks
    gap: int  # blank lines before it
    level: int = 0  # Markdown heading level, 0 for plain text
    kind: str = "text"  # text | heading | byline | section | page | masthead | editor
    body: str = ""  # what goes into an article body
    byline: Byline | None = None  # the whole line, or its closing byline
    lead: Byline | None = None  # 本报讯(…) at its start
    markup: list[str] = field(default_factory=list)  # structure removed from the line
    candidate: bool = False  # could be a headline line
    sub: str = ""  # kind of report section heading: year | 一 | (一) | 1 | 部分
    value: object = None  # section kind, (page, name), Masthead, or editor name


@dataclass
class Para:
    text: str
    line: int
    heading: int = 0  # Markdown level of a section heading inside the article
    verse: bool = False  # a line of verse: never joined with the next


@dataclass
class Article:
    line: int
    page: int
    heads: list[Unit] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    byline: Byline = field(default_factory=Byline)
    section: str = ""  # kind of the column it stands in (brief, photo)
    closed: bool = False
    closed_at: int = -1  # index of the unit that closed it
    sub_order: list[str] = field(default_factory=list)  # kinds of section headings seen
    # filled in by finish()
    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    kind: str = "news"
    title_generated: bool = False
    date: tuple[int | None, int, int] | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return "".join(p.text for p in self.paras)

    @property
    def open_para(self) -> Para | None:
        """The last paragraph if it was cut off and the next text line continues it."""
        if self.paras and not self.paras[-1].heading and not self.paras[-1].verse:
            if not ends_sentence(self.paras[-1].text):
                return self.paras[-1]
        return None


@dataclass
class Parsed:
    articles: list[Article]
    leftover: list[Para]
    markup: list[str]  # structure removed from the text (bylines, labels, marks)
    warnings: list[tuple[int, str]]  # (line, message) not tied to one article
    number: int | None = None
    total: int | None = None
    date: dt.date | None = None
    pages: dict[int, str] = field(default_factory=dict)  # page → name found in the text
    editors: dict[int, str] = field(default_factory=dict)
    sections: list[tuple[int, str]] = field(default_factory=list)  # (line, label)


def _units(text: str) -> list[Unit]:
    units: list[Unit] = []
    gap = 0
    seen_body = False
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            gap += 1
            continue
        u = Unit(no=no, text=line, gap=gap)
        gap = 0
        m = MD_HEADING.match(line)
        if m and m[2]:
            u.level, u.text = len(m[1]), m[2]
            u.markup.append(line[:m.start(2)] + line[m.end(2):])  # the opening and any closing #s
        _classify(u, before_first_article=not seen_body)
        seen_body = seen_body or (u.kind == "text" and not u.candidate)
        units.append(u)
    return units


def _classify(u: Unit, before_first_article: bool) -> None:
    t = u.text
    if (label := masthead.section_label(t)) is not None:
        u.kind, u.value = "section", label
    elif u.level == 0 and (info := masthead.masthead(t, before_first_article)):
        u.kind, u.value = "masthead", info
    elif u.level == 0 and (page := masthead.page_marker(t)):
        u.kind, u.value = "page", page
    elif u.level == 0 and (name := masthead.editor(t)):
        u.kind, u.value = "editor", name
    elif u.level == 0 and (byline := parse_byline(t)):
        u.kind, u.byline = "byline", byline
    else:
        u.kind = "heading" if u.level else "text"
        body = t
        if u.level == 0:
            lead = split_lead(body)
            if lead:
                u.lead, body, removed = lead
                u.markup.append(removed)
            body, u.byline = split_tail(body)
            if u.byline:
                u.markup.append(u.byline.text)
        u.body = body
        plain = not u.lead and not u.byline
        u.candidate = plain and bool(body) and (u.level > 0 or is_headline_like(body))
        if plain and (is_numbered_heading(body) or is_year_heading(body)):
            u.sub = _sub_kind(body)
    if u.kind in ("section", "masthead", "page", "editor", "byline"):
        u.markup.append(t)


def _sub_kind(text: str) -> str:
    if is_year_heading(text):
        return "year"
    m = NUMBERED.match(text)
    head = m[0] if m else ""
    if head.startswith(("(", "（")):
        return "(一)"
    if head.startswith("第"):
        return "部分"
    return "1" if head[:1].isdigit() else "一"


class _Segmenter:
    def __init__(self, units: list[Unit], page: int):
        self.units = units
        self.page = page
        self.articles: list[Article] = []
        self.leftover: list[Para] = []
        self.markup: list[str] = []
        self.warnings: list[tuple[int, str]] = []
        self.cur: Article | None = None
        self.section = ""
        self.pending = Byline()
        self.pending_captions: list[str] = []
        self.parsed = Parsed([], [], [], [])
        headings = [u for u in units if u.kind == "heading" and not u.sub]
        self.md_mode = len(headings) >= 2
        leads = sum(1 for u in units if u.lead)
        closings = sum(1 for u in units if u.byline and u.kind in ("text", "byline"))
        # Papers that close every article with a byline: an unclosed article is still
        # running, so a short line inside it is a caption rather than a new headline.
        self.end_style = leads == 0 and closings >= 2

    # -- helpers ---------------------------------------------------------------

    def _next(self, i: int) -> Unit | None:
        for u in self.units[i:]:
            if u.kind not in ("page", "masthead", "editor"):
                return u
        return None

    def _open(self, line: int, heads: list[Unit] = ()) -> Article:
        art = Article(line=line, page=self.page, heads=list(heads), section=self.section)
        art.byline.merge(self.pending)
        art.captions.extend(self.pending_captions)
        self.pending, self.pending_captions = Byline(), []
        self.articles.append(art)
        self.cur = art
        return art

    def _close(self, i: int) -> None:
        if self.cur is not None:
            self.cur.closed, self.cur.closed_at = True, i

    def _add_text(self, u: Unit, verse: bool = False) -> None:
        cur = self.cur
        if cur is None or cur.closed:
            cur = self._open(u.no)
        text = u.body
        if not text:
            return
        para = cur.open_para
        if para is not None and not verse:
            para.text = join_lines(para.text, text)
        else:
            cur.paras.append(Para(text=text, line=u.no, verse=verse))

    def _add_subheading(self, u: Unit) -> None:
        """一、/(一)/year headings of a report: Markdown headings inside the article,
        one level per kind in the order the kinds first appear."""
        order = self.cur.sub_order
        if u.sub not in order:
            order.append(u.sub)
        level = min(2 + order.index(u.sub), 4)
        self.cur.paras.append(Para(text=u.text, line=u.no, heading=level))

    def _headline_group(self, i: int) -> int:
        """End index (exclusive) of the headline lines starting at ``i``."""
        j = i
        if self.units[i].kind == "heading":
            while j < len(self.units) and self.units[j].kind == "heading" and not self.units[j].sub:
                j += 1
            # an unmarked ——subheadline under a Markdown headline belongs to it
            if j < len(self.units) and self.units[j].kind == "text" and self.units[j].candidate:
                if self.units[j].body.startswith("——"):
                    j += 1
            return j
        if self.md_mode:
            return i + 1  # headlines are marked; unmarked short lines stand alone
        while j < len(self.units) and self.units[j].kind == "text" and self.units[j].candidate:
            if j > i and (self.units[j].sub or self.units[j].level):
                break
            j += 1
        return j

    def _decide(self, group: list[Unit], nxt: Unit | None) -> str:
        """headline, caption, body or leftover, for candidate lines followed by ``nxt``."""
        cur = self.cur
        running = cur is not None and not cur.closed
        if nxt is None or nxt.kind in ("heading", "section"):
            if group[0].kind == "heading" and nxt is not None and nxt.kind == "heading":
                return "headline"  # a sub-headed chain of Markdown headings
            return "caption" if running and group[0].kind == "text" else "leftover"
        if nxt.kind == "byline" or nxt.lead or group[0].kind == "heading" or not running:
            return "headline"
        if len(group) >= 2 and not self.md_mode:
            return "headline"
        gap = group[0].gap  # several blank lines before it: where a photo stood
        if not cur.paras:
            return "caption"  # between the headline and the text
        if cur.open_para is not None:
            return "caption" if gap >= 2 else "body"  # inside a sentence cut by a photo
        if not (self.md_mode or self.end_style):
            return "headline"  # headlines are what separate the articles here
        if not self.md_mode and _LEAD_CUE.match(nxt.body):
            return "headline"
        if gap >= 2:
            return "caption"
        return "body"  # the first line of a paragraph cut by a column break

    # -- the pass ----------------------------------------------------------------

    def run(self) -> Parsed:
        units, parsed = self.units, self.parsed
        i = 0
        while i < len(units):
            u = units[i]
            self.markup.extend(u.markup)
            if u.kind == "masthead":
                info = u.value
                parsed.number = parsed.number or info.number
                parsed.total = parsed.total or info.total
                parsed.date = parsed.date or info.date
            elif u.kind == "page":
                self.page, name = u.value
                if name:
                    parsed.pages.setdefault(self.page, name)
                if self.cur is not None and not self.cur.paras and not self.cur.closed:
                    self.cur.page = self.page
            elif u.kind == "editor":
                parsed.editors.setdefault(self.page, u.value)
            elif u.kind == "section":
                self._close(i)
                self.cur = None
                self.section = u.value
                parsed.sections.append((u.no, u.text))
            elif u.kind == "byline":
                self._byline(u, i)
            elif u.sub and self.cur is not None and not self.cur.closed and (self.cur.heads or self.cur.paras):
                self._add_subheading(u)
            elif u.candidate:
                j = self._headline_group(i)
                group = units[i:j]
                for extra in group[1:]:
                    self.markup.extend(extra.markup)
                if len(group) >= 4 and group[0].kind == "text":
                    for g in group:  # a run of short unpunctuated lines: verse
                        self._add_text(g, verse=True)
                else:
                    self._group(group, self._next(j))
                i = j
                continue
            else:
                self._text(u, i)
            i += 1
        parsed.articles = self.articles
        parsed.leftover = self.leftover
        parsed.markup = self.markup
        parsed.warnings = self.warnings
        return parsed

    def _byline(self, u: Unit, i: int) -> None:
        cur = self.cur
        if cur is None or (cur.closed and cur.closed_at != i - 1):
            self.pending.merge(u.byline)  # a byline above the text it belongs to
            return
        cur.byline.merge(u.byline)
        if cur.paras or cur.captions:
            self._close(i)

    def _group(self, group: list[Unit], nxt: Unit | None) -> None:
        decision = self._decide(group, nxt)
        if decision == "body":
            for g in group:
                self._add_text(g)
            return
        if decision == "caption":
            target = self.cur.captions if self.cur is not None else self.pending_captions
            target.extend(g.text for g in group)
            return
        if decision == "leftover":
            for g in group:
                self.leftover.append(Para(text=g.text, line=g.no))
            self.warnings.append((group[0].no, f"“{group[0].text}”后面没有正文，未能归入任何稿件"))
            return
        if self.section and self.section != "photo":
            short_item = nxt is not None and nxt.kind == "text" and nxt.byline is not None
            if not (short_item and len(squeeze(nxt.body)) <= BRIEF_MAX):
                self.section = ""  # a full article ends the 短消息 column
        self._close(-1)
        self._open(group[0].no, group)

    def _text(self, u: Unit, i: int) -> None:
        if u.lead is not None:
            cur = self.cur
            if cur is None or cur.closed or cur.paras:
                self._open(u.no)
            self.cur.byline.merge(u.lead)
        self._add_text(u)
        if u.byline is not None:
            self.cur.byline.merge(u.byline)
            self._close(i)


_JUNK = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufeff]")  # not whitespace, never text


def segment(text: str, page: int = 1) -> Parsed:
    """Cut ``text`` into articles; every article is finished (title, kind, captions)."""
    junk = _JUNK.search(text.lstrip("\ufeff"))
    junk_line = text.lstrip("\ufeff").count("\n", 0, junk.start()) + 1 if junk else 0
    removed = "".join(_JUNK.findall(text))  # control characters and BOMs left by the extraction
    text = _JUNK.sub("", text).replace("\u3000", " ").replace("\xa0", " ")
    parsed = _Segmenter(_units(text), page).run()
    if removed:
        parsed.markup.append(removed)
        if removed.strip("\ufeff"):
            parsed.warnings.append((junk_line, f"文中有 {len(removed.replace(chr(0xFEFF), ''))} 个看不见的控制字符，已删除"))
    kept = []
    for art in parsed.articles:
        if not art.paras and not art.captions:
            for h in art.heads:
                parsed.leftover.append(Para(text=h.text, line=h.no))
            if art.heads:
                parsed.warnings.append((art.line, f"标题“{art.heads[0].text}”后面没有正文，已放入未归类文本"))
            if art.byline.names or art.byline.source:
                parsed.leftover.append(Para(text=art.byline.text, line=art.line))
            continue
        finish(art)
        kept.append(art)
    parsed.articles = kept
    return parsed


def finish(art: Article) -> None:
    """Title lines → title/kicker/subtitle; kind; captions of photo items; date."""
    _titles(art)
    chars = len(squeeze(art.body_text)) + sum(len(squeeze(c)) for c in art.captions)
    people = art.byline.people
    photographers = set(people.get("photographers", ()))
    # credited only to photographers (■陈凯庭 摄, 杨惠明 陈凯庭文/摄): a photo item
    credited = bool(photographers) and set(art.byline.names) <= photographers
    if art.section == "photo" or (credited and chars <= PHOTO_MAX):
        art.kind = "photo"
        if not art.captions and art.paras:
            art.captions.append(art.paras.pop(0).text)
    elif art.section == "brief":
        art.kind = "brief"
    elif not art.heads and art.closed and len(art.paras) == 1 and chars <= BRIEF_MAX and art.byline.names:
        art.kind = "brief"
    elif _NOTICE.search(art.title):
        art.kind = "notice"
    if not art.title and art.kind != "photo":
        art.title = working_title(art.body_text)
        art.title_generated = True
        if art.kind != "brief":
            art.warnings.append("没有标题，已用正文开头作标题，请改写")
    searched = (" ".join(art.captions) if art.kind == "photo" else "") + art.body_text
    art.date = dates.first_date(searched)
    if art.paras and not art.paras[-1].heading and not art.paras[-1].verse and not ends_sentence(art.paras[-1].text):
        art.warnings.append("正文结尾不完整（可能转到别的版面，或文本被截断），请核对")


def _titles(art: Article) -> None:
    heads = art.heads
    if not heads:
        return
    texts = [h.text for h in heads]
    levels = [h.level for h in heads]
    if len(heads) == 1:
        art.title = texts[0]
        return
    if len(set(levels)) > 1 and any(levels):
        marked = [lv for lv in levels if lv]
        main = levels.index(min(marked))
    elif len(heads) == 2:
        first, second = (len(squeeze(t)) for t in texts)
        if texts[1].startswith("——"):
            main = 0
        elif texts[0].startswith("——"):
            main = 1
        else:
            # a 副题 below the title is usually the longer, explanatory line;
            # otherwise the first line is an 引题 above the title.
            main = 0 if second >= 1.5 * first else 1
            art.warnings.append(f"两行标题，已把“{texts[main]}”作主题、另一行作{'副题' if main == 0 else '引题'}，请核对")
    elif any(t.startswith("——") for t in texts[1:]):
        main = next(i for i, t in enumerate(texts) if t.startswith("——")) - 1  # 副题 below
    else:
        main = 1  # 引题, 主题, 副题
    art.title = texts[main]
    art.kicker = " ".join(texts[:main])
    art.subtitle = " ".join(texts[main + 1:])


def working_title(body: str) -> str:
    """A working title for an item printed without one: its first clause."""
    text = _OPENING.sub("", body.strip())
    clause = re.split(r"[，,。；;！？!?]", text, maxsplit=1)[0].strip() or body.strip()
    return clause if len(clause) <= 20 else clause[:20] + "…"
