"""The editors' own pages at the top of content/ (content/static_pages.py): which are
published, their titles, their problems; and the limits every Markdown body shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from shequbao.content.sources import scan_content
from shequbao.content.static_pages import MAX_NESTING, TAKEN_NAMES, body_problems, load_static_pages

ABOUT = "---\ntitle: 关于本报\ndescription: 《梧桐里》是桂园街道的社区报\n---\n\n《梧桐里》每月出版一期，免费赠阅。\n"


def load(content: Path, files: dict[str, str | bytes]):
    for rel, text in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = []
    pages = load_static_pages(content, scan_content(content), problems)
    return pages, sorted(problems)


def test_the_pages_at_the_top_of_content_with_their_titles_in_file_order(tmp_path):
    pages, problems = load(tmp_path, {
        "index.md": "---\ntitle: 首页\n---\n",
        "about.md": ABOUT,
        "tougao.md": "# 投稿须知\n\n来稿请寄桂园路 8 号社区服务中心。\n",  # no front matter: all of it is the body
        "logo.png": b"not markdown",
        "issues/2025-09/fanghuo.md": "---\ntitle: 防火\n---\n",  # an article, not a page of the editors'
        "assets/jiaru.md": "---\ntitle: 加入我们\n---\n",
    })
    assert problems == []
    assert pages == (("about.md", "关于本报"), ("index.md", "首页"), ("tougao.md", ""))


@pytest.mark.parametrize("title, expected", [("'  关于本报  '", "关于本报"), ("2025", "2025"), ("3.5", "3.5")])
def test_a_title_is_one_line_of_text_however_yaml_reads_it(tmp_path, title, expected):
    pages, problems = load(tmp_path, {"about.md": f"---\ntitle: {title}\n---\n正文\n"})
    assert problems == [] and pages == (("about.md", expected),)


@pytest.mark.parametrize("name", ["search", "issues", "people", "404", "sitemap"])
def test_a_page_named_like_one_of_the_sites_own_addresses_is_refused(tmp_path, name):
    assert name in TAKEN_NAMES
    pages, problems = load(tmp_path, {f"{name}.md": ABOUT, "about.md": ABOUT})
    assert pages == (("about.md", "关于本报"),)
    assert [(p.path, p.message) for p in problems] == [
        (f"{name}.md", f"“{name}.md”和网站自己的网址 /{name}/ 重名，请给这一页换个文件名")]


def test_a_hidden_page_is_not_published_and_the_editor_is_told_why(tmp_path):
    pages, problems = load(tmp_path, {".about.md": ABOUT})
    assert pages == ()
    assert len(problems) == 1 and problems[0].path == ".about.md" and "隐藏文件" in problems[0].message


@pytest.mark.parametrize("field, hint", [
    ("titel", "是不是想写 title？"),
    ("descripton", "是不是想写 description？"),
    ("作者", "请改用可用的字段：title、description"),
])
def test_an_unknown_field_is_named_with_its_line_and_a_suggestion(tmp_path, field, hint):
    pages, problems = load(tmp_path, {"about.md": f"---\ntitle: 关于本报\n{field}: 居委会\n---\n正文\n"})
    assert pages == (("about.md", "关于本报"),)  # published all the same; the error stops the build
    assert [(p.path, p.line, p.field, p.severity) for p in problems] == [("about.md", 3, field, "error")]
    assert problems[0].message.startswith(f"不认识的字段“{field}”") and hint in problems[0].message


def test_a_title_that_is_a_list_is_an_error_on_its_line(tmp_path):
    pages, problems = load(tmp_path, {"about.md": "---\ndescription: 本报简介\ntitle: [关于, 本报]\n---\n"})
    assert [(p.line, p.field, p.message) for p in problems] == [(3, "title", "应当是一行文字，例如 title: 关于本报")]
    assert pages == (("about.md", ""),)


def test_front_matter_that_is_not_fields_is_refused_and_the_page_left_out(tmp_path):
    pages, problems = load(tmp_path, {"about.md": "---\n- 关于本报\n- 联系我们\n---\n正文\n"})
    assert pages == ()
    assert [(p.path, p.line) for p in problems] == [("about.md", 1)]
    assert "front matter 应当是“字段: 值”的形式" in problems[0].message


@pytest.mark.parametrize("raw, words", [
    ("---\ntitle: 关于本报\n\n正文没有结束线\n".encode(), "front matter 没有结束"),
    ("---\ntitle: 关于本报\n---\n本报地址：桂园路8号\n".encode("gbk"), "GBK"),
])
def test_a_page_that_cannot_be_read_is_a_problem_not_a_crash(tmp_path, raw, words):
    pages, problems = load(tmp_path, {"about.md": raw})
    assert pages == ()
    assert len(problems) == 1 and words in problems[0].message and problems[0].path == "about.md"


def test_a_control_character_in_the_body_is_a_warning_on_its_line(tmp_path):
    pages, problems = load(tmp_path, {"about.md": "---\ntitle: 关于本报\n---\n\n第一段。\n第二\x07段。\n"})
    assert pages == (("about.md", "关于本报"),)
    assert [(p.line, p.severity) for p in problems] == [(6, "warning")] and "U+0007" in problems[0].message


def nested_list(levels: int) -> str:
    return "\n".join(f"{'    ' * level}- 第{level + 1}层" for level in range(levels))


def test_lists_nested_up_to_the_limit_are_fine_one_deeper_is_refused_once():
    assert body_problems("about.md", nested_list(MAX_NESTING), 5) == []
    problems = body_problems("about.md", nested_list(MAX_NESTING + 3), 5)
    assert len(problems) == 1  # one message, not one per line past the limit
    assert (problems[0].line, problems[0].field) == (5 + MAX_NESTING, "正文")  # the first line too deep
    assert problems[0].message.startswith(f"列表或引用嵌套太深（超过 {MAX_NESTING} 层）")


@pytest.mark.parametrize("prefix, refused", [
    ("> " * MAX_NESTING, False),
    (">" * (MAX_NESTING + 1), True),
    ("> " * 6 + "- " * 7, True),  # quotes and list markers count together
])
def test_quotes_count_as_nesting_like_lists(prefix, refused):
    assert bool(body_problems("about.md", prefix + "引用的话", 1)) is refused


def test_a_long_paragraph_full_of_links_is_refused_but_the_same_text_in_paragraphs_is_fine():
    link = "详见[桂园街道公告](https://example.org/gonggao/)，"
    sentence = "居民可到社区服务中心报名参加秋季防火演练和应急救护培训。"
    paragraph = (sentence * 4 + link) * 40  # one pasted block: about 4,000 characters, 40 links
    body = "本报讯\n\n" + paragraph + "\n"
    problems = body_problems("about.md", body, 10)
    assert [(p.line, p.field) for p in problems] == [(12, "正文")]  # where the paragraph starts
    assert f"这一段有 {len(paragraph)} 个字符和 40 个“[”或“~~”符号" in problems[0].message
    assert body_problems("about.md", "\n\n".join([sentence * 4 + link] * 40), 10) == []


def test_an_ordinary_article_body_has_no_problem():
    body = ("本报讯（记者 陈玲）9月20日上午，桂园街道在社区广场举办“邻里节”。\n\n"
            "- 上午：义诊、理发\n- 下午：文艺演出\n    - 合唱《我和我的祖国》\n\n"
            "> 居民王芳说：“这样的活动~~太少~~越来越多了。”\n\n详见[活动通知](tongzhi.md)。\n")
    assert body_problems("issues/2025-09/linlijie.md", body, 6) == []


@pytest.mark.parametrize("marker", ["-   ", "1.  "])
def test_spaces_after_a_list_marker_are_not_counted_as_levels(marker):
    body = "\n".join(f"{'    ' * level}{marker}第{level + 1}层" for level in range(MAX_NESTING))
    assert body_problems("about.md", body, 5) == []
