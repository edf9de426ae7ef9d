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
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html")}
    ids: dict[str, set[str]] = {}
    broken = []
    for rel, html in pages.items():
        for link in _links(html):
            target, anchor = _resolve(rel, link, base_path)
            if target is None:
                continue
            if not (site / target).is_file():
                broken.append((rel, link))
            elif anchor and target in pages:
                if target not in ids:
                    ids[target] = {a or b for a, b in _ID.findall(pages[target])}
                if unquote(anchor) not in ids[target]:
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
    if not parts.path:  # "#anchor" on the same page
        return page, parts.fragment
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
