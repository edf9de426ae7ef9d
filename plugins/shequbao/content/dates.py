"""Dates as editors write them: strictly ``YYYY-MM-DD``, within the years the paper and its
农历 (lunardate) support, with a suggestion when the intent is clear (``2025/11/3`` →
``是不是 2025-11-03？``). Used by the loader (issue.yml, articles) and the ``shequbao`` command."""

from __future__ import annotations

import datetime as dt
import re

FIRST_YEAR, LAST_YEAR = 1949, 2099  # lunardate knows 1900–2099; no community paper is older than 1949
EXAMPLE = "2025-09-25"
_STRICT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE = (  # (pattern, groups are year, month, day)
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: object) -> tuple[dt.date | None, str]:
    """``(date, "")`` for a valid ``YYYY-MM-DD`` in range, else ``(None, message)``; the message
    says what to write (with a suggestion when the intent is clear)."""
    text = str(value).strip()
    match = _STRICT.match(text)
    if match is None:
        suggestion = _suggest(text)
        hint = f"，是不是 {suggestion}？" if suggestion else f"，例如 {EXAMPLE}"
        return None, f"“{text}”不是有效日期，请写成 YYYY-MM-DD（年-月-日，月和日都写两位）{hint}"
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None, f"“{text}”不是有效日期，请写成 YYYY-MM-DD，例如 {EXAMPLE}"  # this month has no such day
    return in_range(day, text)


def in_range(day: dt.date, text: str = "") -> tuple[dt.date | None, str]:
    """``(day, "")`` when ``day`` is between FIRST_YEAR and LAST_YEAR, else ``(None, message)``."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return day, ""
    return None, (f"“{text or day.isoformat()}”的年份 {day.year} 不在 {FIRST_YEAR}–{LAST_YEAR} 年之间，"
                  "请检查是不是写错了年份")


def _suggest(text: str) -> str:
    for pattern in _LOOSE:
        match = pattern.match(text)
        if match:
            try:
                day = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return ""
            return day.isoformat() if FIRST_YEAR <= day.year <= LAST_YEAR else ""
    return ""
