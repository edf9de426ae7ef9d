"""Characters of a PDF page → runs: characters of one style on one baseline, side by side.

A run never crosses a column gutter (a gap wider than 0.8 em between two characters), so
the layout analysis can see the gutters. Styles: the font family without its subset
prefix, the size, and whether the face is bold (Bold, Heavy, Black, Semibold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

RUN_GAP = 0.8  # em: a wider gap between two characters ends the run
SPACE_GAP = 0.2  # em: a gap this wide between two characters reads as a space
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_BOLD = re.compile(r"Bold|Heavy|Black|Semibold|SemiBold|Demi|W[6-9]", re.I)


@dataclass(slots=True)
class Run:
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    bold: bool
    chars: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.chars)


def font_family(name: str) -> str:
    """``DFCEGX+Noto-Sans-CJK-SC-Bold`` → ``Noto-Sans-CJK-SC-Bold``."""
    return _SUBSET.sub("", name or "")


def is_bold(name: str) -> bool:
    return bool(_BOLD.search(name or ""))


def page_runs(chars: list[dict]) -> list[Run]:
    """The runs of one page, from pdfplumber's ``page.chars`` (upright text only)."""
    keyed = sorted(
        (c for c in chars if c.get("upright", True) and c["text"]),
        key=lambda c: (c["fontname"], round(c["size"], 1), round(c["bottom"], 1), c["x0"]),
    )
    runs: list[Run] = []
    cur: Run | None = None
    cur_key = None
    for c in keyed:
        size = round(c["size"], 1)
        key = (c["fontname"], size, round(c["bottom"], 1))
        gap = c["x0"] - cur.x1 if cur is not None else 0.0
        if cur is None or key != cur_key or gap > RUN_GAP * size or gap < -size:
            family = font_family(c["fontname"])
            cur = Run(c["x0"], c["x1"], c["top"], c["bottom"], size, family, is_bold(family))
            cur_key = key
            runs.append(cur)
        elif gap > SPACE_GAP * size and cur.chars[-1] != " " and c["text"] != " ":
            cur.chars.append(" ")
        cur.chars.append(c["text"])
        cur.x1 = max(cur.x1, c["x1"])
        cur.top, cur.bottom = min(cur.top, c["top"]), max(cur.bottom, c["bottom"])
    for run in runs:  # spaces at either end carry nothing
        while run.chars and run.chars[-1] == " ":
            run.chars.pop()
        while run.chars and run.chars[0] == " ":
            run.chars.pop(0)
    return [r for r in runs if r.chars]
