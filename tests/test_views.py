"""Views as data: bylines, pagination of 往期, neighbours."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from shequbao.model import Archive, Article, Issue, Paper, Section
from shequbao.site.views import generate_archive_pages, generate_article_views, generate_issue_views


def story(slug="a", **fields) -> Article:
    return Article(issue_id="x", slug=slug, src=f"issues/x/{slug}.md", title="标题", kind="news", page=1,
                   date=dt.date(2025, 9, 25), **fields)


def issue(number: int, day: dt.date) -> Issue:
    return Issue(id=f"i{number}", number=number, date=day, sections=(Section(1, "要闻"),))


def test_archive_is_paginated_by_issue_count_and_keeps_years_together():
    issues = tuple(issue(n, dt.date(2015 + (n - 1) // 36, 1, 1) + dt.timedelta(days=10 * ((n - 1) % 36)))
                   for n in range(360, 0, -1))  # ten years, 36 issues a year, newest first
    pages = generate_archive_pages(generate_issue_views(Archive(Paper("报"), issues)), per_page=60)
    assert len(pages) == 6 and [p.count for p in pages] == [6] * 6
    assert all(sum(len(y.issues) for y in p.years) == 60 for p in pages)
    assert pages[0].years[0].year == 2024 and not pages[0].years[0].continued
    assert pages[1].years[0].continued  # a year split across pages says so
    assert dict(pages[0].year_pages)[2015] == 6


def test_issue_neighbours_and_article_neighbours():
    first, second = issue(1, dt.date(2025, 1, 1)), issue(2, dt.date(2025, 2, 1))
    views = generate_issue_views(Archive(Paper("报"), (second, first)))
    assert views[0].previous == first and views[0].next is None
    assert views[1].next == second
    articles = (story("a"), story("b"), story("c"))
    full = Issue(id="x", number=3, date=dt.date(2025, 3, 1), sections=(Section(1, "要闻"),), articles=articles)
    a, b, c = generate_article_views(full)
    assert (a.previous, a.next, b.previous, c.next) == (None, articles[1], articles[0], None)


@pytest.mark.parametrize("block", [
    "街道党工委召开会议，\n部署今冬明春的安全工作。",
    "居民**王芳**说：“好！”",
    "详见[通知](../tongzhi/)。",
    "电话 6218-1234，地址：桂园路 8 号",
    "1. 第一条\n2. 第二条",
    "- 报名\n- 参加",
    "    缩进的代码",
    "A & B <b>粗</b>",
    "价格 3*4=12 元",
])
def test_plain_paragraphs_skip_the_parser_with_the_same_text(block):
    from markupsafe import Markup

    from shequbao.markdown.excerpts import _MARKDOWN, plain_text

    assert plain_text(block) == Markup(_MARKDOWN.reset().convert(block)).striptags()


def test_five_hundred_issues_stay_usable_with_a_jump_to_every_month():
    """A weekly paper over ten years: 往期 in pages of 60, each year's months linked to the page
    that has the month's newest issue."""
    start = dt.date(2016, 1, 4)
    issues = tuple(issue(n, start + dt.timedelta(weeks=n - 1)) for n in range(500, 0, -1))
    pages = generate_archive_pages(generate_issue_views(Archive(Paper("报"), issues)), per_page=60)
    assert len(pages) == 9 and all(sum(len(y.issues) for y in p.years) <= 60 for p in pages)
    where = {(iv.issue.date.year, iv.issue.date.month): p.number
             for p in reversed(pages) for y in p.years for iv in reversed(y.issues)}  # ends with the newest of each month
    for page in pages:
        for group in page.years:
            assert [m for m, _n in group.months] == list(range(1, 13))
            for month, number in group.months:
                assert number == where.get((group.year, month)), (group.year, month)
    last = pages[0].years[0]
    assert issues[0].date == dt.date(2025, 7, 28)
    assert last.year == 2025 and dict(last.months)[7] == 1 and dict(last.months)[8] is None


def test_a_page_in_print_order_with_its_briefs_in_one_box():
    def item(slug, order, kind="news"):
        return replace(story(slug, order=order), kind=kind)

    items = (item("lead", 10), item("photo", 20, "photo"), item("b1", 30, "brief"), item("news", 40), item("b2", 50, "brief"))
    view = generate_issue_views(Archive(Paper("报"), (Issue(id="x", number=1, date=dt.date(2025, 9, 25),
                                                           sections=(Section(1, "要闻"),), articles=items),)))[0]
    slots = view.sections[0].slots
    assert [s.article.slug if s.article else [b.slug for b in s.briefs] for s in slots] == \
        ["lead", "photo", ["b1", "b2"], "news"]
    article = generate_article_views(view.issue)[0]
    assert [a.slug for a in article.same_page] == ["photo", "b1", "news", "b2"]


@pytest.mark.parametrize("years, parts", [
    ([2025], {2025: "2025"}),
    ([2024, 2025], {2024: "2024", 2025: "2025"}),
    ([2016, 2019, 2025, 2020], {2016: "2016-2020", 2019: "2016-2020", 2020: "2016-2020", 2025: "2025"}),
])
def test_the_search_index_is_the_newest_year_and_the_years_before_it(years, parts):
    from shequbao.site.views import generate_search_view

    view = generate_search_view(years)
    assert {year: view.part(year) for year in years} == parts
    assert view.parts == tuple(sorted(set(parts.values()), reverse=True)), "newest first"


def test_the_years_before_the_newest_are_parts_of_a_bounded_size_that_a_new_year_leaves_alone():
    from shequbao.site.views import generate_search_view

    articles = [year for year in range(2010, 2026) for _ in range(600)]  # 16 years of 600 articles
    view = generate_search_view(articles, most=2000)
    assert view.parts == ("2025", "2022-2024", "2019-2021", "2016-2018", "2013-2015", "2010-2012")
    later = generate_search_view(articles + [2026] * 100, most=2000)  # a new year begins
    assert later.parts[2:] == view.parts[1:] and later.parts[:2] == ("2026", "2025")
    assert generate_search_view([2020] * 3000 + [2021] * 10 + [2022], most=2000).parts == ("2022", "2021", "2020")
