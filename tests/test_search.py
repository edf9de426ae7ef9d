"""Search index (outputs/search/pagefind.py, build/scanner.py): Pagefind fed page by page, cached by what the pages are
made of, Chinese by character."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import build

from shequbao.build.scanner import PageScanner
from shequbao.outputs.search import pagefind as search
from shequbao.outputs.search.pagefind import IndexWriter, cached_index, index_files, indexed_part, page_url, spaced

ARTICLE = """<!doctype html><html lang="zh-CN"><head><title>{title}</title></head><body>
<header>桂园 首页</header>
<article data-pagefind-body><h1>{title}</h1><p>{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-meta="title">{title}</span>
<span data-pagefind-filter="year">2025</span></div></article></body></html>"""
PAGES = {
    "issues/a/one/index.html": ARTICLE.format(title="党建联建", text="街道党建办召开会议，居民区党组织签订协议。"),
    "issues/a/two/index.html": ARTICLE.format(title="养老服务", text="社区开设养老服务窗口，党员志愿者建立联络群。"),
    "issues/index.html": "<html><body>往期 党建 养老</body></html>",  # no data-pagefind-body: not indexed
}
ARTICLES = sorted(path for path, html in PAGES.items() if "data-pagefind-body" in html)
PARTS = {"2025": ("k", ARTICLES)}  # one part of the index, its key and its pages


def _scanner(links, search):
    """A scan process making the parts of the search index in ``search``."""
    scanner = PageScanner(links=links)
    scanner.start_search(search)
    return scanner


def test_spaced_puts_han_characters_apart_in_text_only():
    html = ('<h1 class="标题">党建联建 9月15日 abc</h1><p>居民<b>区</b>党组织</p>'
            '<span data-pagefind-meta="title">红色物业</span><script>var s = "中文";</script>')
    out = spaced(html)
    assert "党 建 联 建 \u20609 月 15 日 \u2060abc" in out  # the spaces typed next to Chinese, marked (U+2060)
    assert "居 民 <b> 区 </b> 党 组 织" in out
    assert '<span data-pagefind-meta="title">红色物业</span>' in out  # metadata is read as written
    assert 'class="标题"' in out and 'var s = "中文";' in out


def test_spaces_typed_next_to_chinese_are_marked_even_across_a_link():
    """Pagefind turns every space into one plain space in its snippets: the spaces the editor typed
    next to a Han character are marked with a word joiner on the other word (search.js shows a space)."""
    out = spaced('<p>本报讯 9月，发送邮件至 <a href="mailto:a@b.org">a@b.org</a> 桂园。电话021-5555 0100</p>'
                 '<p>第二段</p>')
    assert "讯 \u20609 月" in out and "至 <a" in out and ">\u2060a@b.org\u2060</a> 桂" in out
    assert "021-5555 0100" in out, "spaces between other words stay as they are"
    assert "</p><p> 第 二 段 </p>" in out, "nothing is joined across paragraphs"
    assert "\u2060" not in spaced("<p>居民 区</p>"), "between two Han characters a typed space is not kept"


@pytest.mark.parametrize("path, url", [
    ("issues/a/one/index.html", "/issues/a/one/"),
    ("index.html", "/"),
    ("issues/a/one.html", "/issues/a/one.html"),
])
def test_results_link_where_the_page_is(path, url):
    assert page_url(path) == url


def write_index(cache: Path, key: str, pages: dict[str, str], executable: Path | None = None) -> tuple[Path | None, int]:
    writer = IndexWriter(cache, executable)
    try:
        writer.open("2025", key)
        for path, html in pages.items():
            writer.add("2025", path, html)
        return writer.write("2025"), writer.pages["2025"]
    finally:
        writer.close()


def test_article_pages_are_indexed_into_the_cache_and_listed_for_the_site(tmp_path):
    cache = tmp_path / "cache"
    entry, pages = write_index(cache, "k1", PAGES)
    assert pages == 2 and entry == cache / "pagefind/k1/k1" and cached_index(cache, "k1") == entry
    meta = json.loads((entry / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in meta["languages"].values()) == 2
    assert not list(cache.rglob(".*")), "no scratch folder left behind"
    files = dict(index_files({"2025": entry}, cache))
    assert Path(files["pagefind/2025/pagefind.js"]) == entry / "pagefind.js"
    assert Path(files["pagefind/2025/pagefind-entry.json"]) == entry / "pagefind-entry.json"
    assert "pagefind/2025/manifest.json" not in files and any(path.startswith("pagefind/2025/fragment/") for path in files)
    assert not [path for path in files if "-ui." in path or "highlight" in path], "Pagefind's own UI is not published"


def test_every_part_of_the_index_is_written_as_soon_as_its_last_page_is_in(tmp_path):
    """One Pagefind for every part; a part taken from the cache is not read at all."""
    pages = {f"issues/{year}-01/{n}/index.html": ARTICLE.format(title=f"{year}年第{n}篇", text=f"居民议事{year}年") for year in (2024, 2025)
             for n in range(3)}
    parts = {year: (f"k{year}", sorted(p for p in pages if p.startswith(f"issues/{year}"))) for year in ("2024", "2025")}
    scanner = _scanner(None, (tmp_path / "cache", parts))
    try:
        for path in sorted(pages):
            scanner.add(path, pages[path])
        made = scanner.finish_search()
    finally:
        scanner.close()
    assert {year: pages for year, (_entry, pages) in made.items()} == {"2024": 3, "2025": 3}
    for year, (entry, _pages) in made.items():
        assert cached_index(tmp_path / "cache", f"k{year}") == entry
        meta = json.loads((entry / "pagefind-entry.json").read_text())
        assert sum(lang["page_count"] for lang in meta["languages"].values()) == 3


def test_a_site_without_articles_gets_no_index(tmp_path):
    entry, pages = write_index(tmp_path / "cache", "k", {"index.html": "<html><body>首页</body></html>"})
    assert (entry, pages) == (None, 0) and cached_index(tmp_path / "cache", "k") is None
    assert "没有可索引的文章" in search.SearchStats(0, 0, 0, 0.0).summary()


def test_old_indexes_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "KEEP_ENTRIES", 2)
    cache = tmp_path / "cache"
    for n in range(4):
        entry, _ = write_index(cache, f"k{n}", {"a/index.html": ARTICLE.format(title="党建", text=f"第{n}次")})
        index_files({"2025": entry}, cache)
    assert sorted(p.name for p in cache.glob("pagefind/*/*")) == ["k2", "k3"]


def test_a_missing_pagefind_is_reported(tmp_path):
    with pytest.raises(search.SearchError, match="Pagefind"):
        write_index(tmp_path / "cache", "k", PAGES, executable=tmp_path / "no-pagefind")


def test_the_scan_process_indexes_and_checks_links_as_pages_come(tmp_path):
    site = tmp_path / "site"
    scanner = _scanner("/", (tmp_path / "cache", PARTS))
    try:
        for path, html in PAGES.items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_text(html, encoding="utf-8")
            scanner.add(path, html)
        (site / "extra.html").write_text('<a href="missing/">x</a><a href="issues/a/one/">y</a>', encoding="utf-8")
        entry, pages = scanner.finish_search()["2025"]
        assert pages == 2 and (entry / "pagefind-entry.json").is_file()
        assert scanner.check_links(site) == [("extra.html", "missing/")], "copied HTML is checked too"
    finally:
        scanner.close()


def test_the_index_is_the_same_whatever_order_the_pages_come_in(tmp_path):
    """Pagefind gets the pages in the order of their paths (pages from the page cache come first)."""
    more = {f"issues/b/{n}/index.html": ARTICLE.format(title=f"第{n}条", text=f"居民议事第{n}次。") for n in range(6)}
    pages = {**PAGES, **more}
    articles = sorted(path for path, html in pages.items() if "data-pagefind-body" in html)
    made = []
    for key, order in (("forward", sorted(pages)), ("backward", sorted(pages, reverse=True))):
        scanner = _scanner(None, (tmp_path / key, {"2025": (key, articles)}))
        try:
            for path in order:
                scanner.add(path, pages[path])
            entry, count = scanner.finish_search()["2025"]
        finally:
            scanner.close()
        assert count == len(articles) == 8
        made.append({p.relative_to(entry).as_posix(): p.read_bytes() for p in entry.rglob("*") if p.is_file() and p.name != "manifest.json"})
    assert made[0] == made[1]


def test_the_index_is_made_again_only_when_an_article_changes(mini, tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(tmp_path / "cache"))
    caplog.set_level(logging.INFO, logger="mkdocs")

    def summary() -> str:
        messages = [r.getMessage() for r in caplog.records if "搜索：" in r.getMessage()]
        caplog.clear()
        return messages[-1]

    build(mini)
    assert "分 1 部分（新生成 1，取自缓存 0" in summary()
    build(mini, site_dir=str(tmp_path / "again"))
    assert "分 1 部分（新生成 0，取自缓存 1" in summary()
    assert (tmp_path / "again/pagefind/2023/pagefind-entry.json").is_file()
    article = mini / "content/issues/2023-06/zongzi.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n端午包粽子。\n", encoding="utf-8")
    build(mini)
    assert "新生成 1，" in summary()


def test_pagefind_reads_only_the_article_element():
    page = ('<!doctype html><html lang="zh-CN" class="no-js"><head><title>x</title></head><body><nav>首页 往期</nav>'
            '<article class="md-content"><article class="sqb-article" data-pagefind-body><h1>加装电梯</h1>'
            '<article>引文</article><p>居民签字。</p></article><footer>版权</footer></article></body></html>')
    assert indexed_part(page) == ('<html lang="zh-CN" class="no-js"><body><article class="sqb-article" data-pagefind-body>'
                                  '<h1>加装电梯</h1><article>引文</article><p>居民签字。</p></article></body></html>')
    assert indexed_part("<html><body>首页</body></html>") == "<html><body>首页</body></html>"


def test_a_scan_process_that_died_fails_the_build_with_a_message_not_a_hang(tmp_path):
    from shequbao.build.scanner import ScanError

    scanner = _scanner("/", (tmp_path / "cache", PARTS))
    try:
        scanner._process.kill()
        scanner._process.join()
        with pytest.raises(ScanError, match="子进程意外退出"):
            for path, html in PAGES.items():
                scanner.add(path, html)
            scanner.finish_search()
    finally:
        scanner.close()


def test_the_filters_choices_are_the_values_of_the_index_with_counts():
    import datetime as dt

    from shequbao.model import Archive, Article, Issue, Paper, Person, Section
    from shequbao.outputs.search.pagefind import filter_choices, filter_choices_json

    def article(slug, page, kind="news", **names):
        return Article(issue_id="i", slug=slug, src=f"issues/i/{slug}.md", title="题", kind=kind, page=page,
                       date=dt.date(2025, 9, 1), **names)

    new = Issue("2025-09", 2, dt.date(2025, 9, 25), (Section(1, "要闻"), Section(2, "社区")),
                articles=(article("a", 1, reporters=("陈玲",)), article("b", 2, "brief", authors=("<b>韩</b>",))))
    old = Issue("2024-12", 1, dt.date(2024, 12, 25), (Section(1, "要闻"),),
                articles=(article("c", 1, "notice", reporters=("陈玲", "阿兰")),))
    choices = filter_choices(Archive(Paper("报"), (new, old), {"陈玲": Person("陈玲", "陈玲", "chen-ling")}))
    assert choices == {"year": [("2025", 2), ("2024", 1)], "section": [("要闻", 2), ("社区", 1)],
                       "kind": [("消息", 1), ("短消息", 1), ("通知", 1)],
                       "person": [("阿兰", 1), ("<b>韩</b>", 1), ("陈玲", 2)]}  # by pinyin: a-lan, b-han-b, chen-ling
    text = filter_choices_json(Archive(Paper("报"), (new, old)))
    assert "<b>" not in text and ["<b>韩</b>", 1] in json.loads(text)["person"]


def test_each_years_key_follows_what_its_articles_show_and_nothing_else():
    """An edit changes the key of its year's part only; a person's new name the years that name
    them; the way the index is made (the salt) every year."""
    import dataclasses
    import datetime as dt

    from shequbao.model import Archive, Article, Issue, Paper, Person, Section
    from shequbao.site.keys import KeyInputs, search_keys
    from shequbao.site.registry import PlanOptions, plan_pages

    def article(issue_id, slug, day, text, **names):
        return Article(issue_id=issue_id, slug=slug, src=f"issues/{issue_id}/{slug}.md", title=f"题{slug}", kind="news",
                       page=1, date=day, digest=text, **names)

    def issue(issue_id, number, day, *articles):
        return Issue(issue_id, number, day, (Section(1, "要闻"),), articles=articles)

    old = issue("2024-12", 1, dt.date(2024, 12, 20), article("2024-12", "a", dt.date(2024, 12, 20), "t1", reporters=("陈玲",)))
    new = issue("2025-01", 2, dt.date(2025, 1, 20), article("2025-01", "b", dt.date(2025, 1, 20), "t2"))
    people = {"陈玲": Person("陈玲", "陈玲", "chen-ling")}

    def keys(issues, people=people, salt="s"):
        archive = Archive(Paper("桂园"), tuple(issues), people)
        site = plan_pages(archive, (), PlanOptions())
        return search_keys(site, KeyInputs("base", people, None, {}, {}), salt)

    first = keys([new, old])
    assert set(first) == {"2024", "2025"}
    assert keys([new, old]) == first
    edited = dataclasses.replace(new, articles=(dataclasses.replace(new.articles[0], digest="t2 typo fixed"),))
    again = keys([edited, old])
    assert again["2024"] == first["2024"] and again["2025"] != first["2025"]
    renamed = keys([new, old], {"陈玲": Person("陈玲", "陈玲玲", "chen-ling")})
    assert renamed["2024"] != first["2024"] and renamed["2025"] == first["2025"]
    added = issue("2025-02", 3, dt.date(2025, 2, 20), article("2025-02", "c", dt.date(2025, 2, 20), "t3"))
    grown = keys([added, new, old])
    assert grown["2024"] == first["2024"] and grown["2025"] != first["2025"]
    assert not set(keys([new, old], salt="pagefind 2")) & set(first.values())


def test_a_part_is_written_as_soon_as_its_last_page_is_in_and_other_years_are_not_read(tmp_path):
    import time

    pages = {f"issues/{year}-01/{n}/index.html": ARTICLE.format(title=f"{year}年第{n}篇", text=f"居民议事{year}年")
             for year in (2023, 2024, 2025) for n in range(2)}
    parts = {year: (f"k{year}", sorted(p for p in pages if p.startswith(f"issues/{year}"))) for year in ("2024", "2025")}
    cache = tmp_path / "cache"
    scanner = _scanner(None, (cache, parts))
    try:
        for path in sorted(pages)[:4]:  # 2023 (not being made) and all of 2024
            scanner.add(path, pages[path])
        scanner._flush()
        deadline = time.monotonic() + 30
        while cached_index(cache, "k2024") is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cached_index(cache, "k2024") is not None, "2024 is written while 2025 is still coming"
        assert cached_index(cache, "k2025") is None
        for path in sorted(pages)[4:]:
            scanner.add(path, pages[path])
        made = scanner.finish_search()
    finally:
        scanner.close()
    assert {year: count for year, (_entry, count) in made.items()} == {"2024": 2, "2025": 2}


def test_a_stopped_build_leaves_no_half_made_part_in_the_cache(tmp_path):
    parts = {"2025": ("k", ARTICLES)}
    scanner = _scanner(None, (tmp_path / "cache", parts))
    try:
        scanner.add(ARTICLES[0], PAGES[ARTICLES[0]])  # one of the two articles, then the build stops
        scanner._flush()
    finally:
        scanner.close()
    assert cached_index(tmp_path / "cache", "k") is None
