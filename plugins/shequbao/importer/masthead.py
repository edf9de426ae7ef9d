"""Lines that describe the paper rather than an article: masthead (报头: 期号, 总期号,
出版日期), page headers (第2版 社区), column labels (短消息) and page editors."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import textdates as dates

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def cn_number(text: str) -> int | None:
    """``12`` / ``十二`` / ``二十一`` → int."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c not in "十百〇" for c in text):
        return None
    if "百" in text:  # 一百零二, 一百二十
        hundreds, _, rest = text.partition("百")
        if len(hundreds) != 1 or hundreds not in _CN_DIGITS:
            return None
        rest = rest.lstrip("零〇")
        low = cn_number(rest) if rest else 0
        return None if low is None else _CN_DIGITS[hundreds] * 100 + low
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return None
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None


_NUMBER = re.compile(r"(?<!总)第\s*(\d{1,4}|[一二三四五六七八九十百零〇]{1,7})\s*期")
_TOTAL = re.compile(r"总\s*第\s*(\d{1,5}|[一二三四五六七八九十百零〇]{1,7})\s*期")
_PAGE = re.compile(r"第\s*([0-9一二三四五六七八九十]{1,3})\s*版")
_WEEKDAY = re.compile(r"(?:星期|周)[一二三四五六日天]")
_DATE = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]")
_EDITOR = re.compile(r"^[(（]?(?:(?:本版|责任)编辑[:：\s]*|编辑[:：\s]+)([\u3400-\u9fff]{2,4})[)）]?$")  # not 编辑部的故事

# Column labels that open a run of short items (kind brief, or photo).
SECTION_LABELS = {
    "短消息": "brief", "简讯": "brief", "短讯": "brief", "快讯": "brief", "简报": "brief",
    "社区简讯": "brief", "新闻简讯": "brief", "社区短讯": "brief", "一句话新闻": "brief",
    "动态": "brief", "社区动态": "brief", "工作动态": "brief", "资讯": "brief",
    "图片新闻": "photo", "图片报道": "photo", "图说社区": "photo", "图片": "photo",
}


@dataclass
class Masthead:
    number: int | None = None
    total: int | None = None
    date: dt.date | None = None


def masthead(text: str, before_first_article: bool) -> Masthead | None:
    """Issue facts from a masthead or page-header line, or ``None``."""
    if len(text) > 60 or any(c in text for c in "。，,；;!！?？"):
        return None
    number, total, date = _NUMBER.search(text), _TOTAL.search(text), dates.full_date(text)
    if not (number or total or date):
        return None
    rest = _WEEKDAY.sub("", _NUMBER.sub("", _TOTAL.sub("", text)))
    rest = dates.without_dates(rest)
    rest = re.sub(r"农历\S{2,10}", "", rest)  # 农历壬辰年六月初七
    rest = _PAGE.sub("", rest)
    # A masthead is mostly these facts; a headline merely mentioning a date is not.
    if not (number or total) and not before_first_article and len("".join(rest.split())) > 6:
        return None
    if len("".join(rest.split())) > 20:
        return None
    return Masthead(
        number=cn_number(number[1]) if number else None,
        total=cn_number(total[1]) if total else None,
        date=date,
    )


def page_marker(text: str) -> tuple[int, str, dt.date | None] | None:
    """``第2版``, ``第2版 社区``, ``要闻 第1版``, ``第2版 · 社区 · 2025年9月25日`` →
    (page, name, date)."""
    m = _PAGE.search(text)
    if not m or len(text) > 30 or any(c in text for c in "。，,；;"):
        return None
    page = cn_number(m[1])
    if not page:
        return None
    rest = _DATE.sub(" ", _PAGE.sub(" ", text))
    words = [w for w in re.split(r"[\s:：·|/\-—■]+", rest) if w]
    words = [w for w in words if not dates.full_date(w) and not _WEEKDAY.fullmatch(w)
             and not _NUMBER.fullmatch(w) and not _TOTAL.fullmatch(w)]
    if len(words) > 2 or any(len(w) > 8 for w in words):
        return None
    return page, (words[-1] if words else ""), dates.full_date(text)


def section_label(text: str) -> str | None:
    """The kind of items under a column label like 短消息, or ``None``."""
    word = re.sub(r"[\s■□◆●▲【】\[\]<>《》]", "", text)
    return SECTION_LABELS.get(word)


def editor(text: str) -> str | None:
    m = _EDITOR.match(text.strip())
    return m[1] if m else None
