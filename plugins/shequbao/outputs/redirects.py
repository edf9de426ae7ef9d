"""Static redirect pages for the old page addresses of renamed people (``people.yml`` 曾用名).

A redirect is a small HTML page with a meta refresh, a canonical link and a plain link, so it
works on any static host (no server rules). It is not a page of the registry: neither the
sitemap nor the search index sees it. Kept in the cache under the digest of its bytes, like a feed.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path
from urllib.parse import quote, urljoin

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..cache.store import Store
from ..model import Archive
from ..site.registry import Site, moved_person_path

TEMPLATE = "redirect.html.j2"
CACHED = "redirect.html"  # the file of a cache entry


def render_redirects(archive: Archive, site: Site, site_url: str) -> list[tuple[str, bytes]]:
    """``(path in the site, HTML)`` of a redirect for every old address of a renamed person."""
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), undefined=StrictUndefined, autoescape=True)
    template = env.get_template(TEMPLATE)
    taken = {page.dest for page in site}
    made = []
    for person in sorted(archive.people.values(), key=lambda p: p.key):
        page = site.person(person)
        if page is None or not person.moved_from:
            continue
        for slug in person.moved_from:
            path = moved_person_path(slug, site.directory_urls)
            if path in taken:
                continue
            target = posixpath.relpath(page.url or ".", posixpath.dirname(path) or ".")
            target = quote(target + ("/" if page.url.endswith("/") and not target.endswith("/") else ""))
            canonical = urljoin(site_url if site_url.endswith("/") else site_url + "/", quote(page.url)) if site_url else target
            html = template.render(name=person.name, target=target, canonical=canonical, target_label=person.name)
            made.append((path, html.encode("utf-8")))
    return made


def redirect_files(archive: Archive, site: Site, site_url: str, cache_root: Path) -> list[tuple[str, str]]:
    """``(path in the site, cached file)`` of every redirect (``.cache/redirects/``)."""
    store = Store(cache_root, "redirects")
    files = []
    for path, html in render_redirects(archive, site, site_url):
        key = hashlib.sha256(html).hexdigest()
        if store.get(key) is None:
            with store.put(key) as scratch:
                (scratch / CACHED).write_bytes(html)
        files.append((path, str(store.path(key) / CACHED)))
    return files
