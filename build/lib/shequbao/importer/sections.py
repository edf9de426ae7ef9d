"""``--split sections``: one article per top-level section of a long document (a work
report's years), for papers that publish them separately."""

from __future__ import annotations

import copy

from .structure import Article, Para, Parsed

TOP = 2  # Markdown level of a top-level section heading inside an article


def split_sections(parsed: Parsed) -> int:
    """Split every article with two or more top-level sections; the number of articles added.

    The document's own title becomes each part's 引题; the part before the first section
    (the preamble) stays with the document's title; deeper headings move up one level.
    """
    result: list[Article] = []
    added = 0
    for art in parsed.articles:
        parts = _parts(art)
        result.extend(parts)
        added += len(parts) - 1
    parsed.articles = result
    return added


def _parts(art: Article) -> list[Article]:
    starts = [i for i, p in enumerate(art.paras) if p.heading == TOP]
    if len(starts) < 2:
        return [art]
    preamble = art.paras[: starts[0]]
    parts = [art] if preamble else []
    bounds = starts + [len(art.paras)]
    for n, (start, end) in enumerate(zip(bounds, bounds[1:])):
        heading, paras = art.paras[start], art.paras[start + 1:end]
        part = copy.copy(art)
        part.paras = [_raise(p) for p in paras]
        part.photos = [] if (preamble or n) else art.photos
        part.title, part.kicker, part.subtitle = heading.text, art.title, ""
        part.title_generated = False
        part.line = heading.line
        part.warnings = []
        parts.append(part)
    if preamble:
        art.paras = preamble
    return parts


def _raise(para: Para) -> Para:
    if para.heading > TOP:
        return Para(para.text, para.line, heading=para.heading - 1)
    return para
