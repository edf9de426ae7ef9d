"""MkDocs adapter: turns MkDocs events into calls to the core and back.

Everything that knows about newspapers lives in the core modules: the registry
(:mod:`shequbao.pages`) decides which pages exist and where; this file hands them to MkDocs
as files, copies each page's template, title and date, and gives our templates ``sqb``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import NOT_IN_PAGES, ShequbaoConfig, read_settings
from .context import OursStrictUndefined, TemplateContext, autoescape_ours, filters
from .feeds import build_feeds
from .load import load_archive
from .finish import Finisher, ScanError
from .pagecache import CachePlan, PageStore, base_key, plan_cache, write_sitemap
from .pagekeys import KeyInputs
from .pages import Kind, Site, asset_path, derived_files, plan_pages
from .people import PEOPLE_FILE
from .photos import BodyImages, PageImages, collect_refs, is_original, process_photos
from .print import PrintError, build_editions
from .problems import ContentError
from .search import search_key

log = logging.getLogger("mkdocs.plugins.shequbao")
TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = asset_path("shequbao.css")
HIDE_SIDEBARS = ["navigation", "toc"]


class ShequbaoPlugin(BasePlugin[ShequbaoConfig]):
    def __init__(self):
        self._command = "build"
        self._settings = None
        self._archive = None
        self._site: Site | None = None
        self._images = None
        self._pdfs: dict = {}  # issue id → print.PdfFile
        self._finisher: Finisher | None = None  # reads each written page (links, search index), then finishes the site
        self._body_images = BodyImages()  # photos in article texts, as <picture>

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config):
        if not self.config.enabled:
            return
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        # The nav is a fixed handful of entries by design; articles are reached through our pages.
        config.validation.nav.omitted_files = logging.DEBUG
        config.markdown_extensions.append(self._body_images)
        try:
            self._settings = read_settings(config, self.config)
        except ValueError as error:
            raise PluginError(f"shequbao: {error}") from None

    def on_env(self, env, *, config, files):
        if not self.config.enabled:
            return
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
            for problem in error.problems:
                (log.error if problem.severity == "error" else log.warning)(problem.format(docs_dir.name))
            raise PluginError(f"{docs_dir.name}/ 里有 {len(error.problems)} 处问题，请按上面的提示修改") from None
        for problem in warnings:
            log.warning(problem.format(docs_dir.name))
        log.info(f"shequbao: {self._images.stats.summary()}")
        self._pdfs = self._build_editions()
        self._site = plan_pages(self._archive, self._archive.static_pages, settings.plan, self._pdfs)
        self._cache = self._plan_cache(config, refs)
        files = self._resolve_files(files, config)
        self._add_feeds(files, config)
        self._finisher = self._start_finisher(config)
        return files

    def _plan_cache(self, config, refs) -> CachePlan:
        """Which pages to render and which to take from the page cache (incremental builds)."""
        others = [name for name in config.plugins if name not in ("shequbao", "glightbox")]
        store = PageStore(self._settings.cache_root) if self.config.incremental and not others else None
        markdown = repr([e for e in config.markdown_extensions if isinstance(e, str)]) + repr(dict(config.mdx_configs))
        config_bytes = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        base = base_key(config_bytes, sorted(self.config.items()), [Path(d) for d in config.theme.dirs], markdown,
                        f"{self._command} {os.environ.get('SHEQUBAO_PREVIEW', '')}")
        photos_of: dict[str, list[str]] = {}
        for ref in refs:
            photos_of.setdefault(ref.article, []).append(ref.src)
        inputs = KeyInputs(base, self._archive.people, self._images, {k: tuple(v) for k, v in photos_of.items()},
                           self._pdfs, frozenset(a.src for i in self._archive.issues for a in i.articles if a.links_pages))
        plan = plan_cache(self._site, inputs, store, set(_nav_sources(config.nav)))
        if store is not None:
            log.info(f"shequbao: {plan.summary()}")
        return plan

    def _build_editions(self) -> dict:
        """The print editions, before the pages are planned (the 数字报 pages show them)."""
        if not self._unless_serving(self.config.print_enabled):
            return {}
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
        return {pdf.issue_id: pdf for pdf in pdfs}

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
        if self.config.enabled and self._finisher is not None:
            self._finisher.add(page.file.dest_uri, output, self._cache.render.get(page.file.src_uri))
        return None

    on_post_page = CombinedEvent(_mark_lightbox_pages, _scan_page)

    def on_post_template(self, output_content: str, *, template_name: str, config) -> str | None:
        if self.config.enabled and self._finisher is not None and template_name.endswith(".html"):
            self._finisher.add(template_name, output_content)  # 404.html
        return None

    def on_build_error(self, *, error: Exception) -> None:
        if self._finisher is not None:
            self._finisher.stop()

    @event_priority(-100)  # last: other plugins (glightbox) write their assets first; we index and check them
    def on_post_build(self, *, config):
        if not self.config.enabled:
            return
        files = derived_files(self._site, self._archive.paper, self._images, self._pdfs)
        cached = [(self._site.pages[src].dest, entry.path) for src, entry in self._cache.cached.items()]
        if config.site_url:
            write_sitemap(self._site, config.site_url, Path(config.site_dir))
        try:
            notes = self._finisher.finish(Path(config.site_dir), files, cached)
        except ScanError as error:
            raise PluginError(f"shequbao: {error}") from None
        for note in notes:
            (log.warning if note.level == "warning" else log.info)(note.text)

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

    def _resolve_preview(self, archive):
        """Under ``mkdocs serve``, publish only the issues being worked on, so reloads stay fast."""
        if self._command != "serve":
            return archive
        preview = archive.preview(os.environ.get("SHEQUBAO_PREVIEW") or str(self.config.preview_issues))
        if len(preview.issues) < len(archive.issues):
            shown = "、".join(f"第{i.number}期" for i in preview.issues) or "（没有符合的期）"
            log.info(f"预览只显示 {shown}；看全部请用 make serve ISSUES=all，看某一期用 make serve ISSUES=<文件夹名>")
        return preview

    def _resolve_files(self, files: Files, config) -> Files:
        """Drop what readers must not get, and give MkDocs every page of the registry at its place."""
        for file in list(files):
            src = file.src_uri
            if src == PEOPLE_FILE:
                files.remove(file)  # profiles are shown on the person pages, not published as a file
            elif not src.startswith("issues/"):
                continue
            elif file.is_documentation_page():
                if src not in self._site.pages:
                    files.remove(file)  # drafts when they are not shown
                elif src in self._cache.cached:
                    file.inclusion = InclusionLevel.EXCLUDED  # unchanged: linked from the page cache, not rendered
            elif is_original(src):
                file.inclusion = InclusionLevel.EXCLUDED  # photos are published as renditions only
            else:
                files.remove(file)  # issue.yml, Thumbs.db, notes.docx…: nothing else leaves an issue folder
        for page in self._site:
            existing = files.src_uris.get(page.src)
            if existing is not None and existing.dest_uri == page.dest:
                continue
            if existing is not None:
                files.remove(existing)
            file = File(page.src, existing.src_dir if existing else None, config.site_dir, config.use_directory_urls,
                        dest_uri=page.dest)
            if existing is None:
                file.generated_by, file.content_string = "shequbao", ""
            if page.src in self._cache.cached:
                file.inclusion = InclusionLevel.EXCLUDED
            files.append(file)
        return files

    def _add_feeds(self, files: Files, config) -> None:
        """RSS of the paper and of each person, as generated files (so `mkdocs serve` has them too)."""
        if self.config.feeds_enabled and not config.site_url:
            log.info("shequbao: mkdocs.yml 没有 site_url，不生成 RSS（订阅需要完整网址）")
        if self._feeds_made(config):
            for feed in build_feeds(self._archive, self._site, config.site_url, config.site_description or "",
                                    self.config.feeds_items):
                files.append(File.generated(config, feed.path, content=feed.xml))

    def _start_finisher(self, config) -> Finisher:
        """The scan process (links, search index) and the last steps of the build."""
        search = None
        if self._unless_serving(self.config.search_enabled):
            options = sorted((k, v) for k, v in self.config.items() if not k.startswith(NOT_IN_PAGES))
            folders = [TEMPLATES, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
            search = search_key(config.config_file_path, options, self._images, self._archive, folders, self._settings.content_dir)
        links = urlsplit(config.site_url or "/").path if self.config.links_check else None
        keep = any(key is not None for key in self._cache.render.values())
        return Finisher(self._settings.cache_root, links_base=links, search_key=search,
                        articles=self._archive.article_count, keep_pages=keep)


def _nav_sources(nav) -> list[str]:
    """The content files the menu (``nav``) lists: always rendered, MkDocs links them from every page."""
    if nav is None:
        return []
    found = []
    for item in nav if isinstance(nav, list) else [nav]:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += _nav_sources(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return found
