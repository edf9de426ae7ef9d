"""What an issue needs before it is published (content/completeness.py): something that is not
a draft, and something on every 版."""

from __future__ import annotations

import datetime as dt

import pytest

from shequbao.content.completeness import check_published, held_back_message, is_published
from shequbao.model import Article, Issue, Section

SECTIONS = (Section(1, "要闻"), Section(2, "社区"), Section(3, "文苑"))


def item(slug: str, page: int, draft: bool = False) -> Article:
    return Article(issue_id="2025-09", slug=slug, src=f"issues/2025-09/{slug}.md", title="桂园街道召开秋季防火动员会",
                   kind="news", page=page, date=dt.date(2025, 9, 25), draft=draft)


def check(articles, sections=SECTIONS) -> list[tuple]:
    told = []
    check_published("2025-09", 128, sections, tuple(articles), lambda where, message, **kw: told.append((where, message, kw)))
    return told


def test_an_issue_with_a_story_on_every_ban_has_nothing_to_say():
    assert check([item("fanghuo", 1), item("yilao", 2), item("shige", 3)]) == []


def test_an_empty_ban_is_a_warning_naming_it_and_the_command_that_fills_it():
    told = check([item("fanghuo", 1), item("shige", 3)])
    assert len(told) == 1
    where, message, kw = told[0]
    assert where == ("pages", 1)  # the second entry of issue.yml's pages
    assert kw == {"severity": "warning"}  # a strict build refuses it, a preview goes on
    assert message.startswith("第2版 社区 没有可发布的稿件（印刷版会是空白的一页）")
    assert './sqb new article "标题" --issue 2025-09 --page 2' in message


def test_a_ban_with_only_drafts_is_as_empty_as_a_ban_with_nothing():
    told = check([item("fanghuo", 1), item("yilao", 2, draft=True), item("shige", 3)])
    assert [where for where, _, _ in told] == [("pages", 1)]


def test_every_empty_ban_is_named_in_print_order():
    told = check([item("fanghuo", 2)])
    assert [where for where, _, _ in told] == [("pages", 0), ("pages", 2)]
    assert [message[:7] for _, message, _ in told] == ["第1版 要闻 ", "第3版 文苑 "]


@pytest.mark.parametrize("articles", [[], [item("fanghuo", 1, draft=True), item("yilao", 2, draft=True)]])
def test_an_issue_with_nothing_published_is_held_back_not_warned_about(articles):
    assert check(articles) == []
    issue = Issue("2025-09", 128, dt.date(2025, 9, 25), SECTIONS, articles=tuple(articles))
    assert not is_published(issue)


def test_one_story_that_is_not_a_draft_publishes_the_issue():
    issue = Issue("2025-09", 128, dt.date(2025, 9, 25), SECTIONS,
                  articles=(item("fanghuo", 1, draft=True), item("yilao", 2)))
    assert is_published(issue)


def test_the_held_back_message_names_the_folder_the_issue_and_what_to_do():
    issue = Issue("2025-09", 128, dt.date(2025, 9, 25), SECTIONS, articles=(item("fanghuo", 1, draft=True),))
    message = held_back_message(issue)
    assert message.startswith("issues/2025-09/：第128期还没有可发布的稿件")
    assert "--issue 2025-09 --page 1" in message and "draft: false" in message
