"""shequbao new issue / new article: numbering, slugs, never overwriting, valid output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import pytest
import yaml
from conftest import build

from shequbao.cli.main import main
from shequbao.cli.scaffold import IssueInfo, ScaffoldError, new_article, new_issue, next_date


def test_new_issue_follows_the_latest(mini, capsys):
    assert main(["new", "issue", "--content", str(mini / "content")]) == 0
    path = mini / "content/issues/2023-07/issue.yml"
    assert f"已新建 {path}" in capsys.readouterr().out
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"number": 9, "date": dt.date(2023, 7, 20), "total": 59,
                    "pages": [{"page": 1, "name": "要闻"}, {"page": 2, "name": "文苑"}]}
    assert main(["check", str(mini / "content")]) == 0


def test_new_issue_with_number_and_date(mini):
    path = new_issue(mini / "content", number=12, date=dt.date(2023, 10, 1))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (path.parent.name, data["number"], data["total"]) == ("2023-10", 12, 62)


def test_new_issue_never_reuses_a_number_or_a_file(mini):
    with pytest.raises(ScaffoldError, match="第8期已经有了"):
        new_issue(mini / "content", number=8)
    first = new_issue(mini / "content", date=dt.date(2023, 7, 1))
    second = new_issue(mini / "content", date=dt.date(2023, 7, 15))  # same month: a dated folder
    assert (first.parent.name, second.parent.name) == ("2023-07", "2023-07-15")


def test_first_issue_of_a_new_paper(tmp_path):
    path = new_issue(tmp_path / "content", today=dt.date(2026, 1, 5))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.parent.name == "2026-01" and data["number"] == 1 and data["date"] == dt.date(2026, 1, 5)
    assert [p["name"] for p in data["pages"]] == ["要闻", "社区"]


@pytest.mark.parametrize("dates, expected", [
    (["2025-01-31", "2025-02-28"], "2025-03-28"),  # monthly
    (["2025-11-26", "2025-12-26"], "2026-01-26"),  # across the year
    (["2025-03-01", "2025-03-11"], "2025-03-21"),  # every ten days
    (["2025-03-01"], "2026-01-05"),  # no rhythm yet: today
])
def test_next_date_keeps_the_rhythm(dates, expected):
    issues = [IssueInfo(d, n, dt.date.fromisoformat(d), None, ()) for n, d in enumerate(dates, 1)]
    assert next_date(issues, dt.date(2026, 1, 5)).isoformat() == expected


def test_new_article_has_a_pinyin_slug_and_every_field(mini, capsys):
    code = main(["new", "article", "端午节里话包粽", "--page", "2", "--kind", "brief", "--reporter", "郑爽",
                 "--correspondent", "严丽", "何建国", "--content", str(mini / "content")])
    assert code == 0
    path = mini / "content/issues/2023-06/duan-wu-jie-li-hua-bao-zong.md"
    assert f"已新建 {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    for field in ("kicker", "subtitle", "order", "date", "authors", "interns", "photographers", "source", "images"):
        assert f"# {field}:" in text, field  # every field is there, explained, to fill in
    post = frontmatter.loads(text)
    assert post.metadata == {"title": "端午节里话包粽", "kind": "brief", "page": 2, "reporters": ["郑爽"],
                             "correspondents": ["严丽", "何建国"], "draft": False}
    write_body(path, "本报讯 端午节前夕，梧桐新村的居民们聚在活动室里包粽子。")
    assert main(["check", str(mini / "content")]) == 0


def write_body(path, body: str) -> None:
    """The article's placeholder replaced by ``body``, as an editor does."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("本报讯 （在这里写正文")] + body + "\n", encoding="utf-8")


def test_the_placeholder_of_a_new_article_fails_the_check_until_it_is_replaced(mini, capsys):
    content = mini / "content"
    assert main(["new", "article", "梧桐新村开展消防安全宣传", "--page", "1", "--content", str(content)]) == 0
    path = Path(capsys.readouterr().out.split("已新建 ")[1].split("\n")[0])
    assert main(["check", str(content)]) == 1
    out = capsys.readouterr()
    line = path.read_text(encoding="utf-8").split("\n").index("本报讯 （在这里写正文，段落之间空一行。）") + 1
    assert f"{content.as_posix()}/issues/2023-06/{path.name}:{line}: 正文: 还没有写正文：" in out.err
    assert "请把这一段换成正文" in out.err and out.out.startswith("发现 1 处错误")
    with pytest.raises(Exception, match="BuildError"):  # nor does it reach the site or the PDF
        build(mini)
    assert not (mini / "site/issues/2023-06/index.html").exists()
    path.write_text(path.read_text(encoding="utf-8").replace("draft: false", "draft: true"), encoding="utf-8")
    assert main(["check", str(content)]) == 0  # a draft may keep it: drafts are not published
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    write_body(path, "本报讯 6月12日，梧桐新村居委会在小区广场开展消防安全宣传。")
    assert main(["check", str(content)]) == 0


def test_the_placeholder_words_are_the_scaffolds_own():
    from shequbao.cli.scaffold import render_template
    from shequbao.content.placeholders import PLACEHOLDERS, placeholder_line

    text = render_template("article.md.j2", title="标题", kind="news", page=1, issue_date="2025-01-01", draft=False,
                           **{role: [] for role in ("authors", "reporters", "correspondents", "interns", "photographers")})
    assert all(words in text for words in PLACEHOLDERS) and placeholder_line(text) == text.count("\n")


@pytest.mark.parametrize("title", ["社区“邻里节”开幕: 千人同乐", "“十五分钟生活圈”来了", "#1 号楼加装电梯", "yes"])
def test_titles_that_yaml_would_misread_come_back_unchanged(mini, title):
    path = new_article(mini / "content", title)
    assert frontmatter.load(path)["title"] == title


def test_new_article_never_overwrites(mini, capsys):
    path = new_article(mini / "content", "邻里同包粽")
    path.write_text(path.read_text(encoding="utf-8") + "\n编辑写好的正文。\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["new", "article", "邻里同包粽", "--content", str(mini / "content")]) == 1
    assert "已经存在，没有覆盖它" in capsys.readouterr().err
    assert path.read_bytes() == before


@pytest.mark.parametrize("options, words", [
    (["--page", "5"], "第8期没有第5版"),
    (["--issue", "2099-01"], "没有 issues/2099-01/ 这一期"),
    (["--kind", "video"], "--kind 只能是"),
])
def test_new_article_refuses_with_a_reason(mini, capsys, options, words):
    assert main(["new", "article", "标题", *options, "--content", str(mini / "content")]) == 1
    assert words in capsys.readouterr().err


def test_new_issue_then_article_then_build(mini, monkeypatch):
    monkeypatch.chdir(mini)
    assert main(["new", "issue"]) == 0
    assert main(["new", "article", "测试标题", "--page", "1"]) == 0
    pages = yaml.safe_load((mini / "content/issues/2023-07/issue.yml").read_text(encoding="utf-8"))["pages"]
    for section in pages[1:]:  # every 版 needs an item: an empty one stops a strict build
        assert main(["new", "article", f"第{section['page']}版的稿件", "--page", str(section["page"])]) == 0
    for path in (mini / "content/issues/2023-07").glob("*.md"):
        write_body(path, "本报讯 梧桐新村的居民们又迎来了新的一期社区报。")
    site = build(mini)
    page = (site / "issues/2023-07/ce-shi-biao-ti/index.html").read_text(encoding="utf-8")
    assert "测试标题" in page and "第9期" in page
    assert "测试标题" in (site / "index.html").read_text(encoding="utf-8")  # the newest issue is on the home page
