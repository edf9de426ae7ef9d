"""The issue an import goes into: read its ``issue.yml``, or work out a new one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content.reading import ReadError, parse_yaml, read_text
from . import textdates as dates
from .drafts import scalar
from .segment import Parsed

ISSUE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class UserError(Exception):
    """A problem the editor can fix; the message says how."""


@dataclass
class IssueFacts:
    number: int | None
    date: dt.date | None
    total: int | None = None
    pages: dict[int, str] = field(default_factory=dict)  # page → name
    editors: dict[int, str] = field(default_factory=dict)
    existing: bool = False  # issue.yml is there already and is left as it is
    archive: bool = False  # from a PDF: its pages are kept (original.pdf, original.yml), never laid out again
    notes: list[str] = field(default_factory=list)  # where each fact came from


def _load(path: Path) -> dict:
    try:
        data = parse_yaml(read_text(path)).data or {}  # the loader's own reading: its messages in Chinese
    except ReadError as exc:
        place = f"{path}:{exc.line}" if exc.line else str(path)
        raise UserError(f"{place}: 读不了这个 issue.yml（{exc.message}），请先修好它") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: issue.yml 应当是“键: 值”的格式，请先修好它")
    return data


def _date(value) -> dt.date | None:
    """issue.yml's date (the content reader keeps it a string, as the loader checks it itself)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def taken_numbers(content: Path, skip: Path) -> dict[int, str]:
    """期号 → folder name of every other issue under ``content/issues``."""
    taken: dict[int, str] = {}
    for yml in sorted((content / "issues").glob("*/issue.yml")):
        if yml.parent == skip:
            continue
        try:
            data = yaml.safe_load(yml.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("number"), int):
            taken.setdefault(data["number"], yml.parent.name)
    return taken


def next_free(taken: dict[int, str], after: int = 0) -> int:
    """The smallest issue number above ``after`` that no issue uses."""
    number = after + 1
    while number in taken:
        number += 1
    return number


def choose_number(number: int | None, found: int | None, taken: dict[int, str]) -> tuple[int, str]:
    """The issue number and where it came from; refuses a missing or taken one."""
    if number is not None:
        how = "来自 --number"
    elif found is not None:
        number, how = found, "来自报头的“第N期”"
    else:
        raise UserError(
            "文中没有找到期号（报头的“第N期”）。请看原报的报头，用 --number 写明这一期的期号"
            f"（{_free_text(taken)}）。"
        )
    if number in taken:
        raise UserError(
            f"期号 {number}（{how.removeprefix('来自')}）已经被 content/issues/{taken[number]} 用了。"
            f"请用 --number 写另一个期号，下一个没有用过的是 {next_free(taken, number)}；"
            f"如果就是那一期，请用 --issue {taken[number]} 导入到那里。"
        )
    return number, how


def _free_text(taken: dict[int, str]) -> str:
    if not taken:
        return "content/issues 里还没有别的期"
    return f"content/issues 里已用的期号是 {min(taken)}–{max(taken)}，最近一期之后没有用过的是 {next_free(taken, max(taken))}"


def plan(
    folder: Path,
    content: Path,
    parsed: Parsed,
    *,
    number: int | None,
    date: dt.date | None,
    year: int | None,
) -> IssueFacts:
    yml = folder / "issue.yml"
    if yml.is_file():
        data = _load(yml)
        issue_date = _date(data.get("date"))
        pages = {}
        for entry in data.get("pages") or ():
            if isinstance(entry, dict) and isinstance(entry.get("page"), int):
                pages[entry["page"]] = str(entry.get("name", ""))
        facts = IssueFacts(data.get("number"), issue_date, data.get("total"), pages, existing=True,
                           archive=parsed.unit == "页")
        facts.notes.append(f"期刊信息：沿用已有的 {yml}（不改写）")
        return facts

    facts = IssueFacts(number=None, date=None, total=parsed.total, existing=False, archive=parsed.unit == "页")
    facts.number, how = choose_number(number, parsed.number, taken_numbers(content, folder))
    facts.notes.append(f"期号 {facts.number}：{how}")

    if date is not None:
        facts.date, how = date, "来自 --date"
    elif parsed.date is not None:
        facts.date, how = parsed.date, "来自报头日期"
    else:
        found = next((a.date for a in parsed.articles if a.date), None)
        first = dates.resolve(found, year, None) if found else None
        if first is None:
            hint = "加上 --year（年份）" if found else "正文里没有“X月X日”"
            raise UserError(f"无法确定这一期的出版日期（{hint}）。请用 --date YYYY-MM-DD 指定。")
        facts.date, how = first, "由 --year 和正文第一个日期推定，出版日期通常更晚，请核对"
    facts.notes.append(f"出版日期 {facts.date.isoformat()}：{how}")
    if facts.total is not None:
        facts.notes.append(f"总期号 {facts.total}：来自报头的“总第N期”")
    facts.editors = dict(parsed.editors)
    if not facts.archive:
        facts.notes.append("issue.yml 写了 print: false：这一期先只上网站，不出印刷版；排好各版后删掉这一行")
    return facts


def add_pages(facts: IssueFacts, used: list[int], found: dict[int, str]) -> list[str]:
    """Give a new issue every page its drafts use, named as the text names it (or left
    empty for the editor); for an existing one, list the pages it lacks (the build would
    reject those drafts)."""
    missing = []
    for page in sorted(set(used)):
        if page in facts.pages:
            continue
        if facts.existing:
            missing.append(f"已有的 issue.yml 没有第{page}版，请在 pages 中加上 {{page: {page}, name: 版名}}")
        else:
            facts.pages[page] = found.get(page, "")
    return missing


WEB_ONLY = ("# 导入的期只上网站（print: false），不出印刷版：各版的稿件和版名排好后，删掉下面这一行再出印刷版",
            "print: false")
ARCHIVE = "# 从 PDF 导入的原报：数字报显示原报的版面，PDF 就是原报（见 original.yml），这一期不重新排版"


def render(facts: IssueFacts) -> str:
    """A new issue.yml: web-only (``print: false``) until an editor plans its 版, unless it keeps
    the pages of its original PDF (``original.yml``: its edition is the original); a 版 the
    text does not name is written without ``name`` (shown as 第N版)."""
    lines = [f"number: {facts.number}", f"date: {facts.date.isoformat()}"]
    if facts.total is not None:
        lines.append(f"total: {facts.total}")
    lines += [ARCHIVE] if facts.archive else WEB_ONLY
    lines.append("pages:")
    for page, name in sorted(facts.pages.items()):
        editor = facts.editors.get(page)
        fields = [f"page: {page}"] + ([f"name: {scalar(name)}"] if name else []) + ([f"editor: {scalar(editor)}"] if editor else [])
        lines.append(f"  - {{{', '.join(fields)}}}")
    return "\n".join(lines) + "\n"
