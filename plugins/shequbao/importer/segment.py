"""Cut an issue into articles: lines → units (``units``) → articles (``segmenter``,
``handlers``) → finished articles (``finish``). The text reader and the PDF reader both
come in here with :class:`~.structure.Line` records. See ``docs/importing.md`` for the
rules as an editor sees them.
"""

from __future__ import annotations

from .accounting import account
from .polish import BRIEF_MAX, PHOTO_MAX, finish, working_title
from .segmenter import Segmenter
from .structure import Article, Line, Para, Parsed, Unit
from .units import clean, make_units, text_lines

__all__ = [
    "BRIEF_MAX", "PHOTO_MAX", "Article", "Para", "Parsed", "Unit", "finish", "segment", "segment_lines",
    "working_title",
]


def segment(text: str, page: int = 1) -> Parsed:
    """Cut plain ``text`` into articles; every article is finished (title, kind, captions)."""
    text, removed, junk_line = clean(text)
    parsed = segment_lines(text_lines(text), page)
    if removed:
        parsed.markup.append(removed)
        if removed.strip("\ufeff"):
            count = len(removed.replace("\ufeff", ""))
            parsed.warnings.append((junk_line, f"文中有 {count} 个看不见的控制字符，已删除"))
    return parsed


def segment_lines(lines: list[Line], page: int = 1, unit: str = "行") -> Parsed:
    """Cut classified-to-be ``lines`` (from either reader) into finished articles."""
    junk = 0
    for line in lines:  # no control character (NUL …) ever reaches a draft, whichever reader
        cleaned, removed, _ = clean(line.text)
        if removed.replace("\ufeff", ""):
            junk += len(removed.replace("\ufeff", ""))
            line.text = cleaned.strip()  # (a figure's line may have no text: it stays)
    units, unsure = make_units(lines)
    parsed = Segmenter(units, page).run()
    parsed.unit = unit
    parsed.warnings.extend(unsure)
    if junk:
        parsed.warnings.append((lines[0].no if lines else 1, f"文中有 {junk} 个看不见的控制字符，已删除"))
    kept = []
    for art in parsed.articles:
        if not art.paras and not art.photos:
            _to_leftover(parsed, art)
            continue
        finish(art)
        kept.append(art)
    parsed.articles = kept
    account(lines, parsed)
    parsed.warnings.sort(key=lambda w: w[0])
    return parsed


def _to_leftover(parsed: Parsed, art: Article) -> None:
    """An article with nothing under its headline: its lines go to the leftover text."""
    for h in art.heads:
        parsed.leftover.append(Para(h.text, h.no))
    if art.heads:
        parsed.warnings.append((art.line, f"标题“{art.heads[0].text}”后面没有正文，已放入未归类文本"))
    if art.byline.names or art.byline.source:
        parsed.leftover.append(Para(art.byline.text, art.line))
