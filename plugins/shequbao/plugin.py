"""MkDocs adapter: turns MkDocs events into calls to the core and back.

Everything that knows about newspapers lives in the core modules; this file only maps
the model and views onto MkDocs files, pages and template contexts.
"""

from __future__ import annotations

import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .load import load_archive
from .model import Archive, Paper
from .problems import ContentError
from .views import (
    ArticleView, IssueView, archive_src, format_date, generate_archive_pages, generate_article_views,
    generate_byline, generate_issue_views,
)

log = logging.getLogger("mkdocs.plugins.shequbao")
TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "assets/shequbao/shequbao.css"
HIDE_SIDEBARS = ["navigation", "toc"]


class ShequbaoConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the site then builds as plain MkDocs)."""
    paper_name = c.Optional(c.Type(str))
    """The paper's name in mastheads; defaults to ``site_name``."""
    paper_publisher = c.Type(str, default="")
    """主办: who publishes the paper."""
    paper_permit = c.Type(str, default="")
    """准印证号: the print permit number."""
    drafts = c.Optional(c.Type(bool))
    """Show ``draft: true`` items (marked 草稿); default: shown by ``mkdocs serve``, left out of ``mkdocs build``."""
    archive_per_page = c.Type(int, default=60)
    """Issues per page of 往期 (``/issues/``, ``/issues/page/2/`` …)."""


@dataclass
class _Context:
    """What our templates see as ``sqb``."""

    paper: Paper
    files: Files
    view: Any = None
    latest: IssueView | None = None
    show_drafts: bool = False

    def url(self, src: str) -> str:
        """URL (relative to the site root) of the page or file generated from ``src``."""
        file = self.files.get_file_from_path(src)
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


class ShequbaoPlugin(BasePlugin[ShequbaoConfig]):
    def __init__(self):
        self._command = "build"
        self._archive: Archive | None = None
        self._views: dict[str, Any] = {}  # src_uri → view
        self._context: _Context | None = None

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

    def on_files(self, files: Files, *, config) -> Files | None:
        if not self.config.enabled:
            return
        docs_dir = Path(config.docs_dir)
        paper = Paper(
            name=self.config.paper_name or config.site_name,
            publisher=self.config.paper_publisher,
            permit=self.config.paper_permit,
        )
        show_drafts = self._show_drafts()
        try:
            self._archive, warnings = load_archive(docs_dir, paper, drafts=show_drafts)
        except ContentError as error:
            for problem in error.problems:
                (log.error if problem.severity == "error" else log.warning)(problem.format(docs_dir.name))
            raise PluginError(f"{docs_dir.name}/ 里有 {len(error.problems)} 处问题，请按上面的提示修改") from None
        for problem in warnings:
            log.warning(problem.format(docs_dir.name))
        self._views = {}
        files = self._resolve_files(files, config)
        self._context = _Context(paper, files, show_drafts=show_drafts)
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str | None:
        if not self.config.enabled:
            return
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])  # the theme prints titles unescaped
        view = self._views.get(page.file.src_uri)
        if view is None:
            if page.is_homepage:
                page.meta.setdefault("template", "shequbao/home.html")
                page.meta.setdefault("hide", HIDE_SIDEBARS)
            return
        template, title = _render_meta(view)
        page.meta.update(template=template, title=escape(title), hide=HIDE_SIDEBARS)

    def on_page_context(self, context, *, page, config, nav):
        if not self.config.enabled or self._context is None:
            return
        context["sqb"] = _Context(
            paper=self._context.paper,
            files=self._context.files,
            view=self._views.get(page.file.src_uri),
            latest=self._latest_issue_view(),
            show_drafts=self._context.show_drafts,
        )
        return context

    # -- helpers -------------------------------------------------------------

    def _show_drafts(self) -> bool:
        if self.config.drafts is not None:
            return self.config.drafts
        return self._command == "serve"

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
            if not src.startswith("issues/"):
                continue
            if src.endswith((".yml", ".yaml")) or (file.is_documentation_page() and src not in published):
                files.remove(file)  # issue.yml, and drafts when they are not shown
        issue_views = generate_issue_views(archive)
        for view in issue_views:
            self._views[view.src] = view
            for article_view in generate_article_views(view.issue):
                self._views[article_view.article.src] = article_view
                _resolve_slug_url(files, article_view.article, config)
        for page in generate_archive_pages(issue_views, self.config.archive_per_page):
            self._views[page.src] = page
        for src in self._views:
            if files.get_file_from_path(src) is None:
                files.append(File.generated(config, src, content=""))
        return files


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
    suffix = f"（第{view.number}页）" if view.number > 1 else ""
    return "shequbao/archive.html", "往期" + suffix


def _resolve_slug_url(files: Files, article, config) -> None:
    """An article whose file name is not a slug (``垃圾分类.md``) is published at its pinyin slug."""
    file = files.get_file_from_path(article.src)
    if file is None or file.name == article.slug:
        return
    parent = posixpath.dirname(article.src)
    dest = posixpath.join(parent, article.slug, "index.html") if config.use_directory_urls else posixpath.join(parent, f"{article.slug}.html")
    files.remove(file)
    files.append(File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=dest))
