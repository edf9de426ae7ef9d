"""Which pages the paper has and what each shows, as plain data for the templates.

Everything here is linear in the size of the archive: each view is built once, and no
page lists the whole archive unpaginated.
"""

from __future__ import annotations

from collections import Counter

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from ..model import Archive, Article, Image, Issue, Section
from .text import BylinePart, byline_parts


@dataclass(frozen=True)
class Slot:
    """One place on a 版 in print order: an article (a story, notice or photo item), or the box
    of the 版's 短消息, which stands where the first of them is ordered."""

    article: Article | None = None
    briefs: tuple[Article, ...] = ()


@dataclass(frozen=True)
class SectionView:
    """One 版面 on the issue index: its stories, photo items and 短消息, and all of them as
    ``slots`` in print order (``order``, as the print edition places them)."""

    section: Section
    stories: tuple[Article, ...]
    photos: tuple[Article, ...]
    briefs: tuple[Article, ...]
    slots: tuple[Slot, ...] = ()


@dataclass(frozen=True)
class IssueView:
    issue: Issue
    sections: tuple[SectionView, ...]
    lead_image: Image | None
    previous: Issue | None  # older
    next: Issue | None  # newer


@dataclass(frozen=True)
class ArticleView:
    article: Article
    issue: Issue
    section: Section
    byline: tuple[BylinePart, ...]
    previous: Article | None
    next: Article | None
    same_page: tuple[Article, ...] = ()  # the other articles of its 版, in print order


@dataclass(frozen=True)
class YearGroup:
    year: int
    continued: bool  # the year began on an earlier page
    issues: tuple[IssueView, ...]
    months: tuple[tuple[int, int | None], ...] = ()  # (1…12, the 往期 page of its first issue, None: no issue)


@dataclass(frozen=True)
class ArchivePage:
    """One page of 往期: issues newest first, grouped by year."""

    number: int
    count: int  # pages in all
    years: tuple[YearGroup, ...]
    year_pages: tuple[tuple[int, int], ...]  # (year, page number where it starts) for the jump list


def generate_issue_views(archive: Archive) -> tuple[IssueView, ...]:
    """One view per issue, newest first, each knowing its neighbours."""
    issues = archive.issues
    return tuple(
        IssueView(
            issue=issue,
            sections=tuple(_section_view(issue, section) for section in issue.sections),
            lead_image=_lead_image(issue),
            previous=issues[index + 1] if index + 1 < len(issues) else None,
            next=issues[index - 1] if index > 0 else None,
        )
        for index, issue in enumerate(issues)
    )


def generate_article_views(issue: Issue) -> tuple[ArticleView, ...]:
    """One view per article of ``issue``, with previous/next in print order."""
    articles = issue.articles
    return tuple(
        ArticleView(
            article=article,
            issue=issue,
            section=issue.section(article.page),
            byline=byline_parts(article),
            previous=articles[index - 1] if index > 0 else None,
            next=articles[index + 1] if index + 1 < len(articles) else None,
            same_page=tuple(a for a in articles if a.page == article.page and a is not article),
        )
        for index, article in enumerate(articles)
    )


def generate_archive_pages(views: tuple[IssueView, ...], per_page: int) -> tuple[ArchivePage, ...]:
    """Split 往期 into pages of ``per_page`` issues, newest first."""
    chunks = paginate(views, per_page)
    year_pages: dict[int, int] = {}
    month_pages: dict[tuple[int, int], int] = {}  # (year, month) → the page with its newest issue
    for number, chunk in enumerate(chunks, 1):
        for view in chunk:
            year_pages.setdefault(view.issue.date.year, number)
            month_pages.setdefault((view.issue.date.year, view.issue.date.month), number)
    pages = []
    for number, chunk in enumerate(chunks, 1):
        years = tuple(
            YearGroup(year, year_pages[year] < number, tuple(group),
                      tuple((month, month_pages.get((year, month))) for month in range(1, 13)))
            for year, group in groupby(chunk, key=lambda v: v.issue.date.year)
        )
        pages.append(ArchivePage(number, len(chunks), years, tuple(year_pages.items())))
    return tuple(pages)


def paginate(items: Sequence, per_page: int) -> list[tuple]:
    """``items`` cut into pages of ``per_page``; always at least one (maybe empty) page."""
    per_page = max(1, per_page)
    return [tuple(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [()]


def _section_view(issue: Issue, section: Section) -> SectionView:
    on_page = [a for a in issue.articles if a.page == section.page]  # in print order
    briefs = tuple(a for a in on_page if a.kind == "brief")
    first_brief = briefs[0] if briefs else None
    slots = [Slot(briefs=briefs) if a is first_brief else Slot(article=a)
             for a in on_page if a.kind != "brief" or a is first_brief]
    return SectionView(
        section=section,
        stories=tuple(a for a in on_page if a.kind in ("news", "notice")),
        photos=tuple(a for a in on_page if a.kind == "photo"),
        briefs=briefs,
        slots=tuple(slots),
    )


def _lead_image(issue: Issue) -> Image | None:
    """The first published photo in print order: the issue's cover picture."""
    return next((image for a in issue.articles for image in a.images if image.src), None)


@dataclass(frozen=True)
class SearchView:
    """The parts of the search index (``pagefind/<part>/``) and the year each article's part is
    named by: the newest year of issues is a part of its own, the years before it grouped into
    parts of a bounded number of articles (``2016-2019``, ``2020-2024``). Edits and new issues
    land in the newest year, so a build reads only its articles again. A reader's search
    fetches the parts newest first, the next one only when the results shown need it
    (search.js): a common word costs the newest part alone, a rare one every part (one part per
    year, all fetched at once, cost a phone three times the bytes at 10,000)."""

    years: Mapping[int, str]  # year of an issue → the part its articles are in

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts, newest first."""
        return tuple(sorted(set(self.years.values()), reverse=True))

    def part(self, year: int) -> str:
        return self.years[year]


# At most this many articles in a part of the index before the newest year (one year may have more).
# Measured at 10,000 articles (scripts/bench_search.py): every part fetched costs each query
# character one more index chunk (~25 KiB) and the part's page list, so few parts are cheapest
# for a word found nowhere (养老 in two parts: 286 KiB; in six of 2,500: 454 KiB), and the
# newest part alone answers a common one (垃圾分类 志愿者: 176 KiB, was 533 with both fetched).
PART_ARTICLES = 10_000


def generate_search_view(years: Iterable[int], most: int = PART_ARTICLES) -> SearchView:
    """The search page's view, from the year of every article (one entry per article): the newest
    year is a part of its own; the years before it are grouped, oldest first, into parts of at
    most ``most`` articles, so a new year changes only the newest group. search.js fetches the
    parts newest first and only while a reader's results need more, so a part's size bounds
    what one more part costs; fewer parts cost less for a word found nowhere (PART_ARTICLES)."""
    counts = Counter(years)
    ordered = sorted(counts)
    if not ordered:
        return SearchView({})
    groups: list[list[int]] = []
    for year in ordered[:-1]:
        if groups and sum(counts[y] for y in groups[-1]) + counts[year] <= most:
            groups[-1].append(year)
        else:
            groups.append([year])
    parts = {year: (f"{group[0]}-{group[-1]}" if len(group) > 1 else str(group[0])) for group in groups for year in group}
    return SearchView({**parts, ordered[-1]: str(ordered[-1])})
