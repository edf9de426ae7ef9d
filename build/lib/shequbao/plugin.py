"""MkDocs adapter: turns MkDocs events into calls to the core and back.

Everything that knows about newspapers lives in the core modules: the registry
(:mod:`shequbao.pages`) decides which pages exist and where; this file hands them to MkDocs
as files, copies each page's template, title and date, and gives our templates ``sqb``.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from . import preview
from .cache import link_files
from .completeness import held_back_message
from .config import NOT_IN_PAGES, ShequbaoConfig, read_settings
from .context import OursStrictUndefined, TemplateContext, autoescape_ours, filters
from .feeds import build_feeds
from .load import load_archive
from .pages import Kind, Site, pdf_path, plan_pages
from .photos import BodyImages, PageImages, collect_refs, process_photos
from .print import PrintError, build_editions, publish
from .problems import ContentError
from .scan import PageScanner, ScanError
from .search import SearchStats, cached_index, publish_index, search_key
from .siterules import TEMPLATES, material_loader, prepare_config, resolve_files

log = logging.getLogger("mkdocs.plugins.shequbao")
HIDE_SIDEBARS = ["navigation", "toc"]


class ShequbaoPlugin(BasePlugin[ShequbaoConfig]):
    def __init__(self):
        self._command = "build"
        self._settings = None
        self._archive = None
        self._site: Site | None = None
        self._images = None
        self._pdfs: dict = {}  # issue id → print.PdfFile
        self._scanner: PageScanner | None = None  # reads each written page: links, search index
        self._search: tuple[str, Path | None] | None = None  # (key, cached index or None) when indexing
        self._body_images = BodyImages()  # photos in article texts, as <picture>

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config):
        if not self.config.enabled:
            return
        prepare_config(config)  # theme folders, stylesheet, nav, font: siterules.py
        config.markdown_extensions.append(self._body_images)
        try:
            self._settings = read_settings(config, self.config)
        except ValueError as error:
            raise PluginError(f"shequbao: {error}") from None

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return
        material_loader(env)
        env.autoescape = autoescape_ours(env.autoescape)
        env.undefined = OursStrictUndefined
        env.filters.update(filters(self._archive.people if self._archive else {}))
        # MkDocs makes a new environment for every build, so templates cannot change during one:
        # skip Jinja's mtime check on each of the ~30 template look-ups a page makes.
        env.auto_reload = False

    def on_files(self, files: Files, *, config) -> Files | None:
        if not self.config.enabled:
            return
        settings = self._settings
        docs_dir = settings.content_dir
        try:
            self._archive, warnings = load_archive(docs_dir, settings.paper, drafts=self._show_drafts())
            self._archive = self._resolve_preview(self._archive)
            refs, problems = collect_refs(self._archive, docs_dir, tuple(config.markdown_extensions))
            self._images = process_photos(refs, docs_dir, settings.cache_root, settings.images, problems)
        except ContentError as error:
            if self._command == "serve":  # the browser shows the problems until they are fixed
                preview.show(error.problems, docs_dir.name)
                return self._error_preview(files, config)
            for problem in error.problems:
                (log.error if problem.severity == "error" else log.warning)(problem.format(docs_dir.name))
            raise PluginError(f"{docs_dir.name}/ 里有 {len(error.problems)} 处问题，请按上面的提示修改") from None
        preview.clear()
        for problem in warnings:
            log.warning(problem.format(docs_dir.name))
        for issue in self._archive.held_back:
            log.info(f"shequbao: {held_back_message(issue)}")
        log.info(f"shequbao: {self._images.stats.summary()}")
        self._site = plan_pages(self._archive, self._archive.static_pages, settings.plan)
        files = resolve_files(files, self._site, config)  # and our assets, fingerprinted
        self._add_feeds(files, config)
        self._start_scanner(config)
        return files

    def on_serve(self, server, *, config, builder):
        preview.install(server)
        return server

    def on_nav(self, nav, *, config, files):
        """The print editions, before any page is rendered (issue pages link to them with their size)."""
        self._pdfs = {}
        if not self.config.enabled or self._archive is None or not self._unless_serving(self.config.print_enabled):
            return
        settings = self._settings
        try:
            pdfs = build_editions(self._archive, settings.content_dir, settings.cache_root / "pdf", settings.print,
                                  settings.markdown, workers=settings.print_workers, prune=True)
        except (PrintError, ValueError) as error:
            raise PluginError(f"shequbao: {error}") from None
        log.info(f"shequbao: 印刷版 PDF {len(pdfs)} 期（新生成 {sum(p.rendered for p in pdfs)} 期，其余取自缓存）")
        for pdf in pdfs:
            for message in pdf.overflow_messages():
                log.info(message)  # advice for the print layout: the site is fine, so --strict does not stop
        self._pdfs = {pdf.issue_id: pdf for pdf in pdfs}

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str | None:
        if not self.config.enabled:
            return
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])  # the theme prints titles unescaped
        planned = self._site.get(page.file.src_uri) if self._site else None
        if planned is None:
            return
        if planned.date is not None:
            page.update_date = planned.date.isoformat()  # the sitemap's <lastmod>: from the content, not the build day
        if planned.template:
            page.meta.update(template=planned.template, title=escape(planned.title), hide=HIDE_SIDEBARS)
        if planned.kind is Kind.ARTICLE:
            if planned.view.article.excerpt:  # <meta name="description">, printed unescaped
                page.meta.setdefault("description", escape(planned.view.article.excerpt))
            self._body_images.page = PageImages(planned.src, planned.url, self._images)

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self._site is not None:
            context["sqb"] = self._template_context(self._site.get(page.file.src_uri), config)
        return context

    def on_template_context(self, context, *, template_name, config):
        if self.config.enabled and self._site is not None:
            context["sqb"] = self._template_context(None, config)  # 404.html
        return context

    @event_priority(50)  # before the glightbox plugin's on_page_content
    def on_page_content(self, html: str, *, page, config, files) -> str | None:
        if not self.config.enabled:
            return
        # Our templates and BodyImages make the lightbox links themselves; glightbox's own
        # wrapping would re-serialise the body as a whole <html> document inside the page.
        page.meta["glightbox"] = False
        self._body_images.page = None

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

    @event_priority(-100)  # last: other plugins (glightbox) write their assets first; we index and check them
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        publish([(pdf_path(self._archive.paper, self._archive.issue(i)), pdf) for i, pdf in self._pdfs.items()], site_dir)
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

    def _unless_serving(self, setting: bool | None) -> bool:
        """An option set in mkdocs.yml, or else: on for ``mkdocs build``, off for the preview."""
        return setting if setting is not None else self._command != "serve"

    def _show_drafts(self) -> bool:
        return self.config.drafts if self.config.drafts is not None else self._command == "serve"

    def _template_context(self, page, config) -> TemplateContext:
        return TemplateContext(
            paper=self._archive.paper, site=self._site, page=page, people=self._archive.people, images=self._images,
            pdfs=self._pdfs, show_drafts=self._show_drafts(), feeds=self._feeds_made(config),
            search=self._unless_serving(self.config.search_enabled),
        )

    def _feeds_made(self, config) -> bool:
        return bool(self.config.feeds_enabled and config.site_url)

    def _error_preview(self, files: Files, config) -> Files:
        """A build of no pages, while the preview shows the content's problems (preview.py)."""
        self._archive = self._site = self._images = None
        config.nav = []
        config.theme.static_templates.discard("404.html")
        return Files([file for file in files if not file.is_documentation_page()])

    def _resolve_preview(self, archive):
        """Under ``mkdocs serve``, publish only the issues being worked on, so reloads stay fast."""
        if self._command != "serve":
            return archive
        preview = archive.preview(os.environ.get("SHEQUBAO_PREVIEW") or str(self.config.preview_issues))
        if len(preview.issues) < len(archive.issues):
            shown = "、".join(f"第{i.number}期" for i in preview.issues) or "（没有符合的期）"
            log.info(f"预览只显示 {shown}；看全部请用 make serve ISSUES=all，看某一期用 make serve ISSUES=<文件夹名>")
        return preview

    def _add_feeds(self, files: Files, config) -> None:
        """RSS of the paper and of each person, as generated files (so `mkdocs serve` has them too)."""
        if self.config.feeds_enabled and not config.site_url:
            log.info("shequbao: mkdocs.yml 没有 site_url，不生成 RSS（订阅需要完整网址）")
        if self._feeds_made(config):
            for feed in build_feeds(self._archive, self._site, config.site_url, config.site_description or "",
                                    self.config.feeds_items):
                files.append(File.generated(config, feed.path, content=feed.xml))

    def _start_scanner(self, config) -> None:
        """The scan process, when links are checked or an index is to be made (not from the cache)."""
        self._stop_scanner()
        self._search = None
        root = self._settings.cache_root
        make_index = False
        if self._unless_serving(self.config.search_enabled):
            options = sorted((k, v) for k, v in self.config.items() if not k.startswith(NOT_IN_PAGES))
            folders = [TEMPLATES, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
            key = search_key(config.config_file_path, options, self._images, self._archive, folders, self._settings.content_dir)
            self._search = (key, cached_index(root, key))
            make_index = self._search[1] is None
        if self.config.links_check or make_index:
            search = (root, self._search[0], self._archive.article_count) if make_index else None
            base_path = urlsplit(config.site_url or "/").path if self.config.links_check else None
            self._scanner = PageScanner(links=base_path, search=search)

    def _stop_scanner(self) -> None:
        if self._scanner is not None:
            self._scanner.close()
            self._scanner = None

    def _publish_search(self, config) -> None:
        """The search index into the site: from the cache when no article changed, else as the scan process made it."""
        started = time.perf_counter()
        _key, entry = self._search
        cached = entry is not None
        if cached:
            pages = self._archive.article_count
        else:
            entry, pages = self._scanner.finish_search()  # Pagefind has read the pages as they were written
        if entry is not None:
            publish_index(entry, Path(config.site_dir), self._settings.cache_root)
        log.info(f"shequbao: {SearchStats(pages, cached=cached, seconds=time.perf_counter() - started).summary()}")

