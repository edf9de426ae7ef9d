"""Checks of the fields of one YAML file (issue.yml, an article's front matter), each problem
with the file, line and field an editor looks for (knows nothing of MkDocs)."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from ..problems import Problem
from .dates import parse_date
from .reading import Document


class FieldChecker:
    """Collects problems for one file."""

    def __init__(self, problems: list[Problem], path: str, doc: Document | None = None):
        self.problems, self.path, self.doc = problems, path, doc

    def read(self, doc: Document) -> Document:
        """Take ``doc`` as this file's document, with the problems found reading it."""
        self.doc = doc
        for note in doc.problems:
            self.problems.append(Problem(self.path, note.line, note.field, note.message, note.severity))
        return doc

    def add(self, field: tuple | str, message: str, severity: str = "error") -> None:
        path = field if isinstance(field, tuple) else (field,) if field else ()
        line = self.doc.line(*path) if self.doc and path else None
        self.problems.append(Problem(self.path, line, _describe(path), message, severity))

    def unknown_fields(self, data: dict, allowed: tuple[str, ...], prefix: tuple = ()) -> None:
        for key in data:
            if key in allowed:
                continue
            guess = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"，是不是想写 {guess[0]}？" if guess else f"。可用的字段：{'、'.join(allowed)}"
            self.add(prefix + (str(key),), f"不认识的字段“{key}”{hint}")

    def text(self, data: dict, key: str, *, prefix: tuple = (), required: bool = False) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):  # a title of only spaces is empty too
            if required:
                self.add(prefix + (key,), "不能为空")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(prefix + (key,), f"应当是一行文字，这里是{kind_of(value)}")
            return ""
        return str(value).strip()

    def integer(self, data: dict, key: str, *, required: bool = False, prefix: tuple = ()) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(prefix + (key,), "缺少这个字段（写一个整数）")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(prefix + (key,), f"应当是正整数，例如 {key}: 1，这里是“{value}”")
            return None
        return value

    def date(self, data: dict, key: str, *, required: bool = False) -> dt.date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(key, "缺少日期，请写成 YYYY-MM-DD，例如 date: 2025-09-25")
            return None
        day, problem = parse_date(value)
        if problem:
            self.add(key, problem)
        return day


def kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "“字段: 值”的表"
    if isinstance(value, bool):
        return f"“{str(value).lower()}”"
    return f"“{value}”"


def _describe(path: tuple) -> str:
    """``("images", 0, "src")`` → ``images[1].src`` (counting from 1, as editors do)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
