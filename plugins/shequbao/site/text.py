"""Every string the paper prints in more than one place: the web pages, the feeds, the
search index, the print edition and the importer's report all take their wording from here.

Nothing here knows MkDocs; the templates reach these through filters (``plugin.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..model import ROLES, Article, Image, Issue, Person

WEEKDAYS = "一二三四五六日"
KIND_LABELS = {"news": "消息", "brief": "短消息", "photo": "图片新闻", "notice": "通知"}
# How each byline role prints: ■薛明珠, 记者 陈玲, 陈凯庭 摄.
ROLE_PREFIX = {"authors": "■", "reporters": "记者 ", "correspondents": "通讯员 ", "interns": "实习生 ", "photographers": ""}
ROLE_SUFFIX = {"photographers": " 摄"}
# What a person did, on their own pages (作者 index, 记者 12 篇).
ROLE_NAMES = {"authors": "作者", "reporters": "记者", "correspondents": "通讯员", "interns": "实习生", "photographers": "摄"}
PHOTO_ROLE = "摄影"
EMPTY_SECTION = "本版暂无稿件"
INTERNAL_PUBLICATION = "内部资料 免费交流"  # a paper with no public CN number (mkdocs.yml: internal_publication)
ICP_URL = "https://beian.miit.gov.cn/"  # where an ICP 备案号 is looked up (the footer links there)
POLICE_RECORD_URL = "https://beian.mps.gov.cn/#/query/webSearch?code="  # + the record's digits
SUBTITLE_DASH = "——"


@dataclass(frozen=True)
class BylinePart:
    """One role of a byline: ``记者 陈玲 王晓峰``, ``■薛明珠`` or ``陈凯庭 摄``. ``names`` are the
    keys articles use (``张伟@平凉``); the printed names come from :func:`person_name`."""

    role: str
    names: tuple[str, ...]

    @property
    def prefix(self) -> str:
        return ROLE_PREFIX[self.role]

    @property
    def suffix(self) -> str:
        return ROLE_SUFFIX.get(self.role, "")

    def text(self, people: Mapping[str, Person]) -> str:
        return self.prefix + " ".join(person_name(key, people) for key in self.names) + self.suffix


def byline_parts(article: Article) -> tuple[BylinePart, ...]:
    """The roles of ``article``'s byline in the order Chinese papers print them."""
    return tuple(BylinePart(role, getattr(article, role)) for role in ROLES if getattr(article, role))


def byline_text(article: Article, people: Mapping[str, Person]) -> str:
    """``记者 陈玲 通讯员 张志举``, ``■薛明珠``, ``陈凯庭 摄``, with the names as the paper prints them."""
    return " ".join(part.text(people) for part in byline_parts(article))


def person_name(key: str, people: Mapping[str, Person]) -> str:
    """The printed name of a byline key: people.yml's ``name`` (``小钱@梧桐`` → 钱多多), else the
    key without its ``@`` qualifier (two people called 张伟: ``张伟@平凉`` prints 张伟)."""
    person = people.get(key)
    return person.name if person else key.split("@", 1)[0].strip()


def credit_text(image: Image, people: Mapping[str, Person]) -> str:
    """``孙涛 摄`` for a person; any other credit (``社区供图``, ``资料照片``) as the editor wrote it."""
    if image.credit_is_person:
        return f"{person_name(image.credit, people)} 摄"
    return image.credit


def format_date(day: dt.date, weekday: bool = False) -> str:
    """``2025年9月25日`` (``星期四`` appended when asked)."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text} 星期{WEEKDAYS[day.weekday()]}" if weekday else text


def issue_number(issue: Issue) -> str:
    """``第103期``."""
    return f"第{issue.number}期"


def issue_label(issue: Issue) -> str:
    """``第103期 · 国庆特刊`` (the special title when there is one)."""
    return issue_number(issue) + (f" · {issue.title}" if issue.title else "")


def total_label(issue: Issue) -> str:
    """``总第423期``, or "" when the issue has no total number."""
    return f"总第{issue.total}期" if issue.total else ""


def section_label(page: int) -> str:
    """``第2版``."""
    return f"第{page}版"


def section_title(page: int, name: str) -> str:
    """``第2版 社区``, or ``第2版`` for a 版 without a name (an imported issue not yet planned)."""
    return f"{section_label(page)} {name}".rstrip()


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def subtitle_text(subtitle: str) -> str:
    """The 副题 as printed: ``——平凉居民区…``, whether or not the editor typed the dash."""
    core = subtitle.strip().lstrip("—－-–").strip()
    return f"{SUBTITLE_DASH}{core}" if core else ""


def format_size(size: int) -> str:
    """A file's size as readers see it: ``1.2 MB``, ``850 KB``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def page_title(title: str, number: int = 1) -> str:
    """``往期``, ``往期（第2页）``: the title of one page of a paginated list."""
    return title + (f"（第{number}页）" if number > 1 else "")


def police_record_url(record: str) -> str:
    """The MPS look-up of a 公安备案号 (``沪公网安备31010402000001号`` → ``…?code=31010402000001``)."""
    digits = "".join(ch for ch in record if ch.isdigit())
    return POLICE_RECORD_URL + digits if digits else POLICE_RECORD_URL.split("#")[0]
