"""What our templates see: ``sqb`` (the page being rendered, its view, and every URL from the
registry), the text filters, and strictness about our own objects. Knows nothing of MkDocs.

Templates take every link from here (``sqb.issue_url(issue)`` …), relative to the site root,
and make it relative to the page with MkDocs' ``url`` filter; no template builds a path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Undefined
from markupsafe import Markup, escape

from ..model import Article, Image, Issue, Paper, Person
from ..photos import link_from, picture_html
from . import text
from .epaper import find_spots
from .kinds import Kind
from .registry import (Page, Site, asset_path, ban_image_path, ban_pdf_path, lightbox_path, logo_path, masthead_path,
                       pdf_path, search_filters_path, search_index_path)
from .wechat import inline_html, split_bodies

FILTERS = {  # and byline_text, bound to the paper's people by filters()
    "byline_parts": text.byline_parts,
    "kind_label": text.kind_label,
    "issue_label": text.issue_label,
    "issue_number": text.issue_number,
    "total_label": text.total_label,
    "section_label": text.section_label,
    "subtitle": text.subtitle_text,
    "date": text.format_date,
    "file_size": text.format_size,
}


@dataclass(frozen=True)
class CardImage:
    """A picture on a share card: its path in the site, type and size."""

    path: str
    mime: str
    width: int
    height: int


@dataclass
class TemplateContext:
    """``sqb`` in our templates."""

    paper: Paper
    site: Site
    page: Page | None
    people: Mapping[str, Person] = field(default_factory=dict)
    images: Any = None  # photos.ImageSet
    pdfs: Mapping[str, Any] = field(default_factory=dict)  # issue id → the print edition (.url, .size_text)
    show_drafts: bool = False
    feeds: bool = False  # the RSS feeds are made
    search: bool = False  # the search index is made
    empty_section: str = text.EMPTY_SECTION
    logo: Any = None  # photos.logo.Logo: the share cards' picture when a page has none of its own

    @property
    def kind(self) -> str:
        return self.page.kind if self.page else ""

    @property
    def view(self) -> Any:
        return self.page.view if self.page else None

    @property
    def latest(self) -> Any:
        """The newest issue's view (the home page shows it)."""
        home = self.site.home()
        return home.view if home else None

    def person(self, key: str) -> Person | None:
        """The person a byline name or photo credit refers to, if any."""
        return self.people.get(key)

    def person_name(self, key: str) -> str:
        return text.person_name(key, self.people)

    def credit(self, image: Image) -> str:
        return text.credit_text(image, self.people)

    def footer_lines(self) -> list[tuple[str, str]]:
        """The lines every footer carries besides the copyright: ``(text, link or "")`` for
        内部资料, the ICP 备案号 and the 公安备案号, as mkdocs.yml sets them."""
        lines = [(text.INTERNAL_PUBLICATION, "")] if self.paper.internal else []
        if self.paper.icp:
            lines.append((self.paper.icp, text.ICP_URL))
        if self.paper.police_record:
            lines.append((self.paper.police_record, text.police_record_url(self.paper.police_record)))
        return lines

    def pdf(self, issue: Issue):
        """The print edition of ``issue`` (``.size_text``), or None when PDFs are off."""
        return self.pdfs.get(issue.id)

    def pdf_url(self, issue: Issue) -> str:
        return pdf_path(self.paper, issue)

    def photo(self, image: Image):
        """Renditions of ``image`` (a model Image), or None when it has no file."""
        return self.images.get(image.src) if self.images is not None and image.src else None

    def card_photo(self, image: Image):
        """The rendition of ``image`` a share card shows (``.path``, ``.mime``, ``.width``, ``.height``), or None."""
        photo = self.photo(image)
        return photo.fallback if photo is not None else None

    def card_ban(self, view) -> CardImage:
        """A printed 版 as a share card's picture: its smallest JPEG at least 600 px wide."""
        jpegs = view.image.of("jpeg")
        width = next((w for w, _, _ in jpegs if w >= 600), jpegs[-1][0])
        return CardImage(ban_image_path(view.issue, view.section.page, width, "jpeg", view.image.version), "image/jpeg",
                         width, round(view.image.height * width / view.image.width))

    def card_logo(self) -> CardImage | None:
        """The paper's logo (``photos.logo``), the picture of a page that has none of its own."""
        logo = self.logo
        return None if logo is None else CardImage(logo_path(logo), logo.mime, logo.width, logo.height)

    def picture(self, photo, alt: str, sizes: str = "100vw") -> Markup:
        """``<picture>`` of ``photo`` (WebP and JPEG ``srcset``), links relative to the page."""
        return Markup(picture_html(photo, alt, self.relative, sizes))

    def relative(self, path: str) -> str:
        """A site path as a link from the page being rendered."""
        return link_from(self.page.url if self.page else "", path)

    # -- URLs, relative to the site root (templates apply the ``url`` filter) --

    def home_url(self) -> str:
        home = self.site.home()
        return home.url if home else ""

    def issue_url(self, issue: Issue) -> str:
        return self.site.issue(issue).url

    def article_url(self, article: Article) -> str:
        return self.site.article(article).url

    def archive_url(self, number: int = 1) -> str:
        return self.site.archive(number).url

    def people_url(self) -> str:
        return self.site.people().url

    def person_url(self, person: Person, number: int = 1) -> str:
        return self.site.person(person, number).url

    def gallery_url(self, issue: Issue | None = None, number: int = 1) -> str:
        """URL of /gallery/ (page ``number``) or of an issue's gallery; "" when there is none."""
        page = self.site.issue_gallery(issue) if issue is not None else self.site.gallery(number)
        return page.url if page else ""

    def search_url(self) -> str:
        return self.site.search().url

    def masthead_url(self) -> str:
        """The paper's 报头 image (题字); "" when the paper has none (the name is set in type)."""
        return masthead_path(self.paper) if self.paper.masthead is not None else ""

    def page_url(self, number: int) -> str:
        """Page ``number`` of the paginated list being rendered."""
        return self.site.sibling(self.page, number).url

    def ban_url(self, issue: Issue, page: int) -> str:
        """The page view of 第``page``版 (数字报)."""
        return self.site.ban(issue, page).url

    def ban_view(self, issue: Issue, page: int):
        return self.site.ban(issue, page).view

    def printed_spots(self, issue: Issue, article: Article):
        """The printed 版 of ``issue`` that hold ``article`` (its own first, then those it is
        continued on), each with its regions (``epaper.Spot``); none without a print edition."""
        return find_spots(article, [self.site.ban(issue, section.page).view for section in issue.sections])

    def has_print_edition(self, issue: Issue) -> bool:
        """Whether ``issue``'s 版 have printed pages (a story with no spot on them was not printed)."""
        return any(self.site.ban(issue, section.page).view.image is not None for section in issue.sections)

    def ban_pdf_url(self, issue: Issue, page: int) -> str:
        return ban_pdf_path(self.paper, issue, page)

    def ban_image_url(self, view, fmt: str = "jpeg") -> str:
        """The largest image of a printed 版 in ``fmt`` (the 查看大图 link)."""
        width, fmt, _ = view.image.of(fmt)[-1]
        return ban_image_path(view.issue, view.section.page, width, fmt, view.image.version)

    def ban_picture(self, view, alt: str, sizes: str = "(min-width: 60em) calc(100vw - 22rem), 100vw",
                    thumbnail: bool = False, lazy: bool = True) -> Markup:
        """``<picture>`` of a printed 版: WebP and JPEG at every width (``thumbnail``: the smallest only)."""
        image = view.image
        widths = sorted({width for width, _, _ in image.files})
        chosen = widths[:1] if thumbnail else widths

        def srcset(fmt: str) -> str:
            return ", ".join(f"{self.relative(ban_image_path(view.issue, view.section.page, w, fmt, image.version))} {w}w"
                             for w, f, _ in image.of(fmt) if w in chosen)

        fallback = self.relative(ban_image_path(view.issue, view.section.page, chosen[-1], "jpeg", image.version))
        height = round(image.height * chosen[-1] / image.width)
        lazy = ' loading="lazy"' if thumbnail and lazy else ""
        return Markup(
            f'<picture><source type="image/webp" srcset="{escape(srcset("webp"))}" sizes="{escape(sizes)}">'
            f'<img src="{escape(fallback)}" srcset="{escape(srcset("jpeg"))}" sizes="{escape(sizes)}" '
            f'width="{chosen[-1]}" height="{height}" alt="{escape(alt)}"{lazy} decoding="async"></picture>')

    def ban_thumbnail(self, view, lazy: bool = True) -> Markup:
        """The smallest image of a printed 版 (``lazy``: loaded when scrolled to, for a list of many)."""
        return self.ban_picture(view, "", sizes="6rem", thumbnail=True, lazy=lazy)

    def wechat_url(self, issue: Issue, article: Article | None = None) -> str:
        """The 复制到公众号 page of ``article`` (or of the whole issue); "" when there is none."""
        page = self.site.wechat(issue, article)
        return page.url if page else ""

    def absolute(self, site_url: str, path: str = "") -> str:
        """A site path as an absolute address (``site_url`` + path): what leaves the site, as the
        公众号 edition's photos, must not be relative. Without ``site_url``, from the host's root."""
        return (site_url.rstrip("/") if site_url else "") + "/" + (path or self.page.url)

    def wechat_texts(self, html: str, site_url: str) -> list[Markup]:
        """The texts of a 复制到公众号 page's articles (``html``: the page's rendered content) as the
        mp editor keeps them (``wechat.inline_html``), photos at absolute addresses."""
        texts = split_bodies(html, len(self.page.view.articles))
        return [inline_html(text, self.absolute(site_url)) for text in texts]

    def feed_url(self, person: Person | None = None) -> str:
        """The paper's RSS (or a person's); "" when feeds are off."""
        return self.site.feed_url(person) if self.feeds else ""

    def asset_url(self, name: str) -> str:
        return asset_path(name)

    def lightbox_url(self, part: str) -> str:
        """GLightbox's ``script`` or ``style``."""
        return lightbox_path(part)

    def search_filters_url(self) -> str:
        return search_filters_path()

    def search_index_url(self) -> str:
        return search_index_path()


def filters(people: Mapping[str, Person]) -> dict:
    """The text functions as Jinja filters (``{{ article | byline_text }}``)."""
    return {**FILTERS, "byline_text": lambda article: text.byline_text(article, people)}


class OursStrictUndefined(Undefined):
    """Undefined that fails at once for a missing attribute of one of our objects (a renamed
    field fails a test, not a page), and stays lenient for the theme's own variables."""

    __slots__ = ()

    def __init__(self, hint=None, obj=None, name=None, exc=None, **kwargs):
        args = {"hint": hint, "name": name, **({"exc": exc} if exc is not None else {})}
        super().__init__(**({"obj": obj} if obj is not None else {}), **args, **kwargs)
        if obj is not None and type(obj).__module__.startswith("shequbao."):
            self._fail_with_undefined_error()


def autoescape_ours(previous):
    """Autoescape our templates (titles and names come from editors), leave the theme's as they are."""

    def autoescape(name: str | None) -> bool:
        if name and name.startswith("shequbao/"):
            return True
        return previous(name) if callable(previous) else bool(previous)

    return autoescape


__all__ = ["Kind", "autoescape_ours", "OursStrictUndefined", "TemplateContext", "filters"]
