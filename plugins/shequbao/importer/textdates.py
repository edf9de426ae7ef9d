"""Dates in running text: ``7月2日``, ``2012年7月25日``, ``“9.13”``."""

from __future__ import annotations

import datetime as dt
import re

_FULL = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_QUOTED = re.compile(r"[“\"](\d{1,2})\.(\d{1,2})[”\"]")
# a masthead's date in Chinese numerals: 二〇一二年七月二十五日
_CN_FULL = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*[日号]")
_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def _cn_small(text: str) -> int:
    """``七`` / ``十二`` / ``二十五`` → int (0 when it is no number up to 39)."""
    tens, mark, ones = text.partition("十")
    if not mark:
        return _CN.get(text, 0) if len(text) == 1 else 0
    return (_CN.get(tens, 0) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)


def full_date(text: str) -> dt.date | None:
    """The first complete date (2012年7月25日, 二〇一二年七月二十五日) in ``text``."""
    found = [(m.start(), int(m[1]), int(m[2]), int(m[3])) for m in _FULL.finditer(text)]
    found += [(m.start(), int("".join(str(_CN[c]) for c in m[1])), _cn_small(m[2]), _cn_small(m[3]))
              for m in _CN_FULL.finditer(text)]
    for _, year, month, day in sorted(found):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def without_dates(text: str) -> str:
    """``text`` with its complete dates taken out (what else a masthead line says)."""
    return _CN_FULL.sub("", _FULL.sub("", text))


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
