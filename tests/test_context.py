"""What our templates see (site/context.py): ``sqb``'s links from the registry, the 数字报's
pictures, the footer, the text filters, autoescaping of our templates and strictness about
our own objects — all without MkDocs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from markupsafe import Markup

from shequbao.model import Archive, Article, Image, Issue, Paper, Person, Section
from shequbao.print.build import PdfFile
from shequbao.site.context import FILTERS, OursStrictUndefined, TemplateContext, autoescape_ours, filters
from shequbao.site.kinds import Kind
from shequbao.site.registry import PlanOptions, plan_pages

PAPER = Paper("梧桐里", icp="沪ICP备2025000001号-1", police_record="沪公网安备31010402000001号", internal=True)
CHEN = Person("陈玲", "陈玲", "chen-ling", "本报记者")
QIAN = Person("小钱@梧桐", "钱多多", "qian-duo-duo", "通讯员")
SECTIONS = (Section(1, "要闻"), Section(2, "社区"))


def story(issue_id: str, slug: str, page: int = 1, **fields) -> Article:
    return Article(issue_id=issue_id, slug=slug, src=f"issues/{issue_id}/{slug}.md", title="桂园街道召开秋季防火动员会",
                   kind="news", page=page, date=dt.date(2025, 9, 25), **fields)


FANGHUO = story("2025-09", "fanghuo", reporters=("陈玲",), correspondents=("小钱@梧桐",),
                images=(Image("issues/2025-09/images/dongyuanhui.jpg", "动员会现场", "小钱@梧桐", True),))
YILAO = story("2025-09", "yilao", 2, authors=("陈玲",))
SEPTEMBER = Issue("2025-09", 128, dt.date(2025, 9, 25), SECTIONS, articles=(FANGHUO, YILAO))
AUGUST = Issue("2025-08", 127, dt.date(2025, 8, 25), SECTIONS,
               articles=(story("2025-08", "nalian", reporters=("陈玲",)), story("2025-08", "shuhua", 2)))
ARCHIVE = Archive(PAPER, (SEPTEMBER, AUGUST), {"陈玲": CHEN, "小钱@梧桐": QIAN},
                  (("index.md", "首页"), ("about.md", "关于本报")))


def edition(tmp_path: Path) -> PdfFile:
    pdfs = []
    for n in (1, 2):
        pdfs.append(tmp_path / f"{n}.pdf")
        pdfs[-1].write_bytes(b"%PDF")
    images = {f"{w}.{f}": (f"/cache/1-{w}.{f}", f"/cache/2-{w}.{f}") for w in (400, 1600) for f in ("webp", "jpg")}
    return PdfFile("2025-09", "《梧桐里》第128期", "wu-tong-li-2025-09.pdf", tmp_path / "whole.pdf", 1_258_291, 2,
                   page_pdfs=tuple(pdfs), images=images, image_sizes=((1600, 2263), (1600, 2263)), version="3f9a1c07")


@pytest.fixture
def site(tmp_path):
    return plan_pages(ARCHIVE, ARCHIVE.static_pages, PlanOptions(archive_per_page=1), {"2025-09": edition(tmp_path)})


def sqb(site, src: str | None = "index.md", **fields) -> TemplateContext:
    return TemplateContext(PAPER, site, site.get(src) if src else None, ARCHIVE.people, **fields)


def test_every_link_comes_from_the_registry_relative_to_the_site_root(site):
    context = sqb(site, "issues/2025-09/fanghuo.md")
    assert context.home_url() == ""
    assert context.issue_url(SEPTEMBER) == "issues/2025-09/"
    assert context.article_url(YILAO) == "issues/2025-09/yilao/"
    assert (context.archive_url(), context.archive_url(2)) == ("issues/", "issues/page/2/")
    assert context.people_url() == "people/"
    assert context.person_url(CHEN) == "people/chen-ling/" and context.person_url(QIAN) == "people/qian-duo-duo/"
    assert context.search_url() == "search/"
    assert context.ban_url(SEPTEMBER, 2) == "issues/2025-09/2/"
    assert context.pdf_url(SEPTEMBER) == "issues/2025-09/wu-tong-li-2025-09.pdf"
    assert context.ban_pdf_url(SEPTEMBER, 2) == "issues/2025-09/wu-tong-li-2025-09-2.pdf"
    assert context.search_index_url() == "pagefind/" and context.search_filters_url() == "search/filters.json"
    assert context.lightbox_url("script") == "assets/javascripts/glightbox.min.js"
    assert re.fullmatch(r"assets/shequbao/shequbao\.[0-9a-f]{8}\.css", context.asset_url("shequbao.css"))


def test_a_gallery_link_is_empty_for_an_issue_without_photos(site):
    context = sqb(site)
    assert context.gallery_url() == "gallery/"
    assert context.gallery_url(SEPTEMBER) == "issues/2025-09/gallery/"
    assert context.gallery_url(AUGUST) == ""  # the article page then shows no 本期图片 link


def test_feeds_are_linked_only_when_the_build_makes_them(site):
    assert sqb(site).feed_url() == "" and sqb(site).feed_url(CHEN) == ""
    context = sqb(site, feeds=True)
    assert context.feed_url() == "feed.xml" and context.feed_url(CHEN) == "people/chen-ling/feed.xml"


def test_the_next_page_of_a_paginated_list(site):
    first = sqb(site, "issues/index.md")
    assert first.page_url(2) == "issues/page/2/"
    assert sqb(site, "issues/page/2.md").page_url(1) == "issues/"


@pytest.mark.parametrize("src, path, link", [
    ("index.md", "assets/shequbao/logo.png", "assets/shequbao/logo.png"),
    ("issues/2025-09/fanghuo.md", "issues/2025-09/images/dongyuanhui-480.webp", "../images/dongyuanhui-480.webp"),
    ("issues/2025-09/fanghuo.md", "assets/shequbao/logo.png", "../../../assets/shequbao/logo.png"),
    ("issues/2025-09/index.md", "issues/2025-09/wu-tong-li-2025-09.pdf", "wu-tong-li-2025-09.pdf"),
    (None, "feed.xml", "feed.xml"),
])
def test_a_site_path_becomes_a_link_relative_to_the_page_being_rendered(site, src, path, link):
    assert sqb(site, src).relative(path) == link


def test_the_page_its_kind_its_view_and_the_latest_issue(site):
    home = sqb(site)
    assert home.kind == Kind.HOME and home.latest.issue == SEPTEMBER and home.view.issue == SEPTEMBER
    article = sqb(site, "issues/2025-09/yilao.md")
    assert article.kind == Kind.ARTICLE and article.view.article == YILAO
    nothing = sqb(site, None)
    assert (nothing.kind, nothing.view) == ("", None) and nothing.latest.issue == SEPTEMBER


def test_names_and_credits_as_the_paper_prints_them(site):
    context = sqb(site)
    assert context.person("小钱@梧桐") == QIAN and context.person("李明") is None
    assert context.person_name("小钱@梧桐") == "钱多多"
    assert context.person_name("张伟@平凉") == "张伟"  # not in people.yml: the key without its qualifier
    assert context.credit(FANGHUO.images[0]) == "钱多多 摄"
    assert context.credit(Image("x.jpg", credit="街道供图")) == "街道供图"


@pytest.mark.parametrize("paper, lines", [
    (PAPER, [("内部资料 免费交流", ""), ("沪ICP备2025000001号-1", "https://beian.miit.gov.cn/"),
             ("沪公网安备31010402000001号", "https://beian.mps.gov.cn/#/query/webSearch?code=31010402000001")]),
    (Paper("梧桐里", icp="京ICP备12345678号"), [("京ICP备12345678号", "https://beian.miit.gov.cn/")]),
    (Paper("梧桐里"), []),
])
def test_the_footer_carries_what_mkdocs_yml_sets_and_nothing_else(site, paper, lines):
    assert TemplateContext(paper, site, None).footer_lines() == lines


def test_photos_and_print_editions_are_none_when_the_build_makes_none(site):
    context = sqb(site)
    assert context.photo(FANGHUO.images[0]) is None and context.pdf(SEPTEMBER) is None
    renditions = SimpleNamespace(get={"issues/2025-09/images/dongyuanhui.jpg": "photo"}.get)
    with_photos = sqb(site, images=renditions, pdfs={"2025-09": "edition"})
    assert with_photos.photo(FANGHUO.images[0]) == "photo" and with_photos.pdf(SEPTEMBER) == "edition"
    assert with_photos.photo(Image("")) is None  # a caption imported before its photo arrived


def test_the_printed_ban_links_its_largest_image(site):
    context = sqb(site, "issues/2025-09/1.md")
    view = context.ban_view(SEPTEMBER, 1)
    assert view.section == SECTIONS[0] and view.printed
    assert context.ban_image_url(view) == "issues/2025-09/1/ban-1600.3f9a1c07.jpg"
    assert context.ban_image_url(view, "webp") == "issues/2025-09/1/ban-1600.3f9a1c07.webp"


def test_the_printed_ban_as_a_picture_at_every_width_relative_to_its_page(site):
    context = sqb(site, "issues/2025-09/1.md")
    html = context.ban_picture(context.ban_view(SEPTEMBER, 1), "第1版 要闻 <版面>", sizes="100vw")
    assert isinstance(html, Markup)
    assert html == (
        '<picture><source type="image/webp" srcset="ban-400.3f9a1c07.webp 400w, ban-1600.3f9a1c07.webp 1600w" sizes="100vw">'
        '<img src="ban-1600.3f9a1c07.jpg" srcset="ban-400.3f9a1c07.jpg 400w, ban-1600.3f9a1c07.jpg 1600w" sizes="100vw" '
        'width="1600" height="2263" alt="第1版 要闻 &lt;版面&gt;" decoding="async"></picture>')


def test_a_thumbnail_of_a_ban_is_the_smallest_image_lazily_loaded_from_another_page(site):
    context = sqb(site, "issues/2025-09/2.md")
    html = context.ban_thumbnail(context.ban_view(SEPTEMBER, 1))
    assert 'srcset="../1/ban-400.3f9a1c07.webp 400w"' in html and "1600" not in html
    assert 'width="400" height="566"' in html  # 2263 × 400 / 1600, rounded
    assert 'loading="lazy"' in html and 'alt=""' in html


def render(source: str, **variables) -> str:
    env = jinja2.Environment(undefined=OursStrictUndefined)
    env.filters.update(filters(ARCHIVE.people))
    return env.from_string(source).render(**variables)


def test_filters_print_bylines_labels_and_sizes_with_the_papers_names():
    assert set(FILTERS) < set(filters({}))
    assert render("{{ a | byline_text }}", a=FANGHUO) == "记者 陈玲 通讯员 钱多多"
    assert render("{{ i | issue_label }} {{ i.date | date }} {{ 2 | section_label }} {{ 1258291 | file_size }}",
                  i=SEPTEMBER) == "第128期 2025年9月25日 第2版 1.2 MB"
    assert render("{{ '平凉居民区的故事' | subtitle }} {{ 'brief' | kind_label }}") == "——平凉居民区的故事 短消息"


def test_a_missing_field_of_our_objects_fails_the_page_at_once(site):
    with pytest.raises(jinja2.UndefinedError):
        render("{{ a.reporter }}", a=FANGHUO)  # renamed to reporters: a test fails, not a page
    with pytest.raises(jinja2.UndefinedError):
        render("{{ sqb.issue_link(i) }}", sqb=sqb(site), i=SEPTEMBER)


def test_the_themes_own_missing_variables_stay_lenient():
    assert render("[{{ config.extra.analytics }}][{{ nothing }}][{% if page.meta.hide %}x{% endif %}]",
                  config={"extra": {}}, page={"meta": {}}) == "[][][]"


@pytest.mark.parametrize("previous, theme_escaped", [
    (False, False), (True, True), (jinja2.select_autoescape(["html"]), True), (jinja2.select_autoescape(["xml"]), False),
])
def test_our_templates_are_autoescaped_the_themes_as_they_were(previous, theme_escaped):
    templates = {"shequbao/article.html": "{{ title }}", "partials/header.html": "{{ title }}"}
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=autoescape_ours(previous))
    title = '居民说"<b>好</b>"'
    assert env.get_template("shequbao/article.html").render(title=title) == "居民说&#34;&lt;b&gt;好&lt;/b&gt;&#34;"
    theme = env.get_template("partials/header.html").render(title=title)
    assert (theme != title) is theme_escaped
