"""Full-text search of the built site with Pagefind (knows nothing of MkDocs).

Pagefind runs on the finished HTML. Only article pages carry ``data-pagefind-body``, so
only they are indexed (their metadata and filters come from ``search-meta.html``). The
index is cached under ``.cache/pagefind/<hash>/`` keyed by the indexed HTML and the
Pagefind version, so a build that changed no article copies the cached index instead of
running Pagefind again. The extended build of Pagefind is required: the plain one does
not segment Chinese (it finds nothing for 群租).

Chinese is indexed character by character. Pagefind segments the pages into words with
its own dictionary, but the browser segments the query with another (ICU): 党建 is one
word in the index and two in the query, so it matched pages with 党 and 建 anywhere and
missed 党建办. Pagefind therefore reads a copy of the article pages with a space around
every Han character (:func:`spaced`; the published pages are untouched), and search.js
spaces the query the same way and looks it up as a phrase: every query word matches
exactly the articles that contain it, as readers expect. search.js takes the spaces out
of the excerpts again; titles and other metadata are read from unspaced elements.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

OUTPUT = "pagefind"  # folder of the index in the site
BODY_MARKER = b"data-pagefind-body"
INDEX_VERSION = "2"  # bump when the way we call Pagefind or prepare its pages changes
KEEP_ENTRIES = 4  # cached indexes kept (several sites or configurations may share a cache)


@dataclass(frozen=True)
class SearchPage:
    """``/search/``: the search form and its results (filled in the browser by Pagefind)."""

    enabled: bool  # False when this build makes no index (``mkdocs serve``, ``search_enabled: false``)

    src = "search.md"
    template = "shequbao/search.html"
    title = "搜索"


class SearchError(Exception):
    """Pagefind is missing or failed."""


@dataclass(frozen=True)
class SearchStats:
    pages: int  # pages indexed
    cached: bool
    seconds: float

    def summary(self) -> str:
        if not self.pages:
            return "搜索：没有可索引的文章，未生成搜索索引"
        how = "取自缓存" if self.cached else "新生成"
        return f"搜索：索引 {self.pages} 篇文章（{how}，{self.seconds:.1f} 秒）"


def pagefind_executable() -> Path:
    """The Pagefind binary with Chinese segmentation (PyPI ``pagefind[extended]``)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchError(
            "找不到 Pagefind 扩展版（pagefind_extended）。请在 .venv 里安装：pip install 'pagefind[extended]'"
        ) from None
    return get_executable()


def site_digest(site_dir: Path) -> tuple[str, int]:
    """Hash of every page Pagefind will index (path and bytes) and how many there are."""
    digest = hashlib.sha256(f"shequbao-search {INDEX_VERSION} pagefind {_pagefind_version()}\n".encode())
    pages = 0
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(OUTPUT + "/"):
            continue
        data = path.read_bytes()
        if BODY_MARKER not in data:
            continue  # pages without data-pagefind-body are left out of the index
        pages += 1
        digest.update(relative.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return digest.hexdigest(), pages


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # the same ranges as search.js
_HAN_BOUNDARY = re.compile(f"(?<=[{HAN}])(?=\\S)|(?<=\\S)(?=[{HAN}])")
_EDGES = re.compile(f"^(?=[{HAN}])|(?<=[{HAN}])$")
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_KEEP = re.compile(r"data-pagefind-(?:meta|filter|sort)\b|^<(?:script|style)\b", re.I)


def spaced(html: str) -> str:
    """``html`` with a space on each side of every Han character in its text, except in
    metadata, filter and sort elements (read as they are) and in scripts and styles."""
    parts = _TOKENS.split(html)
    keep_until = None  # the end tag that closes an element whose text is kept as it is
    for index, part in enumerate(parts):
        if index % 2:  # a tag or comment
            if keep_until is None:
                match = _KEEP.search(part)
                if match and not part.endswith("/>"):
                    keep_until = "</" + re.match(r"<\s*([a-zA-Z0-9]+)", part).group(1).lower()
            elif part.lower().startswith(keep_until):
                keep_until = None
        elif keep_until is None and part:  # spaces at the edges too: 居民<b>区</b> is three words
            parts[index] = _EDGES.sub(" ", _HAN_BOUNDARY.sub(" ", part))
    return "".join(parts)


def index_site(site_dir: Path, cache_dir: Path, executable: Path | None = None) -> SearchStats:
    """Write the search index into ``site_dir/pagefind/``, from the cache when nothing changed."""
    started = time.perf_counter()
    site_dir, cache_dir = Path(site_dir), Path(cache_dir)
    target = site_dir / OUTPUT
    if target.exists():
        shutil.rmtree(target)
    key, pages = site_digest(site_dir)
    if not pages:
        return SearchStats(0, False, time.perf_counter() - started)
    entry = cache_dir / key[:24]
    cached = (entry / "pagefind-entry.json").is_file()
    if not cached:
        _run_pagefind(site_dir, cache_dir, entry, executable or pagefind_executable())
    os.utime(entry)  # most recently used: kept by _prune
    shutil.copytree(entry, target)
    _prune(cache_dir, keep=entry)
    return SearchStats(pages, cached, time.perf_counter() - started)


def _run_pagefind(site_dir: Path, cache_dir: Path, entry: Path, executable: Path) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    scratch = cache_dir / f".tmp-{os.getpid()}"
    pages = cache_dir / f".pages-{os.getpid()}"
    for folder in (scratch, pages):
        if folder.exists():
            shutil.rmtree(folder)
    for path in sorted(site_dir.rglob("*.html")):  # the article pages, spaced for Pagefind
        data = path.read_bytes()
        if BODY_MARKER in data and not path.relative_to(site_dir).as_posix().startswith(OUTPUT + "/"):
            copy = pages / path.relative_to(site_dir)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(spaced(data.decode("utf-8")), encoding="utf-8")
    command = [str(executable), "--site", str(pages), "--output-path", str(scratch), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except OSError as error:
        raise SearchError(f"无法运行 Pagefind（{executable}）：{error}") from None
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if result.returncode != 0 or not (scratch / "pagefind-entry.json").is_file():
        shutil.rmtree(scratch, ignore_errors=True)
        detail = (result.stderr or result.stdout).strip()
        raise SearchError(f"Pagefind 生成搜索索引失败（退出码 {result.returncode}）：{detail}")
    if entry.exists():  # another build got there first
        shutil.rmtree(scratch)
    else:
        scratch.rename(entry)


def _prune(cache_dir: Path, keep: Path) -> None:
    """Keep the most recently used indexes only."""
    entries = sorted(
        (p for p in cache_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime, reverse=True,
    )
    for old in entries[KEEP_ENTRIES:]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


def _pagefind_version() -> str:
    for name in ("pagefind_bin_extended", "pagefind-bin-extended", "pagefind"):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"
