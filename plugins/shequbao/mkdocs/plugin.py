"""MkDocs adapter: turns MkDocs events into calls to the core and back. The registry
(:mod:`shequbao.site.registry`) decides which pages exist and where; this file hands them to MkDocs
as files, copies each page's template, title and date, and gives our templates ``sqb``."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel

from .. import workers
from ..build import sitefolder
from ..build.finisher import Finisher, ScanError
from ..build.pagecache import CachePlan, PageStore, photos_by_article, plan_cache
from ..cache.store import damage_notes, link_files, template_cache
from ..cache.textmemo import TextMemo
from ..content.load import load_archive
from ..content.people import PEOPLE_FILE
from ..content.reading import body_first_line, clean_body
from ..content.sources import scan_content
from ..markdown.sanitize import SafeHtml
from ..outputs.feeds import feed_files
from ..outputs.redirects import redirect_files
from ..outputs.sitemap import write_sitemap
from ..outputs.search.pagefind import index_salt, part_pages
from ..photos import BodyImages, PageImages, collect_refs, process_photos
from ..print import PrintError, build_editions
from ..problems import ContentError
from ..site.context import OursStrictUndefined, TemplateContext, autoescape_ours, filters
from ..site.keys import KeyInputs, search_keys
from ..site.kinds import Kind
from ..site.registry import Site, derived_files, plan_pages
from . import preview
from .options import ShequbaoConfig
from .settings import page_base_key, read_settings
from .steps import (add_search_filters, log_loaded, make_feeds, our_extensions, resolve_preview, share_logo, strict_warnings,
                    wechat_markdown)
from .siterules import material_loader, nav_sources, prepare_config, resolve_files

log = logging.getLogger("mkdocs.plugins.shequbao")
HIDE_SIDEBARS = ["navigation", "toc"]


class ShequbaoPlugin(BasePlugin[ShequbaoConfig]):
    def __init__(self):
        self._command = "build"
        self._settings = None
        self._archive = None
        self._site: Site | None = None
        self._images = None
        self._memo, self._feeds = None, ()  # textmemo.TextMemo of this build; its feeds.Feed (linked from the cache)
        self._pdfs: dict = {}  # issue id → print.PdfFile
        self._logo = None  # photos.logo.Logo: the share cards' picture when a page has none
        self._finisher: Finisher | None = None  # reads each written page (links, search index, page cache), then finishes
        self._cache = CachePlan()  # which pages are rendered, which linked from the page cache
        self._body_images = BodyImages()  # photos in article texts, as <picture>
        self._safe_html = SafeHtml(body_first_line)  # raw HTML in texts, sanitised (unless raw_html: trusted)
        self._staging: sitefolder.Staging | None = None  # the build writes here; swapped in on success
        self._interrupts = None  # Ctrl-C stops every worker process

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command, self._interrupts = command, workers.stop_children_on_interrupt() if command != "serve" else None

    def on_config(self, config):
        if not self.config.enabled:
            return
        prepare_config(config)  # theme folders, stylesheet, nav, font: mkdocs/siterules.py
        config.markdown_extensions.extend(our_extensions(self.config, self._body_images, self._safe_html))
        try:
            self._settings = read_settings(config, self.config)
            if self._command != "serve":  # into <site>.building/, locked; swapped in when all went well
                self._staging = sitefolder.begin(Path(config.site_dir))
                config.site_dir = str(self._staging.folder)
        except (ValueError, sitefolder.SiteDirError) as error:
            raise PluginError(f"shequbao: {error}") from None

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return
        material_loader(env)
        env.autoescape = autoescape_ours(env.autoescape)
        env.undefined = OursStrictUndefined
        env.filters.update(filters(self._archive.people if self._archive else {}))
        # MkDocs makes a new environment for every build, so templates cannot change during one:
        # skip Jinja's mtime check on each of the ~30 template look-ups a page makes, and keep
        # compiled templates in .cache/jinja/ (Jinja checks each one against its source's digest)
        env.auto_reload = False
        env.bytecode_cache = template_cache(self._settings.cache_root)

    def on_pre_build(self, *, config) -> None:
        """Load and check the content before MkDocs lists it (its listing follows links)."""
        if not self.config.enabled:
            return
        settings = self._settings
        docs_dir = settings.content_dir
        self._start_scanner(config)  # now: it reads the page cache's links while the content loads
        try:
            self._memo = memo = TextMemo(settings.cache_root)  # front matters, text photos, feeds of earlier builds
            self._archive, warnings = load_archive(docs_dir, settings.paper, drafts=self._show_drafts(), memo=memo)
            if self._command == "serve":  # only the issues being worked on, so reloads stay fast
                self._archive = resolve_preview(self._archive, self.config.preview_issues, log)
            refs, problems = collect_refs(self._archive, docs_dir, tuple(config.markdown_extensions), memo)
            self._images = process_photos(refs, docs_dir, settings.cache_root, settings.images, problems)
        except ContentError as error:
            if self._command == "serve":  # the browser shows the problems until they are fixed
                preview.show(error.problems, docs_dir.name)
                self._archive = self._site = self._images = None
                self._stop_scanner()
                return
            for problem in error.problems:
                (log.error if problem.severity == "error" else log.warning)(problem.format(docs_dir.name))
            raise PluginError(f"{docs_dir.name}/ 里有 {len(error.problems)} 处问题，请按上面的提示修改") from None
        preview.clear()
        for problem in warnings:
            log.warning(problem.format(docs_dir.name))
        log_loaded(log, self._archive, self._images)
        self._pdfs, self._logo = self._build_editions(), share_logo(config, settings)
        self._site = plan_pages(self._archive, self._archive.static_pages, settings.plan, self._pdfs)
        self._cache = self._plan_cache(config, refs)
        self._finisher.plan(search_keys(self._site, self._cache.inputs, index_salt(), self._cache.keys)
                            if self._unless_serving(self.config.search_enabled) else None,
                            part_pages(self._site), [(self._site.pages[src].dest, e.path) for src, e in self._cache.cached.items()])

    def on_files(self, files: Files, *, config) -> Files | None:
        if not self.config.enabled:
            return
        if self._site is None:  # the preview of a paper with errors: no pages, the browser shows the problems
            return preview.empty_build(files, config)
        files = resolve_files(files, self._site, scan_content(self._settings.content_dir), self._settings.content_dir,
                              config, PEOPLE_FILE)
        for src in self._cache.cached:  # unchanged: linked from the page cache, not rendered
            files.src_uris[src].inclusion = InclusionLevel.EXCLUDED
        self._feeds = make_feeds(config, self._archive, self._site, self.config, log, self._memo)
        self._memo.save()
        if self._unless_serving(self.config.search_enabled):
            add_search_filters(files, config, self._archive)
        return files

    def on_serve(self, server, *, config, builder):
        return preview.install(server) or server

    def _build_editions(self) -> dict:
        """The print editions, before the pages are planned (issue pages and the 数字报 show them)."""
        if not self._unless_serving(self.config.print_enabled):
            return {}
        settings = self._settings
        try:
            pdfs = build_editions(self._archive, settings.content_dir, settings.cache_root, settings.print,
                                  settings.markdown, workers=settings.print_workers, prune=True)
        except (PrintError, ValueError) as error:
            raise PluginError(f"shequbao: {error}") from None
        log.info(f"shequbao: 印刷版 PDF {len(pdfs)} 期（新生成 {sum(p.rendered for p in pdfs)} 期，其余取自缓存）")
        for message in (m for pdf in pdfs for m in pdf.messages):  # a warning stops a strict build
            (log.warning if message.severity == "warning" else log.info)(f"shequbao: {message.text}")
        return {pdf.issue_id: pdf for pdf in pdfs}

    def _plan_cache(self, config, refs) -> CachePlan:
        """Which pages to render and which to take from the page cache (incremental builds)."""
        store = self._finisher.pages
        inputs = KeyInputs(page_base_key(config, self.config, self._command, self._logo.digest), self._archive.people, self._images, photos_by_article(refs), self._pdfs,
                           frozenset(a.src for i in self._archive.issues for a in i.articles if a.links_pages))
        plan = plan_cache(self._site, inputs, store, set(nav_sources(config.nav)))
        if store is not None:
            log.info(f"shequbao: {plan.summary()}")
        return plan

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str | None:
        if not self.config.enabled:
            return
        self._safe_html.page = (page.file.src_uri, markdown, Path(page.file.abs_src_path or ""))
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])  # the theme prints titles unescaped
        planned = self._site.get(page.file.src_uri) if self._site else None
        if planned is None:
            return clean_body(markdown)
        if planned.date is not None:
            page.update_date = planned.date.isoformat()  # the sitemap's <lastmod>: from the content, not the build day
        if planned.template:
            page.meta.update(template=planned.template, title=escape(planned.title), hide=HIDE_SIDEBARS)
        if planned.kind in (Kind.ARTICLE, Kind.HOME, Kind.PAGE, Kind.WECHAT):
            self._body_images.page = PageImages(planned.src, planned.url, self._images)
        if planned.kind is Kind.WECHAT:  # the articles' texts (their own pages report their problems)
            self._safe_html.page, markdown = None, wechat_markdown(planned.view, self._settings.content_dir)
        return clean_body(markdown)  # control characters (the loader has warned about them)

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
        # Our templates and BodyImages make the lightbox links, and shequbao.js loads GLightbox on the
        # first tap: the glightbox plugin neither wraps photos nor adds its script (it serves the files).
        page.meta["glightbox"] = False
        if self._site and getattr(self._site.get(page.file.src_uri), "kind", None) is Kind.WECHAT:
            page.toc = []  # its headings lose their ids (the mp editor drops them): no skip link to them
        self._body_images.page = self._safe_html.page = None
        for problem in self._safe_html.problems:
            log.warning(problem.format(self._settings.content_dir.name))
        self._safe_html.problems.clear()

    @event_priority(-100)  # last: the page as it is written
    def on_post_page(self, output: str, *, page, config) -> str | None:
        if self.config.enabled and self._finisher is not None:
            self._finisher.add(page.file.dest_uri, output, self._cache.render.get(page.file.src_uri))
        return None

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str | None:
        if self.config.enabled and self._finisher is not None and template_name.endswith(".html"):
            self._finisher.add(template_name, output_content)  # 404.html
        return None

    def on_build_error(self, *, error: Exception) -> None:
        self._abort()
        message = sitefolder.describe_os_error(error) or (str(error) if isinstance(error, sitefolder.SiteDirError) else "")
        if message:  # a full disk, permissions: a message, not a traceback
            raise PluginError(f"shequbao: {message}") from None

    def on_shutdown(self) -> None:
        if self._abort():  # still staged: interrupted (Ctrl-C), neither failed nor swapped
            log.error(f"已中断：{self._settings.site_dir.name}/ 仍是上一次成功生成的网站")
        if self._interrupts is not None:
            self._interrupts.close()

    @event_priority(-100)  # last: other plugins (glightbox) write their assets first; we index and check them
    def on_post_build(self, *, config):
        if not self.config.enabled or self._archive is None:
            return
        site_dir = Path(config.site_dir)
        files = derived_files(self._site, self._archive.paper, self._images, self._pdfs, self._logo)  # hard links into the cache
        files += feed_files(self._feeds, self._settings.cache_root)
        files += redirect_files(self._archive, self._site, config.site_url or "", self._settings.cache_root)
        cached_now = [(self._site.pages[src].dest, entry) for src, entry in self._cache.kept()]  # rendered, now cached
        if config.site_url:
            write_sitemap(self._site, config.site_url, site_dir)
        try:
            notes, linked = self._finisher.finish(site_dir, files, cached_now)
        except ScanError as error:
            raise PluginError(f"shequbao: {error}") from None
        for note in notes:
            (log.warning if note.level == "warning" else log.info)(note.text)
        for note in damage_notes():  # renditions, PDFs or an index rebuilt: say so
            log.info(f"shequbao: {note}")
        if self._staging is None:  # the preview: MkDocs' folder, served as it is
            link_files(linked, site_dir)
        self._swap(config, linked)

    # -- helpers -------------------------------------------------------------

    def _unless_serving(self, setting: bool | None) -> bool:  # on for ``mkdocs build``, off for the preview
        return setting if setting is not None else self._command != "serve"

    def _show_drafts(self) -> bool:
        return self.config.drafts if self.config.drafts is not None else self._command == "serve"

    def _template_context(self, page, config) -> TemplateContext:
        return TemplateContext(
            paper=self._archive.paper, site=self._site, page=page, people=self._archive.people, images=self._images,
            pdfs=self._pdfs, show_drafts=self._show_drafts(), feeds=bool(self.config.feeds_enabled and config.site_url),
            search=self._unless_serving(self.config.search_enabled), logo=self._logo)

    def _swap(self, config, linked) -> None:
        """The staged site and the cached files become the site, unless --strict is about to fail the build."""
        if self._staging is not None and not (config.strict and strict_warnings()):
            staging, self._staging = self._staging, None
            sitefolder.commit(staging, linked)  # a SiteDirError is told by on_build_error
            config.site_dir = str(staging.site_dir)  # for gh-deploy, which reads it after the build

    def _abort(self) -> bool:
        """Stop the scan process and forget the staged site (the previous one stays)."""
        self._stop_scanner()
        staging, self._staging = self._staging, None
        if staging is not None:
            sitefolder.abort(staging)
        return staging is not None

    def _start_scanner(self, config) -> None:
        """The scan process (links, search index, page cache) and the last steps of the build (build/finisher.py)."""
        self._stop_scanner()  # a preview's previous build
        others = [name for name in config.plugins if name not in ("shequbao", "glightbox")]  # plugins we cannot key
        store = PageStore(self._settings.cache_root) if self.config.incremental and not others else None
        self._finisher = Finisher(self._settings.cache_root, links_base=urlsplit(config.site_url or "/").path if self.config.links_check else None,
                                  pages=store, search=bool(self._unless_serving(self.config.search_enabled)))

    def _stop_scanner(self) -> None:
        if self._finisher is not None:
            self._finisher.stop()
