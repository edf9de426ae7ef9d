"""The page registry: which pages the paper has, and where every page and file is published.

This is the only module that builds a path of the site. :func:`plan_pages` decides, from the
loaded archive, every page a build makes (a closed set of :class:`Kind`), each with its
source, URL, template, title, date and view (what it lists); the ``*_path`` functions name the
other files (feeds, PDFs, renditions, the search index). Knows nothing of MkDocs: the plugin
hands the planned pages to MkDocs as they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache.store import FINGERPRINT_HEX
from ..content.slugs import make_slug
from ..model import Archive, Article, Issue, Paper, Person
from .epaper import generate_ban_views
from .kinds import KINDS, Kind
from .gallery import generate_gallery_pages, generate_issue_galleries
from .people import PersonPage, generate_people_pages
from .text import issue_label, issue_number, page_title, section_title
from .views import (ArchivePage, ArticleView, generate_archive_pages, generate_article_views, generate_issue_views,
                    generate_search_view)
from .wechat import WechatView, generate_wechat_views

# Names that would collide with a page or folder of the registry (issues/page/2/, people/index/,
# issues/<id>/gallery/ …): no issue folder, article file or person's slug may be one of these.
FEED_FILE = "feed.xml"
SEARCH_INDEX = "pagefind"  # the folder of the search index in the site
SEARCH_FILTERS = "search/filters.json"  # the choices of the search page's filters (search.filter_choices)
ASSETS = "assets/shequbao"  # our stylesheet and scripts
# GLightbox, as the mkdocs-glightbox plugin publishes it (shequbao.js loads it on the first tap on a photo).
LIGHTBOX = {"script": "assets/javascripts/glightbox.min.js", "style": "assets/stylesheets/glightbox.min.css"}
ASSET_SOURCES = Path(__file__).parents[1] / "templates" / ASSETS
# Files whose name changes whenever their content does, so a browser or CDN may keep them a
# year: ours (shequbao.<hash>.css, dianti-960.<hash>.webp), Material's (main.<hash>.min.css)
# and Pagefind's chunks (zh-cn_<hash>.pf_fragment). Everything else is cached briefly.
FINGERPRINTED = re.compile(r"(\.[0-9a-f]{8,}\.(min\.)?[a-z0-9]+|_[0-9a-f]{7,}\.pf_(meta|index|fragment|filter))$")


@dataclass(frozen=True)
class Page:
    """One page of the site. ``src`` is its content path (a file of ``content/``, or the
    name MkDocs knows a generated page by); ``url`` is relative to the site root."""

    kind: Kind
    src: str
    url: str
    title: str
    date: dt.date | None
    view: Any = field(default=None, compare=False, repr=False)
    number: int = 1  # of a paginated list

    @property
    def template(self) -> str:
        """Our template for the page ("" for the editors' own pages: the theme's default)."""
        return KINDS[self.kind].template

    @property
    def generated(self) -> bool:
        return KINDS[self.kind].generated

    @property
    def dest(self) -> str:
        """The file written, relative to the site folder."""
        return self.url + "index.html" if not self.url or self.url.endswith("/") else self.url


@dataclass(frozen=True)
class PlanOptions:
    """What decides the set of pages besides the content (the plugin's options)."""

    directory_urls: bool = True
    archive_per_page: int = 60
    people_per_page: int = 50
    images_per_page: int = 60


class Site:
    """Every page of a build, by source, with look-ups by what a page shows."""

    def __init__(self, pages: list[Page], directory_urls: bool):
        self.pages: dict[str, Page] = {page.src: page for page in pages}
        self.directory_urls = directory_urls
        self._series: dict[tuple, Page] = {}  # (kind, key, number) → page
        for page in pages:
            self._series[(page.kind, _series_key(page), page.number)] = page

    def __iter__(self):
        return iter(self.pages.values())

    def __len__(self) -> int:
        return len(self.pages)

    def get(self, src: str) -> Page | None:
        return self.pages.get(src)

    def find(self, kind: Kind, key: str = "", number: int = 1) -> Page | None:
        return self._series.get((kind, key, number))

    def home(self) -> Page | None:
        return self.find(Kind.HOME)

    def issue(self, issue: Issue) -> Page:
        return self._series[(Kind.ISSUE, issue.id, 1)]

    def article(self, article: Article) -> Page:
        return self.pages[article.src]

    def archive(self, number: int = 1) -> Page:
        return self._series[(Kind.ARCHIVE, "", number)]

    def people(self) -> Page:
        return self._series[(Kind.PEOPLE, "", 1)]

    def person(self, person: Person, number: int = 1) -> Page | None:
        return self.find(Kind.PERSON, person.slug, number)

    def gallery(self, number: int = 1) -> Page | None:
        return self.find(Kind.GALLERY, "", number)

    def issue_gallery(self, issue: Issue) -> Page | None:
        return self.find(Kind.ISSUE_GALLERY, issue.id)

    def search(self) -> Page:
        return self._series[(Kind.SEARCH, "", 1)]

    def wechat(self, issue: Issue, article: Article | None = None) -> Page | None:
        """The 复制到公众号 page of ``article``, or of the whole ``issue``."""
        return self.get(wechat_src(issue, article))

    def ban(self, issue: Issue, page: int) -> Page | None:
        """The page view of 第``page``版 of ``issue``."""
        return self.find(Kind.BAN, issue.id, page)

    def sibling(self, page: Page, number: int) -> Page:
        """Page ``number`` of the paginated list ``page`` belongs to."""
        return self._series[(page.kind, _series_key(page), number)]

    def feed_url(self, person: Person | None = None) -> str:
        return feed_path(person)


def plan_pages(archive: Archive, static: tuple[tuple[str, str], ...], options: PlanOptions,
               printed: Mapping[str, Any] | None = None) -> Site:
    """Every page of the paper: ``static`` are the editors' own pages at the top of the content
    folder (``(src, title)``: ``index.md`` is the home page, others like ``about.md``);
    ``printed`` the print edition of each issue (by id), when the build makes them."""
    newest = archive.issues[0].date if archive.issues else None
    urls = options.directory_urls
    pages: list[Page] = []
    issue_views = generate_issue_views(archive)
    for src, title in static:
        kind = Kind.HOME if src == "index.md" else Kind.PAGE
        view = issue_views[0] if kind is Kind.HOME and issue_views else None
        pages.append(Page(kind, src, _url(src, urls), title, newest, view))
    for view in issue_views:
        issue = view.issue
        pages.append(Page(Kind.ISSUE, _issue_src(issue), _url(_issue_src(issue), urls), issue_label(issue), issue.date, view))
        for article_view in generate_article_views(issue):
            pages.append(_article_page(article_view, urls))
        pages += [_wechat_page(wv, urls) for wv in generate_wechat_views(issue)]
        for ban in generate_ban_views(issue, (printed or {}).get(issue.id), view.previous, view.next):
            src = f"issues/{issue.id}/{ban.section.page}.md"
            title = f"{section_title(ban.section.page, ban.section.name)} · {issue_number(issue)}"
            pages.append(Page(Kind.BAN, src, _url(src, urls), title, issue.date, ban, ban.section.page))
    for view in generate_archive_pages(issue_views, options.archive_per_page):
        src = _numbered("issues", view.number)
        pages.append(Page(Kind.ARCHIVE, src, _url(src, urls), page_title("往期", view.number), _newest(view) or newest, view, view.number))
    index, people = generate_people_pages(archive, options.people_per_page)
    pages.append(Page(Kind.PEOPLE, "people/index.md", _url("people/index.md", urls), "作者", newest, index))
    for view in people:
        src = f"people/{view.person.slug}.md" if view.number == 1 else f"people/{view.person.slug}/page/{view.number}.md"
        title = page_title(view.person.name, view.number)
        pages.append(Page(Kind.PERSON, src, _url(src, urls), title, _newest(view) or newest, view, view.number))
    for view in generate_issue_galleries(archive):
        src = f"issues/{view.issue.id}/gallery.md"
        pages.append(Page(Kind.ISSUE_GALLERY, src, _url(src, urls), f"图片 · 第{view.issue.number}期", view.issue.date, view))
    for view in generate_gallery_pages(archive, options.images_per_page):
        src = _numbered("gallery", view.number)
        pages.append(Page(Kind.GALLERY, src, _url(src, urls), page_title("图片", view.number), _newest(view) or newest, view, view.number))
    search = generate_search_view(page.date.year for page in pages if page.kind is Kind.ARTICLE)
    pages.insert(0, Page(Kind.SEARCH, "search.md", _url("search.md", urls), "搜索", newest, search))
    return Site(pages, urls)


def derived_files(site: Site, paper: Paper, images: Any, editions: Mapping[str, Any], logo: Any = None) -> list[tuple[str, str]]:
    """Every file the build links from the cache into the site, ``(path in the site, cached
    file)``: photo renditions, print editions (whole issue and per 版), the page images and the
    share cards' logo (``photos.logo.Logo``)."""
    files = list(images.outputs()) if images is not None else []
    if logo is not None:
        files.append((logo_path(logo), logo.file))
    if paper.masthead is not None:
        files.append((masthead_path(paper), paper.masthead.file))
    for page in site:
        if page.kind is Kind.ISSUE and page.view.issue.id in editions:
            files.append((pdf_path(paper, page.view.issue), str(editions[page.view.issue.id].path)))
        elif page.kind is Kind.BAN:
            view = page.view
            if view.pdf is not None:
                files.append((ban_pdf_path(paper, view.issue, view.section.page), view.pdf.path))
            if view.image is not None:
                files += [(ban_image_path(view.issue, view.section.page, width, fmt, view.image.version), file)
                          for width, fmt, file in view.image.files]
    return files
def site_nav(content_files: set[str]) -> list[dict[str, str]]:
    """The site's menu when mkdocs.yml has none: 首页, 往期, 作者, 图片, and 关于 when the
    content has about.md (``content_files``: the editors' own pages at the top of content/)."""
    fixed = (("首页", "index.md"), ("往期", "issues/index.md"), ("作者", "people/index.md"), ("图片", "gallery/index.md"),
             ("关于", "about.md"))
    return [{title: src} for title, src in fixed if "/" in src or src in content_files]


def names_issue_or_article(src: str) -> bool:
    """Whether a nav entry names one issue or article (anything under issues/ but 往期 itself)."""
    src = src.lstrip("./")
    return src.startswith("issues/") and src != _numbered("issues", 1)


def feed_path(person: Person | None = None) -> str:
    """``feed.xml`` (the paper's RSS) or ``people/<slug>/feed.xml``."""
    return FEED_FILE if person is None else f"people/{person.slug}/{FEED_FILE}"


def pdf_path(paper: Paper, issue: Issue) -> str:
    """The print edition: ``issues/<id>/<paper-slug>-<id>.pdf`` (``shequbao-<id>.pdf`` if the
    paper's name has no pinyin)."""
    return f"issues/{issue.id}/{pdf_filename(paper, issue)}"


def pdf_filename(paper: Paper, issue: Issue) -> str:
    return f"{make_slug(paper.name) or 'shequbao'}-{issue.id}.pdf"


def ban_pdf_path(paper: Paper, issue: Issue, page: int) -> str:
    """One 版 of the print edition: ``issues/<id>/<paper-slug>-<id>-<N>.pdf``."""
    return pdf_path(paper, issue).removesuffix(".pdf") + f"-{page}.pdf"


def ban_image_path(issue: Issue, page: int, width: int, fmt: str, version: str) -> str:
    """The printed 版 as an image: ``issues/<id>/<N>/ban-800.<version>.webp`` (``version`` names
    the print edition it comes from, so a changed page never hides behind a cached one)."""
    suffix = "jpg" if fmt == "jpeg" else fmt
    return f"issues/{issue.id}/{page}/ban-{width}.{version}.{suffix}"


def moved_person_path(slug: str, directory_urls: bool) -> str:
    """The file at a renamed person's old address (``people/<old-slug>/index.html``): a redirect."""
    return f"people/{slug}/index.html" if directory_urls else f"people/{slug}.html"


def search_index_path(part: str | None = None) -> str:
    """The folder of the search index, ``pagefind/``, or of one of its parts (``views.SearchView``): ``pagefind/2025/``."""
    return f"{SEARCH_INDEX}/" if part is None else f"{SEARCH_INDEX}/{part}/"


def search_filters_path() -> str:
    """The choices of the search filters (years, 版面, kinds, people): ``search/filters.json``."""
    return SEARCH_FILTERS


UNSENT_THEME_FILES = ("assets/javascripts/bundle.", "assets/javascripts/lunr/", "assets/javascripts/workers/")


def is_unsent_theme_file(uri: str, palette: bool) -> bool:
    """Whether a file of Material's is never fetched by our pages (base.html replaces its scripts
    block; its stylesheets' source maps; the palette stylesheet unless ``theme.palette`` is set)."""
    return (uri.startswith(UNSENT_THEME_FILES) or uri.endswith(".map")
            or (not palette and uri.startswith("assets/stylesheets/palette.")))


def asset_path(name: str) -> str:
    """Our stylesheet and scripts, fingerprinted with their content:
    ``assets/shequbao/shequbao.<8 hex>.css`` for ``shequbao.css``."""
    stem, dot, suffix = name.rpartition(".")
    return f"{ASSETS}/{stem}.{_asset_digest(name)}{dot}{suffix}"


def asset_source(name: str) -> str:
    """Where the theme holds one of our assets (its file before fingerprinting): ``assets/shequbao/<name>``."""
    return f"{ASSETS}/{name}"


def masthead_path(paper: Paper) -> str:
    """The paper's 报头 image (题字), fingerprinted: ``assets/shequbao/baotou.<8 hex>.png``."""
    return f"{ASSETS}/baotou.{paper.masthead.digest[:FINGERPRINT_HEX]}.{paper.masthead.suffix}"


def logo_path(logo: Any) -> str:
    """The share cards' logo (``photos.logo.Logo``), fingerprinted: ``assets/shequbao/logo.<8 hex>.png``."""
    return f"{ASSETS}/logo.{logo.digest[:FINGERPRINT_HEX]}.{logo.suffix}"


def lightbox_path(part: str) -> str:
    """GLightbox's ``script`` or ``style``, where mkdocs-glightbox puts them."""
    return LIGHTBOX[part]


def is_fingerprinted(path: str) -> bool:
    """Whether a file of the site is named by its content (safe to cache for a year)."""
    return bool(FINGERPRINTED.search(path))


_ASSET_DIGESTS: dict[tuple[str, int], str] = {}


def _asset_digest(name: str) -> str:
    source = ASSET_SOURCES / name
    stamp = source.stat().st_mtime_ns  # a developer editing the stylesheet under `mkdocs serve` gets a new name
    if (name, stamp) not in _ASSET_DIGESTS:
        _ASSET_DIGESTS[(name, stamp)] = hashlib.sha256(source.read_bytes()).hexdigest()[:FINGERPRINT_HEX]
    return _ASSET_DIGESTS[(name, stamp)]


def served_file(path: str) -> str:
    """The file a web server sends for a URL path inside the site: ``a/`` → ``a/index.html``."""
    return posixpath.join(path, "index.html") if not path or path.endswith("/") or path == "." else path


def url_of_file(path: str) -> str:
    """The absolute URL path of a file of the site, as links to it are written: ``a/index.html`` → ``/a/``."""
    url = "/" + path
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def _article_page(view: ArticleView, directory_urls: bool) -> Page:
    article = view.article
    folder = posixpath.dirname(article.src)
    url = f"{folder}/{article.slug}/" if directory_urls else f"{folder}/{article.slug}.html"
    return Page(Kind.ARTICLE, article.src, url, article.display_title, view.issue.date, view)


WECHAT = "gongzhonghao"  # 复制到公众号 (a reserved slug: content/slugs.py)


def wechat_src(issue: Issue, article: Article | None) -> str:
    """The source of a 复制到公众号 page, in its issue's folder (the texts' links and photos resolve
    as from the article itself): ``issues/<id>/gongzhonghao.md``, ``issues/<id>/<slug>.gongzhonghao.md``."""
    return f"issues/{issue.id}/{WECHAT}.md" if article is None else f"issues/{issue.id}/{article.slug}.{WECHAT}.md"


def _wechat_page(view: WechatView, directory_urls: bool) -> Page:
    """``issues/<id>/gongzhonghao/`` (the issue) or ``issues/<id>/<slug>/gongzhonghao/`` (an article)."""
    issue, article = view.issue, view.article
    folder = f"issues/{issue.id}" if article is None else f"issues/{issue.id}/{article.slug}"
    url = f"{folder}/{WECHAT}/" if directory_urls else f"{folder}/{WECHAT}.html"
    title = f"复制到公众号 · {issue_number(issue)}" if article is None else f"复制到公众号 · {article.display_title}"
    return Page(Kind.WECHAT, wechat_src(issue, article), url, title, issue.date, view)


def _issue_src(issue: Issue) -> str:
    return f"issues/{issue.id}/index.md"


def _numbered(folder: str, number: int) -> str:
    """``issues/index.md``, ``issues/page/2.md``: the pages of a paginated list."""
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}.md"


def _url(src: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown source: ``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``."""
    base = src.removesuffix(".md")
    name = posixpath.basename(base)
    if name in ("index", "README"):
        folder = posixpath.dirname(base)
        if directory_urls:
            return f"{folder}/" if folder else ""
        return f"{folder}/index.html" if folder else "index.html"
    return f"{base}/" if directory_urls else f"{base}.html"


def _series_key(page: Page) -> str:
    if page.kind in (Kind.ISSUE, Kind.ISSUE_GALLERY, Kind.BAN):
        return page.view.issue.id
    if page.kind is Kind.PERSON:
        return page.view.person.slug
    if page.kind in (Kind.ARTICLE, Kind.PAGE, Kind.WECHAT):
        return page.src
    return ""


def _newest(view: ArchivePage | PersonPage | Any) -> dt.date | None:
    """The newest issue date a list shows: when the page last changed (the sitemap's lastmod)."""
    if isinstance(view, ArchivePage):
        dates = [iv.issue.date for group in view.years for iv in group.issues]
    elif isinstance(view, PersonPage):
        dates = [issue.date for issue, _items in view.groups]
    else:  # a page of the gallery
        dates = [group.issue.date for group in view.groups]
    return max(dates, default=None)
