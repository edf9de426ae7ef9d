"""Every link of the built site leads somewhere: pages, assets and #anchors, checked after a build."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK = re.compile(r"""\s(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
_SRCSET = re.compile(r"""\ssrcset=(?:"([^"]*)"|'([^']*)')""")
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
_SKIP = ("mailto:", "tel:", "javascript:", "data:")


def find_broken_links(site: Path, base_path: str = "/") -> list[tuple[str, str]]:
    """``(page, link)`` for every internal href/src/srcset that does not resolve, anchors included.

    Links with a scheme or host (other sites) are not followed; ``page`` is relative to ``site``;
    ``base_path`` is where the site is served (``/`` or ``/paper/``), for links such as ``/paper/x/``.
    """
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    existing = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}  # one walk, no stat per link
    links: dict[str, list[str]] = {}
    ids: dict[str, set[str]] = {}
    for rel in sorted(name for name in existing if name.endswith(".html")):  # keep only links and ids in memory
        html = (site / rel).read_text(encoding="utf-8", errors="replace")
        links[rel] = list(dict.fromkeys(_links(html)))
        ids[rel] = {a or b for a, b in _ID.findall(html)}
    resolved: dict[tuple[str, str], tuple[str | None, str]] = {}  # (folder, link) → target: nav and assets repeat
    broken = []
    for rel, page_links in links.items():
        folder = posixpath.dirname(rel)
        for link in page_links:
            key = (folder, link)
            if key not in resolved:
                resolved[key] = _resolve(rel, link, base_path)
            target, anchor = resolved[key]
            if target is None:
                continue
            if target == "\0":  # "#anchor" on the page itself
                target = rel
            if target not in existing or (anchor and target in ids and unquote(anchor) not in ids[target]):
                broken.append((rel, link))
    return broken


def _links(html: str) -> Iterator[str]:
    for a, b in _LINK.findall(html):
        yield a or b
    for a, b in _SRCSET.findall(html):
        for candidate in (a or b).split(","):
            if candidate.strip():
                yield candidate.strip().split()[0]


def _resolve(page: str, link: str, base_path: str) -> tuple[str | None, str]:
    """The file a link from ``page`` points at (relative to the site root), and its anchor."""
    link = link.strip()
    if not link or link.startswith(_SKIP):
        return None, ""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:  # "#anchor" on the same page (whichever page of the folder asks)
        return "\0", parts.fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return "", ""  # outside the site: cannot resolve
        target = posixpath.normpath(path[len(base_path):] or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if path.endswith("/") or target in ("", "."):
        target = posixpath.join("" if target == "." else target, "index.html")
    return target, parts.fragment
