"""The key of every page: a hash of exactly what its HTML is made of, one recipe per
:class:`~shequbao.pages.Kind`, so an incremental build re-renders a page when, and only when,
something it shows has changed.

A page's HTML depends on the site-wide inputs (``base``: mkdocs.yml, the plugin's options,
our code and templates, the paper's overrides, the versions of MkDocs, Material, Markdown
and the other plugins) and on what the page itself shows: its source, its issue's data, its
neighbours' titles and addresses, the names and slugs of the people it names, its photos'
renditions, the print edition's files it links. Each recipe below lists those, in the same
words as the view that feeds the template (``views.py``, ``gallery.py``, ``person_pages.py``,
``pageview.py``). When in doubt a recipe takes more, never less: a needless re-render costs
milliseconds, a missing input publishes a stale page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from ..model import ROLES, Article, Image, Issue
from .registry import Kind, Page


@dataclass(frozen=True)
class KeyInputs:
    """What recipes read besides the page: shared by every page of one build."""

    base: str  # the site-wide key
    people: Mapping[str, Any]  # key → Person
    images: Any  # photos.ImageSet (renditions), or None
    photos_of: Mapping[str, tuple[str, ...]]  # article src → every photo it shows (front matter and text)
    editions: Mapping[str, Any]  # issue id → print edition (size shown on pages), or {}
    uncacheable: frozenset[str] = frozenset()  # sources that are rendered every time (their HTML depends on more)
    made: dict = field(default_factory=dict, compare=False, repr=False)  # parts shared by many pages, made once a build


def _once(inputs: KeyInputs, what: str, thing: Any, make) -> str:
    """``make(thing)``, made once a build for each ``thing`` (an issue is part of 20 articles' keys;
    a photo's name shows on five kinds of page)."""
    key = (what, thing if isinstance(thing, str) else id(thing))
    if key not in inputs.made:
        inputs.made[key] = (thing, make(thing))  # the thing is held, so its id is not reused
    return inputs.made[key][1]


def page_key(page: Page, inputs: KeyInputs) -> str | None:
    """The key of ``page``, or None when it must be rendered every time."""
    if page.src in inputs.uncacheable:
        return None
    recipe = RECIPES.get(page.kind)
    return _key(page, inputs, recipe) if recipe is not None else None


def _key(page: Page, inputs: KeyInputs, recipe) -> str:
    parts = [inputs.base, page.kind, page.src, page.url, page.title, str(page.date), *recipe(page.view, inputs)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


# -- what a recipe reads -----------------------------------------------------------------


def _people(keys, inputs: KeyInputs) -> str:
    """The printed names and page slugs of the people named (a people.yml edit changes them)."""
    return repr([(key, inputs.people.get(key)) for key in keys])


def _named(article: Article) -> list[str]:
    keys = [key for role in ROLES for key in getattr(article, role)]
    return keys + [image.credit for image in article.images if image.credit_is_person]


def _renditions(srcs, inputs: KeyInputs) -> str:
    return "[" + ", ".join(_rendition(src, inputs) for src in srcs) + "]"


def _rendition(src: str, inputs: KeyInputs) -> str:
    """One photo's renditions."""
    return _once(inputs, "photo", src, lambda src: repr((src, inputs.images.get(src) if inputs.images is not None else None)))


LISTED = [f.name for f in fields(Article) if f.name != "digest"]  # what lists show of an article: not its text


def _listed(article: Article, inputs: KeyInputs) -> str:
    """An article as a list shows it: its fields (title, excerpt, byline, photos …, not the rest
    of its text), its people, its photos."""
    return _once(inputs, "listed", article, lambda article: "|".join((
        repr([getattr(article, name) for name in LISTED]), _people(_named(article), inputs),
        _renditions([image.src for image in article.images if image.src], inputs))))


def _link(article: Article | None) -> str:
    """An article as a link to it: its address and title."""
    return repr(None if article is None else (article.src, article.slug, article.display_title, article.draft))


def _edition(issue: Issue, inputs: KeyInputs) -> str:
    edition = inputs.editions.get(issue.id)
    return repr(None if edition is None else (edition.size, str(getattr(edition, "path", ""))))


def _position(view) -> str:
    """An article's place in its issue (the search index sorts by it: search-meta.html), which
    moves when a story is added or removed before it, even on another 版."""
    return str(view.issue.articles.index(view.article))


def _issue_link(issue: Issue | None) -> str:
    return repr(None if issue is None else (issue.id, issue.number, issue.date, issue.title, issue.total))


# -- one recipe per kind -----------------------------------------------------------------


def _article(view, inputs: KeyInputs) -> list[str]:
    article = view.article
    has_photos = any(image.src for other in view.issue.articles for image in other.images)  # the 本期图片 link
    return [article.digest, _listed(article, inputs), _once(inputs, "issue", view.issue, repr), repr(view.section),
            _position(view), _link(view.previous), _link(view.next),
            _renditions(inputs.photos_of.get(article.src, ()), inputs), repr(has_photos),
            *(_link(other) + other.kind for other in view.same_page)]  # the side column: this 版's other stories


def _issue(view, inputs: KeyInputs) -> list[str]:
    issue = view.issue
    listed = [_listed(a, inputs) for sv in view.sections for a in (*sv.stories, *sv.photos, *sv.briefs)]
    return [_once(inputs, "issue", issue, repr), *listed, repr(view.lead_image), _renditions([view.lead_image.src] if view.lead_image else [], inputs),
            _issue_link(view.previous), _issue_link(view.next), _edition(issue, inputs), _bans(issue, inputs)]


def _bans(issue: Issue, inputs: KeyInputs) -> str:
    """The print edition's page images an issue shows (its 版 as thumbnails)."""
    edition = inputs.editions.get(issue.id)
    return repr(None if edition is None else (getattr(edition, "version", ""), getattr(edition, "image_sizes", ())))


def _ban(view, inputs: KeyInputs) -> list[str]:
    return [_once(inputs, "issue", view.issue, repr), repr(view.section), repr(view.sections), *(_link(a) for a in view.articles),
            *(_listed(a, inputs) for a in view.articles), repr(view.regions), repr(view.image),
            repr(None if view.pdf is None else (view.pdf.path, view.pdf.size)), _edition(view.issue, inputs)]


def _archive(view, inputs: KeyInputs) -> list[str]:
    parts = [repr((view.number, view.count, view.year_pages))]
    for group in view.years:
        parts.append(repr((group.year, group.continued)))
        for iv in group.issues:
            lead = [iv.lead_image.src] if iv.lead_image else []
            parts += [_issue_link(iv.issue), repr(iv.issue.sections), repr(iv.lead_image), _renditions(lead, inputs),
                      _bans(iv.issue, inputs)]
    return parts


def _people_index(view, inputs: KeyInputs) -> list[str]:
    return [repr(view.letters)]


def _person(view, inputs: KeyInputs) -> list[str]:
    parts = [repr((view.person, view.number, view.count, view.tallies, view.total))]
    for issue, items in view.groups:
        parts.append(_issue_link(issue))
        for item in items:
            photos = [image.src for image in item.photos if image.src]
            parts += [_link(item.article), repr((item.article.page, item.roles)), repr(issue.section(item.article.page)),
                      repr(item.photos), _renditions(photos, inputs)]
    return parts


def _gallery_items(items, inputs: KeyInputs) -> list[str]:
    parts = []
    for item in items:
        image: Image = item.image
        parts += [repr(image), _renditions([image.src], inputs), _link(item.article), _people(_named(item.article), inputs),
                  _issue_link(item.issue)]
    return parts


def _gallery(view, inputs: KeyInputs) -> list[str]:
    parts = [repr((view.number, view.count, view.total))]
    for group in view.groups:
        parts += [_issue_link(group.issue), repr(group.continued), *_gallery_items(group.items, inputs)]
    return parts


def _issue_gallery(view, inputs: KeyInputs) -> list[str]:
    return [_issue_link(view.issue), *_gallery_items(view.items, inputs)]


def _search(view, inputs: KeyInputs) -> list[str]:
    return [repr(view.shards)]


RECIPES = {
    Kind.ARTICLE: _article,
    Kind.ISSUE: _issue,
    Kind.BAN: _ban,
    Kind.ARCHIVE: _archive,
    Kind.PEOPLE: _people_index,
    Kind.PERSON: _person,
    Kind.GALLERY: _gallery,
    Kind.ISSUE_GALLERY: _issue_gallery,
    Kind.SEARCH: _search,
    # Kind.HOME and Kind.PAGE: the editors' own pages are in the menu and always rendered.
}


def search_keys(site, inputs: KeyInputs, salt: str, page_keys: Mapping[str, str] | None = None) -> dict[str, str]:
    """The key of each part of the search index (``views.SearchView``), from the keys of its
    article pages (``page_keys``, made for the page cache, else made here): they cover all that
    Pagefind reads of a page (its text and fields, its issue, 版 and place in the issue, the names
    of the people it names, its photos' renditions, its address) and more. ``salt``: our search
    code and Pagefind's version. A part whose key is unchanged is taken from the cache, so an edit
    in the newest year makes only that year's part again."""
    digests: dict[str, Any] = {}
    page_keys = page_keys or {}
    search = site.search().view
    for page in site:
        if page.kind is Kind.ARTICLE:
            part = search.part(page.date.year)
            if part not in digests:
                digests[part] = hashlib.sha256(f"{inputs.base}\0{salt}\0{part}".encode("utf-8"))
            digests[part].update((page_keys.get(page.src) or _key(page, inputs, _article)).encode("ascii") + b"\1")
    return {part: digest.hexdigest()[:24] for part, digest in sorted(digests.items())}
