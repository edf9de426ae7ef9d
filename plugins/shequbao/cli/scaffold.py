"""Scaffolding for editors: the next issue's folder, a new article with every field explained.

Nothing here overwrites a file: an existing target is an error that says what to do.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..content.dates import LAST_YEAR, in_range, parse_date
from ..content.reading import ReadError, parse_yaml, read_text
from ..content.slugs import RESERVED_SLUGS, is_reserved, make_slug
from ..model import KINDS

TEMPLATES = Path(__file__).parents[1] / "skeletons"
SLUG_LENGTH = 40
DEFAULT_PAGES = ({"page": 1, "name": "要闻"}, {"page": 2, "name": "社区"})


class ScaffoldError(Exception):
    """A file could not be created; the message says why and what to do."""


@dataclass(frozen=True)
class IssueInfo:
    """What scaffolding needs to know of an existing issue (read from its issue.yml only)."""

    id: str
    number: int
    date: dt.date
    total: int | None
    pages: tuple[dict, ...]


def new_issue(content: Path, *, number: int | None = None, date: dt.date | None = None,
              today: dt.date | None = None) -> Path:
    """Create the next issue's folder with its ``issue.yml``; return the path written."""
    if number is not None and number < 1:
        raise ScaffoldError(f"期号应当是正整数，这里是 {number}：例如 --number 128")
    issues = read_issues(content)
    latest = issues[-1] if issues else None
    number = number or (latest.number + 1 if latest else 1)
    if any(i.number == number for i in issues):
        other = next(i for i in issues if i.number == number)
        raise ScaffoldError(f"第{number}期已经有了（issues/{other.id}/），请用 --number 写另一个期号")
    if date is None:
        try:
            date = next_date(issues, today or dt.date.today())
        except (ValueError, OverflowError):  # past the end of the calendar
            date = dt.date.max
    date, problem = in_range(date)
    if problem:
        raise ScaffoldError(f"新一期的出版日期超出了网站支持的范围（到 {LAST_YEAR} 年为止）：{problem}。"
                            "请用 --date 写明日期，例如 --date 2025-09-25")
    total = latest.total + (number - latest.number) if latest and latest.total else None
    folder = content / "issues" / _issue_id(latest, number, date, {i.id for i in issues})
    target = folder / "issue.yml"
    pages = latest.pages if latest else DEFAULT_PAGES
    text = _render("issue.yml.j2", number=number, date=date.isoformat(), total=total, pages=pages)
    _write_new(target, text)
    return target


def new_article(content: Path, title: str, *, issue: str | None = None, page: int = 1, kind: str = "news",
                draft: bool = False, **people: list[str]) -> Path:
    """Create a Markdown file for ``title`` in ``issue`` (default: the latest); return its path."""
    title = title.strip()
    if not title:
        raise ScaffoldError("标题不能为空，例如：./sqb new article \"垃圾分类新规实施首月\"")
    if kind not in KINDS:
        raise ScaffoldError(f"--kind 只能是 {'、'.join(KINDS)}")
    issues = read_issues(content)
    if not issues:
        raise ScaffoldError("还没有任何一期：先运行 ./sqb new issue")
    info = next((i for i in issues if i.id == issue), None) if issue else issues[-1]
    if info is None:
        raise ScaffoldError(f"没有 issues/{issue}/ 这一期，现有的期：{'、'.join(i.id for i in issues)}")
    if page not in {p.get("page") for p in info.pages}:
        have = "、".join(str(p.get("page")) for p in info.pages)
        raise ScaffoldError(f"第{info.number}期没有第{page}版（有：{have}），请改 --page，或先在 issue.yml 里加上这一版")
    slug = make_slug(title, max_length=SLUG_LENGTH) or "wen-zhang"
    if is_reserved(slug, article=True):
        raise ScaffoldError(f"标题“{title}”的文件名会是 {slug}.md，而“{slug}”是网站自己用的网址"
                            f"（{'、'.join(RESERVED_SLUGS)} 和纯数字留给期首页、图片页、第N版等）："
                            f"请换一个更完整的标题，例如“{title}通知”或“关于{title}”，没有写任何文件")
    target = content / "issues" / info.id / f"{slug}.md"
    text = _render("article.md.j2", title=title, kind=kind, page=page, issue_date=info.date.isoformat(),
                   draft=draft, **{role: people.get(role) or [] for role in
                                   ("authors", "reporters", "correspondents", "interns", "photographers")})
    _write_new(target, text)
    return target


def read_issues(content: Path) -> list[IssueInfo]:
    """Every issue with a readable issue.yml, oldest first."""
    found = []
    for yml in sorted((content / "issues").glob("*/issue.yml")):
        try:
            data = parse_yaml(read_text(yml)).data
            day, problem = parse_date(data["date"])
            if problem:
                raise ValueError(problem)
            found.append(IssueInfo(
                yml.parent.name, int(data["number"]), day,
                int(data["total"]) if data.get("total") else None,
                tuple(p for p in data.get("pages") or () if isinstance(p, dict)),
            ))
        except (ReadError, KeyError, TypeError, ValueError) as exc:
            raise ScaffoldError(f"{yml} 读不懂（{exc}）：先运行 ./sqb check 改正它") from None
    return sorted(found, key=lambda i: (i.date, i.number))


def next_date(issues: list[IssueInfo], today: dt.date) -> dt.date:
    """The next date in the paper's rhythm (monthly, every N days), or ``today`` if none shows."""
    if len(issues) < 2:
        return today
    last, before = issues[-1].date, issues[-2].date
    gap = (last - before).days
    if gap <= 0:
        return today
    if 28 <= gap <= 31:  # a monthly paper: same day next month
        year, month = (last.year + 1, 1) if last.month == 12 else (last.year, last.month + 1)
        return last.replace(year=year, month=month, day=min(last.day, calendar.monthrange(year, month)[1]))
    return last + dt.timedelta(days=gap)


def _issue_id(latest: IssueInfo | None, number: int, date: dt.date, taken: set[str]) -> str:
    """Name the folder like the latest issue's: ``2025-12``, ``2025-12-05`` or ``128``."""
    pattern = latest.id if latest else "0000-00"
    if re.fullmatch(r"\d+", pattern):
        candidates = [str(number)]
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", pattern):
        candidates = [date.isoformat()]
    else:
        candidates = [f"{date:%Y-%m}", date.isoformat()]
    for candidate in [*candidates, f"{date:%Y-%m}-{number}"]:
        if candidate not in taken:
            return candidate
    raise ScaffoldError(f"想不出一个没用过的文件夹名（试过 {'、'.join(candidates)}）")


def _write_new(target: Path, text: str) -> None:
    if target.exists():
        raise ScaffoldError(f"{target} 已经存在，没有覆盖它。请换一个标题，或先改名/删除已有的文件")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": never replace a file that appeared meanwhile
        out.write(text)


def render_template(template: str, /, **values) -> str:
    """A scaffold template (``skeletons/<template>``) filled in; ``| yaml`` quotes a value for YAML."""
    return _render(template, **values)


def _render(name: str, /, **values) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["yaml"] = _yaml_scalar
    return env.get_template(name).render(**values)


def _yaml_scalar(value) -> str:
    """``value`` as inline YAML that reads back the same (quoted when YAML needs it)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()
