"""One pass over the classified units: open an article at every headline, close it at its
closing byline or source unit, join text lines cut by column and page breaks, keep
captions and photos with their article, rejoin a story continued on another page
(下转第3版 … 上接第1版), and turn a report's numbered lines into section headings."""

from __future__ import annotations

from . import handlers as _handlers
from .bylines import Byline
from .handlers import LEAD_CUE
from .polish import PHOTO_MAX
from .reflow import squeeze
from .structure import Article, Para, Parsed, Photo, Unit

BULLETS = "●◆▲★☆◇□■•"  # marks before the items of a 短消息 column

BRIEF_MAX = 300  # characters: a headline-less item longer than this is not a 短消息
_PASSIVE = ("page", "masthead", "editor", "furniture")


class Segmenter:
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
        self.pending_photos: list[Photo] = []
        self.held = False  # (PDF) the section was set by a box of 短消息: it lasts to the box's end
        self.resume: Article | None = None  # continued by 上接第N版: its headline may be repeated next
        self.jump_from = 0  # 上接第N版 read before the story it continues: the next article's
        self.parsed = Parsed([], [], [], [])
        headings = [u for u in units if u.kind == "heading" and not u.sub]
        self.md_mode = len(headings) >= 2
        leads = sum(1 for u in units if u.lead)
        closings = sum(1 for u in units if u.byline and u.kind in ("text", "byline"))
        # Papers that close every article with a byline: an unclosed article is still
        # running, so a short line inside it is a caption rather than a new headline.
        self.end_style = leads == 0 and closings >= 2

    # -- helpers ---------------------------------------------------------------

    def next_unit(self, i: int) -> Unit | None:
        units = self.units
        while i < len(units):  # no slice: a copy of the rest would make the pass quadratic
            if units[i].kind not in _PASSIVE:
                return units[i]
            i += 1
        return None

    def open_article(self, line: int, heads: list[Unit] = ()) -> Article:
        art = Article(line=line, page=self.page, heads=list(heads), section=self.section, jump_from=self.jump_from)
        self.jump_from = 0
        art.byline.merge(self.pending)
        art.photos.extend(self.pending_photos)
        self.pending, self.pending_photos = Byline(), []
        self.articles.append(art)
        self.cur = art
        return art

    def close(self, i: int) -> None:
        if self.cur is not None:
            self.cur.closed, self.cur.closed_at = True, i

    def add_text(self, u: Unit, verse: bool = False) -> None:
        cur = self.cur
        if cur is None or cur.closed:
            cur = self.open_article(u.no)
        text = u.body
        if not text:
            return
        if not cur.paras and text.startswith("本报讯"):
            cur.lead = True
        if not cur.paras and self.section == "brief" and text[:1] in BULLETS and len(text) > 2:
            bare = text[1:].lstrip()  # ● before each item of a 短消息 column: a mark, not text
            self.markup.append(text[: len(text) - len(bare)])
            text = bare
        para = cur.open_para
        if u.cont and cur.paras and not cur.paras[-1].heading and not cur.paras[-1].verse:
            cur.paras[-1].append(text)  # the PDF says: this continues the paragraph before
        elif para is not None and not verse and not u.whole:
            para.append(text)
        else:
            cur.paras.append(Para(text, u.no, verse=verse, whole=u.whole))

    def add_subheading(self, u: Unit) -> None:
        """一、/(一)/year headings of a report: Markdown headings inside the article,
        one level per kind in the order the kinds first appear."""
        order = self.cur.sub_order
        if u.sub not in order:
            order.append(u.sub)
        level = min(2 + order.index(u.sub), 4)
        self.cur.paras.append(Para(u.body, u.no, heading=level))

    def add_photo(self, photo: Photo) -> None:
        if self.cur is not None:
            self.cur.photos.append(photo)
        else:
            self.pending_photos.append(photo)

    def short_item(self, j: int) -> bool:
        """The units from ``j`` are one short item (a 短消息): a short text closed by a
        byline or followed by the next headline."""
        nxt = self.next_unit(j)
        if nxt is None or nxt.kind != "text" or len(squeeze(nxt.body)) > BRIEF_MAX:
            return False
        if nxt.byline is not None:
            return True
        k = j
        while self.units[k] is not nxt:
            k += 1
        after = self.next_unit(k + 1)
        return after is None or after.kind in ("byline", "heading", "section", "module") or (
            after.candidate and after.kind == "text")

    def flush_pending(self) -> None:
        """A byline or captions after the last article, waiting for one that never came: they
        go to the leftover text rather than nowhere."""
        if self.pending.text:
            self.leftover.append(Para(self.pending.text, self.units[-1].no if self.units else 0))
        for photo in self.pending_photos:
            self.leftover.append(Para(photo.caption, photo.line))
        self.pending, self.pending_photos = Byline(), []

    # -- the pass ----------------------------------------------------------------

    def run(self) -> Parsed:
        i = 0
        while i < len(self.units):
            u = self.units[i]
            self.markup.extend(u.markup)
            handler = _handlers.HANDLERS.get(u.kind)
            if u.kind not in ("jump", *_PASSIVE) and not u.candidate:
                self.resume = None
            if handler is not None:
                handler(self, u, i)
            elif u.sub and self.cur is not None and not self.cur.closed and (self.cur.heads or self.cur.paras):
                self.add_subheading(u)
            elif u.candidate:
                i = _handlers.headline_group(self, i)
                continue
            else:
                text_unit(self, u, i)
            i += 1
        _handlers.rejoin_backward(self)
        self.flush_pending()
        parsed = self.parsed
        parsed.articles, parsed.leftover = self.articles, self.leftover
        parsed.markup, parsed.warnings = self.markup, self.warnings
        return parsed


def text_unit(seg: Segmenter, u: Unit, i: int) -> None:
    if _photo_item_after(seg, u):
        seg.close(i - 1)  # the story above was credited at its top: nothing else closed it
    if u.lead is not None:
        cur = seg.cur
        if cur is None or cur.closed or cur.paras:
            seg.open_article(u.no)
        seg.cur.byline.merge(u.lead)
    seg.add_text(u)
    if isinstance(u.value, tuple) and u.value[0] == "to" and seg.cur is not None:
        seg.cur.jump_to = u.value[1]
    if u.byline is not None:
        seg.cur.byline.merge(u.byline)
        seg.close(i)


def _photo_item_after(seg: Segmenter, u: Unit) -> bool:
    """A short dated paragraph closed by a photo credit (``7月19日，…… ■陈凯庭 摄``) under a
    story whose byline stood under its headline: a photo item of its own, not the story's end."""
    cur = seg.cur
    if u.byline is None or u.lead is not None:
        return False
    photographers = set(u.byline.people.get("photographers", ()))
    if not photographers or not set(u.byline.names) <= photographers:  # 陈凯庭 摄, 杨惠明 陈凯庭文/摄
        return False
    if cur is None or cur.closed or not cur.paras or cur.open_para is not None:
        return False
    credited = any(cur.byline.people.get(role) for role in cur.byline.people if role != "photographers")
    return credited and len(squeeze(u.body)) <= PHOTO_MAX and bool(LEAD_CUE.match(u.body))
