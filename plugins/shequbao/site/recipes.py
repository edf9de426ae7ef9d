"""What a page's HTML is made of, one recipe per kind of page (the kinds: :mod:`.kinds`).

A page's HTML depends on the site-wide inputs (``KeyInputs.base``: mkdocs.yml, the menu, the
plugin's options, our code and templates, the paper's overrides, the versions of MkDocs,
Material, Markdown, nh3 and the other libraries that render) and on what the page itself shows:
its source, its issue's data, its neighbours' titles and addresses, the names and slugs of the
people it names, its photos' renditions, the print edition's files it links. Each recipe lists
those by name, in the same words as the view that feeds the template (``views.py``,
``gallery.py``, ``people.py``, ``epaper.py``), and every value is written out by its named
fields (:func:`stable`), never by ``repr()``. When in doubt a recipe takes more, never less: a
needless re-render costs milliseconds, a missing input publishes a stale page
(``tests/test_recipes.py`` checks what each template reads against its recipe).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from ..model import ROLES, Article, Image, Issue


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


def stable(value: Any) -> str:
    """``value`` as text for a key, made of its named fields: a dataclass by every one of its
    fields (``repr=False`` or not) except those :data:`SKIPPED` names, a date by its ISO form."""
    if is_dataclass(value) and not isinstance(value, type):
        skipped = SKIPPED.get(type(value).__name__, ())
        inner = ", ".join(f"{f.name}={stable(getattr(value, f.name))}" for f in fields(value) if f.name not in skipped)
        return f"{type(value).__name__}({inner})"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{stable(k)}: {stable(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, (dt.date, Path)):
        return str(value)
    return repr(value)  # str, int, float, bool, None, an enum


# Fields left out of :func:`stable`, each for a reason: what a page shows of them is in its recipe
# through another part, or they are not shown at all.
SKIPPED = {
    "Issue": ("articles",),  # the pages that list an issue's articles take each through _listed or _link
    "Rendition": ("file",),  # where the cache keeps a rendition: never in a page (its URL is)
}


def _once(inputs: KeyInputs, what: str, thing: Any, make) -> str:
    """``make(thing)``, made once a build for each ``thing`` (an issue is part of 20 articles' keys;
    a photo's name shows on five kinds of page)."""
    key = (what, thing if isinstance(thing, str) else id(thing))
    if key not in inputs.made:
        inputs.made[key] = (thing, make(thing))  # the thing is held, so its id is not reused
    return inputs.made[key][1]


# -- what a recipe reads -----------------------------------------------------------------


def _people(keys, inputs: KeyInputs) -> str:
    """The printed names and page slugs of the people named (a people.yml edit changes them)."""
    return stable([(key, inputs.people.get(key)) for key in keys])


def _named(article: Article) -> list[str]:
    keys = [key for role in ROLES for key in getattr(article, role)]
    return keys + [image.credit for image in article.images if image.credit_is_person]


def _renditions(srcs, inputs: KeyInputs) -> str:
    return "[" + ", ".join(_rendition(src, inputs) for src in srcs) + "]"


def _rendition(src: str, inputs: KeyInputs) -> str:
    """One photo's renditions."""
    return _once(inputs, "photo", src, lambda src: stable((src, inputs.images.get(src) if inputs.images is not None else None)))


LISTED = [f.name for f in fields(Article) if f.name != "digest"]  # what lists show of an article: not its text


def _listed(article: Article, inputs: KeyInputs) -> str:
    """An article as a list shows it: its fields (title, excerpt, byline, photos …, not the rest
    of its text), its people, its photos."""
    return _once(inputs, "listed", article, lambda article: "|".join((
        stable([getattr(article, name) for name in LISTED]), _people(_named(article), inputs),
        _renditions([image.src for image in article.images if image.src], inputs))))


def _link(article: Article | None) -> str:
    """An article as a link to it: its address and title."""
    return stable(None if article is None else (article.src, article.slug, article.display_title, article.draft))


def _issue_fields(issue: Issue, inputs: KeyInputs) -> str:
    """An issue as its pages show it: 期号, date, 总期号, title, its 版 (not its articles)."""
    return _once(inputs, "issue", issue, stable)


def _edition(issue: Issue, inputs: KeyInputs) -> str:
    edition = inputs.editions.get(issue.id)
    return stable(None if edition is None else (edition.size, edition.path, edition.original))


def _position(view) -> str:
    """An article's place in its issue (the search index sorts by it: search-meta.html), which
    moves when a story is added or removed before it, even on another 版."""
    return str(view.issue.articles.index(view.article))


def _issue_link(issue: Issue | None) -> str:
    return stable(None if issue is None else (issue.id, issue.number, issue.date, issue.title, issue.total))


# -- one recipe per kind (kinds.KINDS names which) -----------------------------------------------------------------


def article_recipe(view, inputs: KeyInputs) -> list[str]:
    article = view.article
    has_photos = any(image.src for other in view.issue.articles for image in other.images)  # the 本期图片 link
    return [article.digest, _listed(article, inputs), _issue_fields(view.issue, inputs), stable(view.section),
            _position(view), _link(view.previous), _link(view.next),
            _renditions(inputs.photos_of.get(article.src, ()), inputs), stable(has_photos), _byline(view.byline),
            *(_link(other) + other.kind for other in view.same_page),  # the side column: this 版's other stories
            _bans(view.issue, inputs), _printed(view, inputs)]


def _printed(view, inputs: KeyInputs) -> str:
    """Where the print edition set an article (the 版 thumbnails with its regions marked)."""
    edition = inputs.editions.get(view.issue.id)
    return stable(None if edition is None else edition.rects.get(view.article.src))


def _byline(parts) -> str:
    """The byline as printed: each role and its names (a person's page address comes with _people)."""
    return stable([(part.role, part.names) for part in parts])


def issue_recipe(view, inputs: KeyInputs) -> list[str]:
    issue = view.issue
    listed = [_listed(a, inputs) for sv in view.sections for a in (*sv.stories, *sv.photos, *sv.briefs)]
    slots = [(slot.article.src if slot.article else None, [brief.src for brief in slot.briefs])
             for sv in view.sections for slot in sv.slots]  # the print order of each 版's stories and 短消息 box
    return [_issue_fields(issue, inputs), *listed, stable(slots), stable(view.lead_image), _renditions([view.lead_image.src] if view.lead_image else [], inputs),
            _issue_link(view.previous), _issue_link(view.next), _edition(issue, inputs), _bans(issue, inputs)]


def _bans(issue: Issue, inputs: KeyInputs) -> str:
    """The print edition's page images an issue shows (its 版 as thumbnails)."""
    edition = inputs.editions.get(issue.id)
    return stable(None if edition is None else (edition.version, edition.image_sizes))


def ban_recipe(view, inputs: KeyInputs) -> list[str]:
    return [_issue_fields(view.issue, inputs), stable(view.section), stable(view.sections), *(_link(a) for a in view.articles),
            *(_listed(a, inputs) for a in view.articles), stable(view.regions), stable(view.image),
            stable(None if view.pdf is None else (view.pdf.path, view.pdf.size)), _edition(view.issue, inputs),
            *(stable(None if turn is None else (_issue_link(turn.issue), turn.section)) for turn in (view.older, view.newer))]


def archive_recipe(view, inputs: KeyInputs) -> list[str]:
    parts = [stable((view.number, view.count, view.year_pages))]
    for group in view.years:
        parts.append(stable((group.year, group.continued, group.months)))
        for iv in group.issues:
            lead = [iv.lead_image.src] if iv.lead_image else []
            parts += [_issue_link(iv.issue), stable(iv.issue.sections), stable(iv.lead_image), _renditions(lead, inputs),
                      _bans(iv.issue, inputs)]
    return parts


def people_recipe(view, inputs: KeyInputs) -> list[str]:
    return [stable(view.letters)]


def person_recipe(view, inputs: KeyInputs) -> list[str]:
    parts = [stable((view.person, view.number, view.count, view.tallies, view.total))]
    for issue, items in view.groups:
        parts.append(_issue_link(issue))
        for item in items:
            photos = [image.src for image in item.photos if image.src]
            parts += [_link(item.article), stable((item.article.page, item.roles)), stable(issue.section(item.article.page)),
                      stable(item.photos), _renditions(photos, inputs)]
    return parts


def _gallery_items(items, inputs: KeyInputs) -> list[str]:
    parts = []
    for item in items:
        image: Image = item.image
        parts += [stable(image), _renditions([image.src], inputs), _link(item.article), _people(_named(item.article), inputs),
                  _issue_link(item.issue)]
    return parts


def gallery_recipe(view, inputs: KeyInputs) -> list[str]:
    parts = [stable((view.number, view.count, view.total))]
    for group in view.groups:
        parts += [_issue_link(group.issue), stable(group.continued), *_gallery_items(group.items, inputs)]
    return parts


def issue_gallery_recipe(view, inputs: KeyInputs) -> list[str]:
    return [_issue_link(view.issue), *_gallery_items(view.items, inputs)]


def search_recipe(view, inputs: KeyInputs) -> list[str]:
    return [stable(view.parts)]


def wechat_recipe(view, inputs: KeyInputs) -> list[str]:
    """The 公众号 edition: every article's whole text, fields, people and photos (front matter and text)."""
    return [_issue_fields(view.issue, inputs), stable(view.article is None),
            *(article.digest + _listed(article, inputs) + _renditions(inputs.photos_of.get(article.src, ()), inputs)
              for article in view.articles)]
