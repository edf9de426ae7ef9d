"""Byline archives as data: 作者 (everyone) and one paginated page per person.

One pass over the archive collects every appearance; nothing is recounted per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..model import ROLES, Archive, Article, Image, Issue, Person
from .text import PHOTO_ROLE, ROLE_NAMES
from .views import paginate


@dataclass(frozen=True)
class Appearance:
    """One article a person worked on, with what they did (记者, 摄 …)."""

    article: Article
    issue: Issue
    roles: tuple[str, ...]
    photos: tuple[Image, ...]  # the article's photos that are theirs


@dataclass(frozen=True)
class Tally:
    """``记者 12 篇`` / ``摄影 3 幅``."""

    role: str
    count: int

    @property
    def unit(self) -> str:
        return "幅" if self.role == PHOTO_ROLE else "篇"


@dataclass(frozen=True)
class PersonPage:
    person: Person
    number: int
    count: int  # pages in all
    tallies: tuple[Tally, ...]
    total: int  # appearances in all
    groups: tuple[tuple[Issue, tuple[Appearance, ...]], ...]  # this page's items by issue, newest first

    @property
    def photos(self) -> tuple[tuple[Image, Article], ...]:
        return tuple((image, item.article) for _, items in self.groups for item in items for image in item.photos)


@dataclass(frozen=True)
class PeopleIndex:
    """作者: everyone, grouped by the initial of their pinyin."""

    letters: tuple[tuple[str, tuple[tuple[Person, tuple[Tally, ...]], ...]], ...]


def generate_people_pages(archive: Archive, per_page: int) -> tuple[PeopleIndex, tuple[PersonPage, ...]]:
    """The 作者 index and every person's pages."""
    appearances = _collect_appearances(archive)
    people = sorted((archive.people[key] for key in appearances), key=lambda p: (p.slug, p.key))
    tallies = {person.key: _tally(appearances[person.key]) for person in people}
    index = PeopleIndex(tuple(
        (letter.upper(), tuple((person, tallies[person.key]) for person in group))
        for letter, group in groupby(people, key=lambda p: p.slug[:1])
    ))
    pages = []
    for person in people:
        items = appearances[person.key]
        chunks = paginate(items, per_page)
        for number, chunk in enumerate(chunks, 1):
            groups = tuple(
                (group[0].issue, tuple(group))
                for group in (list(g) for _, g in groupby(chunk, key=lambda a: a.issue.id))
            )
            pages.append(PersonPage(person, number, len(chunks), tallies[person.key], len(items), groups))
    return index, tuple(pages)


def _collect_appearances(archive: Archive) -> dict[str, list[Appearance]]:
    found: dict[str, list[Appearance]] = {}
    for issue in archive.issues:  # newest first, articles in print order
        for article in issue.articles:
            roles: dict[str, list[str]] = {}
            for role in ROLES:
                for key in getattr(article, role):
                    roles.setdefault(key, []).append(ROLE_NAMES[role])
            photos: dict[str, list[Image]] = {}
            for image in article.images:
                owners = [image.credit] if image.credit_is_person else list(article.photographers)
                for key in owners:
                    photos.setdefault(key, []).append(image)
                    if "摄" not in roles.setdefault(key, []):
                        roles[key].append("摄")
            for key, labels in roles.items():
                found.setdefault(key, []).append(Appearance(article, issue, tuple(labels), tuple(photos.get(key, ()))))
    return found


def _tally(items: list[Appearance]) -> tuple[Tally, ...]:
    counts: dict[str, int] = {}
    for item in items:
        for label in item.roles:
            if label != "摄":
                counts[label] = counts.get(label, 0) + 1
        if item.photos:
            counts[PHOTO_ROLE] = counts.get(PHOTO_ROLE, 0) + len(item.photos)
        elif "摄" in item.roles:  # a photographer's byline on an item without a published photo
            counts[PHOTO_ROLE] = counts.get(PHOTO_ROLE, 0) + 1
    order = [*(name for role, name in ROLE_NAMES.items() if role != "photographers"), PHOTO_ROLE]
    return tuple(Tally(role, counts[role]) for role in order if role in counts)
