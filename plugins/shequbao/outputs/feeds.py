"""RSS 2.0 feeds of the paper and of every person in its bylines (knows nothing of MkDocs).

Feeds are built with feedgen from the model. Links are absolute (from ``site_url``), to the
pages of the registry. Output is deterministic: dates come from the issues, never from the clock. A feed whose items
read the same as in an earlier build is taken from the memo (``cache/textmemo.py``), not made again,
and each feed is linked into the site from the cache like a photo's renditions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from ..cache.store import Store, code_key
from ..cache.textmemo import TextMemo
from ..model import ROLES, Archive, Article, Issue
from ..site.registry import Site, feed_path
from ..site.text import byline_text, issue_number, kind_label, section_title

CODE = code_key(Path(__file__), packages=("feedgen", "lxml"))  # what makes the XML from the items
FEED_FILE = "content.xml"  # a feed's file in its cache entry (the site names it)

BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Feed:
    path: str  # where it is published, relative to the site root
    title: str
    xml: bytes
    items: int


def build_feeds(archive: Archive, site: Site, site_url: str, description: str, items: int,
                memo: TextMemo | None = None) -> tuple[Feed, ...]:
    """The paper's feed (``feed.xml``) and one per person (``people/<slug>/feed.xml``), linking
    to the pages of ``site``; ``memo``: the XML of the feeds of earlier builds."""
    memo = memo or TextMemo()
    if not site_url:
        raise ValueError("feeds need an absolute site_url")
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    paper = archive.paper
    latest: list[tuple[Issue, Article]] = []
    by_person: dict[str, list[tuple[Issue, Article]]] = {}
    for issue in archive.issues:  # newest first, articles in print order
        for article in issue.articles:
            if len(latest) < items:
                latest.append((issue, article))
            for key in _people_of(article):
                found = by_person.setdefault(key, [])
                if len(found) < items:
                    found.append((issue, article))

    def absolute(page) -> str:
        return urljoin(site_url, page.url)

    home = site.home() or site.archive()
    feeds = [_feed(
        feed_path(), paper.name, absolute(home), description or f"{paper.name} 网络版", latest, archive, site, site_url, memo,
    )]
    seen: set[str] = set()
    for key in sorted(by_person, key=lambda k: (archive.people[k].slug if k in archive.people else k)):
        person = archive.people.get(key)
        if person is None or person.slug in seen:
            continue
        seen.add(person.slug)
        feeds.append(_feed(
            feed_path(person), f"{person.name} · {paper.name}", absolute(site.person(person)),
            f"{paper.name} 刊登的{person.name}的文章和照片", by_person[key], archive, site, site_url, memo,
        ))
    return tuple(feeds)


def _feed(path, title, link, description, entries, archive, site, site_url, memo: TextMemo) -> Feed:
    """One feed: its items' words first (cheap), then the XML, made by feedgen only when they
    differ from an earlier build's (``memo``)."""
    items = []
    for issue, article in entries:
        section = issue.section(article.page)
        where = issue_number(issue) + (f" {section_title(section.page, section.name)}" if section is not None else "")
        items.append((article.display_title, urljoin(site_url, site.article(article).url), issue.date,
                      article.excerpt or article.display_title, byline_text(article, archive.people), where,
                      kind_label(article.kind)))
    head = (urljoin(site_url, path), link, title, description, entries[0][0].date if entries else _epoch())
    xml = memo.get(f"feed:{CODE}", repr((head, items)), lambda _: _render(head, items))
    return Feed(path, title, xml, len(entries))


def _render(head: tuple, items: list[tuple]) -> bytes:
    from feedgen.feed import FeedGenerator  # imported here: only builds that make feeds need it

    own, link, title, description, newest = head
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.title(title)
    fg.link(href=own, rel="self", type="application/rss+xml")
    fg.link(href=link)  # after "self": feedgen makes the last link the RSS <link>
    fg.description(description)
    fg.language("zh-CN")
    fg.generator("shequbao")
    fg.lastBuildDate(_moment(newest))
    fg.pubDate(_moment(newest))
    for title, href, day, summary, byline, where, kind in items:
        fe = fg.add_entry(order="append")
        fe.title(title)
        fe.link(href=href)
        fe.guid(href, permalink=True)
        fe.pubDate(_moment(day))
        fe.description(summary)
        if byline:
            fe.dc.dc_creator(byline)
        fe.category(term=where)
        fe.category(term=kind)
    return fg.rss_str(pretty=True)


def feed_files(feeds: tuple[Feed, ...], cache_root: Path) -> list[tuple[str, str]]:
    """``(path in the site, cached file)`` of every feed: each kept in the cache under the digest
    of its XML (``.cache/feeds/``), so an unchanged feed is the same file in the site from one
    build to the next, like a rendition."""
    store = Store(cache_root, "feeds", catalog=True)
    files, keys = [], []
    for feed in feeds:
        key = hashlib.sha256(feed.xml).hexdigest()
        entry = store.get(key)
        if entry is None:
            with store.put(key) as scratch:
                (scratch / FEED_FILE).write_bytes(feed.xml)
        files.append((feed.path, str(store.path(key) / FEED_FILE)))
        keys.append(key)
    store.save_catalog(keys)
    return files


def _people_of(article: Article) -> list[str]:
    keys: list[str] = []
    for role in ROLES:
        keys.extend(k for k in getattr(article, role) if k not in keys)
    for image in article.images:
        if image.credit_is_person and image.credit not in keys:
            keys.append(image.credit)
    return keys


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=BEIJING)


def _epoch() -> dt.date:
    return dt.date(1970, 1, 1)
