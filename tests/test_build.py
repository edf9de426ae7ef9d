"""Real ``mkdocs build`` runs of the fixture paper: the pages readers get."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import broken_links, build, external_references, plain_names, tree_digest
from mkdocs.exceptions import Abort, PluginError


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """Visible text of the page's main content, tags dropped and whitespace collapsed."""
    html = html[html.index('class="md-content__inner'):html.index('<footer class="md-footer')]
    html = re.sub(r"</?(a|span|small|time|strong|em)\b[^>]*>", "", html)  # inline tags join their text
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def site(mini) -> Path:
    return build(mini)


def test_pages_for_archive_issues_and_articles(site):
    for rel in (
        "index.html", "issues/index.html", "issues/2023-05/index.html", "issues/2023-06/index.html",
        "issues/2023-05/jiazhuang-dianti/index.html", "issues/2023-05/xiaofang-yanlian/index.html",
        "issues/2023-05/huayuan/index.html", "issues/2023-06/zongzi/index.html", "issues/2023-06/wuyue/index.html",
    ):
        assert (site / rel).is_file(), rel
    assert not (site / "issues/2023-05/issue.yml").exists()


def test_chinese_file_name_is_published_at_its_pinyin_slug(site):
    assert (site / "issues/2023-05/yi-zhen/index.html").is_file()
    assert 'href="yi-zhen/"' in read(site, "issues/2023-05/index.html")


def test_drafts_are_left_out_of_the_build(site):
    assert not (site / "issues/2023-05/weiwancheng").exists()
    assert "夏令营" not in read(site, "issues/2023-05/index.html")


def test_drafts_are_shown_marked_when_asked(mini):
    config = (mini / "mkdocs.yml").read_text(encoding="utf-8")
    (mini / "mkdocs.yml").write_text(config.replace("paper_publisher:", "drafts: true\n      paper_publisher:"), encoding="utf-8")
    site = build(mini)
    page = read(site, "issues/2023-05/weiwancheng/index.html")
    assert "草稿" in page and "夏令营报名即将开始" in page
    assert "草稿" in read(site, "issues/2023-05/index.html")


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_nothing_is_loaded_from_another_host(site):
    assert external_references(site) == []


def test_issue_index_lists_pages_in_order_with_briefs_and_photos(site):
    page = text_of(read(site, "issues/2023-05/index.html"))
    assert "梧桐里 第7期 总第57期 2023年5月20日 星期六 梧桐街道办事处 主办" in page
    html = read(site, "issues/2023-05/index.html")
    html = html[html.index('class="md-content__inner'):]
    assert html.index('id="page-1"') < html.index("老楼加装电梯") < html.index('id="page-2"') < html.index("消防演练")
    assert "为民办实事 老楼加装电梯 居民告别“爬楼难” ——梧桐新村第三批加装电梯项目竣工 记者 郑爽 通讯员 何建国 严丽" in page
    assert "责任编辑：林小梅" in page
    briefs = page[page.index("短消息"):]
    assert "梧桐新村开展消防演练" in briefs and "社区卫生服务站进楼组义诊" in briefs and "■王慧" in briefs
    assert "居民在新建成的口袋花园里赏花 孙涛 摄" in page
    assert 'href="../2023-06/"' in html and "下一期 · 第8期" in html  # newer issue
    assert 'id="page-2"' in html


def test_article_page_shows_the_newspaper_byline_and_where_it_was_printed(site):
    html = read(site, "issues/2023-05/jiazhuang-dianti/index.html")
    page = text_of(html)
    assert "为民办实事 老楼加装电梯 居民告别“爬楼难” ——梧桐新村第三批加装电梯项目竣工" in page  # 副题 with its dash
    assert "记者 郑爽 通讯员 何建国 严丽 2023年5月20日 来源：街道自治办" in page
    assert "居民试乘新装的电梯 孙涛 摄" in page
    assert "刊于 第1版 要闻 · 第7期" in page
    assert html.count('href="../1/#jiazhuang-dianti"') >= 2, "the breadcrumb and 刊于 lead to the 版 with the story marked"
    assert 'rel="next" href="../xiaofang-yanlian/"' in html
    assert "住了三十年六楼" in page
    assert "<title>老楼加装电梯 居民告别“爬楼难” · 梧桐里 第7期</title>" in html  # the paper and issue: where it is


@pytest.mark.parametrize("rel, words", [
    ("issues/2023-06/zongzi/index.html", "记者 郑爽 实习生 钱多多"),
    ("issues/2023-06/wuyue/index.html", "■吴秀英"),
    ("issues/2023-05/huayuan/index.html", "孙涛 摄"),
])
def test_byline_forms(site, rel, words):
    assert words in text_of(read(site, rel))


def test_home_page_shows_the_latest_issue(site):
    page = text_of(read(site, "index.html"))
    assert "梧桐里 第8期 总第58期" in page and "端午特刊" in page
    assert "邻里同包粽 浓浓端午情" in page and "《梧桐里》是梧桐街道的社区小报" in page


def test_archive_groups_issues_by_year_newest_first(site):
    page = text_of(read(site, "issues/index.html"))
    assert "2023年" in page
    assert page.index("第8期") < page.index("第7期")
    assert 'src="2023-05/images/dianti-96.jpg"' in plain_names(read(site, "issues/index.html"))  # the May cover photo


def test_nav_is_a_fixed_handful(site):
    html = read(site, "issues/2023-05/jiazhuang-dianti/index.html")
    items = re.findall(r'<li class="md-nav__item[^"]*">\s*<a href="[^"]*" class="md-nav__link[^"]*">\s*'
                       r'<span class="md-ellipsis">\s*([^<]+?)\s*<', html)
    assert items == ["首页", "往期", "作者", "图片"]


def test_html_is_chinese_and_uses_no_web_fonts(site):
    html = read(site, "index.html")
    assert '<html lang="zh-CN"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_build_leaves_content_byte_identical(mini):
    before = tree_digest(mini / "content")
    build(mini)
    assert tree_digest(mini / "content") == before


def test_titles_from_editors_are_escaped(mini):
    path = mini / "content/issues/2023-06/wuyue.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: 五月的梧桐", "title: '五月<script>alert(1)</script>'\nkicker: '\"><img src=x onerror=alert(2)>'"), encoding="utf-8")
    site = build(mini)
    for rel in ("issues/2023-06/index.html", "issues/2023-06/wuyue/index.html"):
        html = read(site, rel)
        assert "<script>alert(1)" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)" in html


def test_bad_content_fails_the_build_listing_every_problem(mini, caplog):
    issue = mini / "content/issues/2023-05"
    (issue / "zongzi2.md").write_text("---\ntitle: 包粽子\npage: 3\n---\n正文\n", encoding="utf-8")
    (issue / "jinglao.md").write_text("---\ntitle: 敬老\npage: 1\ndate: 2023-02-30\n---\n正文\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build(mini)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(m.startswith("content/issues/2023-05/zongzi2.md:3: page: 这一期没有第3版") for m in errors)
    assert any(m.startswith("content/issues/2023-05/jinglao.md:4: date:") for m in errors)
    assert not (mini / "site/issues/2023-05/index.html").exists()


def test_site_under_a_sub_path(mini):
    site = build(mini, site_url="https://example.org/paper/")
    assert broken_links(site, "https://example.org/paper/") == []
