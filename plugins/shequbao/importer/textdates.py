"""Dates in running text: ``7月2日``, ``2012年7月25日``, ``“9.13”``."""

from __future__ import annotations

import datetime as dt
import re

_FULL = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_QUOTED = re.compile(r"[“\"](\d{1,2})\.(\d{1,2})[”\"]")


def full_date(text: str) -> dt.date | None:
    """The first complete date (2012年7月25日) in ``text``."""
    for m in _FULL.finditer(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
    return None


def first_date(text: str) -> tuple[int | None, int, int] | None:
    """The first date naming a month and a day: ``(year or None, month, day)``."""
    found = []
    for pattern, has_year in ((_FULL, True), (_MONTH_DAY, False), (_QUOTED, False)):
        for m in pattern.finditer(text):
            g = m.groups()
            year, month, day = (int(g[0]), int(g[1]), int(g[2])) if has_year else (None, int(g[0]), int(g[1]))
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.append((m.start(), year, month, day))
                break
    if not found:
        return None
    _, year, month, day = min(found)
    return year, month, day


def resolve(found: tuple[int | None, int, int], year: int | None, issue_date: dt.date | None) -> dt.date | None:
    """Give a month-day a year: its own, ``--year``, or the issue's (a December date
    in a January issue belongs to the year before)."""
    y, month, day = found
    if y is None and year is None and issue_date is not None:
        y = issue_date.year - (1 if month > issue_date.month + 1 else 0)
    y = y or year
    if y is None:
        return None
    try:
        return dt.date(y, month, day)
    except ValueError:
        return None
