"""MkDocs adapter: turns MkDocs events into calls to the core and back.

Everything that knows about newspapers lives in the core modules; this file only maps
the model and views onto MkDocs files, pages and template contexts.
"""

from __future__ import annotations

import logging
import os
import posixpath
import time
from importlib import metadata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from .cachelinks import link_files
from .feeds import build_feeds
from .gallery import (
    GalleryPage, IssueGalleryView, gallery_src, generate_gallery_pages, generate_issue_galleries, issue_gallery_src,
)
from .images import ImageSettings, collect_refs, is_original, picture_html, process_photos, rewrite_body_images
from .load import load_archive
from .model import Archive, Paper, Person
from .people import PEOPLE_FILE
from .person_pages import PeopleIndex, PersonPage, generate_people_pages, person_page_src
from .print import PAGE_SIZES, MarkdownSetup, PrintError, PrintOptions, build_editions, publish
from .problems import ContentError
from .scan import PageScanner, ScanError
from .search import SearchPage, SearchStats, cached_index, index_inputs, index_key, publish_index
from .sitemap import page_date
from .views import (
    ArticleView, IssueView, archive_src, format_date, generate_archive_pages, generate_article_views,
    generate_byline, generate_issue_views,
)

log = logging.getLogger("mkdocs.plugins.shequbao")
TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "assets/shequbao/shequbao.css"
HIDE_SIDEBARS = ["navigation", "toc"]
_NOT_IN_PAGES = ("print_", "images_workers", "links_check")  # options that change no article page


class ShequbaoConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the site then builds as plain MkDocs)."""
    paper_name = c.Optional(c.Type(str))
    """The paper's name in mastheads; defaults to ``site_name``."""
    paper_publisher = c.Type(str, default="")
    """主办: who publishes the paper."""
    paper_permit = c.Type(str, default="")
    """准印证号: the print permit number."""
    paper_internal = c.Type(bool, default=False)
    """Print "内部资料 免费交流" on page 1 of the print edition (a 内部资料 with a 准印证)."""
    paper_edited_by = c.Type(str, default="")
    """编印单位, in the 报尾 of the print edition's last 版."""
    paper_printed_by = c.Type(str, default="")
    """印刷单位, in the 报尾."""
    paper_copies = c.Type(str, default="")
    """印数, in the 报尾 (e.g. 5000份)."""
    paper_address = c.Type(str, default="")
    """地址, in the 报尾."""
    paper_phone = c.Type(str, default="")
    """电话, in the 报尾."""
    drafts = c.Optional(c.Type(bool))
    """Show ``draft: true`` items (marked 草稿); default: shown by ``mkdocs serve``, left out of ``mkdocs build``."""
    archive_per_page = c.Type(int, default=60)
    """Issues per page of 往期 (``/issues/``, ``/issues/page/2/`` …)."""
    images_widths = c.ListOfItems(c.Type(int), default=[480, 960, 1500])
    """Widths of the photo renditions, in pixels (never wider than the original; the largest also bounds a portrait photo's height)."""
    images_quality = c.Type(int, default=80)
    """JPEG and WebP quality of the renditions (1–100)."""
    images_max_pixels = c.Type(int, default=100_000_000)
    """Photos with more pixels are refused (decompression bombs)."""
    images_workers = c.Type(int, default=2)
    """Processes that render photos on a cold build."""
    images_per_page = c.Type(int, default=60)
    """Photos per page of 图片 (``/gallery/``, ``/gallery/page/2/`` …)."""
    people_per_page = c.Type(int, default=50)
    """Articles per page of a person's byline archive (``/people/<slug>/page/2/`` …)."""
    preview_issues = c.Type(int, default=3)
    """Newest issues shown by ``mkdocs serve`` (0: all); env ``SHEQUBAO_PREVIEW`` (``all``, a number or issue ids) overrides."""
    print_enabled = c.Optional(c.Type(bool))
    """Make the print edition (PDF) of every issue; default: yes for ``mkdocs build``, no under ``mkdocs serve``."""
    print_page_size = c.Choice(tuple(PAGE_SIZES), default="A3")
    """Paper size of the PDF: A3, A4, 4开 or 8开."""
    print_columns = c.Optional(c.Type(int))
    """Columns per page; default 4 on A3, 3 on A4, 5 on 4开, 4 on 8开."""
    print_bleed = c.Type(bool, default=False)
    """Print-shop mode: 3 mm bleed and crop marks around every page."""
    print_workers = c.Optional(c.Type(int))
    """Processes that render PDFs on a cold build; default: one per CPU."""
    search_enabled = c.Optional(c.Type(bool))
    """Index the articles for search (Pagefind); default: yes for ``mkdocs build``, no under ``mkdocs serve``."""
    feeds_enabled = c.Type(bool, default=True)
    """RSS feeds of the paper (``/feed.xml``) and of each person; needs ``site_url``."""
    feeds_items = c.Type(int, default=50)
    """Items per feed (the latest ones)."""
    links_check = c.Type(bool, default=True)
    """After the build, check that every link to our own pages, files and #anchors resolves (warnings: strict fails)."""


@dataclass
class _Context:
    """What our templates see as ``sqb``."""

    paper: Paper
    files: Files
    view: Any = None
    latest: IssueView | None = None
    show_drafts: bool = False
    people: Any = None  # key → Person
    pdfs: Any = None  # issue id → print.PdfFile
    images: Any = None  # ImageSet: renditions of every photo
    page_url: str = ""  # the page being rendered (URL relative to the site root), for relative links

    def person(self, key: str) -> Person | None:
        """The person a byline name or photo credit refers to, if any."""
        return self.people.get(key) if self.people else None

    def pdf(self, issue):
        """The print edition of ``issue`` (``.url``, ``.size_text``), or None when PDFs are off."""
        return self.pdfs.get(issue.id) if self.pdfs else None

    def person_url(self, person: Person, number: int = 1) -> str:
        return self.url(person_page_src(person, number))

    def url(self, src: str) -> str:
        """URL (relative to the site root) of the page or file generated from ``src``."""
        file = self.files.src_uris.get(src)  # our srcs are POSIX already: no PurePath per link
        if file is None:
            raise PluginError(f"shequbao: no page for {src}")
        return file.url

    def issue_url(self, issue) -> str:
        return self.url(f"issues/{issue.id}/index.md")

    def archive_url(self, number: int) -> str:
        return self.url(archive_src(number))

    def date(self, day, weekday: bool = False) -> str:
        return format_date(day, weekday)

    def byline(self, article) -> tuple:
        return generate_byline(article)

    def photo(self, image):
        """Renditions of ``image`` (a model Image), or None when it has no file."""
        return self.images.get(image.src) if self.images and image.src else None

    def picture(self, photo, alt: str, sizes: str = "100vw") -> Markup:
        """``<picture>`` of ``photo`` (WebP and JPEG ``srcset``), links relative to the page."""
        return Markup(picture_html(photo, alt, lambda path: get_relative_url(path, self.page_url), sizes))

    def gallery_url(self, issue=None, number: int = 1) -> str:
        """URL of /gallery/ (page ``number``) or of an issue's gallery; "" when it has none."""
        return self.url_if(issue_gallery_src(issue) if issue is not None else gallery_src(number))

    def url_if(self, src: str) -> str:
        """Like ``url``, but "" when the build has no such file (a feed that is off, a gallery without photos)."""
        file = self.files.src_uris.get(src)
        return file.url if file else ""


class ShequbaoPlugin(BasePlugin[ShequbaoConfig]):
    def __init__(self):
        self._command = "build"
        self._archive: Archive | None = None
        self._views: dict[str, Any] = {}  # src_uri → view
        self._context: _Context | None = None
        self._images = None
        self._pdfs: dict[str, Any] = {}  # issue id → print.PdfFile
        self._scanner: PageScanner | None = None  # reads each written page: links, search index
        self._search: tuple[str, Path | None] | None = None  # (key, cached index or None) when indexing

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config):
        if not self.config.enabled:
            return
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        # The nav is a fixed handful of entries by design; articles are reached through our pages.
        config.validation.nav.omitted_files = logging.DEBUG

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return
        env.autoescape = _escape_ours(env.autoescape)
        # MkDocs makes a new environment for every build, so templates cannot change during one:
        # skip Jinja's mtime check on each of the ~30 template look-ups a page makes.
        env.auto_reload = False

    def on_files(self, files: Files, *, config) -> Files | None:
        if not self.config.enabled:
            return
        docs_dir = Path(config.docs_dir)
        paper = Paper(
            name=self.config.paper_name or config.site_name,
            publisher=self.config.paper_publisher,
            permit=self.config.paper_permit,
            internal=self.config.paper_internal, edited_by=self.config.paper_edited_by,
            printed_by=self.config.paper_printed_by, copies=self.config.paper_copies,
            address=self.config.paper_address, phone=self.config.paper_phone,
        )
        show_drafts = self._show_drafts()
        try:
            self._archive, warnings = load_archive(docs_dir, paper, drafts=show_drafts)
            self._archive = self._resolve_preview(self._archive)
            self._images = self._process_images(docs_dir, config)
        except ContentError as error:
            for problem in error.problems:
                (log.error if problem.severity == "error" else log.warning)(problem.format(docs_dir.name))
            raise PluginError(f"{docs_dir.name}/ 里有 {len(error.problems)} 处问题，请按上面的提示修改") from None
        for problem in warnings:
            log.warning(problem.format(docs_dir.name))
        log.info(f"shequbao: {self._images.stats.summary()}")
        self._views = {SearchPage.src: SearchPage(self._search_enabled())}
        files = self._resolve_files(files, config)
        self._add_feeds(files, config)
        self._context = _Context(paper, files, show_drafts=show_drafts)
        self._start_scanner(config)
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str | None:
        if not self.config.enabled:
            return
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])  # the theme prints titles unescaped
        view = self._views.get(page.file.src_uri)
        day = page_date(view, self._archive) if self._archive else None
        if day is not None:
            page.update_date = day.isoformat()  # the sitemap's <lastmod>: from the content, not the build day
        if view is None:
            if page.is_homepage:
                page.meta.setdefault("template", "shequbao/home.html")
                page.meta.setdefault("hide", HIDE_SIDEBARS)
            return
        template, title = _render_meta(view)
        page.meta.update(template=template, title=escape(title), hide=HIDE_SIDEBARS)
        if isinstance(view, ArticleView) and view.article.excerpt:  # <meta name="description">, printed unescaped
            page.meta.setdefault("description", escape(view.article.excerpt))

    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled or self._context is None:
            return
        context["sqb"] = _Context(
            paper=self._context.paper,
            files=self._context.files,
            view=self._views.get(page.file.src_uri),
            latest=self._latest_issue_view(),
            show_drafts=self._context.show_drafts,
            people=self._archive.people,
            images=self._images,
            pdfs=self._pdfs,
            page_url=page.url,
        )
        return context

    @event_priority(50)  # before the glightbox plugin's on_page_content
    def on_page_content(self, html: str, *, page, config, files) -> str | None:
        if not self.config.enabled:
            return
        # Our templates and rewrite_body_images make the lightbox links themselves; glightbox's own
        # wrapping would re-serialise the body as a whole <html> document inside the page.
        page.meta["glightbox"] = False
        if self._images is None or page.file.src_uri not in self._views:
            return
        return rewrite_body_images(html, page.url, self._images)

    @event_priority(50)  # before the glightbox plugin's on_post_page
    def _mark_lightbox_pages(self, output: str, *, page, config) -> str | None:
        """Only pages with a lightbox photo get glightbox's script and style (it parses the whole
        page's HTML to add them: a tenth of a large build)."""
        if self.config.enabled:
            page.meta["glightbox"] = "glightbox" in output
        return None

    @event_priority(-100)  # last: the page as it is written
    def _scan_page(self, output: str, *, page, config) -> str | None:
        if self.config.enabled and self._scanner is not None:
            self._scanner.add(page.file.dest_uri, output)
        return None

    on_post_page = CombinedEvent(_mark_lightbox_pages, _scan_page)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str | None:
        if self.config.enabled and self._scanner is not None and template_name.endswith(".html"):
            self._scanner.add(template_name, output_content)  # 404.html
        return None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_scanner()

    def on_nav(self, nav, *, config, files):
        """The print editions, before any page is rendered (issue pages link to them with their size)."""
        self._pdfs = {}
        if not self.config.enabled or self._archive is None or not self._print_enabled():
            return
        try:
            options = PrintOptions(self.config.print_page_size, self.config.print_columns, self.config.print_bleed)
            pdfs = build_editions(
                self._archive, Path(config.docs_dir), _cache_dir(config), options,
                MarkdownSetup(tuple(config.markdown_extensions), dict(config.mdx_configs)),
                workers=self.config.print_workers, prune=True,
            )
        except (PrintError, ValueError) as error:
            raise PluginError(f"shequbao: {error}") from None
        rendered = sum(pdf.rendered for pdf in pdfs)
        log.info(f"shequbao: 印刷版 PDF {len(pdfs)} 期（新生成 {rendered} 期，其余取自 .cache/print/）")
        for pdf in pdfs:
            for message in pdf.warnings():
                log.warning(f"shequbao: {message}")  # a print layout problem: a strict build stops
            for message in pdf.notes():
                log.info(f"shequbao: {message}")
        self._pdfs = {pdf.issue_id: pdf for pdf in pdfs}

    @event_priority(-100)  # last: other plugins (glightbox) write their assets first; we index and check them
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        if self._pdfs:
            publish(list(self._pdfs.values()), site_dir)
        if self._images:
            link_files(self._images.outputs(), site_dir)  # renditions: hard links into the cache
        try:
            if self._search is not None:
                self._publish_search(config)
            if self.config.links_check and self._scanner is not None:
                broken = self._scanner.check_links(site_dir)
                for page, link in broken:
                    log.warning(f"shequbao: {page} 里的链接 {link} 打不开（页面、文件或锚点不存在）")
                log.info(f"shequbao: 链接检查完毕，{len(broken)} 个打不开")
        except ScanError as error:
            raise PluginError(f"shequbao: {error}") from None
        finally:
            self._stop_scanner()

    # -- helpers -------------------------------------------------------------

    def _print_enabled(self) -> bool:
        return self._unless_serving(self.config.print_enabled)

    def _process_images(self, docs_dir: Path, config):
        """Renditions of every photo, from .cache/images/ beside mkdocs.yml or rendered now."""
        refs, problems = collect_refs(self._archive, docs_dir)
        settings = ImageSettings(
            widths=tuple(self.config.images_widths), quality=self.config.images_quality,
            max_pixels=self.config.images_max_pixels, workers=self.config.images_workers,
        )
        return process_photos(refs, docs_dir, _cache_dir(config) / "images", settings, problems)

    def _search_enabled(self) -> bool:
        return self._unless_serving(self.config.search_enabled)

    def _unless_serving(self, setting: bool | None) -> bool:
        """An option set in mkdocs.yml, or else: on for ``mkdocs build``, off for the preview."""
        return setting if setting is not None else self._command != "serve"

    def _start_scanner(self, config) -> None:
        """The scan process, when links are checked or an index is to be made (not from the cache)."""
        self._stop_scanner()
        self._search = None
        make_index = False
        if self._search_enabled():
            key = self._search_key(config)
            cached = cached_index(_cache_dir(config) / "pagefind", key)
            self._search = (key, cached)
            make_index = cached is None
        if self.config.links_check or make_index:
            search = (_cache_dir(config) / "pagefind", self._search[0], self._archive.article_count) if make_index else None
            base_path = urlsplit(config.site_url or "/").path if self.config.links_check else None
            self._scanner = PageScanner(links=base_path, search=search)

    def _stop_scanner(self) -> None:
        if self._scanner is not None:
            self._scanner.close()
            self._scanner = None

    def _search_key(self, config) -> str:
        """Key of the cached index: what the article pages are made of (mkdocs.yml, options,
        versions, our templates and the paper's overrides, the articles with their issue.yml,
        people.yml, the photos' renditions)."""
        options = sorted((k, v) for k, v in self.config.items() if not k.startswith(_NOT_IN_PAGES))
        versions = [metadata.version(n) for n in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")]
        settings = [
            ("config", Path(config.config_file_path).read_bytes() if config.config_file_path else b""),
            ("options", repr(options).encode()), ("versions", " ".join(versions).encode()),
            ("photos", repr(self._images.outputs() if self._images else ()).encode()),
        ]
        issues = self._archive.issues
        settings += [(a.src, a.digest.encode()) for i in issues for a in i.articles]  # read once, by the loader
        sources = [PEOPLE_FILE, *(f"issues/{i.id}/issue.yml" for i in issues)]
        folders = [TEMPLATES, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
        return index_key(index_inputs(settings, folders, Path(config.docs_dir), sources))

    def _publish_search(self, config) -> None:
        """The search index into the site: from .cache/pagefind/ when no article changed, else as the scan process made it."""
        started = time.perf_counter()
        _key, entry = self._search
        cached = entry is not None
        if cached:
            pages = self._archive.article_count
        else:
            entry, pages = self._scanner.finish_search()  # Pagefind has read the pages as they were written
        if entry is not None:
            publish_index(entry, Path(config.site_dir), _cache_dir(config) / "pagefind")
        stats = SearchStats(pages, cached=cached, seconds=time.perf_counter() - started)
        log.info(f"shequbao: {stats.summary()}")

    def _add_feeds(self, files: Files, config) -> None:
        """RSS of the paper and of each person, as generated files (so `mkdocs serve` has them too)."""
        if not self.config.feeds_enabled:
            return
        if not config.site_url:
            log.info("shequbao: mkdocs.yml 没有 site_url，不生成 RSS（订阅需要完整网址）")
            return

        def url(src: str) -> str:
            return files.src_uris[src].url

        feeds = build_feeds(self._archive, config.site_url, url, config.site_description or "", self.config.feeds_items)
        for feed in feeds:
            files.append(File.generated(config, feed.path, content=feed.xml))

    def _resolve_preview(self, archive: Archive) -> Archive:
        """Under ``mkdocs serve``, publish only the issues being worked on, so reloads stay fast."""
        if self._command != "serve":
            return archive
        spec = os.environ.get("SHEQUBAO_PREVIEW") or str(self.config.preview_issues)
        preview = archive.preview(spec)
        if len(preview.issues) < len(archive.issues):
            shown = "、".join(f"第{i.number}期" for i in preview.issues) or "（没有符合的期）"
            log.info(f"预览只显示 {shown}；看全部请用 make serve ISSUES=all，看某一期用 make serve ISSUES=<文件夹名>")
        return preview

    def _show_drafts(self) -> bool:
        return self.config.drafts if self.config.drafts is not None else self._command == "serve"

    def _latest_issue_view(self):
        if not self._archive or not self._archive.issues:
            return None
        return self._views.get(f"issues/{self._archive.issues[0].id}/index.md")

    def _resolve_files(self, files: Files, config) -> Files:
        """Drop what readers must not get, give articles their slug URLs, add our pages."""
        archive = self._archive
        published = {a.src: a for issue in archive.issues for a in issue.articles}
        for file in list(files):
            src = file.src_uri
            if src == PEOPLE_FILE:
                files.remove(file)  # profiles are shown on the person pages, not published as a file
            if not src.startswith("issues/"):
                continue
            if file.is_documentation_page():
                if src not in published:
                    files.remove(file)  # drafts when they are not shown
            elif is_original(src):
                file.inclusion = InclusionLevel.EXCLUDED  # photos are published as renditions only
            else:
                files.remove(file)  # issue.yml, Thumbs.db, notes.docx…: nothing else leaves an issue folder
        issue_views = generate_issue_views(archive)
        for view in issue_views:
            self._views[view.src] = view
            for article_view in generate_article_views(view.issue):
                self._views[article_view.article.src] = article_view
                _resolve_slug_url(files, article_view.article, config)
        for page in generate_archive_pages(issue_views, self.config.archive_per_page):
            self._views[page.src] = page
        people_index, person_pages = generate_people_pages(archive, self.config.people_per_page)
        for page in (people_index, *person_pages):
            self._views[page.src] = page
        for page in (*generate_issue_galleries(archive), *generate_gallery_pages(archive, self.config.images_per_page)):
            self._views[page.src] = page
        for src in self._views:
            if src not in files.src_uris:
                files.append(File.generated(config, src, content=""))
        return files


def _cache_dir(config) -> Path:
    """Where derived files (renditions, PDFs, the search index) are kept between builds:
    ``.cache/`` beside mkdocs.yml, never inside the content; ``SHEQUBAO_CACHE_DIR`` overrides."""
    configured = os.environ.get("SHEQUBAO_CACHE_DIR")
    return Path(configured) if configured else Path(config.config_file_path or config.docs_dir).parent / ".cache"


def _escape_ours(previous):
    """Autoescape our templates (titles and names come from editors), leave the theme's as they are."""

    def autoescape(name: str | None) -> bool:
        if name and name.startswith("shequbao/"):
            return True
        return previous(name) if callable(previous) else bool(previous)

    return autoescape


def _render_meta(view) -> tuple[str, str]:
    """Template and page title for one of our views."""
    if isinstance(view, IssueView):
        issue = view.issue
        return "shequbao/issue.html", f"第{issue.number}期" + (f" · {issue.title}" if issue.title else "")
    if isinstance(view, ArticleView):
        return "shequbao/article.html", view.article.display_title
    if isinstance(view, (IssueGalleryView, GalleryPage, SearchPage)):
        return view.template, view.title
    if isinstance(view, PeopleIndex):
        return "shequbao/people.html", "作者"
    suffix = f"（第{view.number}页）" if view.number > 1 else ""
    if isinstance(view, PersonPage):
        return "shequbao/person.html", view.person.name + suffix
    return "shequbao/archive.html", "往期" + suffix


def _resolve_slug_url(files: Files, article, config) -> None:
    """An article whose file name is not a slug (``垃圾分类.md``) is published at its pinyin slug."""
    file = files.src_uris.get(article.src)
    if file is None or file.name == article.slug:
        return
    parent = posixpath.dirname(article.src)
    dest = posixpath.join(parent, article.slug, "index.html") if config.use_directory_urls else posixpath.join(parent, f"{article.slug}.html")
    files.remove(file)
    files.append(File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=dest))
