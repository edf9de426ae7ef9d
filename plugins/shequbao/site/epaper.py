"""数字报: each 版 as the printed page, with a link region (热区) over every story on it.

The print edition knows where it set each story (its module rectangles, in fractions of the
page) and renders each page as images: this module turns that into one view per 版 — the
image, the regions in reading order, the 版's stories, its neighbours and the issue's other
版. Without a print edition (``print_enabled: false``, the preview) a 版 page lists its
stories alone. Knows nothing of MkDocs; paths come from :mod:`shequbao.pages`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Article, Issue, Section


@dataclass(frozen=True)
class Region:
    """Where a story sits on the printed page, in fractions of its width and height."""

    article: Article
    x: float
    y: float
    w: float
    h: float
    continued: bool = False  # the part of a story continued from another 版 (上接第N版)
    part: int = 1  # a story set over two columns' feet (a 短消息) has a region on each

    @property
    def anchor(self) -> str:
        """The region's id: the story's slug on its own 版 (the 版's address + ``#slug`` marks it)."""
        return self.article.slug + ("-continued" if self.continued else "") + (f"-{self.part}" if self.part > 1 else "")

    @property
    def style(self) -> str:
        """Percentages for an absolutely positioned link over the image."""
        return (f"left:{self.x * 100:.3f}%;top:{self.y * 100:.3f}%;"
                f"width:{self.w * 100:.3f}%;height:{self.h * 100:.3f}%")


@dataclass(frozen=True)
class BanImage:
    """The printed 版 as images: ``files`` are ``(width, format, cached file)``, smallest first."""

    width: int  # of the largest, in pixels
    height: int
    files: tuple[tuple[int, str, str], ...]
    version: str  # names the print edition the images come from (part of their published names)

    def of(self, fmt: str) -> tuple[tuple[int, str, str], ...]:
        return tuple(f for f in self.files if f[1] == fmt)


@dataclass(frozen=True)
class IssueTurn:
    """Where 上一期/下一期 lead from a 版: the same 版 of the neighbouring issue, or its 第1版
    when it has no 版 of that number."""

    issue: Issue
    section: Section


@dataclass(frozen=True)
class BanView:
    """One 版 of an issue as a page of its own: ``/issues/<id>/<N>/``."""

    issue: Issue
    section: Section
    articles: tuple[Article, ...]  # this 版's stories, in reading order
    sections: tuple[Section, ...]  # every 版 of the issue (the strip of thumbnails)
    previous: Section | None
    next: Section | None
    regions: tuple[Region, ...] = ()
    image: BanImage | None = None  # None: no print edition in this build
    pdf: Any = None  # this 版's own PDF (``.path``, ``.size``), when there is a print edition
    older: IssueTurn | None = None  # 上一期
    newer: IssueTurn | None = None  # 下一期

    @property
    def printed(self) -> bool:
        return self.image is not None

    @property
    def continued(self) -> tuple[Article, ...]:
        """Stories from other 版 whose continuation (上接第N版) is printed on this one, in reading order."""
        return tuple(dict.fromkeys(r.article for r in self.regions if r.continued))

    def region_of(self, article: Article) -> Region | None:
        return next((r for r in self.regions if r.article == article and not r.continued and r.part == 1), None)


@dataclass(frozen=True)
class Spot:
    """Where a story is printed: one 版 (its view) and the story's regions on it; ``continued``:
    the 版 where it goes on (转版), not its own."""

    view: BanView
    regions: tuple[Region, ...]

    @property
    def continued(self) -> bool:
        return self.view.section.page != self.regions[0].article.page if self.regions else False

    @property
    def anchor(self) -> str:
        """The id of its first part on that 版 (the 版's address + ``#`` marks it)."""
        return min(self.regions, key=lambda r: r.part).anchor


def find_spots(article: Article, views) -> tuple[Spot, ...]:
    """Every printed 版 among ``views`` (the issue's, in page order) that holds ``article``: its own
    版 first, then those it is continued on."""
    spots = [Spot(view, tuple(r for r in view.regions if r.article == article)) for view in views if view.image is not None]
    spots = [spot for spot in spots if spot.regions]
    return tuple(sorted(spots, key=lambda spot: spot.continued))


@dataclass(frozen=True)
class SectionPdf:
    path: str  # the cached file
    size: int


def generate_ban_views(issue: Issue, printed: Any = None, older: Issue | None = None,
                       newer: Issue | None = None) -> tuple[BanView, ...]:
    """One view per 版 of ``issue``; ``printed`` is its print edition (with ``images``,
    ``rects`` and ``page_pdfs``), or None; ``older`` and ``newer`` the issues before and after it."""
    sections = issue.sections
    by_src = {a.src: a for a in issue.articles}
    views = []
    for index, section in enumerate(sections):
        articles = tuple(a for a in issue.articles if a.page == section.page)
        regions = image = pdf = None
        if printed is not None:
            regions = _regions(printed.rects, by_src, index + 1, section.page)
            image = _image(printed, index)
            pdf = _pdf(printed.page_pdfs, index)
        views.append(BanView(
            issue=issue, section=section, articles=articles, sections=sections,
            previous=sections[index - 1] if index > 0 else None,
            next=sections[index + 1] if index + 1 < len(sections) else None,
            regions=regions or (), image=image, pdf=pdf, older=_turn(older, section.page), newer=_turn(newer, section.page),
        ))
    return tuple(views)


def _turn(issue: Issue | None, page: int) -> IssueTurn | None:
    if issue is None or not issue.sections:
        return None
    return IssueTurn(issue, next((s for s in issue.sections if s.page == page), issue.sections[0]))


def _regions(rects: dict, by_src: dict[str, Article], page_index: int, page: int) -> tuple[Region, ...]:
    """The regions on the ``page_index``-th printed page, in reading order (top to bottom, then
    left to right within a row), each story once per part."""
    found = []
    for src, parts in rects.items():
        article = by_src.get(src)
        if article is None:  # a draft printed in a preview, not a page of the site
            continue
        on_page = [part for part in parts if part["page"] == page_index]
        for number, part in enumerate(on_page, start=1):
            found.append(Region(article, part["x"], part["y"], part["w"], part["h"], continued=article.page != page,
                                part=number))
    return _reading_order(found)


ROW = 0.01  # tops within a hundredth of the page's height stand side by side


def _reading_order(regions: list[Region]) -> tuple[Region, ...]:
    """Top to bottom by rows, left to right within a row: a region starts a new row when its top
    is more than :data:`ROW` below the top of the row it would join."""
    rows: list[list[Region]] = []
    for region in sorted(regions, key=lambda r: (r.y, r.x)):
        if rows and region.y - rows[-1][0].y <= ROW:
            rows[-1].append(region)
        else:
            rows.append([region])
    return tuple(region for row in rows for region in sorted(row, key=lambda r: r.x))


def _image(printed: Any, index: int) -> BanImage | None:
    files = []
    for name, per_page in sorted(printed.images.items()):
        width, fmt = name.split(".", 1)
        if index < len(per_page):
            files.append((int(width), "jpeg" if fmt == "jpg" else fmt, str(per_page[index])))
    if not files or index >= len(printed.image_sizes):
        return None
    width, height = printed.image_sizes[index]
    return BanImage(width, height, tuple(sorted(files)), printed.page_version(index))


def _pdf(page_pdfs, index: int) -> SectionPdf | None:
    if index >= len(page_pdfs):
        return None
    path = page_pdfs[index]
    return SectionPdf(str(path), path.stat().st_size)
