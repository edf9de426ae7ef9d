"""The page cache (build/pagecache.py) without a build: entries kept and found again, the plan
of what a build renders, and the site-wide key."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from shequbao.build import pagecache
from shequbao.build.pagecache import (
    CATALOG_LINKS,
    VERSIONS,
    PageStore,
    base_key,
    photos_by_article,
    plan_cache,
)
from shequbao.model import Archive, Article, Image, Issue, Paper, Person, Section
from shequbao.photos.refs import PhotoRef
from shequbao.site.kinds import Kind
from shequbao.site.recipes import KeyInputs
from shequbao.site.registry import PlanOptions, plan_pages

CHEN = Person("陈玲", "陈玲", "chen-ling", "本报记者")
HTML = "<!doctype html><html><body><h1 id=\"fanghuo\">桂园街道召开秋季防火动员会</h1></body></html>"


def story(issue_id: str, slug: str, page: int = 1, **fields) -> Article:
    return Article(issue_id=issue_id, slug=slug, src=f"issues/{issue_id}/{slug}.md", title="桂园街道召开秋季防火动员会",
                   kind="news", page=page, date=dt.date(2025, 9, 25), reporters=("陈玲",), **fields)


def archive() -> Archive:
    september = Issue("2025-09", 128, dt.date(2025, 9, 25), (Section(1, "要闻"), Section(2, "社区")),
                      articles=(story("2025-09", "fanghuo", images=(Image("issues/2025-09/images/huichang.jpg"),)),
                                story("2025-09", "yilao", 2)))
    august = Issue("2025-08", 127, dt.date(2025, 8, 25), (Section(1, "要闻"),), articles=(story("2025-08", "nalian"),))
    return Archive(Paper("梧桐里"), (september, august), {"陈玲": CHEN}, (("index.md", "首页"), ("about.md", "关于本报")))


def inputs(base: str = "base-1") -> KeyInputs:
    return KeyInputs(base, {"陈玲": CHEN}, None, {}, {})


@pytest.fixture
def site():
    paper = archive()
    return plan_pages(paper, paper.static_pages, PlanOptions())


# -- PageStore ---------------------------------------------------------------------------------

def test_a_kept_page_is_found_again_with_its_html_links_and_ids(tmp_path):
    store = PageStore(tmp_path)
    assert store.lookup("ab12" * 16) is None
    store.keep("ab12" * 16, HTML, (["../yilao/", "../../../assets/x.css"], {"fanghuo", "content"}))
    entry = PageStore(tmp_path).lookup("ab12" * 16)
    assert entry is not None and entry.path.name == "ab12" * 16
    assert PageStore.html_of(entry.path) == HTML
    assert PageStore.links_of(entry.path) == (["../yilao/", "../../../assets/x.css"], {"fanghuo", "content"})


def test_a_character_utf8_cannot_hold_is_kept_as_a_reference_as_mkdocs_writes_it(tmp_path):
    store = PageStore(tmp_path)
    store.keep("cd34" * 16, "<p>坏字\ud800符</p>", ([], set()))
    entry = store.lookup("cd34" * 16)
    assert (entry.path / pagecache.PAGE_FILE).read_bytes() == "<p>坏字&#55296;符</p>".encode()


def test_a_key_already_kept_is_not_written_again(tmp_path):
    store = PageStore(tmp_path)
    store.keep("ef56" * 16, HTML, ([], set()))
    page = store.lookup("ef56" * 16).path / pagecache.PAGE_FILE
    before = page.stat()
    store.keep("ef56" * 16, "<p>另一个版本</p>", ([], set()))  # the same key: the same page (a scan racing a build)
    assert page.stat().st_ino == before.st_ino and PageStore.html_of(page.parent) == HTML


def test_a_page_edited_through_its_link_in_the_site_is_made_again(tmp_path):
    """The site's files are hard links to the entries: an editor's fix in site/ must not stick."""
    store = PageStore(tmp_path)
    key = "0a1b" * 16
    store.keep(key, HTML, ([], {"fanghuo"}))
    store.save_catalog([key])
    page = store.lookup(key).path / pagecache.PAGE_FILE
    os.link(page, tmp_path / "index.html")
    with open(tmp_path / "index.html", "r+b") as published:  # same size, in place
        published.write(HTML.replace("防火", "消防").encode())
    assert PageStore(tmp_path).lookup(key) is None


def test_the_links_the_last_build_resolved_are_known_to_the_next_scan(tmp_path):
    key, other = "1c2d" * 16, "3e4f" * 16
    PageStore(tmp_path).save_links({key: (["issues/2025-09/yilao/index.html"], {"fanghuo"}), other: ([], set())})
    assert (tmp_path / "pages" / CATALOG_LINKS).is_file()
    reader = PageStore(tmp_path, links=True)
    assert reader.known_links(key) == (["issues/2025-09/yilao/index.html"], {"fanghuo"})
    assert reader.known_links("9" * 64) is None
    assert PageStore(tmp_path).known_links(key) is None  # a build that checks no link does not read them


def test_a_damaged_links_file_is_as_good_as_none(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / CATALOG_LINKS).write_text("{不是 JSON", encoding="utf-8")
    assert PageStore(tmp_path, links=True).known_links("1c2d" * 16) is None


# -- plan_cache ----------------------------------------------------------------------------------

def test_with_incremental_builds_off_every_page_is_rendered_and_nothing_kept(site):
    plan = plan_cache(site, inputs(), None, set())
    assert set(plan.render) == {page.src for page in site} and set(plan.render.values()) == {None}
    assert plan.cached == {} and plan.kept() == [] and plan.keys == {}


def test_a_cold_cache_renders_every_page_and_keys_all_but_the_menus(tmp_path, site):
    store = PageStore(tmp_path)
    plan = plan_cache(site, inputs(), store, always={"about.md"})
    assert plan.cached == {} and set(plan.render) == {page.src for page in site}
    unkeyed = {src for src, key in plan.render.items() if key is None}
    assert unkeyed == {"about.md", "index.md"}  # in the menu, and the home page shows the newest issue
    assert site.get("index.md").kind is Kind.HOME
    assert len(set(plan.keys.values())) == len(site) - 2  # one entry per page
    assert dict(plan.kept()) == {src: store.store.path(key) for src, key in plan.render.items() if key}
    assert plan.summary() == f"页面：重新生成 {len(site)}，沿用 0"


def test_the_next_build_takes_the_kept_pages_from_the_cache(tmp_path, site):
    first = plan_cache(site, inputs(), PageStore(tmp_path), {"about.md"})
    for src, key in first.render.items():
        if key is not None and not src.startswith("issues/2025-09/"):
            PageStore(tmp_path).keep(key, f"<p>{src}</p>", ([], set()))
    second = plan_cache(site, inputs(), PageStore(tmp_path), {"about.md"})
    assert set(second.cached) == {src for src, key in first.render.items() if key and not src.startswith("issues/2025-09/")}
    assert set(second.render) == {page.src for page in site} - set(second.cached)
    assert second.keys == first.keys  # the same key whether rendered or taken from the cache
    assert PageStore.html_of(second.cached["issues/2025-08/nalian.md"].path) == "<p>issues/2025-08/nalian.md</p>"
    assert second.summary() == f"页面：重新生成 {len(second.render)}，沿用 {len(second.cached)}"


def test_a_change_of_the_site_wide_key_renders_every_page_again(tmp_path, site):
    store = PageStore(tmp_path)
    for key in plan_cache(site, inputs("base-1"), store, set()).render.values():
        if key:
            store.keep(key, "<p></p>", ([], set()))
    assert plan_cache(site, inputs("base-1"), PageStore(tmp_path), set()).render.keys() == {"about.md", "index.md"}
    again = plan_cache(site, inputs("base-2"), PageStore(tmp_path), set())
    assert again.cached == {} and len(again.render) == len(site)


def test_photos_by_article_lists_every_photo_of_each_article_in_order():
    refs = [PhotoRef("issues/2025-09/fanghuo.md", "issues/2025-09/images/huichang.jpg", "images[1].src", 0),
            PhotoRef("issues/2025-09/yilao.md", "issues/2025-09/images/weiwen.jpg", "images[1].src", 0),
            PhotoRef("issues/2025-09/fanghuo.md", "issues/2025-09/images/yanlian.jpg", "正文", line=12),
            PhotoRef("issues/2025-09/fanghuo.md", "issues/2025-09/images/huichang.jpg", "正文", line=20)]
    assert photos_by_article(refs) == {
        "issues/2025-09/fanghuo.md": ("issues/2025-09/images/huichang.jpg", "issues/2025-09/images/yanlian.jpg",
                                      "issues/2025-09/images/huichang.jpg"),
        "issues/2025-09/yilao.md": ("issues/2025-09/images/weiwen.jpg",),
    }
    assert photos_by_article([]) == {}


# -- base_key ------------------------------------------------------------------------------------

@pytest.fixture
def theme(tmp_path) -> Path:
    folder = tmp_path / "theme_overrides"
    (folder / "partials").mkdir(parents=True)
    (folder / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    (folder / "partials/footer.html").write_text("<footer></footer>", encoding="utf-8")
    return folder


def key_of(theme: Path, **change) -> str:
    args = {"config_bytes": b"site_name: \xe6\xa2\xa7\xe6\xa1\x90\xe9\x87\x8c\n", "options": [("archive_per_page", 60)],
            "theme_dirs": [theme], "menu": b"about.md\0\xe5\x85\xb3\xe4\xba\x8e", "command": "build", **change}
    return base_key(**args)


def test_the_site_wide_key_is_the_same_for_the_same_inputs(theme):
    assert key_of(theme) == key_of(theme)
    assert len(key_of(theme)) == 64


@pytest.mark.parametrize("change", [
    {"config_bytes": b"site_name: \xe6\xa1\x82\xe5\x9b\xad\n"},  # mkdocs.yml
    {"options": [("archive_per_page", 30)]},
    {"menu": b"about.md\0\xe5\x85\xb3\xe4\xba\x8e\xe6\x9c\xac\xe6\x8a\xa5"},  # a nav page's title: 关于 → 关于本报
    {"command": "serve"},  # a preview differs from a build
    {"theme_dirs": []},
])
def test_any_site_wide_input_changes_the_key(theme, change):
    assert key_of(theme, **change) != key_of(theme)


def test_an_edited_theme_template_changes_the_key(theme):
    before = key_of(theme)
    footer = theme / "partials/footer.html"
    footer.write_text("<footer>沪ICP备2025000001号</footer>", encoding="utf-8")
    edited = key_of(theme)
    (theme / "partials/header.html").write_text("<header></header>", encoding="utf-8")
    assert len({before, edited, key_of(theme)}) == 3


@pytest.mark.parametrize("package", ["nh3", "mkdocs-material", "markdown", "pypinyin", "jinja2"])
def test_a_new_version_of_a_library_that_renders_pages_changes_the_key(theme, monkeypatch, package):
    assert package in VERSIONS
    before = key_of(theme)
    real = pagecache.package_version
    monkeypatch.setattr(pagecache, "package_version", lambda name: "99.0" if name == package else real(name))
    assert key_of(theme) != before
