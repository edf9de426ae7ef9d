"""The page registry: every page a build makes, with its URL, template, title and date, and
the rule that only site/registry.py builds a path of the site."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from shequbao.model import Archive, Article, Image, Issue, Paper, Person, Section
from shequbao.content.slugs import is_reserved
from shequbao.site.kinds import Kind
from shequbao.site.registry import PlanOptions, feed_path, pdf_path, plan_pages

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "shequbao"
CHEN = Person("陈玲", "陈玲", "chen-ling")


def article(issue_id: str, slug: str, page: int = 1, **fields) -> Article:
    return Article(issue_id=issue_id, slug=slug, src=f"issues/{issue_id}/{fields.pop('file', slug)}.md",
                   title=f"标题{slug}", kind="news", page=page, date=dt.date(2025, 9, 1), **fields)


def archive(issues: int = 3) -> Archive:
    made = []
    for n in range(issues, 0, -1):
        issue_id = f"2025-{n:02d}"
        items = (article(issue_id, "a", reporters=("陈玲",), images=(Image(f"issues/{issue_id}/images/a.jpg"),)),
                 article(issue_id, "la-ji-fen-lei", 2, file="垃圾分类"))
        made.append(Issue(issue_id, n, dt.date(2025, n, 20), (Section(1, "要闻"), Section(2, "社区")), articles=items))
    return Archive(Paper("桂园"), tuple(made), {"陈玲": CHEN}, (("index.md", "首页"), ("about.md", "关于本报")))


def plan(directory_urls: bool = True, **options):
    paper = archive()
    return paper, plan_pages(paper, paper.static_pages, PlanOptions(directory_urls=directory_urls, **options))


def test_every_page_once_with_a_unique_destination():
    _, site = plan()
    dests = [page.dest for page in site]
    assert len(dests) == len(set(dests)) == len(site)
    assert {page.kind for page in site} == set(Kind)


@pytest.mark.parametrize("directory_urls, expected", [
    (True, {"index.md": "", "about.md": "about/", "issues/2025-03/index.md": "issues/2025-03/",
            "issues/2025-03/a.md": "issues/2025-03/a/", "issues/2025-03/垃圾分类.md": "issues/2025-03/la-ji-fen-lei/",
            "issues/index.md": "issues/", "issues/page/2.md": "issues/page/2/", "people/index.md": "people/",
            "people/chen-ling.md": "people/chen-ling/", "gallery/index.md": "gallery/",
            "issues/2025-03/gallery.md": "issues/2025-03/gallery/", "search.md": "search/"}),
    (False, {"index.md": "index.html", "about.md": "about.html", "issues/2025-03/index.md": "issues/2025-03/index.html",
             "issues/2025-03/垃圾分类.md": "issues/2025-03/la-ji-fen-lei.html", "issues/page/2.md": "issues/page/2.html",
             "people/chen-ling.md": "people/chen-ling.html", "search.md": "search.html"}),
])
def test_urls_as_mkdocs_would_give_them(directory_urls, expected):
    _, site = plan(directory_urls, archive_per_page=2)
    assert {src: site.get(src).url for src in expected} == expected


def test_templates_titles_and_dates():
    paper, site = plan(archive_per_page=2)
    issue = paper.issues[0]
    page = site.issue(issue)
    assert (page.kind, page.template, page.title, page.date) == (Kind.ISSUE, "shequbao/issue.html", "第3期", issue.date)
    assert site.article(issue.articles[0]).template == "shequbao/article.html"
    assert site.home().template == "shequbao/home.html" and site.home().view.issue == issue
    assert site.get("about.md").template == "" and site.get("about.md").date == issue.date
    assert [site.archive(n).title for n in (1, 2)] == ["往期", "往期（第2页）"]
    assert site.archive(2).date == paper.issues[2].date  # the newest issue it lists
    assert site.person(CHEN).title == "陈玲" and site.search().title == "搜索"


def test_pagination_siblings():
    _, site = plan(archive_per_page=1, images_per_page=2)
    second = site.archive(2)
    assert site.sibling(second, 3).url == "issues/page/3/" and site.sibling(second, 1).url == "issues/"
    assert site.sibling(site.gallery(1), 2).url == "gallery/page/2/"


def test_files_of_the_site():
    paper = archive()
    assert feed_path() == "feed.xml" and feed_path(CHEN) == "people/chen-ling/feed.xml"
    assert pdf_path(paper.paper, paper.issues[0]) == "issues/2025-03/gui-yuan-2025-03.pdf"
    assert pdf_path(Paper("Zeitung!"), paper.issues[0]).startswith("issues/2025-03/zeitung")


@pytest.mark.parametrize("slug, article_ok, issue_ok", [
    ("la-ji-fen-lei", True, True), ("index", False, False), ("page", False, False), ("gallery", False, False),
    ("images", False, False), ("feed", False, False), ("2", False, True), ("128", False, True),
])
def test_reserved_names(slug, article_ok, issue_ok):
    assert is_reserved(slug, article=True) is not article_ok
    assert is_reserved(slug) is not issue_ok


# Only site/registry.py builds a path of the site: these shapes may appear nowhere else in the code.
SITE_PATHS = re.compile(r"""["'][^"'\n]*(index\.md|index\.html|people/\{|gallery/|/page/|feed\.xml|pagefind/|assets/)""")
CJK = re.compile(r"[\u4e00-\u9fff]")  # a message to the editor may name a path


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if p.name != "registry.py"),
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_but_the_registry_builds_a_site_path(path):
    offending = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                 if SITE_PATHS.search(line) and not CJK.search(line) and not line.strip().startswith(("#", '"""'))]
    assert offending == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "templates").rglob("*.html")), ids=lambda p: p.name)
def test_no_template_makes_a_url_from_a_string(path):
    source = path.read_text(encoding="utf-8")
    assert not re.findall(r"""["'][^"'{}]*["']\s*\|\s*url\b""", source)
    assert "is defined" not in source.replace("sqb is defined", "")  # switch on sqb.kind, never on a missing field


@pytest.mark.parametrize("title", ["Feed", "Images", "Index", "Page", "Gallery", "2", "128"])
def test_the_importer_never_names_a_draft_the_loader_refuses(title):
    from shequbao.importer.drafts import Names

    name = Names().make(title)
    assert name and not is_reserved(name, article=True)


@pytest.mark.parametrize("text, length, slug", [
    ("智能手机", 11, "zhi-neng"),  # whole syllables, in order: never zhi-neng-ji
    ("社区开展智能手机培训活动", 20, "she-qu-kai-zhan-zhi"),
    ("垃圾分类", 60, "la-ji-fen-lei"),
])
def test_long_slugs_are_cut_after_whole_syllables_in_order(text, length, slug):
    from shequbao.content.slugs import make_slug

    assert make_slug(text, max_length=length) == slug
