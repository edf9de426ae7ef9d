"""The end of a build (build/finisher.py), without MkDocs and without the scan process: the
scan process (build/scanner.py, a spawned Python that runs Pagefind) is replaced by a recorder
that answers as it does, so what is tested is the finisher's own work — which cached files
are linked into the site, which entries the page cache's catalog keeps, which parts of the
search index are taken from the cache, and what the editor is told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shequbao.build.finisher import Finisher, BuildNote, ScanError
from shequbao.build.pagecache import PAGE_FILE, PageStore
from shequbao.cache.store import Store
from shequbao.outputs.search.pagefind import KIND as SEARCH_KIND

ARTICLES = {"2025": ["issues/2025-09/fanghuo/index.html", "issues/2025-09/yilao/index.html"],
            "2016-2024": ["issues/2024-12/nalian/index.html"]}


class Scanner:
    """Stands in for PageScanner: records what it is told, answers what it is given."""

    def __init__(self, broken=(), made=None, fail: Exception | None = None):
        self.calls: list[tuple] = []
        self.broken, self.made, self.fail = list(broken), made or {}, fail
        self.closed = False

    def start_search(self, search):
        self.calls.append(("start_search", search))

    def add_cached(self, pages):
        self.calls.append(("add_cached", pages))

    def add(self, path, html, key=None):
        self.calls.append(("add", path, key))

    def save_links(self):
        self.calls.append(("save_links",))

    def finish_search(self):
        self.calls.append(("finish_search",))
        return self.made() if callable(self.made) else self.made

    def check_links(self, site_dir, linked):
        self.calls.append(("check_links", site_dir, sorted(linked)))
        if self.fail:
            raise self.fail
        return self.broken

    def close(self):
        self.closed = True


def finisher(tmp_path: Path, scanner: Scanner | None, *, links: bool = True, pages: bool = True) -> Finisher:
    made = Finisher(tmp_path / "cache", links_base=None, pages=None, search=False)  # starts no process
    made.pages = PageStore(tmp_path / "cache") if pages else None
    made.scanner, made.check_links = scanner, links and scanner is not None
    return made


def kept_page(tmp_path: Path, key: str, html: str = "<p>桂园街道召开秋季防火动员会</p>") -> Path:
    store = PageStore(tmp_path / "cache")
    store.keep(key, html, ([], set()))
    return store.store.path(key)


def search_entry(tmp_path: Path, key: str, files=("pagefind-entry.json", "filter/zh-cn_1a2b3c4.pf_filter")) -> Path:
    with Store(tmp_path / "cache", SEARCH_KIND).put(key) as scratch:
        for name in files:
            (scratch / name).parent.mkdir(parents=True, exist_ok=True)
            (scratch / name).write_text("{}", encoding="utf-8")
    return Store(tmp_path / "cache", SEARCH_KIND).path(key)


def test_with_nothing_to_check_or_keep_no_scan_process_is_started_and_the_files_pass_through(tmp_path):
    done = Finisher(tmp_path / "cache", links_base=None, pages=None, search=False)
    assert done.scanner is None
    done.plan(None, {}, [])
    done.add("index.html", "<p>首页</p>")  # nothing to do, and no error
    files = [("issues/2025-09/images/huichang-480.webp", "/cache/images/ab/huichang-480.webp")]
    assert done.finish(tmp_path / "site.building", files) == ([], files)


def test_pages_taken_from_the_cache_are_read_by_the_scan_and_linked_into_the_site(tmp_path):
    scanner = Scanner()
    done = finisher(tmp_path, scanner, links=False)
    nalian = kept_page(tmp_path, "aa" * 32)
    done.plan(None, {}, [("issues/2024-12/nalian/index.html", nalian)])
    assert scanner.calls == [("add_cached", [("issues/2024-12/nalian/index.html", str(nalian))])]
    notes, linked = done.finish(tmp_path / "site.building", [("feed.xml", "/cache/feed.xml")])
    assert notes == []
    assert linked == [("feed.xml", "/cache/feed.xml"), ("issues/2024-12/nalian/index.html", str(nalian / PAGE_FILE))]
    assert scanner.closed and done.scanner is None


def test_rendered_pages_kept_in_the_cache_are_linked_too_and_the_catalog_lists_every_entry_used(tmp_path):
    scanner = Scanner()
    done = finisher(tmp_path, scanner, links=False)
    cached, rendered = kept_page(tmp_path, "aa" * 32), kept_page(tmp_path, "bb" * 32)
    not_kept = PageStore(tmp_path / "cache").store.path("cc" * 32)  # the scan process has not kept it (yet)
    done.plan(None, {}, [("issues/2024-12/nalian/index.html", cached)])
    done.add("issues/2025-09/fanghuo/index.html", "<p>防火</p>", "bb" * 32)
    _, linked = done.finish(tmp_path / "site.building", [],
                            [("issues/2025-09/fanghuo/index.html", rendered), ("issues/2025-09/yilao/index.html", not_kept)])
    assert ("save_links",) in scanner.calls
    assert ("issues/2025-09/fanghuo/index.html", str(rendered / PAGE_FILE)) in linked  # the next build finds it there
    assert not any(path == "issues/2025-09/yilao/index.html" for path, _ in linked)
    catalog = json.loads((tmp_path / "cache/pages/catalog.json").read_text(encoding="utf-8"))
    assert set(catalog["entries"]) == {"aa" * 32, "bb" * 32}


def test_every_broken_link_is_a_warning_and_the_count_is_told(tmp_path):
    scanner = Scanner(broken=[("issues/2025-09/fanghuo/index.html", "../yilao/#zhaopian"),
                              ("about/index.html", "../issues/2023-01/")])
    done = finisher(tmp_path, scanner, pages=False)
    done.plan(None, {}, [])
    notes, _ = done.finish(tmp_path / "site.building", [("feed.xml", "/cache/feed.xml")])
    assert notes == [
        BuildNote("warning", "shequbao: issues/2025-09/fanghuo/index.html 里的链接 ../yilao/#zhaopian 打不开（页面、文件或锚点不存在）"),
        BuildNote("warning", "shequbao: about/index.html 里的链接 ../issues/2023-01/ 打不开（页面、文件或锚点不存在）"),
        BuildNote("info", "shequbao: 链接检查完毕，2 个打不开"),
    ]
    assert scanner.calls[-1] == ("check_links", tmp_path / "site.building", ["feed.xml"])


def test_the_link_check_counts_the_files_the_cache_will_link_in(tmp_path):
    scanner = Scanner()
    done = finisher(tmp_path, scanner)
    nalian = kept_page(tmp_path, "aa" * 32)
    done.plan(None, {}, [("issues/2024-12/nalian/index.html", nalian)])
    notes, _ = done.finish(tmp_path / "site.building", [("issues/2025-09/wu-tong-li-2025-09.pdf", "/cache/x.pdf")])
    assert scanner.calls[-1][2] == ["issues/2024-12/nalian/index.html", "issues/2025-09/wu-tong-li-2025-09.pdf"]
    assert notes == [BuildNote("info", "shequbao: 链接检查完毕，0 个打不开")]


def test_parts_of_the_search_index_in_the_cache_are_reused_and_only_the_others_made(tmp_path):
    older = search_entry(tmp_path, "old-part-key")
    scanner = Scanner(made=lambda: {"2025": (search_entry(tmp_path, "new-part-key"), 2)})  # Pagefind writes it meanwhile
    done = finisher(tmp_path, scanner, links=False)
    done.plan({"2025": "new-part-key", "2016-2024": "old-part-key"}, ARTICLES, [])
    assert scanner.calls == [("start_search", (tmp_path / "cache", {"2025": ("new-part-key", ARTICLES["2025"])}))]
    notes, linked = done.finish(tmp_path / "site.building", [])
    assert ("finish_search",) in scanner.calls
    assert [path for path, _ in linked] == [
        "pagefind/2016-2024/filter/zh-cn_1a2b3c4.pf_filter", "pagefind/2016-2024/pagefind-entry.json",
        "pagefind/2025/filter/zh-cn_1a2b3c4.pf_filter", "pagefind/2025/pagefind-entry.json"]
    assert dict(linked)["pagefind/2016-2024/pagefind-entry.json"] == str(older / "pagefind-entry.json")
    [told] = notes
    assert told.level == "info" and told.text.startswith("shequbao: 搜索：索引 3 篇文章，分 2 部分（新生成 1，取自缓存 1，")


def test_when_every_part_is_in_the_cache_pagefind_is_not_run(tmp_path):
    search_entry(tmp_path, "new-part-key")
    search_entry(tmp_path, "old-part-key")
    scanner = Scanner()
    done = finisher(tmp_path, scanner, links=False)
    done.plan({"2025": "new-part-key", "2016-2024": "old-part-key"}, ARTICLES, [])
    notes, linked = done.finish(tmp_path / "site.building", [])
    assert not any(call[0] in ("start_search", "finish_search") for call in scanner.calls)
    assert len(linked) == 4 and "新生成 0，取自缓存 2" in notes[0].text


def test_without_the_page_cache_every_part_of_the_index_is_made_anew(tmp_path):
    search_entry(tmp_path, "old-part-key")  # there, but incremental builds are off
    scanner = Scanner(made={"2025": (search_entry(tmp_path, "new-part-key"), 2),
                            "2016-2024": (search_entry(tmp_path, "old-part-key"), 1)})
    done = finisher(tmp_path, scanner, links=False, pages=False)
    done.plan({"2025": "new-part-key", "2016-2024": "old-part-key"}, ARTICLES, [])
    assert scanner.calls[0][0] == "start_search" and set(scanner.calls[0][1][1]) == {"2025", "2016-2024"}
    notes, _ = done.finish(tmp_path / "site.building", [])
    assert "新生成 2，取自缓存 0" in notes[0].text


def test_a_part_whose_articles_pagefind_could_not_read_is_a_warning(tmp_path):
    """An editor's own article.html without data-pagefind-body: search would find nothing."""
    search_entry(tmp_path, "old-part-key")
    scanner = Scanner(made={"2025": (None, 0)})
    done = finisher(tmp_path, scanner, links=False)
    done.plan({"2025": "new-part-key", "2016-2024": "old-part-key"}, ARTICLES, [])
    notes, linked = done.finish(tmp_path / "site.building", [])
    assert notes[0] == BuildNote("warning", "shequbao: 搜索索引 2025 部分的 2 篇文章都没有 data-pagefind-body，"
                                       "搜索找不到它们：请检查自己改过的 article.html")
    assert notes[1].level == "info" and all(path.startswith("pagefind/2016-2024/") for path, _ in linked)


def test_the_scan_process_is_stopped_even_when_it_fails(tmp_path):
    scanner = Scanner(fail=ScanError("检查页面的子进程意外退出（退出码 -9）"))
    done = finisher(tmp_path, scanner, pages=False)
    done.plan(None, {}, [])
    with pytest.raises(ScanError):
        done.finish(tmp_path / "site.building", [])
    assert scanner.closed and done.scanner is None
    done.stop()  # a second stop (the plugin's shutdown) is harmless
