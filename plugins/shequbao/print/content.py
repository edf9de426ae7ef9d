"""What one issue prints, as plain data: every 版 with its items (stories, photo items,
notices, the 短消息 box, page 1's 导读), their headlines, bylines, bodies as blocks and photos.

Wording shared with the web (bylines, credits, dates, 副题, labels) comes from ``site/text.py``.
Nothing here lays anything out.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.reading import ReadError, read_text, split_front_matter
from ..model import Archive, Article, Issue, Paper
from ..site.text import (EMPTY_SECTION, byline_text, credit_text, format_date, issue_number, section_label,
                         subtitle_text, total_label)
from .blocks import MarkdownSetup, plain_text
from .headlines import display_title, keep_words, title_parts
from .lunar import lunar_date
from .messages import Message

MINOR_CHARS = 260  # a story shorter than this is set small unless the editor says otherwise
GUIDE_PER_PAGE = 2
MIN_PIXELS = 32  # a photo with a shorter side prints as a blur of colour
MAX_ASPECT = 8  # longer side over shorter side: beyond this no module holds the photo


@dataclass(frozen=True)
class Photo:
    src: str  # content path of the original
    width: int  # pixels, upright
    height: int
    caption: str = ""
    credit: str = ""
    focus: tuple[float, float] | None = None

    @property
    def aspect(self) -> float:
        return self.width / self.height


@dataclass(frozen=True)
class Brief:
    title: str
    blocks: tuple = ()
    key: str = ""
    parts: tuple[str, ...] = ()  # the title's lines where the editor broke it by hand (|)


@dataclass(frozen=True)
class Item:
    """One module's content. ``key`` is the article's content path (the 数字报 page view links
    regions by it); the 短消息 box is ``briefs:<版>``, the 导读 ``guide``."""

    key: str
    kind: str  # news | notice | photo | briefs | guide | poster (公益广告, from the fillers pool)
    weight: str = "normal"  # lead | normal | minor
    title: str = ""
    title_parts: tuple[str, ...] = ()
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    blocks: tuple = ()
    photos: tuple[Photo, ...] = ()
    briefs: tuple[Brief, ...] = ()
    columns: int | None = None
    photo_columns: int | None = None
    jump: bool = True
    draft: bool = False
    jump_from: int | None = None  # 上接第N版
    jump_to: int | None = None  # 下转第N版
    verse: bool = False  # lines broken by hand (a poem): not spread over many columns
    filler: bool = False  # 备用稿 or 公益广告: printed only where a 版 has room
    spans: tuple[int, ...] = ()  # a poster's print widths in columns (its height follows its aspect)
    label: str = ""  # what messages call a poster (its title in the pool)

    @property
    def chars(self) -> int:
        return len(plain_text(list(self.blocks))) + sum(len(plain_text(list(b.blocks))) for b in self.briefs)

    @property
    def keys(self) -> tuple[str, ...]:
        """The articles in this module (the 短消息 box holds several)."""
        return tuple(b.key for b in self.briefs) if self.kind == "briefs" else (self.key,) if self.kind not in ("guide", "poster") else ()


@dataclass(frozen=True)
class PageContent:
    page: int
    name: str
    editor: str
    label: str  # 第2版
    items: tuple[Item, ...]
    fillers: tuple[Item, ...] = ()  # its 备用稿 (front matter ``print: {filler: true}``), printed only if there is room


@dataclass(frozen=True)
class IssueContent:
    issue_id: str
    label: str  # 《桂园》第101期, in messages
    title: str  # PDF title
    author: str
    date: tuple[int, int, int]
    masthead: dict
    pages: tuple[PageContent, ...]
    colophon: tuple[str, ...] = ()
    keywords: tuple[str, ...] = field(default=())
    messages: tuple[Message, ...] = ()  # photos that cannot be printed, each naming its file and field
    posters: tuple[Item, ...] = ()  # the paper's 公益广告 (``content/fillers/posters.yml``), for 版 with room


def issue_content(archive: Archive, issue: Issue, content_dir: Path, setup: MarkdownSetup, photo_size,
                  posters: tuple[Item, ...] = ()) -> IssueContent:
    """The printable content of ``issue``; ``photo_size(src)`` gives a photo's upright pixel size;
    ``posters``: the fillers pool's 公益广告 (:mod:`.fillers`)."""
    paper = archive.paper
    pages, notes = [], []
    label = f"《{paper.name}》{issue_number(issue)}"
    sized = _checked_sizes(photo_size, label, notes)
    for section in issue.sections:
        articles = [a for a in issue.articles if a.page == section.page]
        items = _page_items([a for a in articles if not a.print.filler], archive, content_dir, setup, sized)
        fillers = tuple(_filler(a, archive, content_dir, setup, sized) for a in articles if a.print.filler)
        pages.append(PageContent(section.page, section.name, section.editor, section_label(section.page), tuple(items),
                                 fillers))
    if pages:
        pages[0] = replace(pages[0], items=_with_guide(pages[0].items, pages[1:]))
    return IssueContent(
        issue_id=issue.id,
        label=label,
        title=f"{paper.name} {issue_number(issue)}" + (f" · {issue.title}" if issue.title else ""),
        author=paper.publisher or paper.name,
        date=(issue.date.year, issue.date.month, issue.date.day),
        masthead=_masthead(paper, issue),
        pages=tuple(pages),
        colophon=tuple(colophon_lines(paper, issue)),
        keywords=(paper.name, issue_number(issue), issue.date.isoformat()),
        messages=(*notes, *internal_missing(paper, label)),
        posters=posters,
    )


def _filler(article: Article, archive: Archive, content_dir: Path, setup: MarkdownSetup, photo_size) -> Item:
    """A 备用稿 as a module of its own (a 短消息 among them too: it is not put in the box)."""
    blocks, inline_photos = _body(article, content_dir, setup)
    item = _item(article, archive, blocks, inline_photos, photo_size)
    return replace(item, filler=True, jump=False, kind="news" if item.kind == "brief" else item.kind,
                   weight="minor" if item.weight == "lead" else item.weight)


def _checked_sizes(photo_size, label: str, notes: list[Message]):
    """``photo_size`` that says (in ``notes``) why a photo cannot be printed and gives None for
    it: unreadable, too few pixels, or too long and thin for any module."""

    def sized(src: str, where: str) -> tuple[int, int] | None:
        size = photo_size(src)
        problem = photo_problem(size)
        if problem:
            notes.append(Message("warning", f"{where}: {label}的照片 {src} {problem}，印刷版没有印这张照片", lost_photos=1))
            return None
        return size

    return sized


def photo_problem(size: tuple[int, int] | None) -> str:
    """Why a photo of ``size`` (upright pixels; None: unreadable) cannot be printed, or ""."""
    if size is None:
        return "打不开（文件不完整或不是照片）：请换一个完好的文件"
    width, height = size
    if min(width, height) < MIN_PIXELS:
        return f"只有 {width}×{height} 像素，印出来是一片色块：请换用原图（短边至少 {MIN_PIXELS} 像素，最好 1000 以上）"
    if max(width, height) > MAX_ASPECT * min(width, height):
        return (f"是 {width}×{height} 像素，长边超过短边的 {MAX_ASPECT} 倍，任何栏宽都放不下："
                f"请裁成较方正的照片后再用")
    return ""


# 《内部资料性出版物管理办法》: a 内部资料 prints its 准印证号, 编印单位, 印刷单位, 印数, 发送对象 and
# 印刷日期; here each with the mkdocs.yml option that gives it (印刷日期: issue.yml ``printed`` or ``date``).
INTERNAL_FIELDS = (("准印证号", "paper_permit", "permit"), ("编印单位", "paper_edited_by", "edited_by"),
                   ("印刷单位", "paper_printed_by", "printed_by"), ("印数", "paper_copies", "copies"),
                   ("发送对象", "paper_recipients", "recipients"))


def colophon_lines(paper: Paper, issue: Issue) -> list[str]:
    """The 报尾: every field a 内部资料 must carry (and 地址, 电话), those given for another paper."""
    parts = [("编印单位", paper.edited_by), ("印刷单位", paper.printed_by), ("印数", paper.copies),
             ("发送对象", paper.recipients)]
    if paper.internal:
        parts = [("准印证号", _permit_number(paper.permit)), *parts,
                 ("印刷日期", format_date(issue.printed or issue.date))]
    parts += [("地址", paper.address), ("电话", paper.phone)]
    return [f"{label}：{value}" for label, value in parts if value]


def _permit_number(permit: str) -> str:
    """``准印证号 K-0002`` as set in mkdocs.yml → ``K-0002`` (the 报尾 labels it itself)."""
    return permit.strip().removeprefix("准印证号").lstrip("：: ").strip()


def internal_missing(paper: Paper, label: str) -> list[Message]:
    """A warning when a 内部资料's 报尾 lacks a field the regulation names."""
    if not paper.internal:
        return []
    missing = [(name, option) for name, option, attr in INTERNAL_FIELDS if not getattr(paper, attr).strip()]
    if not missing:
        return []
    names, options = "、".join(n for n, _ in missing), "、".join(o for _, o in missing)
    return [Message("warning", f"mkdocs.yml: {options}: {label}是内部资料，《内部资料性出版物管理办法》要求报尾印上{names}："
                               f"请在 mkdocs.yml 的 shequbao 设置里填写 {options}")]


def _masthead(paper: Paper, issue: Issue) -> dict:
    return {
        "name": paper.name, "number": issue_number(issue), "total": total_label(issue),
        "date": format_date(issue.date, weekday=True), "short_date": format_date(issue.date),
        "lunar": lunar_date(issue.date), "publisher": f"{paper.publisher} 主办" if paper.publisher else "",
        "permit": paper.permit, "title": issue.title, "internal": "内部资料 免费交流" if paper.internal else "",
        "empty": EMPTY_SECTION, "colour": paper.colour,
        "image": None if paper.masthead is None else {
            "file": paper.masthead.file, "name": f"baotou.{paper.masthead.suffix}",
            "ratio": paper.masthead.height / max(1, paper.masthead.width)},
    }


def _page_items(articles: list[Article], archive: Archive, content_dir: Path, setup: MarkdownSetup, photo_size) -> list[Item]:
    items: list[Item] = []
    briefs: list[Brief] = []
    for article in articles:
        blocks, inline_photos = _body(article, content_dir, setup)
        if article.kind == "brief":
            tail = " ".join(part for part in (byline_text(article, archive.people),
                                               f"来源：{article.source}" if article.source else "") if part)
            if tail:
                blocks = [*blocks, {"t": "src", "runs": [{"s": f"（{tail}）"}], "first": True}]
            if not briefs:
                items.append(Item(key=f"briefs:{article.page}", kind="briefs", weight="minor", title="短消息"))
            parts = title_parts(article.title)
            hand = (*parts[:-1], _draft_mark(parts[-1], article)) if len(parts) > 1 else ()
            briefs.append(Brief(_draft_mark(display_title(article.title), article), tuple(blocks), article.src, hand))
            continue
        items.append(_item(article, archive, blocks, inline_photos, photo_size))
    items = [replace(i, briefs=tuple(briefs)) if i.kind == "briefs" else i for i in items]
    lead = next((i for i in items if i.kind == "news" and i.weight == "lead"), None)
    if lead is None:
        first = next((i for i in items if i.kind == "news" and i.weight == "normal" and i.chars >= MINOR_CHARS), None)
        stories = [i for i in items if i.kind == "news" and i.title]
        if first is None and len(stories) > 1:  # short pieces only (a 文苑 版): the longest leads all the same
            first = max(stories, key=lambda i: i.chars)
        items = [replace(i, weight="lead") if i is first else i for i in items]
    leads = [i for i in items if i.weight == "lead"][:1]
    return leads + [i for i in items if i not in leads]  # the 头条 heads its 版


def _item(article: Article, archive: Archive, blocks: list, inline_photos: list, photo_size) -> Item:
    hints = article.print
    photos = [_photo(image.src, image.caption, credit_text(image, archive.people), image.focus,
                     lambda src, i=index: photo_size(src, f"{article.src}: images[{i}].src"))
              for index, image in enumerate(article.images) if image.src]
    photos += [_photo(src, alt, "", None, lambda s: photo_size(s, f"{article.src}: 正文里的图片")) for src, alt in inline_photos]
    if article.source:
        blocks = [*blocks, {"t": "src", "runs": [{"s": f"（来源：{article.source}）"}], "first": True}]
    text_chars = len(plain_text(blocks))
    weight = hints.weight or ("minor" if article.kind == "notice" or text_chars < MINOR_CHARS and not photos else "normal")
    title = _draft_mark(display_title(article.title) if article.title else "", article)
    parts = title_parts(article.title) if article.title else []
    if article.draft and parts:
        parts[-1] = _draft_mark(parts[-1], article)
    byline = byline_text(article, archive.people)
    if article.kind == "photo":
        blocks = _photo_text(article, blocks, byline)
        byline = ""
    breaks = sum(1 for block in blocks for run in block["runs"] if run.get("br"))
    return Item(
        verse=breaks >= 2 * max(1, len(blocks)) and breaks >= 4,
        key=article.src, kind=article.kind, weight=weight, title=title, title_parts=tuple(parts),
        kicker=article.kicker, subtitle=subtitle_text(article.subtitle), byline=byline,
        blocks=tuple(blocks), photos=tuple(p for p in photos if p is not None),
        columns=hints.columns, photo_columns=hints.photo_columns, jump=hints.jump, draft=article.draft,
    )


def _photo_text(article: Article, blocks: list, byline: str) -> list:
    """A 图片新闻's text is its caption block: the text, then who took the photos."""
    if byline:
        blocks = [*blocks, {"t": "src", "runs": [{"s": byline}], "first": True}]
    return blocks


def _photo(src: str, caption: str, credit: str, focus, photo_size) -> Photo | None:
    size = photo_size(src)
    if size is None:
        return None
    return Photo(src, size[0], size[1], caption, credit, focus)


def _draft_mark(text: str, article: Article) -> str:
    return f"{text}（草稿）" if article.draft and text else text


def _with_guide(items: tuple[Item, ...], others: list[PageContent]) -> tuple[Item, ...]:
    """Page 1's 导读: the main stories of the other 版, after page 1's lead."""
    entries = []
    for page in others:
        stories = [i for i in page.items if i.kind in ("news", "photo", "notice") and i.title]
        stories.sort(key=lambda i: (i.weight != "lead", i.kind == "notice"))
        for story in stories[:GUIDE_PER_PAGE]:
            runs = [{"s": f"{page.page}版"}, {"s": keep_words(story.title)}]  # “2版”, as 导读 print it (第2版 heads a page)
            entries.append(Brief(story.title, ({"t": "guide", "runs": runs, "first": True},), story.key))
    if not entries:
        return items
    guide = Item(key="guide", kind="guide", weight="minor", title="本期导读", briefs=tuple(entries))
    at = 1 if items and items[0].kind != "briefs" else 0
    return (*items[:at], guide, *items[at:])


def _body(article: Article, content_dir: Path, setup: MarkdownSetup) -> tuple[list, list]:
    """The body as blocks, and the photos put in its text as (content path, caption)."""
    path = content_dir / article.src
    try:
        _, text, _ = split_front_matter(read_text(path))
    except (OSError, ReadError):
        return [], []
    blocks, photos = setup.parse(text)
    folder = path.parent.resolve()
    inline = []
    for src, alt in photos:
        if ":" in src or src.startswith("/"):
            continue
        target = (path.parent / src).resolve()
        if target.is_file() and target.is_relative_to(folder):
            inline.append((target.relative_to(content_dir.resolve()).as_posix(), alt))
    return blocks, inline
