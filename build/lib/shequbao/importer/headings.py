"""Section headings of long documents (一、… （一）… 2013年…) versus lines cut mid-sentence.

Both have no final punctuation, so the line alone cannot tell. The context can:

- a heading starts a paragraph: the line before it ended a sentence (or was short, or was
  itself a heading or a headline);
- a heading is shorter than a full line: when the text was broken at a column width (most
  lines the same length), a numbered line as long as that width runs on into the next line;
- a heading is numbered (一、 （一） 1. 第一部分) or names a year (2013年, 2013年工作回顾,
  二〇一三年：…), is at most 50 characters, and has no 。or ；inside.

Lines too close to call are still decided, and reported for the editor to check.
"""

from __future__ import annotations

import re
from collections import Counter

from .reflow import CLAUSE_END, NUMBERED, TERMINAL, YEAR_HEADING, ends_sentence, squeeze
from .structure import Unit

HEADING_MAX = 50  # characters
FULL_SHARE = 0.9  # a line this close to the full width may be a cut sentence
_YEAR_START = re.compile(r"^(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})年度?")
_YEAR_SEPARATOR = re.compile(r"^[:：、\s·—\-]+")
_SKIPPED = ("page", "masthead", "editor", "furniture", "jump", "figure")


def section_kind(text: str) -> str:
    """year | 一 | (一) | 1 | 部分 for a line shaped like a section heading, else ""."""
    plain = squeeze(text)
    if not plain or len(plain) > HEADING_MAX or plain[-1] in TERMINAL or plain[-1] in CLAUSE_END:
        return ""
    if any(c in plain[:-1] for c in "。；;！？!?"):
        return ""
    if YEAR_HEADING.match(plain):
        return "year"
    stripped = text.strip()
    year = _YEAR_START.match(stripped)
    if year:
        after = stripped[year.end():]
        rest = squeeze(_YEAR_SEPARATOR.sub("", after))
        if not rest or (_YEAR_SEPARATOR.match(after) and len(rest) <= 30 and not any(c in rest for c in "，,")):
            return "year"
        return ""
    m = NUMBERED.match(plain)
    if not m:
        return ""
    head = m[0]
    if head.startswith(("(", "（")):
        return "(一)"
    if head.startswith("第"):
        return "部分"
    return "1" if head[:1].isdigit() else "一"


def full_width(units: list[Unit]) -> int | None:
    """The length of a full line when the text was broken at a column width, else None."""
    lengths = Counter(len(squeeze(u.body)) for u in units if u.kind == "text" and not u.level and not u.whole)
    lines = sum(n for length, n in lengths.items() if length >= 8)
    if lines < 20:
        return None
    width, _ = max(((length, lengths[length - 1] + lengths[length] + lengths[length + 1])
                    for length in lengths if length >= 8), key=lambda pair: (pair[1], pair[0]))
    near = lengths[width - 1] + lengths[width] + lengths[width + 1]
    return width if near >= 0.3 * lines else None


def mark_section_headings(units: list[Unit]) -> list[tuple[int, str]]:
    """Set ``sub`` on the units that are section headings; return the unsure decisions."""
    full = full_width(units)
    unsure: list[tuple[int, str]] = []
    prev: Unit | None = None
    for u in units:
        if u.kind in _SKIPPED:
            continue
        if u.kind in ("text", "heading") and not u.lead and not u.byline and not u.whole:
            kind = section_kind(u.body)
            if kind:
                _decide(u, kind, prev, full, unsure)
        prev = u
    return unsure


def _decide(u: Unit, kind: str, prev: Unit | None, full: int | None, unsure: list[tuple[int, str]]) -> None:
    length = len(squeeze(u.body))
    if not _starts_paragraph(prev, full):
        return  # the line before runs on into this one
    if full and length >= full - 1 and u.level == 0:
        if length <= full:
            unsure.append((u.no, f"“{u.body}”和整行一样长，当作了正文（句子接下一行），如是小标题请改为 ## 标题"))
        return
    u.sub, u.candidate = kind, True
    if full and length >= FULL_SHARE * full and u.level == 0:
        unsure.append((u.no, f"“{u.body}”几乎和整行一样长，当作了小标题，请核对是不是被截断的句子"))


def _starts_paragraph(prev: Unit | None, full: int | None) -> bool:
    if prev is None or prev.kind != "text" or prev.sub or prev.level:
        return True
    if ends_sentence(prev.body) or prev.candidate:
        return True
    return bool(full) and len(squeeze(prev.body)) < FULL_SHARE * full
