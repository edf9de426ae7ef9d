"""The newspaper as data: immutable once loaded. Knows nothing of MkDocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

KINDS = ("news", "brief", "photo", "notice")
# Byline roles, in the order a Chinese byline prints them (their labels are in site/text.py).
ROLES = ("authors", "reporters", "correspondents", "interns", "photographers")
# Photos the site publishes (as renditions), and other picture files it recognises to refuse.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
ORIGINAL_SUFFIXES = IMAGE_SUFFIXES + (".heic", ".heif", ".avif", ".tif", ".tiff", ".bmp", ".dng", ".raw", ".cr2", ".nef", ".arw")


@dataclass(frozen=True)
class MastheadImage:
    """The paper's 报头 image (题字), PNG or JPEG, checked (``photos/brand.py``) and cached."""

    file: str = field(repr=False, compare=False)  # the cached copy (its path is no part of any key)
    digest: str = ""  # of its bytes
    suffix: str = "png"
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class Paper:
    """Paper-wide settings from ``mkdocs.yml`` (the plugin's ``paper_*`` options)."""

    name: str
    publisher: str = ""
    permit: str = ""
    # 报尾 of the print edition's last 版, and page 1's "内部资料 免费交流" (``paper_*`` options)
    edited_by: str = ""  # 编印单位
    printed_by: str = ""  # 印刷单位
    copies: str = ""  # 印数
    recipients: str = ""  # 发送对象 (a 内部资料 must print it)
    address: str = ""  # 地址
    phone: str = ""  # 电话
    icp: str = ""  # ICP 备案号 (mainland hosting), in every page's footer
    police_record: str = ""  # 公安备案号, in every page's footer
    internal: bool = False  # 内部资料 免费交流: on the site's footer and page 1 of the print edition
    full_name: str = ""  # the name a chat knows it by (桂园社区报): page titles and share cards
    colour: str = ""  # ``#rrggbb``: the 报头, rules and links on the web and in print (``paper_colour``)
    masthead: MastheadImage | None = None  # a 报头 image (题字) in place of the set-type name

    @property
    def chat_name(self) -> str:
        """The paper's name where it stands alone (a shared link in WeChat): 桂园社区报, not 桂园."""
        return self.full_name or self.name


@dataclass(frozen=True)
class Person:
    """Someone in a byline or photo credit. ``key`` is how articles name them (``陈玲``,
    ``张伟@平凉``); ``name`` is how the paper prints them."""

    key: str
    name: str
    slug: str
    title: str = ""  # e.g. 社区通讯员
    bio: str = ""
    moved_from: tuple[str, ...] = ()  # page slugs of names this person had before (people.yml 曾用名): redirects


@dataclass(frozen=True)
class Image:
    """A photo of an article. ``src`` is relative to the content folder; empty when the
    photo has not been supplied yet (imported captions)."""

    src: str
    caption: str = ""
    credit: str = ""  # a person's key when ``credit_is_person``, else as written (资料图片)
    credit_is_person: bool = False
    focus: tuple[float, float] | None = None  # print: the point a crop keeps (x, y as fractions)


WEIGHTS = ("lead", "normal", "minor")


@dataclass(frozen=True)
class PrintHints:
    """An editor's hints for the print layout (front matter ``print:``); None: the layout decides."""

    weight: str | None = None  # lead | normal | minor
    columns: int | None = None  # module width in columns
    photo_columns: int | None = None  # photo width in columns
    jump: bool = True  # may continue on another 版 (转版)
    filler: bool = False  # 备用稿: printed only where a 版 has room (always on the web)


@dataclass(frozen=True)
class Section:
    """A print page (版面) of an issue."""

    page: int
    name: str
    editor: str = ""


@dataclass(frozen=True)
class Article:
    """One article, brief, photo item or notice."""

    issue_id: str
    slug: str
    src: str  # path of the Markdown file, relative to the content folder
    title: str
    kind: str
    page: int
    date: dt.date
    order: int | None = None
    kicker: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    interns: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    source: str = ""
    images: tuple[Image, ...] = ()
    draft: bool = False
    excerpt: str = ""
    print: PrintHints = PrintHints()
    digest: str = ""  # sha256 of the file's text: caches keyed by content need not read it again
    links_pages: bool = False  # its text links to other pages by their file (foo.md): their addresses are in it

    @property
    def sort_key(self) -> tuple:
        # Unordered items follow the ordered ones on their page, by file name.
        return (self.page, self.order is None, self.order or 0, self.slug)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.images[0].caption if self.images and self.images[0].caption else "图片新闻"


@dataclass(frozen=True)
class Issue:
    """One issue (期): its folder name is its id and URL slug."""

    id: str
    number: int
    date: dt.date
    sections: tuple[Section, ...]
    total: int | None = None
    title: str = ""
    articles: tuple[Article, ...] = field(default=(), repr=False)  # in print order
    printed: dt.date | None = None  # 印刷日期 in the 报尾 (issue.yml ``printed``; default: ``date``)
    print: bool = True  # False: web-only (an imported issue whose 版 nobody has planned): no print edition

    @property
    def src(self) -> str:
        return f"issues/{self.id}/issue.yml"

    def section(self, page: int) -> Section | None:
        return next((s for s in self.sections if s.page == page), None)


@dataclass(frozen=True)
class Archive:
    """Every issue of the paper, newest first, and everyone in its bylines and credits."""

    paper: Paper
    issues: tuple[Issue, ...]
    people: Mapping[str, Person] = field(default_factory=dict)  # key as written → person
    static_pages: tuple[tuple[str, str], ...] = ()  # (src, title) of the editors' own pages (首页, 关于)
    held_back: tuple[Issue, ...] = ()  # issues with nothing published (all drafts): in no page, feed or PDF

    def issue(self, issue_id: str) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)

    @property
    def article_count(self) -> int:
        return sum(len(issue.articles) for issue in self.issues)

    def preview(self, spec: str) -> Archive:
        """The issues a preview shows: ``all``, the newest ``N``, or issue ids ``2012-07,2012-08``."""
        spec = spec.strip()
        if not spec or spec == "all" or spec == "0":
            return self
        if spec.isdigit():
            return replace(self, issues=self.issues[:int(spec)])
        wanted = {part.strip() for part in spec.split(",")}
        return replace(self, issues=tuple(i for i in self.issues if i.id in wanted))
