"""Every kind of page a build makes, each one record: its template, what readers call it, the
view it shows (built by ``registry.plan_pages``) and the recipe of its cache key, side by side
(Hugo's ``page_kinds.go`` is the model). A new kind is a new :class:`Kind` and a new row of
:data:`KINDS`; ``tests/test_recipes.py`` fails while it has no recipe, or while its template
reads something its recipe does not cover.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from . import recipes
from .epaper import BanView
from .gallery import GalleryPage, IssueGalleryView
from .people import PeopleIndex, PersonPage
from .views import ArchivePage, ArticleView, IssueView, SearchView
from .wechat import WechatView


class Kind(StrEnum):
    """Every kind of page a build makes."""

    HOME = "home"  # the home page: the paper's introduction over the latest issue
    PAGE = "page"  # another page the editors wrote at the top of content/ (关于)
    ISSUE = "issue"
    ARTICLE = "article"
    ARCHIVE = "archive"  # 往期, paginated
    PEOPLE = "people"  # 作者
    PERSON = "person"  # one person's byline archive, paginated
    GALLERY = "gallery"  # 图片, paginated
    ISSUE_GALLERY = "issue-gallery"
    SEARCH = "search"
    BAN = "ban"  # 数字报: one 版 as the printed page, its stories as link regions
    WECHAT = "wechat"  # 复制到公众号: an article, or an issue as a digest, as HTML the mp editor keeps


@dataclass(frozen=True)
class PageKind:
    kind: Kind
    template: str  # our template ("": the theme's default, for the editors' own pages)
    label: str  # what readers call it
    view: type | None  # what its template gets as ``sqb.view``
    recipe: Callable[..., list[str]] | None  # its cache key's inputs (recipes.py); None: rendered on every build
    generated: bool = True  # no file of content/ behind it
    listed: bool = True  # in the sitemap, for search engines (False: noindex too)
    uncached: str = ""  # why it has no recipe


KINDS: dict[Kind, PageKind] = {k.kind: k for k in (
    PageKind(Kind.HOME, "shequbao/home.html", "首页", IssueView, None, generated=False,
             uncached="in the menu: MkDocs links it from every page, so every build renders it"),
    PageKind(Kind.PAGE, "", "编辑写的页面（关于）", None, None, generated=False,
             uncached="the editors' own pages are in the menu and may link anything"),
    PageKind(Kind.ISSUE, "shequbao/issue.html", "一期", IssueView, recipes.issue_recipe),
    PageKind(Kind.ARTICLE, "shequbao/article.html", "文章", ArticleView, recipes.article_recipe, generated=False),
    PageKind(Kind.ARCHIVE, "shequbao/archive.html", "往期", ArchivePage, recipes.archive_recipe),
    PageKind(Kind.PEOPLE, "shequbao/people.html", "作者", PeopleIndex, recipes.people_recipe),
    PageKind(Kind.PERSON, "shequbao/person.html", "一位作者", PersonPage, recipes.person_recipe),
    PageKind(Kind.GALLERY, "shequbao/gallery.html", "图片", GalleryPage, recipes.gallery_recipe),
    PageKind(Kind.ISSUE_GALLERY, "shequbao/gallery.html", "本期图片", IssueGalleryView, recipes.issue_gallery_recipe),
    PageKind(Kind.SEARCH, "shequbao/search.html", "搜索", SearchView, recipes.search_recipe),
    PageKind(Kind.BAN, "shequbao/ban.html", "数字报的一版", BanView, recipes.ban_recipe),
    PageKind(Kind.WECHAT, "shequbao/wechat.html", "复制到公众号", WechatView, recipes.wechat_recipe, listed=False),
)}
