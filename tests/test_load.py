"""The loader: content in, model out, and every problem named by file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from shequbao.content.load import load_archive
from shequbao.model import Paper
from shequbao.problems import ContentError

ISSUE = "issues/2023-05"
PAPER = Paper(name="梧桐里")


def load(site: Path, drafts: bool = False):
    return load_archive(site / "content", PAPER, drafts=drafts)


def problems_of(site: Path) -> list:
    with pytest.raises(ContentError) as info:
        load(site)
    return info.value.problems


def article(title="社区开展敬老活动", body="本报讯 5月8日，社区为高龄老人送去慰问品。", **fields) -> str:
    lines = ["---", f"title: {title}"] if title is not None else ["---"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines + ["---", "", body, ""])


def write(site: Path, rel: str, text: str | bytes) -> Path:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# Each case: (file to write, its text, expected path, line, field, words in the message)
BAD_ARTICLES = [
    pytest.param(article(date="2023-02-30", page=1), 3, "date", "不是有效日期", id="impossible-date"),
    pytest.param(article(date="五月八日", page=1), 3, "date", "YYYY-MM-DD", id="date-not-a-date"),
    pytest.param(article(page=5), 3, "page", "这一期没有第5版", id="unknown-page"),
    pytest.param(article(page="第一版"), 3, "page", "正整数", id="page-a-string"),
    pytest.param(article(page=1, titel="错字"), 4, "titel", "是不是想写 title", id="unknown-field-did-you-mean"),
    pytest.param(article(title="''", page=1), 2, "title", "不能为空", id="empty-title-on-news"),
    pytest.param(article(title="[一, 二]", page=1), 2, "title", "应当是一行文字", id="title-a-list"),
    pytest.param(article(page=1, kind="video"), 4, "kind", "不是可用的类型", id="unknown-kind"),
    pytest.param(article(page=1, reporters="[记者陈玲]"), 4, "reporters[1]", "带了“记者”", id="role-word-in-name"),
    pytest.param(article(page=1, photographers="[陈凯庭摄]"), 4, "photographers[1]", "带了“摄”", id="photo-credit-in-name"),
    pytest.param(article(page=1, authors="['■田慧聪']"), 4, "authors[1]", "■", id="square-in-name"),
    pytest.param(article(page=1, draft="maybe"), 4, "draft", "true 或 false", id="draft-not-bool"),
    pytest.param(article(page=1, images="\n  - {src: images/none.jpg, caption: 现场}"), 5, "images[1].src",
                 "找不到图片文件", id="missing-photo"),
    pytest.param(article(page=1, images="\n  - {src: ../../../etc/passwd}"), 5, "images[1].src",
                 "不在这一期的文件夹里", id="photo-outside-issue"),
    pytest.param(article(page=1, images="\n  - {src: images/dianti.jpg, caption: 现场, size: 3}"), 5, "images[1].size",
                 "不认识的字段", id="unknown-image-field"),
    pytest.param(article(title=None, page=2, kind="photo"), None, "images", "至少要有一张图片", id="photo-item-without-photo"),
    pytest.param("---\ntitle：社区开展敬老活动\npage: 1\n---\n正文\n", 2, "title", "全角冒号", id="fullwidth-colon"),
    pytest.param("---\ntitle: 'a\npage: 1\n---\n正文\n", 2, "", "引号没有成对", id="unclosed-quote"),
    pytest.param("---\ntitle: a\n\tpage: 1\n---\n正文\n", 3, "", "Tab", id="tab-indent"),
    pytest.param("---\ntitle: a\npage: 1\n\n正文\n", 1, "", "没有结束", id="front-matter-not-closed"),
    pytest.param("标题\n\n正文\n", 1, "", "没有 front matter", id="no-front-matter"),
    pytest.param("", 1, "", "没有 front matter", id="empty-file"),
    pytest.param("---\ntitle: 社区开展敬老活动\npage: 1\n---\n正文\n".encode("gbk"), 2, "", "GBK", id="gbk-file"),
]


@pytest.mark.parametrize("text, line, field, words", BAD_ARTICLES)
def test_bad_article_is_reported_with_file_line_field(mini, text, line, field, words):
    write(mini, f"{ISSUE}/jinglao.md", text)
    problems = [p for p in problems_of(mini) if p.path == f"{ISSUE}/jinglao.md"]
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.line, problem.field) == (line, field)
    assert words in problem.message
    place = f"content/{ISSUE}/jinglao.md" + (f":{line}" if line else "")
    assert problem.format("content").startswith(place + ":")


BAD_ISSUES = [
    pytest.param("number: 7\ndate: 2023-05-20\n", None, "pages", "应当列出这一期的版面", id="no-pages"),
    pytest.param("number: 七\ndate: 2023-05-20\npages: [{page: 1, name: 要闻}]\n", 1, "number", "正整数", id="number-not-int"),
    pytest.param("date: 2023-05-20\npages: [{page: 1, name: 要闻}]\n", None, "number", "缺少", id="number-missing"),
    pytest.param("number: 9\ndate: 2023-13-01\npages: [{page: 1, name: 要闻}]\n", 2, "date", "不是有效日期", id="bad-date"),
    pytest.param("number: 9\ndate: 2023-05-20\nissue: 3\npages: [{page: 1, name: 要闻}]\n", 3, "issue", "不认识的字段",
                 id="unknown-field"),
    pytest.param("number: 9\ndate: 2023-05-20\npages:\n  - {page: 1, name: 要闻}\n  - {page: 1, name: 社区}\n", 5,
                 "pages[2].page", "写了两次", id="page-twice"),
    pytest.param("number: 9\ndate: 2023-05-20\nprint: 否\npages:\n  - {page: 1, name: 要闻}\n", 3, "print", "true 或 false",
                 id="print-not-bool"),
    pytest.param("number: 9\n  date: 2023-05-20\n", 2, "", "YAML 格式错误", id="broken-yaml"),
]


@pytest.mark.parametrize("text, line, field, words", BAD_ISSUES)
def test_bad_issue_yml_is_reported(mini, text, line, field, words):
    write(mini, "issues/2023-07/issue.yml", text)
    problems = [p for p in problems_of(mini) if p.path == "issues/2023-07/issue.yml"]
    assert [(p.line, p.field) for p in problems] == [(line, field)]
    assert words in problems[0].message


def test_web_only_issue_with_unnamed_ban_loads(mini):
    """An imported issue: print: false and a 版 without a name are no problem (shown as 第1版);
    an empty 版 is no warning either (no blank page goes to the printer)."""
    write(mini, "issues/2023-07/issue.yml", "number: 9\ndate: 2023-07-20\nprint: false\npages:\n  - {page: 1}\n  - {page: 2}\n")
    write(mini, "issues/2023-07/jinglao.md", article(page=1))
    archive, warnings = load(mini)
    issue = archive.issue("2023-07")
    assert issue.print is False and issue.sections[0].name == "" and warnings == []
    assert archive.issue("2023-05").print is True  # the default: printed


def test_issue_folder_without_issue_yml(mini):
    write(mini, "issues/2023-07/xinwen.md", article(page=1))
    (problem,) = problems_of(mini)
    assert problem.path == "issues/2023-07/issue.yml" and "缺少 issue.yml" in problem.message


def test_duplicate_issue_numbers_name_both_files(mini):
    write(mini, "issues/2023-07/issue.yml", "date: 2023-07-20\nnumber: 8\npages: [{page: 1, name: 要闻}]\n")
    (problem,) = problems_of(mini)
    assert (problem.path, problem.line, problem.field) == ("issues/2023-07/issue.yml", 2, "number")
    assert "issues/2023-06/issue.yml" in problem.message


def test_two_files_with_the_same_slug(mini):
    write(mini, f"{ISSUE}/yi-zhen.md", article(page=2))  # 义诊.md is published as yi-zhen too
    (problem,) = problems_of(mini)
    assert problem.path in (f"{ISSUE}/yi-zhen.md", f"{ISSUE}/义诊.md")
    assert "网址相同（yi-zhen）" in problem.message


def test_symlinked_photo_pointing_outside_is_refused(mini, tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"not for readers")
    (mini / "content" / ISSUE / "images" / "link.jpg").symlink_to(secret)
    write(mini, f"{ISSUE}/jinglao.md", article(page=1, images="\n  - {src: images/link.jpg}"))
    link, problem = problems_of(mini)
    assert problem.field == "images[1].src" and "不在这一期的文件夹里" in problem.message
    assert link.path == f"{ISSUE}/images/link.jpg" and "符号链接" in link.message  # the link itself, by its path


def test_every_problem_of_the_paper_is_reported_at_once(mini):
    write(mini, f"{ISSUE}/a.md", article(page=9))
    write(mini, f"{ISSUE}/b.md", article(page=1, date="2023-02-30"))
    write(mini, "issues/2023-06/c.md", article(page=1, images="\n  - {src: images/none.jpg}"))
    write(mini, "issues/2023-07/issue.yml", "number: 7\ndate: 2023-07-20\npages: [{page: 1, name: 要闻}]\n")
    found = {(p.path, p.field) for p in problems_of(mini)}
    assert found == {
        (f"{ISSUE}/a.md", "page"), (f"{ISSUE}/b.md", "date"),
        ("issues/2023-06/c.md", "images[1].src"), ("issues/2023-07/issue.yml", "number"),
    }


def test_bom_and_crlf_are_accepted(mini):
    text = article(page=1).replace("\n", "\r\n")
    write(mini, f"{ISSUE}/jinglao.md", "\ufeff".encode() + text.encode("utf-8"))
    archive, warnings = load(mini)
    loaded = next(a for a in archive.issue("2023-05").articles if a.slug == "jinglao")
    assert loaded.title == "社区开展敬老活动" and loaded.excerpt.startswith("本报讯")
    assert warnings == []


def test_date_far_from_the_issue_is_a_warning(mini):
    write(mini, f"{ISSUE}/jinglao.md", article(page=1, date="2021-05-08"))
    archive, warnings = load(mini)
    assert [(w.path, w.line, w.field, w.severity) for w in warnings] == [(f"{ISSUE}/jinglao.md", 4, "date", "warning")]


def test_model_of_a_good_paper(mini):
    archive, warnings = load(mini)
    assert warnings == []
    assert [i.id for i in archive.issues] == ["2023-06", "2023-05"]  # newest first
    may = archive.issue("2023-05")
    assert (may.number, may.total, may.date) == (7, 57, dt.date(2023, 5, 20))
    assert [(s.page, s.name, s.editor) for s in may.sections] == [(1, "要闻", "林小梅"), (2, "社区", "")]
    # print order: page, then order, then unordered ones by slug; the draft is left out
    assert [a.slug for a in may.articles] == ["jiazhuang-dianti", "xiaofang-yanlian", "yi-zhen", "huayuan"]
    lead = may.articles[0]
    assert lead.kicker == "为民办实事" and lead.subtitle.startswith("梧桐新村")
    assert lead.reporters == ("郑爽",) and lead.correspondents == ("何建国", "严丽")
    assert lead.date == may.date  # defaults to the issue date
    assert lead.images[0].src == f"{ISSUE}/images/dianti.jpg" and lead.images[0].credit == "孙涛"
    photo = may.articles[-1]
    assert photo.kind == "photo" and photo.title == "" and photo.display_title == "居民在新建成的口袋花园里赏花"


def test_drafts_are_loaded_only_when_asked(mini):
    archive, _ = load(mini, drafts=True)
    drafts = [a.slug for a in archive.issue("2023-05").articles if a.draft]
    assert drafts == ["weiwancheng"]


def test_spaced_names_are_joined(mini):
    write(mini, f"{ISSUE}/jinglao.md", article(page=1, reporters="[郑　爽, '何 建国']"))
    archive, _ = load(mini)
    loaded = next(a for a in archive.issue("2023-05").articles if a.slug == "jinglao")
    assert loaded.reporters == ("郑爽", "何建国")


def test_imported_caption_without_photo_is_accepted(mini):
    write(mini, f"{ISSUE}/jinglao.md", article(page=1, images="\n  - {caption: 活动现场}  # TODO: photo"))
    archive, _ = load(mini)
    loaded = next(a for a in archive.issue("2023-05").articles if a.slug == "jinglao")
    assert loaded.images[0].src == "" and loaded.images[0].caption == "活动现场"


def test_every_field_problem_of_an_article_is_reported_in_one_run(mini):
    """A bad date does not hide a bad order, kicker, subtitle or source: one run names them all."""
    write(mini, f"{ISSUE}/duo.md", article(page=1, date="2023-02-30", order="第一", kicker="[引, 题]",
                                           subtitle="{a: 1}", source="[街道]", draft="maybe"))
    problems = [p for p in problems_of(mini) if p.path.endswith("duo.md")]
    assert sorted(p.field for p in problems) == ["date", "draft", "kicker", "order", "source", "subtitle"]


@pytest.mark.parametrize("folder", ["page", "index"])
def test_an_issue_folder_may_not_take_a_name_the_site_uses(mini, folder):
    write(mini, f"issues/{folder}/issue.yml", "number: 9\ndate: 2023-07-20\npages:\n  - {page: 1, name: 要闻}\n")
    [problem] = [p for p in problems_of(mini) if f"issues/{folder}" in p.path]
    assert f"不能叫“{folder}”" in problem.message


def test_an_article_may_not_be_named_like_a_page_number(mini):
    write(mini, f"{ISSUE}/2.md", article(page=1))
    assert any(p.path == f"{ISSUE}/2.md" and "不能用作网址" in p.message for p in problems_of(mini))
