"""Incremental builds: only the pages whose inputs changed are rendered; the rest come from
``.cache/pages/``, and the site is byte-identical to a clean build after any edit."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build, make_photo, tree_digest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

MENU = {"index.md", "issues/index.md", "people/index.md", "gallery/index.md"}  # always rendered (in the menu)


def copy_mini(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    images = target / "content/issues/2023-05/images"
    make_photo(images / "dianti.jpg")
    make_photo(images / "huayuan.jpg", (60, 140, 80))
    return target


def rendered(project: Path, caplog, site_dir: Path | None = None) -> set[str]:
    """Build ``project`` and return the sources MkDocs rendered."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs"):
        build(project, **({"site_dir": str(site_dir)} if site_dir else {}))
    return {r.getMessage().removeprefix("Building page ") for r in caplog.records if r.getMessage().startswith("Building page ")}


ASIDE = ("pages", "texts", "pagefind")  # what a clean build makes anew


def clean_build(project: Path, tmp_path: Path, name: str) -> dict[str, str]:
    """A build of the same content with an empty page cache, no search index and an empty memo
    of parsed texts and issues, into a new folder (photos still cached: they are not pages)."""
    cache = Path(os.environ["SHEQUBAO_CACHE_DIR"])
    moved = []
    for kind in ASIDE:
        if (cache / kind).exists():
            (cache / kind).rename(cache / f"{kind}-aside")
            moved.append(kind)
    try:
        site = build(project, site_dir=str(tmp_path / name))
        return tree_digest(site)
    finally:
        for kind in ASIDE:
            shutil.rmtree(cache / kind, ignore_errors=True)
        for kind in moved:
            (cache / f"{kind}-aside").rename(cache / kind)


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    """A cache with the fixture's photos and search index made once, and no pages."""
    tmp = tmp_path_factory.mktemp("seed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHEQUBAO_CACHE_DIR", str(tmp / "cache"))
        build(copy_mini(tmp / "mini"))
    shutil.rmtree(tmp / "cache" / "pages")
    return tmp / "cache"


def own_cache(seed: Path, target: Path) -> Path:
    """A copy of the seed cache: each test's page cache is its own, and it is what is tested."""
    shutil.copytree(seed, target)
    return target


@pytest.fixture
def paper(tmp_path, monkeypatch, seed):
    monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(own_cache(seed, tmp_path / "cache")))
    return copy_mini(tmp_path / "mini")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_warm_build_renders_only_the_menu_and_gives_the_same_site(paper, tmp_path, caplog):
    first = rendered(paper, caplog)
    assert len(first) > 20
    site = paper / "site"
    before = tree_digest(site)
    again = rendered(paper, caplog)
    assert again == MENU
    assert tree_digest(site) == before == clean_build(paper, tmp_path, "clean")
    assert any("页面：重新生成 4，沿用" in r.getMessage() for r in caplog.records)


def test_fixing_a_typo_in_a_story_renders_that_story_and_what_quotes_it(paper, tmp_path, caplog):
    rendered(paper, caplog)
    story = paper / "content/issues/2023-05/jiazhuang-dianti.md"
    edit(story, "据了解，今年梧桐新村", "据了解，今年梧桐新邨")  # a typo fixed after the first paragraph
    wechat = {"issues/2023-05/jiazhuang-dianti.gongzhonghao.md", "issues/2023-05/gongzhonghao.md"}  # 复制到公众号: the whole text
    assert rendered(paper, caplog) == MENU | {"issues/2023-05/jiazhuang-dianti.md"} | wechat
    assert tree_digest(paper / "site") == clean_build(paper, tmp_path, "clean")


def test_a_new_title_renders_its_neighbours_lists_and_people(paper, tmp_path, caplog):
    rendered(paper, caplog)
    story = paper / "content/issues/2023-05/jiazhuang-dianti.md"
    edit(story, "title: 老楼加装电梯 居民告别“爬楼难”", "title: 老楼加装电梯 居民不再“爬楼难”")
    again = rendered(paper, caplog)
    assert {"issues/2023-05/jiazhuang-dianti.md", "issues/2023-05/index.md", "issues/2023-05/1.md"} <= again
    assert "issues/2023-06/index.md" not in again and "issues/2023-06/zongzi.md" not in again
    assert tree_digest(paper / "site") == clean_build(paper, tmp_path, "clean")


def add_issue(paper: Path, issue_id: str, slug: str, title: str, text: str) -> None:
    """Issue No. 9, dated the 20th of the month ``issue_id`` names, with one story by 郑爽 on 版1."""
    folder = paper / "content/issues" / issue_id
    folder.mkdir()
    (folder / "issue.yml").write_text(f"number: 9\ndate: {issue_id}-20\npages:\n  - {{page: 1, name: 要闻}}\n", encoding="utf-8")
    (folder / f"{slug}.md").write_text(f"---\ntitle: {title}\npage: 1\nreporters: [郑爽]\n---\n\n{text}\n", encoding="utf-8")


def test_a_new_issue_renders_itself_the_one_before_and_the_lists(paper, tmp_path, caplog):
    rendered(paper, caplog)
    add_issue(paper, "2023-07", "xiaoshu", "小暑时节话防暑", "本报讯 七月，社区为高龄老人送去防暑用品。")
    again = rendered(paper, caplog)
    assert {"issues/2023-07/index.md", "issues/2023-07/xiaoshu.md", "issues/2023-07/1.md",
            "issues/2023-06/index.md"} <= again  # the issue before it gets its 下一期 link
    assert "people/zheng-shuang.md" in again and "people/he-jian-guo.md" not in again
    assert not {"issues/2023-05/index.md", "issues/2023-06/zongzi.md", "issues/2023-05/jiazhuang-dianti.md"} & again
    assert tree_digest(paper / "site") == clean_build(paper, tmp_path, "clean")


def test_a_story_added_before_the_others_moves_theirs_in_the_search_order(paper, tmp_path, caplog):
    """A story added first on 版1 moves every later story of the issue one place on (the index sorts
    by it), though the stories on 版2 keep their neighbours: they are rendered again too."""
    rendered(paper, caplog)
    (paper / "content/issues/2023-05/kaimu.md").write_text(
        "---\ntitle: 社区睦邻节开幕\npage: 1\norder: 5\nreporters: [郑爽]\n---\n\n本报讯 睦邻节开幕，居民踊跃参加。\n", encoding="utf-8")
    again = rendered(paper, caplog)
    assert {"issues/2023-05/kaimu.md", "issues/2023-05/义诊.md", "issues/2023-05/huayuan.md"} <= again
    assert tree_digest(paper / "site") == clean_build(paper, tmp_path, "clean")


def search_summary(caplog) -> str:
    return next(r.getMessage() for r in caplog.records if "搜索：索引" in r.getMessage())


def test_an_edit_makes_only_its_part_of_the_search_index_again(paper, tmp_path, caplog):
    """The search index is in two parts, the newest year and the years before it: a first issue of
    a new year makes the new year's part, a typo fixed in an older year makes the older part; the
    other part is linked from the cache as it was."""
    rendered(paper, caplog)
    add_issue(paper, "2024-01", "xiaohan", "小寒送暖到楼组", "本报讯 一月，楼组长为独居老人送去棉被。")
    rendered(paper, caplog)
    assert "分 2 部分（新生成 1，取自缓存 1" in search_summary(caplog)
    site = paper / "site"
    assert 'data-pagefind-parts="2024 2023"' in (site / "search/index.html").read_text(encoding="utf-8")
    entry_2024 = (site / "pagefind/2024/pagefind-entry.json").stat().st_ino
    entry_2023 = (site / "pagefind/2023/pagefind-entry.json").read_bytes()
    edit(paper / "content/issues/2023-05/jiazhuang-dianti.md", "据了解，今年梧桐新村", "据了解，今年梧桐新邨")
    rendered(paper, caplog)
    assert "分 2 部分（新生成 1，取自缓存 1" in search_summary(caplog)
    assert (site / "pagefind/2024/pagefind-entry.json").stat().st_ino == entry_2024, "2024's part was not touched"
    assert (site / "pagefind/2023/pagefind-entry.json").read_bytes() != entry_2023
    assert tree_digest(site) == clean_build(paper, tmp_path, "clean")


def test_a_typo_fixed_without_changing_the_size_is_seen(paper, tmp_path, caplog):
    rendered(paper, caplog)
    story = paper / "content/issues/2023-06/wuyue.md"
    edit(story, "老邻居", "老街坊")  # the same number of bytes, in the same second
    quoting = {"issues/2023-06/index.md", "issues/2023-06/2.md",  # the issue and its 版 show the story's first lines
               "issues/2023-06/wuyue.gongzhonghao.md", "issues/2023-06/gongzhonghao.md"}  # 复制到公众号: the whole text
    assert rendered(paper, caplog) == MENU | {"issues/2023-06/wuyue.md"} | quoting
    assert "老街坊" in (paper / "site/issues/2023-06/wuyue/index.html").read_text(encoding="utf-8")
    assert tree_digest(paper / "site") == clean_build(paper, tmp_path, "clean")


def test_a_warning_is_told_on_every_build_not_only_the_first(paper, caplog):
    story = paper / "content/issues/2023-06/wuyue.md"
    edit(story, "page: 2", "page: 2\ndate: 2022-01-05")  # far from its issue's date: a warning, not an error
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Exception):
            build(paper)  # strict: the warning fails the build, every time
        assert any("超过 90 天" in r.getMessage() and "wuyue.md" in r.getMessage() for r in caplog.records)


def test_a_renamed_person_in_people_yml_reaches_an_unchanged_issue(paper, caplog):
    rendered(paper, caplog)
    (paper / "content/people.yml").write_text("郑爽:\n  title: 本报首席记者\n", encoding="utf-8")
    again = rendered(paper, caplog)
    assert "people/zheng-shuang.md" in again
    assert "本报首席记者" in (paper / "site/people/zheng-shuang/index.html").read_text(encoding="utf-8")


def test_pages_taken_from_the_cache_stay_the_same_files_in_the_site(paper, caplog):
    """A warm build changes no file it need not change (rsync and object storage upload nothing)."""
    rendered(paper, caplog)
    site = paper / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*.html")}
    rendered(paper, caplog)
    again = {p for p in before if p.stat().st_ino != before[p]}
    menu = {"index.html", "issues/index.html", "people/index.html", "gallery/index.html", "404.html"}
    assert {p.relative_to(site).as_posix() for p in again} == menu  # rendered every time: the menu's pages, 404
    assert len(before) - len(again) > 20


def test_a_page_edited_in_the_site_is_put_right_by_the_next_build(paper, caplog):
    rendered(paper, caplog)
    page = paper / "site/issues/2023-06/zongzi/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("粽", "X"), encoding="utf-8")  # through the cache's hard link
    again = rendered(paper, caplog)
    assert "issues/2023-06/zongzi.md" in again
    assert "粽" in page.read_text(encoding="utf-8")


def test_incremental_false_renders_every_page(paper, caplog):
    rendered(paper, caplog)
    config = paper / "mkdocs.yml"
    edit(config, "paper_publisher:", "incremental: false\n      paper_publisher:")
    assert len(rendered(paper, caplog)) > 20


# -- any sequence of edits ----------------------------------------------------------------

KINDS = ["body", "title", "person", "add", "delete", "option", "template", "photo", "issue", "typo",
         "nav", "print", "ban", "move", "rename", "site", "hidden"]
EDITS = st.sampled_from(KINDS)


def apply(project: Path, what: str, step: int) -> None:
    if what in MORE:
        return MORE[what](project, step)
    content = project / "content"
    may = content / "issues/2023-05"
    if what == "body":
        path = may / "weiwancheng.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n第{step}次补记：居民继续议论这件事。\n", encoding="utf-8")
    elif what == "title":
        path = content / "issues/2023-06/wuyue.md"
        text = path.read_text(encoding="utf-8")
        start = text.index("title: ") + 7
        path.write_text(text[:start] + f"（{step}）" + text[start:], encoding="utf-8")
    elif what == "person":
        (content / "people.yml").write_text(f"郑爽:\n  title: 本报记者（{step}）\n  bio: 第{step}版简介。\n", encoding="utf-8")
    elif what == "add":  # on 版2, or first on 版1 (every later story of the issue moves one place on)
        where = "page: 2" if step % 2 == 0 else "page: 1\norder: 1"
        (may / f"xin-{step}.md").write_text(f"---\ntitle: 新稿件{step}\n{where}\ncorrespondents: [严丽]\n---\n\n本报讯 第{step}篇。\n",
                                            encoding="utf-8")
    elif what == "delete":
        extra = sorted(may.glob("xin-*.md"))
        (extra[0] if extra else may / "weiwancheng.md").unlink(missing_ok=True)
    elif what == "option":
        edit(project / "mkdocs.yml", "paper_publisher:", f"people_per_page: {step + 1}\n      paper_publisher:")
    elif what == "template":
        overrides = project / "theme_overrides"
        overrides.mkdir(exist_ok=True)
        (overrides / "main.html").write_text('{% extends "base.html" %}\n{% block footer %}<p>第' + str(step) + "版页脚</p>{% endblock %}\n",
                                             encoding="utf-8")
        if "custom_dir" not in (project / "mkdocs.yml").read_text(encoding="utf-8"):
            edit(project / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: theme_overrides\n")
    elif what == "photo":
        make_photo(may / "images/huayuan.jpg", (step * 20 % 255, 100, 100))
    elif what == "typo":  # the same number of bytes: only the file's times say it changed
        path = content / "issues/2023-06/wuyue.md"
        text = path.read_text(encoding="utf-8")
        swapped = text.replace("老邻居", "老街坊", 1) if "老邻居" in text else text.replace("老街坊", "老邻居", 1)
        assert len(swapped.encode()) == len(text.encode()) and swapped != text
        path.write_text(swapped, encoding="utf-8")
    elif what == "issue":
        folder = content / f"issues/2024-{step:02d}"
        folder.mkdir(exist_ok=True)
        (folder / "issue.yml").write_text(f"number: {20 + step}\ndate: 2024-{step:02d}-15\npages:\n  - {{page: 1, name: 要闻}}\n",
                                          encoding="utf-8")
        (folder / "kuaixun.md").write_text(f"---\ntitle: 快讯{step}\npage: 1\nreporters: [郑爽]\n---\n\n本报讯 第{step}期。\n",
                                           encoding="utf-8")


def edit_nav(project: Path, step: int) -> None:
    """An untitled menu entry (``- about.md``, labelled by the page's title), then its title and its place."""
    about = project / "content/about.md"
    config = project / "mkdocs.yml"
    if not about.exists():
        about.write_text("---\ntitle: 关于本报\n---\n\n《梧桐里》由梧桐街道主办。\n", encoding="utf-8")
        edit(config, "  - 图片: gallery/index.md\n", "  - 图片: gallery/index.md\n  - about.md\n")
    elif step % 2:
        edit(about, "title: ", f"title: （{step}）")
    else:  # the entry moves: first after 首页, or back to the end
        text = config.read_text(encoding="utf-8").replace("  - about.md\n", "")
        first = "  - 往期: issues/index.md\n"
        text = text.replace(first, "  - about.md\n" + first) if step % 4 == 0 else text.replace(
            "  - 图片: gallery/index.md\n", "  - 图片: gallery/index.md\n  - about.md\n")
        config.write_text(text, encoding="utf-8")


def edit_print(project: Path, step: int) -> None:
    config = project / "mkdocs.yml"
    if "print_page_size: A4" in config.read_text(encoding="utf-8"):
        edit(config, "      print_page_size: A4\n", "")
    else:
        edit(config, "      paper_publisher:", "      print_page_size: A4\n      paper_publisher:")


def edit_ban(project: Path, step: int) -> None:
    path = project / "content/issues/2023-05/issue.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("{page: 2, name: ") + len("{page: 2, name: ")
    path.write_text(text[:start] + f"社区{step}" + text[text.index("}", start):], encoding="utf-8")


def edit_move(project: Path, step: int) -> None:
    """An article moved to the other issue (and back)."""
    found = next((project / "content/issues").glob("*/义诊.md"))
    other = "2023-06" if found.parent.name == "2023-05" else "2023-05"
    found.rename(project / "content/issues" / other / found.name)


def edit_rename(project: Path, step: int) -> None:
    may = project / "content/issues/2023-05"
    old = next(p for p in (may / "xiaofang-yanlian.md", may / "yanlian-xiaofang.md") if p.exists())
    old.rename(may / ("yanlian-xiaofang.md" if old.name == "xiaofang-yanlian.md" else "xiaofang-yanlian.md"))


def edit_site(project: Path, step: int) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [f"site_name: 梧桐里{step}" if line.startswith("site_name:") else
             f"site_url: https://example.org/s{step}/" if line.startswith("site_url:") else line for line in text.splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def edit_hidden(project: Path, step: int) -> None:
    """A same-size edit whose modification time is put back (as some copy tools do)."""
    path = project / "content/issues/2023-05/huayuan.md"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    swapped = text.replace("花园", "庭园", 1) if "花园" in text else text.replace("庭园", "花园", 1)
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    path.write_text(swapped, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


MORE = {"nav": edit_nav, "print": edit_print, "ban": edit_ban, "move": edit_move, "rename": edit_rename,
        "site": edit_site, "hidden": edit_hidden}


# Random sequences on every run (a failure prints the seed to replay), within a fixed budget, and every kind once.
@settings(derandomize=False, database=None, max_examples=2, deadline=None, print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(EDITS, min_size=3, max_size=5))
@example(KINDS[:9])
@example(KINDS[9:] + ["nav", "nav"])  # the menu entry added, retitled, then moved
def test_any_sequence_of_edits_gives_the_site_a_clean_build_gives(tmp_path_factory, seed, edits):
    tmp = tmp_path_factory.mktemp("edits")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SHEQUBAO_CACHE_DIR", str(own_cache(seed, tmp / "cache")))
        project = copy_mini(tmp / "mini")
        build(project)
        for step, what in enumerate(edits, 1):
            apply(project, what, step)
            incremental = tree_digest(build(project))
            assert incremental == clean_build(project, tmp, f"clean-{step}"), (step, what)
