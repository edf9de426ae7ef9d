"""Gallery pages as data: every photo of an issue, and every photo of the paper, paginated.

Like :mod:`shequbao.views`, this knows nothing of MkDocs; where each page is published is
decided by :mod:`shequbao.pages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..model import Archive, Article, Image, Issue
from .views import paginate


@dataclass(frozen=True)
class GalleryItem:
    """One published photo, with the article that printed it."""

    image: Image
    article: Article
    issue: Issue


@dataclass(frozen=True)
class IssueGalleryView:
    """``/issues/<id>/gallery/``: every photo of one issue, in print order."""

    issue: Issue
    items: tuple[GalleryItem, ...]


@dataclass(frozen=True)
class GalleryGroup:
    """The photos of one issue on a page of ``/gallery/``."""

    issue: Issue
    continued: bool  # the issue began on an earlier page
    items: tuple[GalleryItem, ...]


@dataclass(frozen=True)
class GalleryPage:
    """One page of ``/gallery/``: photos newest issue first, grouped by issue."""

    number: int
    count: int  # pages in all
    groups: tuple[GalleryGroup, ...]
    total: int  # photos in all


def issue_items(issue: Issue) -> tuple[GalleryItem, ...]:
    """Every photo of ``issue`` that has a file, in print order, each once per article."""
    items = []
    for article in issue.articles:
        seen = set()
        for image in article.images:
            if image.src and image.src not in seen:
                seen.add(image.src)
                items.append(GalleryItem(image, article, issue))
    return tuple(items)


def generate_issue_galleries(archive: Archive) -> tuple[IssueGalleryView, ...]:
    """One gallery per issue that has photos."""
    views = (IssueGalleryView(issue, issue_items(issue)) for issue in archive.issues)
    return tuple(v for v in views if v.items)


def generate_gallery_pages(archive: Archive, per_page: int) -> tuple[GalleryPage, ...]:
    """``/gallery/`` split into pages of ``per_page`` photos, newest issue first."""
    items = [item for issue in archive.issues for item in issue_items(issue)]
    chunks = paginate(items, per_page)
    pages = []
    started: set[str] = set()
    for number, chunk in enumerate(chunks, 1):
        groups = []
        for issue_id, group in groupby(chunk, key=lambda item: item.issue.id):
            group = tuple(group)
            groups.append(GalleryGroup(group[0].issue, issue_id in started, group))
            started.add(issue_id)
        pages.append(GalleryPage(number, len(chunks), tuple(groups), len(items)))
    return tuple(pages)
