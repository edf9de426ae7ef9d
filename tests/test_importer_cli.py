"""``shequbao import`` through its two hooks: files written, issue.yml, no overwrite."""

import argparse
import datetime as dt
import shutil
from pathlib import Path

import frontmatter
import pytest
import yaml

from shequbao.content.slugs import is_slug
from shequbao.importer import add_arguments, run

FIXTURES = Path(__file__).parent / "fixtures" / "import"
ALLOWED = {
    "title", "kicker", "subtitle", "kind", "page", "order", "date", "authors", "reporters",
    "correspondents", "interns", "photographers", "source", "images", "draft",
}


def invoke(*argv):
    parser = argparse.ArgumentParser(prog="shequbao import")
    add_arguments(parser)
    return run(parser.parse_args([str(a) for a in argv]))


@pytest.fixture
def content(tmp_path):
    return tmp_path / "content"


def test_import_writes_drafts_and_issue_yml(content, capsys):
    assert invoke(FIXTURES / "newspaper.txt", "--issue", "2018-05", "--content", content) == 0
    folder = content / "issues" / "2018-05"
    issue = yaml.safe_load((folder / "issue.yml").read_text(encoding="utf-8"))
    assert issue == {
        "number": 36, "date": dt.date(2018, 5, 25), "total": 412, "print": False,
        "pages": [{"page": 1, "name": "要闻"}, {"page": 2, "name": "社区"}],
    }
    files = sorted(p for p in folder.glob("*.md"))
    assert len(files) == 10
    for path in files:
        assert is_slug(path.stem) and len(path.stem) <= 40
        post = frontmatter.load(path)
        assert set(post.metadata) <= ALLOWED, path
        assert post.metadata["draft"] is True
        assert post.metadata["page"] in (1, 2)
        assert post.metadata.get("title") or post.metadata["kind"] == "photo"
    out = capsys.readouterr().out
    assert "短消息 5 篇" in out and "图片新闻" not in out.split("\n")[0]  # no photo came with the text


def test_front_matter_round_trips(content):
    invoke(FIXTURES / "newspaper.txt", "--issue", "2018-05", "--content", content)
    folder = content / "issues" / "2018-05"
    posts = {p.stem: frontmatter.load(p) for p in folder.glob("*.md")}
    first = next(p for p in posts.values() if p.metadata.get("title", "").startswith("垃圾分类"))
    assert first.metadata["subtitle"] == "柳岸居民区试点生活垃圾定时定点投放"  # the templates add ——
    assert first.content.startswith("本报讯 “现在每天早上")  # as the scaffold writes new articles
    assert first.metadata["correspondents"] == ["周晓岚", "吴建国"]
    assert first.metadata["reporters"] == ["陈玲"]
    assert first.metadata["date"] == dt.date(2018, 5, 18)
    assert first.content.count("\n\n") == 2  # three paragraphs
    # a photo item whose photo is not in the text: a 短消息 of its caption, no credit without a photo
    photo = next(p for p in posts.values() if p.content.startswith("5月20日，桂香小区居民"))  # the comma made full-width (校对)
    assert photo.metadata["kind"] == "brief" and "images" not in photo.metadata
    assert "photographers" not in photo.metadata
    raw = (folder / f"{photo_name(posts, photo)}.md").read_text(encoding="utf-8")
    assert raw.startswith("---\n") and "# TODO: photo" in raw and "许文涛 摄" in raw  # how to make it a photo item again


def photo_name(posts: dict, post) -> str:
    return next(name for name, p in posts.items() if p is post)


def test_no_overwrite_without_force(content, capsys):
    assert invoke(FIXTURES / "markdown.txt", "--issue", "2019-07", "--date", "2019-07-10", "--number", 7,
                  "--content", content) == 0
    folder = content / "issues" / "2019-07"
    target = next(folder.glob("*.md"))
    target.write_text("编辑改过的稿子\n", encoding="utf-8")
    capsys.readouterr()
    assert invoke(FIXTURES / "markdown.txt", "--issue", "2019-07", "--content", content) == 1
    err = capsys.readouterr().err
    assert str(target) in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "编辑改过的稿子\n"
    assert invoke(FIXTURES / "markdown.txt", "--issue", "2019-07", "--content", content, "--force") == 0
    assert target.read_text(encoding="utf-8").startswith("---\n")


def test_existing_issue_yml_is_read_not_rewritten(content, capsys):
    folder = content / "issues" / "2019-07"
    folder.mkdir(parents=True)
    original = "number: 7\ndate: 2019-07-10\npages:\n  - {page: 1, name: 要闻}\n"
    (folder / "issue.yml").write_text(original, encoding="utf-8")
    assert invoke(FIXTURES / "markdown.txt", "--issue", "2019-07", "--page", "3", "--content", content) == 0
    assert (folder / "issue.yml").read_text(encoding="utf-8") == original
    assert "没有第3版" in capsys.readouterr().out


def test_dry_run_writes_nothing(content, capsys):
    assert invoke(FIXTURES / "report.txt", "--issue", "2019-01", "--date", "2019-01-20", "--number", 1, "--dry-run",
                  "--content", content) == 0
    assert not content.exists()
    out = capsys.readouterr().out
    assert "试运行" in out and "街道2018年工作总结" in out


def test_report_becomes_one_article_with_subheadings(content):
    invoke(FIXTURES / "report.txt", "--issue", "2019-01", "--date", "2019-01-20", "--number", 1, "--content", content)
    (draft,) = (content / "issues" / "2019-01").glob("*.md")
    body = frontmatter.load(draft).content
    # the half-width (一) of the plain text is made full-width, as ./sqb check --fix does
    assert "## 2018年工作回顾" in body and "### 一、坚持党建引领" in body and "#### （一）加强基层组织建设" in body


def test_import_makes_the_safe_proofreading_fixes_and_says_so(content, capsys):
    assert invoke(FIXTURES / "2012-07.txt", "--issue", "2012-07", "--year", "2012", "--content", content) == 0
    out = capsys.readouterr().out
    assert "校对：已把 24 处标点改成规范写法" in out
    drafts = {p.name: frontmatter.load(p).content for p in (content / "issues/2012-07").glob("*.md")}
    lead = drafts["shu-qi-ai-xin-ke-tang.md"]
    assert "7月9日上午，桂园街道" in lead and "," not in "".join(drafts.values())


def old_issue(content, folder="2019-06", number=6):
    old = content / "issues" / folder
    old.mkdir(parents=True)
    (old / "issue.yml").write_text(f"number: {number}\ndate: 2019-06-10\npages: [{{page: 1, name: 要闻}}]\n",
                                   encoding="utf-8")


def test_issue_number_is_never_invented(content, capsys):
    old_issue(content)
    assert invoke(FIXTURES / "markdown.txt", "--issue", "2012-07", "--date", "2012-07-10", "--content", content) == 1
    err = capsys.readouterr().err
    assert "--number" in err and "7" in err  # asks for it, naming the next free number
    assert not (content / "issues" / "2012-07").exists()
    assert invoke(FIXTURES / "markdown.txt", "--issue", "2012-07", "--date", "2012-07-10", "--number", 3,
                  "--content", content) == 0
    issue = yaml.safe_load((content / "issues" / "2012-07" / "issue.yml").read_text(encoding="utf-8"))
    assert issue["number"] == 3
    assert issue["pages"] == [{"page": 1}]  # no 版 name in the text: shown as 第1版 until an editor names it
    assert issue["print"] is False  # web-only until an editor plans its 版
    assert "print: false" in capsys.readouterr().out


def test_taken_issue_number_is_refused(content, capsys):
    old_issue(content, "2018-04", 36)
    old_issue(content, "2018-05-old", 37)
    assert invoke(FIXTURES / "newspaper.txt", "--issue", "2018-05", "--content", content) == 1  # 第36期 in its masthead
    err = capsys.readouterr().err
    assert "36" in err and "2018-04" in err and "38" in err
    assert invoke(FIXTURES / "newspaper.txt", "--issue", "2018-05", "--number", 37, "--content", content) == 1
    assert "38" in capsys.readouterr().err
    assert invoke(FIXTURES / "newspaper.txt", "--issue", "2018-05", "--number", 40, "--content", content) == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--issue", "2019_07"], "不能用作文件夹名"),
        (["--issue", "2019-07"], "--number"),  # no 期号 in the text
        (["--issue", "2019-07", "--number", "7"], "--date"),  # no masthead date and no 月日 in the text
    ],
)
def test_user_errors(content, capsys, argv, message):
    assert invoke(FIXTURES / "markdown.txt", *argv, "--content", content) == 1
    assert message in capsys.readouterr().err
    assert not content.exists()


def test_missing_file(tmp_path, capsys):
    assert invoke(tmp_path / "nope.txt", "--issue", "x") == 1
    assert "找不到文件" in capsys.readouterr().err


def test_gb18030_input(content, tmp_path):
    source = tmp_path / "gbk.txt"
    shutil.copy(FIXTURES / "newspaper.txt", source)
    source.write_bytes((FIXTURES / "newspaper.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert invoke(source, "--issue", "2018-05", "--content", content) == 0
