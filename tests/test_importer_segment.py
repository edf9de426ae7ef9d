"""Cutting extracted text into articles (fixtures written in the style of a real extraction)."""

from collections import Counter
from pathlib import Path

import pytest

from shequbao.importer.reflow import squeeze
from shequbao.importer.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def load(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, segment(text)


def placed(parsed) -> Counter:
    """Every character the importer kept, in an article field or as removed structure."""
    parts = list(parsed.markup) + [p.text for p in parsed.leftover]
    for a in parsed.articles:
        parts += [a.title if not a.title_generated else "", a.kicker, a.subtitle, a.body_text, a.byline.source]
        parts += a.captions + a.byline.names
    return Counter(squeeze("".join(parts)))


@pytest.mark.parametrize("name", ["newspaper.txt", "markdown.txt", "report.txt"])
def test_no_character_lost(name):
    text, parsed = load(name)
    assert not Counter(squeeze(text)) - placed(parsed)


def test_newspaper_articles_and_kinds():
    _, parsed = load("newspaper.txt")
    kinds = [a.kind for a in parsed.articles]
    assert kinds == ["news", "brief", "brief", "brief", "news", "news", "photo", "news", "photo", "news"]
    assert (parsed.number, parsed.total, parsed.date.isoformat()) == (36, 412, "2018-05-25")
    assert parsed.pages == {1: "要闻", 2: "社区"}
    assert [a.page for a in parsed.articles] == [1, 1, 1, 1, 1, 2, 2, 2, 2, 2]
    assert not parsed.leftover


def test_headline_with_dash_subtitle_and_lead_byline():
    _, parsed = load("newspaper.txt")
    first = parsed.articles[0]
    assert first.title == "垃圾分类进小区 居民争当“绿色管家”"
    assert first.subtitle.startswith("柳岸居民区")  # no ——: the templates print it
    assert first.byline.people == {"correspondents": ["周晓岚", "吴建国"], "reporters": ["陈玲"]}
    # 本报讯 stays in the body as new articles have it; its byline goes to the fields
    assert first.paras[0].text.startswith("本报讯 “现在每天早上")


def test_reflow_across_page_break():
    _, parsed = load("newspaper.txt")
    paras = [p.text for p in parsed.articles[0].paras]
    assert len(paras) == 3
    assert "干垃圾分开投放。一个多月下来" in paras[1]


def test_brief_section_ends_at_full_article():
    _, parsed = load("newspaper.txt")
    briefs = [a for a in parsed.articles if a.kind == "brief"]
    assert [a.byline.names for a in briefs] == [["沈佳怡"], ["何丽萍"], ["罗志刚"]]
    assert all(a.title_generated and a.title for a in briefs)
    assert briefs[0].date == (None, 5, 8)
    assert briefs[0].title == "街道老龄办在社区文化中心举办防诈骗讲座"
    full = parsed.articles[4]
    assert full.title == "老年大学开出智能手机课"
    assert full.byline.people == {"reporters": ["陈玲"], "interns": ["章臻瑶"]}


def test_photo_items():
    _, parsed = load("newspaper.txt")
    headless = parsed.articles[6]
    assert headless.kind == "photo" and not headless.title
    assert headless.captions == ["5月20日,桂香小区居民在新建成的口袋公园里锻炼身体。"]
    assert headless.paras == []
    titled = parsed.articles[8]
    assert titled.title == "端午包粽迎佳节" and titled.kind == "photo"
    assert titled.byline.people["photographers"] == ["赵明辉", "钱丽华"]
    last = parsed.articles[9]  # a reporter and a photographer: news with a photo
    assert last.kind == "news"
    assert last.byline.people == {"reporters": ["陈玲"], "photographers": ["毛志远"]}


def test_source_unit_closes_article():
    _, parsed = load("newspaper.txt")
    art = parsed.articles[7]
    assert art.byline.source == "社区自治办" and not art.byline.names
    assert len(art.paras) == 2


def test_markdown_headings_and_captions():
    _, parsed = load("markdown.txt")
    one, two = parsed.articles
    assert (one.title, one.subtitle) == ("党建引领 共建美好家园", "街道召开区域化党建联席会议")
    assert one.captions == ["成员单位认领共建项目"]
    assert one.paras[-1].text.endswith("让各单位的资源优势更多惠及社区居民。")
    assert one.byline.source == "社区党建办"
    assert two.title == "暑期爱心托管班开班" and two.captions == ["托管班学员合影"]
    assert two.paras[0].text.startswith("为解决双职工家庭")


def test_work_report_is_one_article_with_sections():
    _, parsed = load("report.txt")
    assert len(parsed.articles) == 1
    report = parsed.articles[0]
    assert report.title == "街道2018年工作总结和2019年工作思路"
    assert report.subtitle.startswith("在街道第十届")
    headings = [(p.heading, p.text) for p in report.paras if p.heading]
    assert headings[:3] == [(2, "2018年工作回顾"), (3, "一、坚持党建引领"), (4, "(一)加强基层组织建设")]
    assert (2, "2019年工作思路") in headings and (3, "二、办好民生实事") in headings


def test_truncated_article_followed_by_two_line_headline():
    text = (
        "社区开展消夏晚会\n\n本报讯 演出持续了两个小时,居民们纷纷\n\n"
        "文明创建再出发\n\n花园街道召开动员大会\n\n本报讯(记者 陈玲)近日,街道召开动员大会。\n"
    )
    parsed = segment(text)
    assert [a.title for a in parsed.articles] == ["社区开展消夏晚会", "花园街道召开动员大会"]
    assert parsed.articles[1].kicker == "文明创建再出发"
    assert any("不完整" in w for _, w in parsed.articles[0].warnings)


def test_unplaceable_text_goes_to_leftover():
    parsed = segment("只有一行标题\n")
    assert not parsed.articles
    assert [p.text for p in parsed.leftover] == ["只有一行标题"]
    assert parsed.warnings
