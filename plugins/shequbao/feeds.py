"""RSS 2.0 feeds of the paper and of every person in its bylines (knows nothing of MkDocs).

Feeds are built with feedgen from the model. Links are absolute (from ``site_url``); the
caller says where each page is published. Output is deterministic: dates come from the
issues, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from .model import ROLES, Archive, Article, Issue, Person

FEED_ITEMS = 50
PAPER_FEED = "feed.xml"
BEIJING = dt.timezone(dt.timedelta(hours=8))
KIND_NAMES = {"news": "消息", "brief": "短消息", "photo": "图片新闻", "notice": "通知"}


@dataclass(frozen=True)
class Feed:
    path: str  # where it is published, relative to the site root
    title: str
    xml: bytes
    items: int


def person_feed_path(person: Person) -> str:
    return f"people/{person.slug}/feed.xml"


def byline_text(article: Article, people: dict[str, Person]) -> str:
    """``记者 陈玲 通讯员 张志举`` / ``■薛明珠`` / ``陈凯庭 摄``, with the names as printed."""
    parts = []
    for role, label in ROLES:
        names = " ".join(_name(key, people) for key in getattr(article, role))
        if not names:
            continue
        if role == "authors":
            parts.append(f"■{names}")
        elif role == "photographers":
            parts.append(f"{names} {label}")
        else:
            parts.append(f"{label} {names}")
    return " ".join(parts)


def build_feeds(
    archive: Archive,
    site_url: str,
    url: Callable[[str], str],
    description: str = "",
    items: int = FEED_ITEMS,
) -> tuple[Feed, ...]:
    """The paper's feed (``feed.xml``) and one per person (``people/<slug>/feed.xml``).

    ``url(src)`` gives the published URL, relative to the site root, of the page made from
    a content path (``issues/2025-09/lajifenlei.md``, ``people/chen-ling.md``, ``index.md``).
    """
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

    def absolute(src: str) -> str:
        return urljoin(site_url, url(src))

    feeds = [_feed(
        PAPER_FEED, paper.name, absolute("index.md"), description or f"{paper.name} 网络版", latest, archive, absolute,
        site_url,
    )]
    seen: set[str] = set()
    for key in sorted(by_person, key=lambda k: (archive.people[k].slug if k in archive.people else k)):
        person = archive.people.get(key)
        if person is None or person.slug in seen:
            continue
        seen.add(person.slug)
        feeds.append(_feed(
            person_feed_path(person), f"{person.name} · {paper.name}", absolute(person.src),
            f"{paper.name} 刊登的{person.name}的文章和照片", by_person[key], archive, absolute, site_url,
        ))
    return tuple(feeds)


def _feed(path, title, link, description, entries, archive, absolute, site_url) -> Feed:
    from feedgen.feed import FeedGenerator  # imported here: only builds that make feeds need it

    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.title(title)
    fg.link(href=urljoin(site_url, path), rel="self", type="application/rss+xml")
    fg.link(href=link)  # after "self": feedgen makes the last link the RSS <link>
    fg.description(description)
    fg.language("zh-CN")
    fg.generator("shequbao")
    newest = entries[0][0].date if entries else _epoch()
    fg.lastBuildDate(_moment(newest))
    fg.pubDate(_moment(newest))
    for issue, article in entries:
        section = issue.section(article.page)
        href = absolute(article.src)
        fe = fg.add_entry(order="append")
        fe.title(article.display_title)
        fe.link(href=href)
        fe.guid(href, permalink=True)
        fe.pubDate(_moment(issue.date))
        fe.description(article.excerpt or article.display_title)
        byline = byline_text(article, archive.people)
        if byline:
            fe.dc.dc_creator(byline)
        where = f"第{issue.number}期"
        if section is not None:
            where += f" {section.label} {section.name}"
        fe.category(term=where)
        fe.category(term=KIND_NAMES.get(article.kind, article.kind))
    return Feed(path, title, fg.rss_str(pretty=True), len(entries))


def _people_of(article: Article) -> list[str]:
    keys: list[str] = []
    for role, _ in ROLES:
        keys.extend(k for k in getattr(article, role) if k not in keys)
    for image in article.images:
        if image.credit_is_person and image.credit not in keys:
            keys.append(image.credit)
    return keys


def _name(key: str, people: dict[str, Person]) -> str:
    person = people.get(key)
    return person.name if person else key


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=BEIJING)


def _epoch() -> dt.date:
    return dt.date(1970, 1, 1)
