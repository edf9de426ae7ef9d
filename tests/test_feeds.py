"""RSS feeds from the model (outputs/feeds.py): absolute links, bylines, deterministic output."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES

from shequbao.content.load import load_archive
from shequbao.model import Paper
from shequbao.outputs.feeds import build_feeds
from shequbao.site.registry import PlanOptions, feed_path, plan_pages
from shequbao.site.text import byline_text

PAPER_FEED = "feed.xml"

DC = "{http://purl.org/dc/elements/1.1/}"
SITE = "https://example.org/wutong/"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    content = tmp_path_factory.mktemp("mini") / "content"
    shutil.copytree(FIXTURES / "mini/content", content)
    from conftest import make_photo
    make_photo(content / "issues/2023-05/images/dianti.jpg")
    make_photo(content / "issues/2023-05/images/huayuan.jpg")
    loaded, _ = load_archive(content, Paper("梧桐里"))
    return loaded


def feeds(archive, site_url=SITE, items=50):
    site = plan_pages(archive, archive.static_pages, PlanOptions())
    return build_feeds(archive, site, site_url, "", items)


def feeds_by_path(archive, **kwargs):
    return {feed.path: feed for feed in feeds(archive, **kwargs)}


def test_the_papers_feed_lists_the_latest_items_newest_issue_first(archive):
    feed = feeds_by_path(archive)[PAPER_FEED]
    channel = ET.fromstring(feed.xml).find("channel")
    assert channel.findtext("title") == "梧桐里"
    assert channel.findtext("link") == SITE
    assert channel.findtext("language") == "zh-CN"
    newest = archive.issues[0]
    assert channel.findtext("lastBuildDate") == newest.date.strftime("%a, %d %b %Y 00:00:00 +0800")
    items = channel.findall("item")
    expected = [a for issue in archive.issues for a in issue.articles]
    assert [i.findtext("title") for i in items] == [a.display_title for a in expected]
    for item, article in zip(items, expected):
        link = item.findtext("link")
        assert link == f"{SITE}issues/{article.issue_id}/{article.slug}/" and item.findtext("guid") == link
        assert item.findtext("description") == (article.excerpt or article.display_title)
        assert item.findtext(f"{DC}creator", "") == byline_text(article, archive.people)


def test_at_most_the_asked_number_of_items(archive):
    feeds = feeds_by_path(archive, items=2)
    for feed in feeds.values():
        assert len(ET.fromstring(feed.xml).findall("channel/item")) == feed.items <= 2


def test_every_person_has_a_feed_of_their_articles(archive):
    feeds = feeds_by_path(archive)
    people = {p.slug: p for p in archive.people.values()}
    person_feeds = {path for path in feeds if path != PAPER_FEED}
    assert person_feeds and person_feeds <= {feed_path(p) for p in people.values()}
    for path in person_feeds:
        channel = ET.fromstring(feeds[path].xml).find("channel")
        slug = path.split("/")[1]
        assert channel.findtext("link") == f"{SITE}people/{slug}/"
        assert people[slug].name in channel.findtext("title")
        for item in channel.findall("item"):
            creator = item.findtext(f"{DC}creator", "")
            assert people[slug].name in creator or item.findtext("link").startswith(SITE + "issues/")


def test_the_same_archive_gives_the_same_bytes(archive):
    first = [(f.path, f.xml) for f in feeds(archive)]
    second = [(f.path, f.xml) for f in feeds(archive)]
    assert first == second
    for _, xml in first:  # dated by the newest issue in the feed, never by the day of the build
        channel = ET.fromstring(xml).find("channel")
        assert channel.findtext("lastBuildDate") == channel.findtext("item/pubDate")


def test_bylines_read_as_printed(archive):
    from dataclasses import replace

    article = replace(archive.issues[0].articles[0], authors=(), reporters=("陈玲", "王晓峰"),
                      correspondents=("张志举",), interns=(), photographers=("陈凯庭",))
    assert byline_text(article, {}) == "记者 陈玲 王晓峰 通讯员 张志举 陈凯庭 摄"
    assert byline_text(replace(article, reporters=(), correspondents=(), photographers=(), authors=("薛明珠",)), {}) == "■薛明珠"


def test_feeds_need_an_absolute_site_url(archive):
    with pytest.raises(ValueError):
        feeds(archive, site_url="")
