"""``sitemap.xml`` (and its gzip) of every page of the registry, dated by the content, so the
same bytes come out whichever pages a build rendered or took from the page cache; addresses
percent-encoded (an editor's page named in Chinese), as the sitemap protocol wants."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

from ..cache.store import write_atomic
from ..site.kinds import KINDS
from ..site.registry import Site


def write_sitemap(site: Site, site_url: str, site_dir: Path) -> None:
    """``sitemap.xml`` and ``sitemap.xml.gz`` of every page of the registry, dated by the
    content (the same bytes whichever pages a build rendered)."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    rows = [f"    <url>\n         <loc>{escape(base + quote(page.url))}</loc>\n" +
            (f"         <lastmod>{page.date.isoformat()}</lastmod>\n" if page.date else "") + "    </url>"
            for page in sorted(site, key=lambda p: p.url) if KINDS[page.kind].listed]
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
           + "\n".join(rows) + "\n</urlset>\n").encode("utf-8")
    write_atomic(site_dir / "sitemap.xml", xml)
    newest = max((page.date for page in site if page.date), default=dt.date(1970, 1, 1))
    stamp = dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()
    write_atomic(site_dir / "sitemap.xml.gz", gzip.compress(xml, mtime=int(stamp)))
