"""农历 dates for the masthead: ``农历癸卯年四月初二``."""

from __future__ import annotations

import datetime as dt

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
MONTHS = ("正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊")
DIGITS = "一二三四五六七八九十"


def lunar_date(day: dt.date) -> str:
    """The 农历 date of ``day`` (``农历癸卯年四月初二``), or "" when it is out of the library's range."""
    try:
        from lunardate import LunarDate

        lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    except (ImportError, ValueError, IndexError):
        return ""
    year = STEMS[(lunar.year - 4) % 10] + BRANCHES[(lunar.year - 4) % 12]
    month = ("闰" if lunar.is_leap_month else "") + MONTHS[lunar.month - 1]
    return f"农历{year}年{month}月{_day(lunar.day)}"


def _day(n: int) -> str:
    if n <= 10:
        return "初" + DIGITS[n - 1]
    if n < 20:
        return "十" + DIGITS[n - 11]
    if n == 20:
        return "二十"
    if n < 30:
        return "廿" + DIGITS[n - 21]
    return "三十"
