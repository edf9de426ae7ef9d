"""Full-text search of the built site with Pagefind (knows nothing of MkDocs).

Pagefind reads the pages as MkDocs writes them: the scan process (``build/scanner.py``) sends each
to Pagefind's service through :class:`IndexWriter`, on the second core, while the next
pages are rendered. Only article pages carry ``data-pagefind-body``, so only they are
indexed (their metadata and filters come from ``search-meta.html``). The extended build of
Pagefind is required: the plain one does not segment Chinese (it finds nothing for 群租).

The index comes in parts (``views.SearchView``): the newest year of issues (``pagefind/2025/``)
and every year before it (``pagefind/2016-2024/``), each a whole Pagefind index. Each part is
cached under ``.cache/pagefind/<key>/`` (a :class:`~shequbao.cache.Store` entry like every
cached artefact), keyed by what Pagefind reads of its article pages (``pagekeys.search_keys``),
so an edit or a new issue in the newest year makes only that part again (about a second for
700 articles) and the older part is linked in from the cache unread; Pagefind has no way to
add pages to an index it made. The search page merges the parts in the browser (search.js:
the newest part's ``pagefind.js``, the other with ``mergeIndex``, which shares its
WebAssembly), and with a year chosen it loads that year's part alone.

Chinese is indexed character by character. Pagefind segments the pages into words with
its own dictionary, but the browser segments the query with another (ICU): 党建 is one
word in the index and two in the query, so it matched pages with 党 and 建 anywhere and
missed 党建办. Pagefind therefore reads a copy of the article pages with a space around
every Han character (:func:`spaced`; the published pages are untouched), and search.js
spaces the query the same way and looks it up as a phrase: every query word matches
exactly the articles that contain it, as readers expect. search.js takes those spaces out
of the snippets again; titles and other metadata are read from unspaced elements.

Pagefind makes every kind of space into one plain space in its snippets, so a space the
editor typed next to a Han character (``本报讯 9月18日``, ``发送邮件至 a@b.org``) would be taken
out too. It is kept as a word joiner (U+2060, :data:`TYPED_SPACE`) fixed to the word on the
other side (``讯 ⁠9``): Pagefind keeps it in the snippet and ignores it in the word, and
search.js shows a space there. (Measured with Pagefind 1.x: a joiner standing as a word of its
own would count as one, and a phrase across it would no longer match; joined to a Han
character it splits the word. So a space typed between two Han characters is not kept.)
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...cache.store import MANIFEST, Store, code_key, package_version
from ...content.slugs import make_person_slug
from ...model import KINDS, ROLES, Archive
from ...site.kinds import Kind
from ...site.registry import Site, search_index_path, url_of_file
from ...site.text import kind_label, person_name, section_label
from .reproducible import normalise

BODY_MARKER = "data-pagefind-body"  # only article pages have it
KIND = "pagefind"  # the cache's folder of search indexes
KEEP_ENTRIES = 4  # cached indexes kept per part of the index (several sites or configurations may share a cache)
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")  # Pagefind's own UI: search.js replaces it
CODE = code_key(Path(__file__), Path(__file__).with_name("reproducible.py"))  # how we call Pagefind and prepare its pages


class SearchError(Exception):
    """Pagefind is missing or failed."""


@dataclass(frozen=True)
class SearchStats:
    pages: int  # articles indexed
    parts: int  # parts of the index (the newest year, the years before it)
    made: int  # parts made anew; the others were taken from the cache
    seconds: float

    def summary(self) -> str:
        if not self.pages:
            return "搜索：没有可索引的文章，未生成搜索索引"
        return (f"搜索：索引 {self.pages} 篇文章，分 {self.parts} 部分（新生成 {self.made}，"
                f"取自缓存 {self.parts - self.made}，{self.seconds:.1f} 秒）")


def pagefind_executable() -> Path:
    """The Pagefind binary with Chinese segmentation (PyPI ``pagefind[extended]``)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchError(
            "找不到 Pagefind 扩展版（pagefind_extended）。请在 .venv 里安装：pip install 'pagefind[extended]'"
        ) from None
    return get_executable()


HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # the same ranges as search.js
TYPED_SPACE = "\u2060"  # WORD JOINER: marks a space the editor typed (search.js shows a space there)
_HAN_BOUNDARY = re.compile(f"(?<=[{HAN}])(?=\\S)|(?<=\\S)(?=[{HAN}])")
_TYPED_AFTER_HAN = re.compile(f"(?<=[{HAN}])\\s+(?=[^\\s{HAN}])")  # 讯 9 → 讯 ⁠9
_HAN = re.compile(f"[{HAN}]")
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)\b",
                         re.I)
_TYPED_BEFORE_HAN = re.compile(f"(?<=[^\\s{HAN}])\\s+(?=[{HAN}])")  # org 桂 → org⁠ 桂
_EDGES = re.compile(f"^(?=[{HAN}])|(?<=[{HAN}])$")
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_KEEP = re.compile(r"data-pagefind-(?:meta|filter|sort)\b|^<(?:script|style)\b", re.I)


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)


def indexed_part(html: str) -> str:
    """The part of a page Pagefind reads: its ``<html>`` tag (the language) and the element
    with ``data-pagefind-body``; the theme around it (a tenth of the bytes) is left out."""
    marker = html.find(BODY_MARKER)
    start = html.rfind("<", 0, marker)
    name = re.match(r"<([a-zA-Z][a-zA-Z0-9]*)", html[start:]) if marker >= 0 else None
    root = _HTML_TAG.search(html, 0, start)
    if name is None or root is None:
        return html
    depth, tags = 0, re.compile(rf"<(/?){name.group(1)}\b[^>]*>", re.I)
    for tag in tags.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return f"{root.group(0)}<body>{html[start:tag.end()]}</body></html>"
    return html


def spaced(html: str) -> str:
    """``html`` with a space on each side of every Han character in its text (and the spaces the
    editor typed next to one marked, see the module's docstring), except in metadata, filter and
    sort elements (read as they are) and in scripts and styles."""
    parts = _TOKENS.split(html)
    for run in _text_runs(parts):
        for left, right in zip(run, run[1:]):  # 发送邮件至 <a>x@y.org</a>: a typed space across a tag
            _mark_typed_join(parts, left, right)
        for index in run:  # spaces at the edges too: 居民<b>区</b> is three words
            part = _TYPED_BEFORE_HAN.sub(TYPED_SPACE + " ", _TYPED_AFTER_HAN.sub(" " + TYPED_SPACE, parts[index]))
            parts[index] = _EDGES.sub(" ", _HAN_BOUNDARY.sub(" ", part))
    return "".join(parts)


def prepare(html: str) -> str:
    """What Pagefind reads of an article page: its indexed part, Han characters spaced."""
    return spaced(indexed_part(html))


def _text_runs(parts: list[str]) -> list[list[int]]:
    """Indexes of the text parts of ``parts`` (text, tag, text, …) that Pagefind reads as words, in
    runs joined only by inline tags (``<a>``, ``<b>`` …); kept elements (metadata) are left out."""
    runs: list[list[int]] = [[]]
    keep_until = None  # the end tag that closes an element whose text is kept as it is
    for index, part in enumerate(parts):
        if index % 2 == 0:
            if keep_until is None and part:
                runs[-1].append(index)
            continue
        if keep_until is None:
            match = _KEEP.search(part)
            if match and not part.endswith("/>"):
                keep_until = "</" + re.match(r"<\s*([a-zA-Z0-9]+)", part).group(1).lower()
        elif part.lower().startswith(keep_until):
            keep_until = None
        if keep_until is not None or not _INLINE_TAG.match(part):
            runs.append([])
    return [run for run in runs if run]


def _mark_typed_join(parts: list[str], left: int, right: int) -> None:
    """A space typed where two text parts meet, between a Han character and another, marked as typed."""
    before, after = parts[left].rstrip(), parts[right].lstrip()
    if not before or not after or (before == parts[left] and after == parts[right]):
        return
    han_before, han_after = bool(_HAN.match(before[-1])), bool(_HAN.match(after[0]))
    if han_before and not han_after:
        parts[right] = parts[right][:len(parts[right]) - len(after)] + TYPED_SPACE + after
    elif han_after and not han_before:
        parts[left] = before + TYPED_SPACE + parts[left][len(before):]


def index_salt() -> str:
    """What every part's key shares besides the pages: how we call Pagefind, and its version."""
    return f"shequbao-search {CODE} pagefind {_pagefind_version()}"


def cached_index(cache_root: Path, key: str) -> Path | None:
    """The cached index for ``key``, if a build made it before (and it is intact)."""
    entry = Store(cache_root, KIND).get(key)
    return entry.path if entry is not None else None


def index_files(entries: Mapping[str, Path], cache_root: Path) -> list[tuple[str, str]]:
    """``(path in the site, cached file)`` of every file of the index's parts (``part → its entry``,
    linked into ``pagefind/<part>/``); indexes no part uses are forgotten, but for a few."""
    files = []
    for part, entry in entries.items():
        for folder, _dirs, names in os.walk(entry):
            rel = os.path.relpath(folder, entry)
            prefix = search_index_path(part) + ("" if rel == "." else f"{rel}/")
            files += [(prefix + name, os.path.join(folder, name)) for name in names if not (rel == "." and name == MANIFEST)]
    files.sort()
    Store(cache_root, KIND).prune(keep=[entry.name for entry in entries.values()], recent=KEEP_ENTRIES * max(1, len(entries)))
    return files


def part_pages(site: Site) -> dict[str, list[str]]:
    """The article pages of each part of the index (their paths in the site, sorted)."""
    parts: dict[str, list[str]] = {}
    for page in site:
        if page.kind is Kind.ARTICLE:
            parts.setdefault(site.search().view.part(page.date.year), []).append(page.dest)
    return {part: sorted(paths) for part, paths in sorted(parts.items())}


def filter_choices(archive: Archive) -> dict[str, list[tuple[str, int]]]:
    """The values of the index's filters (as search-meta.html writes them) with their numbers of
    articles: what the search page offers in its year, 版面, kind and person controls. Written
    at build time because asking Pagefind for them downloads every filter's list of pages
    (about 100 KB a search at 10,000 articles); this list is a few KB."""
    counts: dict[str, dict[str, int]] = {"year": {}, "section": {}, "kind": {}, "person": {}}
    section_pages: dict[str, int] = {}
    people: dict[str, str] = {}  # printed name → key, for the order by pinyin
    for issue in archive.issues:
        for article in issue.articles:
            section = issue.section(article.page)
            shown = section.name or section_label(section.page)  # as search-meta.html writes it
            section_pages[shown] = min(section_pages.get(shown, section.page), section.page)
            names = {person_name(key, archive.people): key for role in ROLES for key in getattr(article, role)}
            people.update(names)
            for name, value in (("year", str(issue.date.year)), ("section", shown), ("kind", kind_label(article.kind)),
                                *(("person", n) for n in names)):
                counts[name][value] = counts[name].get(value, 0) + 1
    kinds = [kind_label(kind) for kind in KINDS]
    slugs = {name: archive.people[key].slug if key in archive.people else make_person_slug(name) for name, key in people.items()}
    order = {"year": lambda v: -int(v), "section": lambda v: (section_pages[v], v),
             "kind": kinds.index, "person": lambda v: (slugs[v], v)}
    return {name: [(value, counts[name][value]) for value in sorted(counts[name], key=order[name])] for name in counts}


def filter_choices_json(archive: Archive) -> str:
    """:func:`filter_choices` as JSON, with ``<``, ``>`` and ``&`` as escapes (a name is never markup)."""
    text = json.dumps(filter_choices(archive), ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def page_url(path: str) -> str:
    """The URL Pagefind gives a result, from its page's path in the site (as its CLI does)."""
    return url_of_file(path)


class IndexWriter:
    """Pagefind's service (``pagefind --service``), fed one article page at a time while the
    site is still being rendered, with one index for each part of the search index
    (:meth:`open`); :meth:`write` puts a part into the cache as soon as its last page is in.

    The service's protocol (base64 JSON messages ending in ``,`` on stdin and stdout) is spoken
    here rather than through the ``pagefind`` package's client: that client (1.5.2) waits 0.1 s
    before reading each answer, ten pages a second, and its ``write_files`` answers before the
    files are written. We ask for the files (``GetFiles``) and write them ourselves.
    """

    def __init__(self, cache_root: Path, executable: Path | None = None):
        self.store = Store(cache_root, KIND)
        self.pages: dict[str, int] = {}  # part → pages given to it
        self._indexes: dict[str, tuple[int, str]] = {}  # part → (Pagefind's index id, key in the cache)
        executable = executable or pagefind_executable()
        try:
            self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as error:
            raise SearchError(f"无法运行 Pagefind（{executable}）：{error}") from None
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        self._last_id = 0
        threading.Thread(target=self._read_answers, daemon=True).start()

    def open(self, part: str, key: str) -> None:
        """A new index for the part ``part``, to be kept in the cache under ``key``."""
        self._indexes[part] = (self._call({"type": "NewIndex", "config": None})["index_id"], key)
        self.pages[part] = 0

    def add(self, part: str, path: str, html: str) -> None:
        """Index ``html`` (the page at ``path`` in the site) in ``part`` if it is an article page."""
        if BODY_MARKER in html:
            self.add_text(part, path, prepare(html))

    def add_text(self, part: str, path: str, text: str) -> None:
        """Index an article page already made ready with :func:`prepare`."""
        self._send({"type": "AddFile", "index_id": self._indexes[part][0], "file_path": None,
                    "url": page_url(path), "file_contents": text})
        self.pages[part] += 1

    def write(self, part: str) -> Path | None:
        """Write the index of ``part`` into the cache (``None`` when none of its pages was an article)."""
        index_id, key = self._indexes[part]
        if not self.pages[part]:
            return None
        files = self._call({"type": "GetFiles", "index_id": index_id})["files"]
        if self._errors:
            raise SearchError(f"Pagefind 生成搜索索引失败：{self._errors[0]}")
        with self.store.put(key) as scratch:
            for file in files:
                if file["path"].startswith(UNUSED):
                    continue
                target = scratch / file["path"]
                if not target.resolve().is_relative_to(scratch.resolve()):
                    raise SearchError(f"Pagefind 给出了不合规的文件名：{file['path']}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(file["content"]))
            normalise(scratch)  # Pagefind writes its filters in a random order: sorted, for reproducible sites
            if not _complete(scratch):
                raise SearchError("Pagefind 没有给出完整的搜索索引")
        return self.store.path(key)

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self._process.stdin.close()  # the service exits at the end of its input
                self._process.wait(timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()

    def _send(self, payload: dict) -> int:
        self._last_id += 1
        message = json.dumps({"message_id": self._last_id, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode()) + b",")
        except OSError:
            raise SearchError(f"Pagefind 意外退出（退出码 {self._process.poll()}）") from None
        return self._last_id

    def _call(self, payload: dict) -> dict:
        message_id = self._send(payload)
        self._process.stdin.flush()
        with self._arrived:
            while message_id not in self._answers:
                if self._process.poll() is not None and message_id not in self._answers:
                    raise SearchError(f"Pagefind 意外退出（退出码 {self._process.returncode}）")
                self._arrived.wait(timeout=1)
            answer = self._answers.pop(message_id)
        if answer.get("type") == "Error":
            raise SearchError(f"Pagefind 生成搜索索引失败：{answer.get('message')}")
        return answer

    def _read_answers(self) -> None:
        """Reader thread: every answer of the service; those of AddFile only count their errors."""
        pending = b""
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                payload = answer.get("payload") or {}
                if payload.get("type") == "IndexedFile":
                    continue
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                with self._arrived:
                    self._answers[answer.get("message_id")] = payload
                    self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()


def _complete(folder: Path) -> bool:
    """Whether Pagefind's entry file is there and readable."""
    try:
        return bool(json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8")).get("languages"))
    except (OSError, ValueError):
        return False


def _pagefind_version() -> str:
    for name in ("pagefind_bin_extended", "pagefind-bin-extended", "pagefind"):
        version = package_version(name)
        if version != "-":
            return version
    return "unknown"

