"""What readers get besides the pages: language, share cards, feeds, sitemap, 404, search
attributes; checked on a strict build of the sample paper (built twice: output must not
depend on the day or on the cache)."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, build, tree_digest

SITE_URL = "https://example.org/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(ROOT, site_dir=str(tmp_path_factory.mktemp("reader") / "site"))


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8") if not path.endswith(".html") else \
        (site / path).read_text(encoding="utf-8")


def meta(page: str, name: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', page)
    return match.group(1) if match else None


def test_pages_say_simplified_chinese(site):
    for path in ("", "issues/2025-11/", "issues/2025-09/hongse-wuye/", "404.html"):
        assert re.search(r'^\s*<!doctype html>\s*<html lang="zh-CN"', html(site, path), re.I), path


def test_article_and_issue_pages_have_a_share_card(site):
    article = html(site, "issues/2025-10/zhongqiu-youyuan/")
    assert meta(article, "og:type") == "article"
    assert meta(article, "og:title") == "丹桂居民区中秋游园会现场"
    assert meta(article, "og:url") == SITE_URL + "issues/2025-10/zhongqiu-youyuan/"
    assert meta(article, "og:description").startswith("10月6日晚")
    assert meta(article, "description").startswith("10月6日晚")
    image = meta(article, "og:image")
    assert image.startswith(SITE_URL) and image.endswith(".jpg")
    assert (site / urlsplit(image).path.lstrip("/")).is_file()
    assert meta(article, "twitter:card") == "summary_large_image" and meta(article, "twitter:image") == image

    issue = html(site, "issues/2025-11/")
    assert meta(issue, "og:title").startswith("桂园 第103期")
    assert "2025年11月26日" in meta(issue, "og:description")
    assert (site / urlsplit(meta(issue, "og:image")).path.lstrip("/")).is_file()


def test_feeds_are_well_formed_with_absolute_links_to_real_pages(site):
    feed = ET.parse(site / "feed.xml").getroot().find("channel")
    items = feed.findall("item")
    published = len(list(site.glob("issues/*/*/index.html"))) - len(list(site.glob("issues/*/gallery/index.html")))
    assert len(items) == min(50, published)
    for item in items:
        link = item.findtext("link")
        assert link.startswith(SITE_URL) and (site / urlsplit(link).path.lstrip("/") / "index.html").is_file(), link
    person = ET.parse(site / "people/chen-ling/feed.xml").getroot().find("channel")
    assert person.findtext("link") == SITE_URL + "people/chen-ling/"
    assert all("陈玲" in i.findtext("{http://purl.org/dc/elements/1.1/}creator", "") for i in person.findall("item"))
    home, person_page = html(site, ""), html(site, "people/chen-ling/")
    assert '<link rel="alternate" type="application/rss+xml" title="桂园" href="feed.xml">' in home
    assert 'href="feed.xml"' in person_page and 'title="陈玲 · 桂园"' in person_page


def test_only_article_pages_are_indexed_with_filters_and_metadata(site):
    article = html(site, "issues/2025-09/hongse-wuye/")
    assert article.count("data-pagefind-body") == 1
    for attribute in ('data-pagefind-filter="year">2025<', 'data-pagefind-filter="section">要闻<',
                      'data-pagefind-filter="kind">消息<', 'data-pagefind-filter="person">',
                      'data-pagefind-meta="date">', 'data-pagefind-meta="issue">第101期', 'data-pagefind-meta="byline">'):
        assert attribute in article, attribute
    for path in ("", "issues/", "issues/2025-11/", "people/chen-ling/", "gallery/", "search/", "about/"):
        assert "data-pagefind-body" not in html(site, path), path
    assert (site / "pagefind/pagefind.js").is_file() and (site / "pagefind/pagefind-entry.json").is_file()
    assert 'action="../search/"' in html(site, "issues/") and 'name="q"' in html(site, "issues/")


def test_the_404_page_helps_in_chinese(site):
    page = html(site, "404.html")
    assert "页面不存在" in page
    assert 'href="/"' in page and 'href="/issues/"' in page and 'action="/search/"' in page


def test_sitemap_lists_every_page_dated_by_its_issue(site):
    urls = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"): u.findtext(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}lastmod") for u in ET.parse(site / "sitemap.xml").getroot()}
    assert urls[SITE_URL + "issues/2025-09/hongse-wuye/"] == "2025-09-25"
    assert urls[SITE_URL + "issues/2024-12/"] == "2024-12-25" or urls[SITE_URL + "issues/2024-12/"].startswith("2024-12")
    assert urls[SITE_URL] == max(urls.values())
    pages = {p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert {urlsplit(u).path.strip("/") for u in urls} == {p if p != "." else "" for p in pages}
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_a_second_build_is_byte_identical(site, tmp_path):
    again = build(ROOT, site_dir=str(tmp_path / "site"))
    first, second = tree_digest(site), tree_digest(again)
    mine = [p for p in first if p.endswith((".html", ".xml", ".gz")) or p.startswith("pagefind/")]
    assert [p for p in mine if first.get(p) != second.get(p)] == []
