"""Every link of the built site leads somewhere: pages, assets and #anchors.

Two steps, so that the first can run while pages are still being written (in the scan
process, see ``build/scanner.py``): :func:`page_links` and :class:`LinkTargets` read one page's links
and ids and work out which file each link points at; :func:`broken_links` then looks those
files and anchors up in the finished site.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from ..site.registry import served_file

_SKIP = ("mailto:", "tel:", "javascript:", "data:")


def page_links(html: str) -> tuple[list[str], set[str]]:
    """The links (href, src, srcset candidates) of one page, each once, and its element ids (and
    ``<a name>``), read as a browser reads them: unquoted or upper-case attributes included.
    libxml2's HTML parser (lxml) reads a gallery page four times as fast as html.parser."""
    links: dict[str, None] = {}
    ids: set[str] = set()
    parser = etree.HTMLPullParser(events=("start",))
    parser.feed(html)
    parser.close()
    for _event, element in parser.read_events():
        if not isinstance(element.tag, str):  # a comment or processing instruction
            continue
        for name, value in element.attrib.items():
            if name in ("href", "src"):
                links[value] = None
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        links[candidate.strip().split()[0]] = None
            elif name == "id" or (name == "name" and element.tag == "a"):
                ids.add(value)
    return list(links), ids


def site_files(site: Path) -> set[str]:
    """Every file of the site, as paths relative to it (one walk, no stat per link)."""
    site = str(site)
    found = set()
    for folder, _dirs, names in os.walk(site):
        prefix = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.update(prefix + name for name in names)
    return found


class LinkTargets:
    """Resolves each page's links to site files as the pages come; the site's base path
    (``/`` or ``/paper/``) is for links such as ``/paper/x/``."""

    def __init__(self, base_path: str = "/"):
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        self._seen: dict[tuple[str, str], tuple[str | None, str]] = {}  # (folder, link) → target: nav and assets repeat

    def resolve(self, page: str, links: list[str]) -> list[tuple[str, str, str]]:
        """``(link, target file, anchor)`` for each internal link of ``page`` (other sites left out)."""
        folder = posixpath.dirname(page)
        out = []
        for link in links:
            key = (folder, link)
            if key not in self._seen:
                self._seen[key] = _resolve(page, link, self.base_path)
            target, anchor = self._seen[key]
            if target is not None:
                out.append((link, page if target == "\0" else target, anchor))
        return out


def broken_links(
    targets: dict[str, list[tuple[str, str, str]]], ids: dict[str, set[str]], existing: set[str],
) -> list[tuple[str, str]]:
    """``(page, link)`` for every link that does not resolve, anchors included.

    ``targets`` are :meth:`LinkTargets.resolve` of each page (site-relative path), ``ids`` its
    :func:`page_links` ids, ``existing`` is :func:`site_files` of the finished site.
    """
    verdicts: dict[tuple[str, str], bool] = {}  # (file, anchor) → whether it is there: the menu's links repeat on every page
    broken = []
    for page in sorted(targets):
        for link, target, anchor in targets[page]:
            found = verdicts.get((target, anchor))
            if found is None:
                found = verdicts[target, anchor] = target in existing and not (
                    anchor and target in ids and unquote(anchor) not in ids[target])
            if not found:
                broken.append((page, link))
    return broken


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
        target = served_file("" if target == "." else target + "/")
    return target, parts.fragment
