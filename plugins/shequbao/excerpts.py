"""The first lines of an article, as plain text for indexes."""

from __future__ import annotations

import markdown
from markupsafe import Markup

EXCERPT_LENGTH = 90
_MARKDOWN = markdown.Markdown()  # one parser for every excerpt: building it costs more than converting


def make_excerpt(body: str, length: int = EXCERPT_LENGTH) -> str:
    """First text paragraph of a Markdown ``body``, tags stripped, cut at ``length`` characters."""
    for block in body.split("\n\n"):
        block = block.strip()
        if not block or block.startswith(("#", "!", "<", "|", "```", ">", "---")):
            continue
        text = Markup(_MARKDOWN.reset().convert(block)).striptags()
        if text:
            return text if len(text) <= length else text[:length].rstrip("，、；：,;: ") + "……"
    return ""
