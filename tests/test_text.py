"""site/text.py: the one wording of bylines, credits, dates and labels, as every output prints it."""

from __future__ import annotations

import datetime as dt

import pytest

from shequbao.model import Article, Image, Issue, Person, Section
from shequbao.site.text import (EMPTY_SECTION, byline_parts, byline_text, credit_text, format_date, issue_label,
                                kind_label, page_title, person_name, section_label, subtitle_text, total_label)

PEOPLE = {"小钱@梧桐": Person("小钱@梧桐", "钱多多", "qian-duo-duo"), "张伟@平凉": Person("张伟@平凉", "张伟", "zhang-wei-ping-liang")}


def story(**fields) -> Article:
    return Article(issue_id="x", slug="a", src="issues/x/a.md", title="标题", kind="news", page=1,
                   date=dt.date(2025, 9, 25), **fields)


@pytest.mark.parametrize("fields, expected", [
    ({"reporters": ("陈玲",), "correspondents": ("张志举", "胡晓琴")}, "记者 陈玲 通讯员 张志举 胡晓琴"),
    ({"authors": ("薛明珠",)}, "■薛明珠"),
    ({"photographers": ("陈凯庭",)}, "陈凯庭 摄"),
    ({"photographers": ("陈凯庭",), "reporters": ("陈玲",), "interns": ("章臻瑶",)}, "记者 陈玲 实习生 章臻瑶 陈凯庭 摄"),
    ({"authors": ("薛明珠",), "reporters": ("陈玲", "王晓峰"), "correspondents": ("张伟@平凉",),
      "interns": ("小钱@梧桐",), "photographers": ("孙涛",)}, "■薛明珠 记者 陈玲 王晓峰 通讯员 张伟 实习生 钱多多 孙涛 摄"),
    ({}, ""),
])
def test_bylines_print_in_the_chinese_order_with_the_printed_names(fields, expected):
    assert byline_text(story(**fields), PEOPLE) == expected


def test_byline_parts_carry_what_goes_around_the_names():
    parts = byline_parts(story(authors=("薛明珠",), reporters=("陈玲",), photographers=("陈凯庭",)))
    assert [(p.prefix, p.names, p.suffix) for p in parts] == [("■", ("薛明珠",), ""), ("记者 ", ("陈玲",), ""),
                                                               ("", ("陈凯庭",), " 摄")]


@pytest.mark.parametrize("key, name", [("小钱@梧桐", "钱多多"), ("张伟@平凉", "张伟"), ("王芳@香樟", "王芳"), ("陈玲", "陈玲")])
def test_a_person_prints_under_the_name_people_yml_gives(key, name):
    assert person_name(key, PEOPLE) == name


@pytest.mark.parametrize("image, text", [
    (Image("a.jpg", credit="小钱@梧桐", credit_is_person=True), "钱多多 摄"),
    (Image("a.jpg", credit="孙涛", credit_is_person=True), "孙涛 摄"),
    (Image("a.jpg", credit="资料图片"), "资料图片"),
    (Image("a.jpg"), ""),
])
def test_photo_credits(image, text):
    assert credit_text(image, PEOPLE) == text


@pytest.mark.parametrize("typed", ["平凉居民区争当“知情员”", "——平凉居民区争当“知情员”", "—— 平凉居民区争当“知情员”", "--平凉居民区争当“知情员”"])
def test_a_subtitle_gets_exactly_one_dash(typed):
    assert subtitle_text(typed) == "——平凉居民区争当“知情员”"


def test_dates_and_labels():
    assert format_date(dt.date(2012, 7, 25)) == "2012年7月25日"
    assert format_date(dt.date(2012, 7, 25), weekday=True) == "2012年7月25日 星期三"
    issue = Issue("2025-09", 101, dt.date(2025, 9, 25), (Section(1, "要闻"),), total=421, title="国庆特刊")
    assert issue_label(issue) == "第101期 · 国庆特刊" and total_label(issue) == "总第421期"
    assert section_label(2) == "第2版" and page_title("往期", 1) == "往期" and page_title("往期", 3) == "往期（第3页）"
    assert [kind_label(k) for k in ("news", "brief", "photo", "notice")] == ["消息", "短消息", "图片新闻", "通知"]
    assert EMPTY_SECTION == "本版暂无稿件"
