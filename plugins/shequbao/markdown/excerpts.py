"""The first lines of an article, as plain text for indexes."""

from __future__ import annotations

import re

import markdown
from markupsafe import Markup

from .typeset import is_salutation

EXCERPT_LENGTH = 90
_MARKDOWN = markdown.Markdown()  # one parser for every excerpt: building it costs more than converting
# A paragraph without these is its own text in Markdown: no parser needed (most news paragraphs).
_MARKUP = re.compile(r"[\\`*_\[\]<>&!#|=~]|^(?: {4}|\t|[-+]\s|\d+[.)]\s)", re.M)


def make_excerpt(body: str, length: int = EXCERPT_LENGTH) -> str:
    """First text paragraph of a Markdown ``body``, tags stripped, cut at ``length`` characters
    (a notice's or letter's salutation, ``各位居民：``, is not its first sentence)."""
    for block in body.split("\n\n"):
        block = block.strip()
        if not block or block.startswith(("#", "!", "<", "|", "```", ">", "---")):
            continue
        text = plain_text(block)
        if text and not is_salutation(text):
            return text if len(text) <= length else text[:length].rstrip("，、；：,;: ") + "……"
    return ""


def plain_text(block: str) -> str:
    """The text of one Markdown paragraph, as a reader sees it (spaces collapsed)."""
    if _MARKUP.search(block) is None:
        return " ".join(block.split())
    return Markup(_MARKDOWN.reset().convert(block)).striptags()
