"""Pinyin URL slugs: ``垃圾分类`` → ``la-ji-fen-lei``, ``陈玲`` → ``chen-ling``."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin
from slugify import slugify as _slugify

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def make_slug(text: str, max_length: int = 60) -> str:
    """Return a lower-case, hyphenated pinyin slug for ``text`` (one syllable per character)."""
    return _slugify(" ".join(lazy_pinyin(text)), max_length=max_length, word_boundary=True)


def is_slug(text: str) -> bool:
    """True if ``text`` can stand in a URL as it is."""
    return bool(_SLUG.match(text))
