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
    assert meta(article, "og:title") == "丹桂居民区中秋游园会现场 · 桂园社区报 第102期"
    assert meta(article, "og:url") == SITE_URL + "issues/2025-10/zhongqiu-youyuan/"
    assert meta(article, "og:description").startswith("10月6日晚")
    assert meta(article, "description").startswith("10月6日晚")
    image = meta(article, "og:image")
    assert image.startswith(SITE_URL) and image.endswith(".jpg")
    assert (site / urlsplit(image).path.lstrip("/")).is_file()
    assert meta(article, "twitter:card") == "summary_large_image" and meta(article, "twitter:image") == image

    issue = html(site, "issues/2025-11/")
    assert meta(issue, "og:title").startswith("桂园社区报 第103期")
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
    for year in ("2025", "2024"):  # a part of the index per year of issues
        assert (site / f"pagefind/{year}/pagefind.js").is_file() and (site / f"pagefind/{year}/pagefind-entry.json").is_file()
    assert 'data-pagefind-parts="2025 2024"' in html(site, "search/")
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
    tools = {p for p in pages if p.endswith("/gongzhonghao")}  # 复制到公众号: a tool for editors, noindex
    assert tools and all('content="noindex' in (site / p / "index.html").read_text(encoding="utf-8") for p in tools)
    assert {urlsplit(u).path.strip("/") for u in urls} == {p if p != "." else "" for p in pages - tools}
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_a_second_build_is_byte_identical(site, tmp_path):
    again = build(ROOT, site_dir=str(tmp_path / "site"))
    first, second = tree_digest(site), tree_digest(again)
    mine = [p for p in first if p.endswith((".html", ".xml", ".gz")) or p.startswith("pagefind/")]
    assert [p for p in mine if first.get(p) != second.get(p)] == []


def article_body(page: str) -> str:
    start = page.index('<div class="sqb-article__body"')
    return page[start:page.index('<footer class="sqb-article__foot"', start)]


def test_phone_numbers_and_addresses_in_texts_are_links(site):
    notice = html(site, "issues/2025-09/guoqing-fuwu-anpai/")
    body = article_body(notice)
    assert '<a class="sqb-contact" href="tel:02155550000">021-5555 0000</a>（白天）' in body
    assert '<a class="sqb-contact" href="tel:02155550110">021-5555 0110</a>（夜间）' in body
    assert '<a class="sqb-contact" href="mailto:guiyuan-fuwu@example.org">guiyuan-fuwu@example.org</a>' in body
    about = html(site, "about/")
    assert 'href="tel:02155550000"' in about and 'href="mailto:guiyuanbao@example.com"' in about
    # dates, counts and house numbers stay text
    assert "tel:" not in article_body(html(site, "issues/2025-10/liu-guifang/"))


def test_notices_are_set_as_notices_with_a_summary_from_the_first_sentence(site):
    page = html(site, "issues/2024-12/yibao-jiaofei/")
    body = article_body(page)
    assert '<p class="sqb-salutation">各位居民：</p>' in body
    assert '<p class="sqb-signoff">桂园街道社区事务受理服务中心</p>' in body
    assert '<p class="sqb-signoff">2024年12月18日</p>' in body
    assert body.count("sqb-signoff") == 2 and body.count("sqb-salutation") == 1
    assert meta(page, "og:description").startswith("2025年度城乡居民基本医疗保险集中参保缴费工作已经开始")
    issue = html(site, "issues/2024-12/")
    assert "各位居民：" not in issue, "the issue page shows the first sentence, not the salutation"
    news = article_body(html(site, "issues/2025-09/yanglao-chuangkou/"))
    assert "sqb-salutation" not in news and "sqb-signoff" not in news


def test_the_subtitle_has_its_dash_on_the_web(site):
    page = html(site, "issues/2025-09/yanglao-chuangkou/")
    assert '<p class="sqb-subtitle">——助餐、助浴、助医“一门办”</p>' in page
    assert "——助餐、助浴、助医“一门办”" in html(site, "issues/2025-09/")


def test_only_the_text_is_indexed_with_the_title_as_its_title(site):
    page = html(site, "issues/2025-09/yanglao-chuangkou/")
    assert page.count("data-pagefind-body") == 1
    indexed = article_body(page)
    assert '<div class="sqb-article__body" data-pagefind-body>' in indexed
    assert 'data-pagefind-meta="title">社区服务中心开设养老服务“一站式”窗口<' in indexed
    for outside in ('class="sqb-article__head"', "sqb-byline", "<figcaption", "<time"):
        assert outside not in indexed, outside
    assert 'data-pagefind-sort="date">2025-09-25/' in indexed


def test_pages_do_not_send_materials_script_bundle(site):
    for path in ("", "issues/2025-11/", "issues/2025-09/yanglao-chuangkou/", "search/", "404.html"):
        page = html(site, path)
        assert "assets/javascripts/bundle." not in page, path
        assert re.search(r'shequbao\.[0-9a-f]+\.js" defer', page), path
        assert 'glightbox.min.js"' not in page.split("data-lightbox-script")[0], "GLightbox is loaded on the first tap"
    css = next((site / "assets/shequbao").glob("shequbao.*.css")).read_text(encoding="utf-8")
    assert "text-size-adjust: none" not in css and "text-size-adjust: auto" in css
