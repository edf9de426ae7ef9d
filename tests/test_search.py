"""Search index (search.py): Pagefind over the article pages, cached, Chinese by character."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shequbao import search
from shequbao.search import index_site, site_digest, spaced

ARTICLE = """<!doctype html><html lang="zh-CN"><head><title>{title}</title></head><body>
<header>桂园 首页</header>
<article data-pagefind-body><h1>{title}</h1><p>{text}</p>
<div hidden data-pagefind-ignore><span data-pagefind-meta="title">{title}</span>
<span data-pagefind-filter="year">2025</span></div></article></body></html>"""


def make_site(root: Path, pages: dict[str, tuple[str, str]], other: int = 1) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for path, (title, text) in pages.items():
        file = root / path / "index.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(ARTICLE.format(title=title, text=text), encoding="utf-8")
    for n in range(other):  # pages without data-pagefind-body are not indexed
        (root / f"list{n}.html").write_text("<html><body>往期 党建 养老</body></html>", encoding="utf-8")
    return root


PAGES = {
    "issues/a/one": ("党建联建", "街道党建办召开会议，居民区党组织签订协议。"),
    "issues/a/two": ("养老服务", "社区开设养老服务窗口，党员志愿者建立联络群。"),
}


def test_spaced_puts_han_characters_apart_in_text_only():
    html = ('<h1 class="标题">党建联建 9月15日 abc</h1><p>居民<b>区</b>党组织</p>'
            '<span data-pagefind-meta="title">红色物业</span><script>var s = "中文";</script>')
    out = spaced(html)
    assert "党 建 联 建 9 月 15 日 abc" in out
    assert "居 民 <b> 区 </b> 党 组 织" in out
    assert '<span data-pagefind-meta="title">红色物业</span>' in out  # metadata is read as written
    assert 'class="标题"' in out and 'var s = "中文";' in out


def test_index_is_made_once_and_then_copied_from_the_cache(tmp_path):
    site = make_site(tmp_path / "site", PAGES)
    cache = tmp_path / "cache"
    first = index_site(site, cache)
    assert (first.pages, first.cached) == (2, False)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 2
    assert (site / "pagefind/pagefind.js").is_file()
    assert not list(site.rglob(".pages-*")) and not list(cache.glob(".*"))  # no scratch left behind

    again = index_site(site, cache)
    assert (again.pages, again.cached) == (2, True)

    (site / "list0.html").write_text("<html><body>改了</body></html>", encoding="utf-8")
    assert index_site(site, cache).cached, "pages outside the index do not invalidate it"

    (site / "issues/a/two/index.html").write_text(ARTICLE.format(title="养老", text="改了一个字。"), encoding="utf-8")
    changed = index_site(site, cache)
    assert (changed.pages, changed.cached) == (2, False)


def test_a_site_without_articles_gets_no_index(tmp_path):
    site = make_site(tmp_path / "site", {})
    stats = index_site(site, tmp_path / "cache")
    assert stats.pages == 0 and not (site / "pagefind").exists()
    assert "没有可索引的文章" in stats.summary()


def test_digest_follows_the_indexed_pages_only(tmp_path):
    site = make_site(tmp_path / "site", PAGES, other=2)
    key, pages = site_digest(site)
    assert pages == 2
    (site / "list1.html").write_text("x", encoding="utf-8")
    assert site_digest(site) == (key, 2)


def test_old_indexes_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "KEEP_ENTRIES", 2)
    cache = tmp_path / "cache"
    site = make_site(tmp_path / "site", PAGES)
    for n in range(4):
        (site / "issues/a/one/index.html").write_text(ARTICLE.format(title="党建", text=f"第{n}次"), encoding="utf-8")
        index_site(site, cache)
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 2


def test_a_missing_pagefind_is_reported(tmp_path):
    site = make_site(tmp_path / "site", PAGES)
    with pytest.raises(search.SearchError, match="Pagefind"):
        index_site(site, tmp_path / "cache", executable=tmp_path / "no-pagefind")
