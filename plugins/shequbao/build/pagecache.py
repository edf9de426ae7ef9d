"""Incremental builds: the HTML of every page is kept in ``.cache/pages/`` under the page's
key (:mod:`shequbao.pagekeys`); a build renders only the pages whose key has no entry and
links the others in. Knows nothing of MkDocs.

Each entry holds the page as MkDocs wrote it (``page.html``) and its links and ids
(``links.json``), so the link check still covers the whole site and the search index can be
made from pages that were not rendered. Entries are written by the scan process, which reads
every written page anyway; the sitemap is written from the registry, since MkDocs' own lists
only the pages it rendered.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..cache.store import Entry, Store, code_key, package_version, tree_stamp, write_atomic
from ..site.keys import KeyInputs, page_key
from ..site.registry import Site

KIND = "pages"
PAGE_FILE = "page.html"
LINKS_FILE = "links.json"
CATALOG_LINKS = "catalog-links.json"  # the resolved links and ids of the entries the last build used
KEEP_DAYS = 7  # page entries no build used for a week are removed (a template change leaves a whole site behind)
PACKAGE = Path(__file__).parents[1]  # the whole package: its code and templates
# Every library whose version can change a page's HTML: MkDocs and the theme, Markdown and its
# extensions, the sanitiser (nh3 rewrites article HTML), the slugs (addresses) and the escaping.
VERSIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "mkdocs-glightbox", "jinja2", "pygments",
            "nh3", "pypinyin", "python-slugify", "markupsafe")


class PageStore:
    """The page cache's entries: written in the scan process, read by the build.

    The store keeps a catalog (:class:`~shequbao.cache.Store` with ``catalog``; written by the
    build, which has checked every entry it used) of the entries the last build used, and
    ``catalog-links.json`` their links as the link check resolved them and their ids (written
    and read by the scan process), so a warm build of 5,000 articles opens three
    files instead of 7,000 manifests and 7,000 link lists, and resolves no link of a page it
    did not render (the key of a page includes its address and the site's, so its links resolve
    the same as long as the key is the same). A page edited through a link in ``site/`` no
    longer matches the catalog nor its manifest, and is made again.
    """

    def __init__(self, root: Path, *, links: bool = False):
        self.store = Store(root, KIND, catalog=True)
        self._links: dict[str, list] = {}  # key → [resolved links, ids], read when ``links``
        if links:
            with contextlib.suppress(OSError, ValueError):
                self._links = json.loads((self.store.folder / CATALOG_LINKS).read_text(encoding="utf-8"))

    def lookup(self, key: str) -> Entry | None:
        return self.store.get(key)

    def keep(self, key: str, html: str, found: tuple[list[str], set[str]]) -> None:
        """Keep a page as MkDocs writes it (UTF-8, characters it cannot encode as references)."""
        if (self.store.path(key) / PAGE_FILE).is_file():
            return
        links, ids = found
        with self.store.put(key) as scratch:
            (scratch / PAGE_FILE).write_bytes(html.encode("utf-8", errors="xmlcharrefreplace"))
            (scratch / LINKS_FILE).write_text(json.dumps({"links": links, "ids": sorted(ids)}, ensure_ascii=False),
                                              encoding="utf-8")

    @staticmethod
    def links_of(entry: Path) -> tuple[list[str], set[str]]:
        data = json.loads((entry / LINKS_FILE).read_text(encoding="utf-8"))
        return data["links"], set(data["ids"])

    def known_links(self, key: str) -> tuple[list, set[str]] | None:
        """The links of an entry as the last build resolved them (``LinkTargets.resolve``) and its ids."""
        known = self._links.get(key)
        return (known[0], set(known[1])) if known is not None else None

    def save_catalog(self, keys: Iterable[str]) -> None:
        """The catalog of the entries this build used (``keys``); once a day, entries no build used
        for :data:`KEEP_DAYS` days are removed."""
        self.store.save_catalog(sorted(set(keys)), days=KEEP_DAYS)

    def save_links(self, links: dict[str, tuple[list, set[str]]]) -> None:
        """The resolved ``links`` and ids of the entries this build used (in the scan process)."""
        if links.keys() != self._links.keys():  # the links of a key never change
            rows = {key: [targets, sorted(ids)] for key, (targets, ids) in sorted(links.items())}
            write_atomic(self.store.folder / CATALOG_LINKS, json.dumps(rows, ensure_ascii=False))

    @staticmethod
    def html_of(entry: Path) -> str:
        return (entry / PAGE_FILE).read_text(encoding="utf-8")


def base_key(config_bytes: bytes, options: Iterable, theme_dirs: Iterable[Path], menu: bytes, command: str) -> str:
    """The site-wide inputs of every page: mkdocs.yml, the plugin's options, our code and
    templates, the theme folders (Material's and the paper's own, by their files' sizes and
    modification times), the menu (``menu``: the files the nav lists, whose titles are its labels),
    the versions of what renders, and whether this is a preview."""
    digest = hashlib.sha256()
    for part in (config_bytes, repr(list(options)).encode(), menu, command.encode(),
                 code_key(PACKAGE).encode(), *(tree_stamp(d).encode() for d in theme_dirs),
                 " ".join(f"{name}={package_version(name)}" for name in VERSIONS).encode()):
        digest.update(part + b"\0")
    return digest.hexdigest()


@dataclass
class CachePlan:
    """Which pages a build renders (with the key to keep them under) and which it takes from the cache."""

    render: dict[str, str | None] = field(default_factory=dict)  # src → key (None: never kept)
    cached: dict[str, Entry] = field(default_factory=dict)  # src → entry
    store: PageStore | None = None  # the page cache (None: incremental builds are off)
    inputs: KeyInputs | None = None  # what the keys were made of (the search index's keys are made of it too)

    def kept(self) -> list[tuple[str, Path]]:
        """``(src, entry folder)`` of the rendered pages that are kept in the page cache."""
        if self.store is None:
            return []
        return [(src, self.store.store.path(key)) for src, key in self.render.items() if key is not None]

    @property
    def keys(self) -> dict[str, str]:
        """src → its page's key, for every page that has one (an entry's folder is named by its key)."""
        return {**{src: entry.path.name for src, entry in self.cached.items()},
                **{src: key for src, key in self.render.items() if key is not None}}

    def summary(self) -> str:
        return f"页面：重新生成 {len(self.render)}，沿用 {len(self.cached)}"


def plan_cache(site: Site, inputs: KeyInputs, store: PageStore | None, always: set[str]) -> CachePlan:
    """For every page of ``site``: its entry when it has one, else its key (``always``: sources
    that are rendered every time, such as the pages in the menu). With no ``store`` (incremental
    builds off) every page is rendered and nothing is kept."""
    plan = CachePlan(store=store, inputs=inputs)
    for page in site:
        key = None if store is None or page.src in always else page_key(page, inputs)
        entry = store.lookup(key) if key is not None else None
        if entry is not None:
            plan.cached[page.src] = entry
        else:
            plan.render[page.src] = key
    return plan


def photos_by_article(refs) -> dict[str, tuple[str, ...]]:
    """Every photo each article shows (``photos.PhotoRef``: front matter and text)."""
    found: dict[str, list[str]] = {}
    for ref in refs:
        found.setdefault(ref.article, []).append(ref.src)
    return {article: tuple(srcs) for article, srcs in found.items()}
