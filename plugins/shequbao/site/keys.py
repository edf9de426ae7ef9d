"""The key of every page: a hash of the site-wide inputs and of what its kind's recipe
(:mod:`.recipes`) says its HTML is made of, so an incremental build re-renders a page when, and
only when, something it shows has changed; and the keys of the search index's parts."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .kinds import KINDS, Kind
from .recipes import KeyInputs, article_recipe
from .registry import Page


def page_key(page: Page, inputs: KeyInputs) -> str | None:
    """The key of ``page``, or None when it must be rendered every time."""
    if page.src in inputs.uncacheable:
        return None
    recipe = KINDS[page.kind].recipe
    return _key(page, inputs, recipe) if recipe is not None else None


def _key(page: Page, inputs: KeyInputs, recipe) -> str:
    parts = [inputs.base, page.kind, page.src, page.url, page.title, str(page.date), *recipe(page.view, inputs)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


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
            digests[part].update((page_keys.get(page.src) or _key(page, inputs, article_recipe)).encode("ascii") + b"\1")
    return {part: digest.hexdigest()[:24] for part, digest in sorted(digests.items())}
