"""Content problems: every error names its place as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import total_ordering


@total_ordering
@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, found while loading it.

    ``path`` is relative to the content folder (``issues/128/foo.md``); ``line`` is
    1-based or ``None`` when unknown; ``field`` is the front-matter key or ``""``.
    """

    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # "error" fails the build; "warning" fails it only in strict mode

    def __lt__(self, other: "Problem") -> bool:
        # by file, then line (problems without a line first), field, message; never None < int
        return self._key() < other._key()

    def _key(self) -> tuple:
        return (self.path, self.line or 0, self.field, self.message, self.severity)

    def format(self, root: str = "") -> str:
        place = f"{root.rstrip('/')}/{self.path}" if root else self.path
        if self.line:
            place += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{place}:{field} {self.message}"


class ContentError(Exception):
    """The content has errors; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} 处内容错误")
