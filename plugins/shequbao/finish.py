"""The part of a build around MkDocs' rendering: the scan process that reads every page as it
is written (links for the link check, article pages for the search index), then the derived
files linked from the cache into the site, the search index published and the links checked.
Knows nothing of MkDocs: the plugin hands it pages and gets back what to tell the editor.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .cache import link_files
from .pagecache import PAGE_FILE
from .scan import PageScanner, ScanError
from .search import SearchStats, cached_index, publish_index


@dataclass(frozen=True)
class Note:
    """Something to tell the editor: ``level`` is "info" or "warning" (a strict build fails on those)."""

    level: str
    text: str


class Finisher:
    """One build's scan process and its last steps.

    ``links_base``: the site's base path (``/``, ``/paper/``) to check links, or None;
    ``search_key``: the key of the search index to publish, or None when search is off;
    ``articles``: how many article pages the index will hold.
    """

    def __init__(self, cache_root: Path, *, links_base: str | None, search_key: str | None, articles: int,
                 keep_pages: bool = False):
        self.cache_root = Path(cache_root)
        self.search_key = search_key
        self.articles = articles
        self.cached = cached_index(cache_root, search_key) if search_key else None
        make_index = search_key is not None and self.cached is None
        self.scanner = None
        if links_base is not None or make_index or keep_pages:
            search = (self.cache_root, search_key, articles) if make_index else None
            self.scanner = PageScanner(links=links_base, search=search, pages=self.cache_root if keep_pages else None)
        self.check_links = links_base is not None

    def add(self, path: str, html: str, key: str | None = None) -> None:
        """A page as it is written (``path`` relative to the site folder); with a ``key``, it is
        kept in the page cache."""
        if self.scanner is not None:
            self.scanner.add(path, html, key)

    def finish(self, site_dir: Path, files: Iterable[tuple[str, str | Path]],
               cached_pages: list[tuple[str, Path]] = ()) -> list[Note]:
        """Link ``files`` (``(path in the site, cached file)``) and the pages taken from the page
        cache (``(path in the site, entry)``) into the site, publish the search index, check every
        link; what to tell the editor. Raises ScanError if the scan failed."""
        link_files([*files, *((path, entry / PAGE_FILE) for path, entry in cached_pages)], site_dir)
        notes = []
        try:
            if self.scanner is not None and cached_pages:
                self.scanner.add_cached([(path, str(entry)) for path, entry in cached_pages])
            if self.search_key is not None:
                notes.append(self._publish_search(site_dir))
            if self.check_links and self.scanner is not None:
                broken = self.scanner.check_links(site_dir)
                notes += [Note("warning", f"shequbao: {page} 里的链接 {link} 打不开（页面、文件或锚点不存在）") for page, link in broken]
                notes.append(Note("info", f"shequbao: 链接检查完毕，{len(broken)} 个打不开"))
        finally:
            self.stop()
        return notes

    def stop(self) -> None:
        if self.scanner is not None:
            self.scanner.close()
            self.scanner = None

    def _publish_search(self, site_dir: Path) -> Note:
        started = time.perf_counter()
        entry, pages = self.cached, self.articles
        if entry is None:
            entry, pages = self.scanner.finish_search()  # Pagefind has read the pages as they were written
        if entry is not None:
            publish_index(entry, Path(site_dir), self.cache_root)
        stats = SearchStats(pages, cached=self.cached is not None, seconds=time.perf_counter() - started)
        return Note("info", f"shequbao: {stats.summary()}")


__all__ = ["Finisher", "Note", "ScanError"]
