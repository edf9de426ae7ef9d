"""The part of a build around MkDocs' rendering: the scan process that reads every page as it
is written (links for the link check, article pages for the search index), then the derived
files from the cache (to link into the site), the search index made and the links checked.
Knows nothing of MkDocs: the plugin hands it pages and gets back what to tell the editor.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..outputs.search.pagefind import SearchStats, cached_index, index_files
from .pagecache import PAGE_FILE, PageStore
from .scanner import PageScanner, ScanError


@dataclass(frozen=True)
class BuildNote:
    """Something to tell the editor: ``level`` is "info" or "warning" (a strict build fails on those)."""

    level: str
    text: str


class Finisher:
    """One build's scan process and its last steps. Started before the content is loaded, so
    the scan process reads the page cache's links while the build loads, plans and keys; told
    what to index by :meth:`plan`.

    ``links_base``: the site's base path (``/``, ``/paper/``) to check links, or None;
    ``pages``: the page cache (incremental builds), or None (then no part of the search index
    is taken from the cache either); ``search``: whether the build makes a search index.
    """

    def __init__(self, cache_root: Path, *, links_base: str | None, pages: PageStore | None = None, search: bool = True):
        self.cache_root = Path(cache_root)
        self.pages = pages
        self.search: dict[str, str] | None = None
        self.articles: dict[str, list[str]] = {}
        self.cached: dict[str, Path | None] = {}
        self.cached_pages: list[tuple[str, Path]] = []  # (path in the site, entry): not rendered
        self.scanner = None
        if links_base is not None or pages is not None or search:
            self.scanner = PageScanner(links=links_base, pages=self.cache_root if pages is not None else None)
        self.check_links = links_base is not None

    def plan(self, search: dict[str, str] | None, articles: dict[str, list[str]], cached_pages: list[tuple[str, Path]]) -> None:
        """``search``: the key of each part of the search index (``pagekeys.search_keys``), or None
        when search is off; ``articles``: the article pages of each part (their paths in the site,
        ``search.part_pages``); ``cached_pages``: the pages taken from the page cache
        (``(path in the site, entry)``), whose links and text the scan process reads while
        MkDocs renders the others. With no page cache, every part is made anew, as every page is rendered."""
        self.search, self.articles, self.cached_pages = search, articles, cached_pages
        self.cached = {part: cached_index(self.cache_root, key) if self.pages is not None else None
                       for part, key in (search or {}).items()}
        make = {part: (search[part], articles.get(part, [])) for part, entry in self.cached.items() if entry is None}
        if self.scanner is not None:
            if make:
                self.scanner.start_search((self.cache_root, make))
            if cached_pages:
                self.scanner.add_cached([(path, str(entry)) for path, entry in cached_pages])

    def add(self, path: str, html: str, key: str | None = None) -> None:
        """A page as it is written (``path`` relative to the site folder); with a ``key``, it is
        kept in the page cache."""
        if self.scanner is not None:
            self.scanner.add(path, html, key)

    def finish(self, site_dir: Path, files: Iterable[tuple[str, str | Path]],
               kept_pages: list[tuple[str, Path]] = ()) -> tuple[list[BuildNote], list[tuple[str, Path]]]:
        """Check every link of the site as it will be: what MkDocs wrote into ``site_dir`` plus
        ``files`` (``(path in the site, cached file)``), the pages taken from the page cache
        (:meth:`plan`) and the search index. Returns what to tell the editor and
        every cached file to link into the site (:func:`shequbao.sitedir.commit` does, or
        :func:`link_files` for the preview): the pages rendered and kept in the page cache
        (``kept_pages``) are linked too, so the next build finds the site's file already there."""
        linked = [*files, *((path, os.path.join(entry, PAGE_FILE)) for path, entry in self.cached_pages)]
        notes = []
        try:
            if self.scanner is not None and self.pages is not None:
                self.scanner.save_links()  # and so waits for the rendered pages to be kept
                self.pages.save_catalog(entry.name for _, entry in [*self.cached_pages, *kept_pages])
                linked += [(path, page) for path, entry in kept_pages if os.path.isfile(page := os.path.join(entry, PAGE_FILE))]
            if self.search is not None:
                told, index = self._publish_search()
                notes += told
                linked += index
            if self.check_links and self.scanner is not None:
                broken = self.scanner.check_links(site_dir, [path for path, _ in linked])
                notes += [BuildNote("warning", f"shequbao: {page} 里的链接 {link} 打不开（页面、文件或锚点不存在）") for page, link in broken]
                notes.append(BuildNote("info", f"shequbao: 链接检查完毕，{len(broken)} 个打不开"))
        finally:
            self.stop()
        return notes, linked

    def stop(self) -> None:
        if self.scanner is not None:
            self.scanner.close()
            self.scanner = None

    def _publish_search(self) -> tuple[list[BuildNote], list[tuple[str, Path]]]:
        started = time.perf_counter()
        parts = {part: (entry, len(self.articles.get(part, ()))) for part, entry in self.cached.items() if entry is not None}
        made = self.scanner.finish_search() if len(parts) < len(self.cached) else {}  # Pagefind has read the pages as they came
        parts.update(made)
        entries = {part: entry for part, (entry, _pages) in sorted(parts.items()) if entry is not None}
        files = index_files(entries, self.cache_root)
        stats = SearchStats(sum(pages for _entry, pages in parts.values()), len(entries), len(made), time.perf_counter() - started)
        notes = [BuildNote("warning", f"shequbao: 搜索索引 {part} 部分的 {len(self.articles.get(part, ()))} 篇文章都没有 data-pagefind-body，"
                                 "搜索找不到它们：请检查自己改过的 article.html") for part in sorted(set(parts) - set(entries))]
        return [*notes, BuildNote("info", f"shequbao: {stats.summary()}")], files


__all__ = ["Finisher", "BuildNote", "ScanError"]
