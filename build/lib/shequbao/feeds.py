"""RSS 2.0 feeds of the paper and of every person in its bylines (knows nothing of MkDocs).

Feeds are built with feedgen from the model. Links are absolute (from ``site_url``), to the
pages of the registry. Output is deterministic: dates come from the issues, never from the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urljoin

from .model import ROLES, Archive, Article, Issue
from .pages import Site, feed_path
from .text import byline_text, issue_number, kind_label, section_label

BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Feed:
    path: str  # where it is published, relative to the site root
    title: str
    xml: bytes
    items: int


def build_feeds(archive: Archive, site: Site, site_url: str, description: str, items: int) -> tuple[Feed, ...]:
    """The paper's feed (``feed.xml``) and one per person (``people/<slug>/feed.xml``), linking
    to the pages of ``site``."""
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
        feed_path(), paper.name, absolute(home), description or f"{paper.name} 网络版", latest, archive, site, site_url,
    )]
    seen: set[str] = set()
    for key in sorted(by_person, key=lambda k: (archive.people[k].slug if k in archive.people else k)):
        person = archive.people.get(key)
        if person is None or person.slug in seen:
            continue
        seen.add(person.slug)
        feeds.append(_feed(
            feed_path(person), f"{person.name} · {paper.name}", absolute(site.person(person)),
            f"{paper.name} 刊登的{person.name}的文章和照片", by_person[key], archive, site, site_url,
        ))
    return tuple(feeds)


def _feed(path, title, link, description, entries, archive, site, site_url) -> Feed:
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
        href = urljoin(site_url, site.article(article).url)
        fe = fg.add_entry(order="append")
        fe.title(article.display_title)
        fe.link(href=href)
        fe.guid(href, permalink=True)
        fe.pubDate(_moment(issue.date))
        fe.description(article.excerpt or article.display_title)
        byline = byline_text(article, archive.people)
        if byline:
            fe.dc.dc_creator(byline)
        where = issue_number(issue)
        if section is not None:
            where += f" {section_label(section.page)} {section.name}"
        fe.category(term=where)
        fe.category(term=kind_label(article.kind))
    return Feed(path, title, fg.rss_str(pretty=True), len(entries))


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
