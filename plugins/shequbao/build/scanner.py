"""The scan process: every page MkDocs writes is read once more, on the second core, while
the next pages are being rendered (knows nothing of MkDocs).

MkDocs renders on one core. Reading the finished site again afterwards, for the link check
and for Pagefind, took a third of a large build; now a second process does both as the
pages come: it keeps each page's links and ids (``outputs/linkcheck.py``) and feeds article pages
to Pagefind's service (``outputs/search/pagefind.py``). After the last page the build waits only for
Pagefind to write its files and for the links to be resolved against the site's files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs.linkcheck import LinkTargets, broken_links, page_links, site_files
from ..outputs.search.pagefind import BODY_MARKER, IndexWriter, SearchError, prepare
from ..site.registry import SEARCH_INDEX as OUTPUT
from .pagecache import PageStore

BATCH = 16  # pages per message to the scan process


class ScanError(Exception):
    """The scan process failed (Pagefind missing or failing, or a bug)."""


# Messages to the scan process …
@dataclass(frozen=True)
class Pages:
    pages: list[tuple[str, str, str | None]]  # (path in the site, HTML as written, key to cache it under or None)


@dataclass(frozen=True)
class CachedPages:
    pages: list[tuple[str, str]]  # (path in the site, its cache entry): not rendered, linked from the cache


@dataclass(frozen=True)
class StartSearch:
    search: tuple  # (cache_dir, {part: (key, article paths)}): the parts of the search index to make


@dataclass(frozen=True)
class FinishSearch:
    pass


@dataclass(frozen=True)
class SaveLinks:
    pass


@dataclass(frozen=True)
class CheckLinks:
    site_dir: str
    linked: list[str]  # files the site will have besides those in site_dir (linked from the cache)


@dataclass(frozen=True)
class Stop:
    pass


# … and its answers.
@dataclass(frozen=True)
class Done:
    value: object


@dataclass(frozen=True)
class Failed:
    message: str


class PageScanner:
    """The main process's end of the scan process.

    ``links``: the site's base path (``/``, ``/paper/``) when links are to be checked
    (:meth:`check_links`), else ``None``; ``pages``: the page cache's folder. The parts of the
    search index to make come later (:meth:`start_search`); Pagefind reads each article page as
    it comes and writes a part as soon as its last page is in, while other pages still render.
    """

    def __init__(self, *, links: str | None, pages: Path | None = None):
        context = multiprocessing.get_context("spawn")  # nothing of MkDocs' state is copied over
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, links, pages), daemon=True,
                                        name="shequbao-scan")
        self._process.start()
        child.close()
        self._batch: list[tuple[str, str, str | None]] = []
        self._sending: threading.Thread | None = None  # a message still being sent (add_cached)
        self._lost = False  # the scan process stopped reading

    def start_search(self, search: tuple[Path, dict[str, tuple[str, list[str]]]]) -> None:
        """Make the parts of the search index in ``search``: ``(cache_dir, {part: (key, article
        paths)})``, the paths of each part's pages in the site, sorted."""
        self._flush()
        self._send(StartSearch(search))

    def add(self, path: str, html: str, key: str | None = None) -> None:
        """A written page: ``path`` relative to the site folder, ``html`` as written; with a
        ``key``, the scan process keeps it in the page cache (``pages``) for later builds."""
        self._batch.append((path, html, key))
        if len(self._batch) >= BATCH:
            self._flush()

    def add_cached(self, pages: list[tuple[str, str]]) -> None:
        """Pages linked from the page cache, not rendered: ``(path in the site, entry folder)``;
        their links and ids (and, for the search index, their text) are read from the entry.
        Sent by a thread, so the build goes on while the scan process is still starting."""
        self._flush()
        self._send(CachedPages(pages), wait=False)

    def finish_search(self) -> dict[str, tuple[Path | None, int]]:
        """Wait until Pagefind has written the parts of the index into the cache: for each part
        made, its folder (``None`` when none of its pages was an article) and its pages."""
        self._flush()
        made = self._request(FinishSearch())
        return {part: ((Path(entry) if entry else None), pages) for part, (entry, pages) in made.items()}

    def save_links(self) -> None:
        """Once every page written so far is kept in the page cache, write the resolved links of
        the entries this build used (:meth:`PageStore.save_links`)."""
        self._flush()
        self._request(SaveLinks())

    def check_links(self, site_dir: Path, linked: list[str] = ()) -> list[tuple[str, str]]:
        """``(page, link)`` for every link that does not resolve in the finished site: the files in
        ``site_dir`` and the ``linked`` paths (the cache's files, linked in when it is committed)."""
        self._flush()
        return self._request(CheckLinks(str(site_dir), list(linked)))

    def close(self) -> None:
        if self._sending is not None:
            self._sending.join(timeout=10)
        if self._process.is_alive():
            if self._sending is None or not self._sending.is_alive():
                with contextlib.suppress(OSError):
                    self._conn.send(Stop())
                self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._conn.close()

    def _flush(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self._send(Pages(batch))

    def _send(self, message, wait: bool = True) -> None:
        if self._sending is not None:  # one message at a time, in order
            self._sending.join()
            self._sending = None
        if not self._lost:
            if wait:
                self._write(message)
            else:
                self._sending = threading.Thread(target=self._write, args=(message,), daemon=True)
                self._sending.start()
        if self._lost:
            raise ScanError(f"检查页面的子进程意外退出（退出码 {self._process.exitcode}）")

    def _write(self, message) -> None:
        try:
            self._conn.send(message)
        except OSError:
            self._lost = True  # said by the next message

    def _request(self, message):
        self._send(message)
        try:
            answer = self._conn.recv()
        except EOFError:
            raise ScanError(f"检查页面的子进程意外退出（退出码 {self._process.exitcode}）") from None
        if isinstance(answer, Failed):
            raise ScanError(answer.message)
        return answer.value


def _serve(conn, base_path: str | None, pages_root: Path | None) -> None:
    """The scan process: answers the messages of :class:`PageScanner` until ``stop``."""
    from ..workers import ignore_interrupts

    ignore_interrupts()  # Ctrl-C: the build stops this process itself
    links = _Links(base_path)
    index = _Index(None)
    store = PageStore(pages_root, links=base_path is not None) if pages_root is not None else None
    inbox: queue.SimpleQueue = queue.SimpleQueue()  # a thread takes every message at once: the build never waits to send
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    try:
        while True:
            message = inbox.get()
            if message is None:  # the build has gone
                return
            try:
                if isinstance(message, Pages):
                    for path, html, key in message.pages:
                        found = links.read(path, html)
                        index.add(path, html)
                        if key is not None and store is not None:
                            store.keep(key, html, found)
                            links.remember(key, path)
                elif isinstance(message, CachedPages):
                    for path, entry in message.pages:
                        if links.resolver is not None:
                            links.from_cache(path, Path(entry), store)
                        if index.wants(path):
                            index.add(path, PageStore.html_of(Path(entry)))
                elif isinstance(message, StartSearch):
                    index.close()
                    index = _Index(message.search)
                elif isinstance(message, SaveLinks):
                    if store is not None and links.resolver is not None:
                        store.save_links(links.rows)
                    conn.send(Done(None))
                elif isinstance(message, FinishSearch):
                    conn.send(Done(index.finish()))
                elif isinstance(message, CheckLinks):
                    conn.send(Done(links.check(Path(message.site_dir), message.linked)))
                elif isinstance(message, Stop):
                    return
            except Exception as error:  # a bug: say where, and do not leave the build waiting
                if not isinstance(message, (Pages, CachedPages)):
                    conn.send(Failed(str(error) if isinstance(error, SearchError) else traceback.format_exc()))
                elif index.failure is None:
                    index.failure = traceback.format_exc()
    finally:
        index.close()
        conn.close()


def _receive(conn, inbox: queue.SimpleQueue) -> None:
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            inbox.put(None)
            return
        inbox.put(message)
        if isinstance(message, Stop):
            return


class _Links:
    """Every page's links, resolved to files as the pages come, and its ids."""

    def __init__(self, base_path: str | None):
        self.resolver = LinkTargets(base_path) if base_path is not None else None
        self.targets: dict[str, list[tuple[str, str, str]]] = {}
        self.ids: dict[str, set[str]] = {}
        self.rows: dict[str, tuple[list, set[str]]] = {}  # page cache key → resolved links and ids

    def read(self, path: str, html: str) -> tuple[list[str], set[str]]:
        """The page's links and ids, read whether or not links are checked (the page cache keeps
        them with the page, for the builds that check them)."""
        found = page_links(html)
        self.record(path, found)
        return found

    def record(self, path: str, found: tuple[list[str], set[str]]) -> None:
        """Resolve and keep a page's links and ids, when links are checked."""
        if self.resolver is not None:
            links, self.ids[path] = found
            self.targets[path] = self.resolver.resolve(path, links)

    def from_cache(self, path: str, entry: Path, store: PageStore) -> None:
        """A page of the page cache: its links as resolved before (the catalog), else from its entry."""
        known = store.known_links(entry.name)
        if known is None:
            self.record(path, store.links_of(entry))
        else:
            self.targets[path], self.ids[path] = known
        self.remember(entry.name, path)

    def remember(self, key: str, path: str) -> None:
        """Keep the resolved links of the page cache's entry ``key`` for its catalog."""
        if self.resolver is not None:
            self.rows[key] = (self.targets[path], self.ids[path])

    def check(self, site: Path, linked: list[str]) -> list[tuple[str, str]]:
        written = site_files(site)
        for path in sorted(written - self.targets.keys()):  # HTML that was copied, not rendered
            if path.endswith(".html") and not path.startswith(OUTPUT + "/"):
                self.read(path, (site / path).read_text(encoding="utf-8", errors="replace"))
        return broken_links(self.targets, self.ids, written.union(linked))


@dataclass
class _Part:
    """One part of the search index being made: its article pages in order, and where it is."""
    paths: list[str]  # its article pages, sorted
    next: int = 0  # the first page of ``paths`` not yet given to Pagefind
    waiting: dict[str, str] = field(default_factory=dict)  # path → the text Pagefind reads, waiting for a page before it
    done: bool = False  # every page given, the part's index asked for

    def __post_init__(self):  # path → its place in ``paths``
        self.position = {path: n for n, path in enumerate(self.paths)}


class _Index:
    """The search index in the scan process: one Pagefind index for each part (the newest year,
    the years before it: ``views.SearchView``) that is made anew. Each part's article pages are given to Pagefind in
    the order of their paths, so the index is the same whichever pages a build rendered; each
    goes as soon as every page before it is in, so Pagefind reads the pages taken from the page
    cache while MkDocs renders the others, and a part is written as soon as its last page is in.
    The pages of parts taken from the cache are not read at all, nor is a page no part names."""

    def __init__(self, search: tuple[Path, dict[str, tuple[str, list[str]]]] | None):
        self.failure: str | None = None  # the first error, reported when the index is asked for
        wanted = search[1] if search else {}
        self._parts = {part: _Part(list(paths)) for part, (_key, paths) in wanted.items()}
        self._part_of = {path: part for part, (_key, paths) in wanted.items() for path in paths}
        self._writer = None
        self._feed: queue.SimpleQueue = queue.SimpleQueue()  # (part, path, text); (part, None, None): write it; None: end
        self._feeding: threading.Thread | None = None
        self._ended = False
        self._entries: dict[str, str] = {}  # part → its folder in the cache ("" when it had no article)
        if self._parts:
            try:
                self._writer = IndexWriter(search[0])
                for part, (key, _paths) in search[1].items():
                    self._writer.open(part, key)
            except SearchError as error:
                self.failure = str(error)
            else:
                self._feeding = threading.Thread(target=self._write, daemon=True)
                self._feeding.start()

    def wants(self, path: str) -> bool:
        """Whether the page at ``path`` goes into a part being made."""
        return self._writer is not None and self.failure is None and path in self._part_of

    def add(self, path: str, html: str) -> None:
        if not self.wants(path) or BODY_MARKER not in html:
            return
        part = self._parts[self._part_of[path]]
        if part.done or path in part.waiting or part.position[path] < part.next:
            self.failure = f"{path}：这一页第二次送来编入搜索索引（{self._part_of[path]}）"
            return
        part.waiting[path] = prepare(html)
        while part.next < len(part.paths) and part.paths[part.next] in part.waiting:
            ready = part.paths[part.next]
            self._feed.put((self._part_of[path], ready, part.waiting.pop(ready)))
            part.next += 1
        if part.next == len(part.paths):
            self._close_part(self._part_of[path], part)

    def finish(self) -> dict[str, tuple[str, int]]:
        """Each part made: its folder in the cache ("" when none) and the pages in it."""
        self._end()  # parts whose pages did not all come: the index of those that came
        if self._feeding is not None:
            self._feeding.join()
        if self.failure is not None:
            raise SearchError(self.failure)
        return {part: (self._entries.get(part, ""), self._writer.pages[part]) for part in self._parts} if self._writer else {}

    def close(self) -> None:
        if self._feeding is not None:
            self.failure = self.failure or "构建已中止"  # a part not yet written is not written half
            self._end()
            self._feeding.join()
        if self._writer is not None:
            self._writer.close()

    def _close_part(self, name: str, part: _Part) -> None:
        for path in sorted(part.waiting):  # at the end: pages after one that never came (not an article page after all)
            self._feed.put((name, path, part.waiting.pop(path)))
        part.done = True
        self._feed.put((name, None, None))

    def _end(self) -> None:
        if not self._ended and self._feeding is not None:
            self._ended = True
            for name, part in self._parts.items():
                if not part.done:
                    self._close_part(name, part)
            self._feed.put(None)

    def _write(self) -> None:
        """The thread that feeds Pagefind each page as it comes, and has it write each part."""
        try:
            while (item := self._feed.get()) is not None:
                part, path, text = item
                if path is not None:
                    self._writer.add_text(part, path, text)
                elif self.failure is None:
                    entry = self._writer.write(part)
                    self._entries[part] = str(entry) if entry else ""
        except SearchError as error:
            self.failure = self.failure or str(error)
        except Exception:  # a full disk, a bug: the build fails and says so, never publishes no index
            self.failure = self.failure or traceback.format_exc()
