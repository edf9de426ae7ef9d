"""Names an editor may type that the site cannot use (issue 30): ``./sqb new article`` with a
title whose file name is one of the site's own addresses, and ``./sqb init`` onto links,
files or an unwritable folder — refused before the first file is written.

Photo names with ``#``, ``?``, ``%`` and backslashes in ``src`` are cases of
tests/bad_content/cases.py (photo-name-*, photo-backslash, body-photo-*)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shequbao.cli.init import init_paper
from shequbao.cli.main import main
from shequbao.cli.scaffold import ScaffoldError
from shequbao.content.hints import safe_photo_name


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")} if folder.exists() else set()


@pytest.mark.parametrize("title, slug", [("index", "index"), ("Gallery", "gallery"), ("1", "1"), ("Page", "page"),
                                         ("2024", "2024")])
def test_new_article_refuses_the_sites_own_addresses_before_writing(mini, capsys, title, slug):
    before = files_under(mini / "content")
    assert main(["new", "article", title, "--content", str(mini / "content")]) == 1
    err = capsys.readouterr().err
    assert f"文件名会是 {slug}.md" in err and "网站自己用的网址" in err and "没有写任何文件" in err
    assert files_under(mini / "content") == before


def test_new_article_with_an_ordinary_title_still_works(mini, capsys):
    assert main(["new", "article", "第1期导读", "--content", str(mini / "content")]) == 0


@pytest.mark.parametrize("name, better", [("3#楼.jpg", "3-楼.jpg"), ("100%.jpg", "100.jpg"), ("huodong?.jpg", "huodong.jpg"),
                                          ("#?%.png", "zhaopian.png"), ("a##b.JPG", "a-b.JPG")])
def test_a_suggested_photo_name_has_nothing_that_breaks_an_address(name, better):
    assert safe_photo_name(name) == better


def test_init_onto_a_dangling_mkdocs_yml_link_writes_nothing(tmp_path):
    paper = tmp_path / "wutong"
    paper.mkdir()
    (paper / "mkdocs.yml").symlink_to(tmp_path / "yijing-shanchu.yml")  # its target was deleted
    with pytest.raises(ScaffoldError, match=r"mkdocs.yml（一个链接，指向 .*yijing-shanchu.yml，它指向的文件不存在）"):
        init_paper(paper, name="梧桐里社区报")
    assert files_under(paper) == {"mkdocs.yml"}


def test_init_never_writes_through_a_linked_content_folder(tmp_path):
    other = tmp_path / "another-paper-content"
    other.mkdir()
    paper = tmp_path / "wutong"
    paper.mkdir()
    (paper / "content").symlink_to(other)
    with pytest.raises(ScaffoldError, match="content（链接到 .*another-paper-content）是链接"):
        init_paper(paper, name="梧桐里社区报")
    assert files_under(other) == set() and files_under(paper) == {"content"}


def test_init_refuses_a_file_where_a_folder_goes_and_an_unwritable_folder(tmp_path):
    paper = tmp_path / "wutong"
    paper.mkdir()
    (paper / "scripts").write_text("这是一个文件", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="scripts 是文件，不是文件夹"):
        init_paper(paper, name="梧桐里社区报")
    assert files_under(paper) == {"scripts"}
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: every folder is writable")
        with pytest.raises(ScaffoldError, match="没有权限"):
            init_paper(locked / "wutong", name="梧桐里社区报")
    finally:
        locked.chmod(0o755)


def test_init_by_the_cli_says_it_in_chinese(tmp_path, capsys):
    paper = tmp_path / "wutong"
    paper.mkdir()
    (paper / "mkdocs.yml").symlink_to(tmp_path / "nowhere.yml")
    assert main(["init", str(paper), "--name", "梧桐里社区报"]) == 1
    err = capsys.readouterr().err
    assert "没有覆盖它们，也没有写任何文件" in err and "Traceback" not in err
