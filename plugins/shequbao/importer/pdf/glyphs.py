"""Characters of a PDF page → runs: characters of one style on one baseline, side by side.

A run never crosses a column gutter (a gap wider than 0.8 em between two characters), so
the layout analysis can see the gutters. Styles: the font family without its subset
prefix, the size, and whether the face is bold (Bold, Heavy, Black, Semibold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENING = "“‘（《〈「『【〔"
CLOSING = "，。、；：！？”’）》〉」』】〕"
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
    xs: list[float] = field(default_factory=list)  # where each character's box starts

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def split_at(self, x: float) -> tuple[Run | None, Run | None]:
        """The characters whose middle is left of ``x``, and the others (None for an empty side)."""
        cut = next((i for i, start in enumerate(self.xs) if start + _ink_middle(self.chars[i]) * self.size >= x),
                   len(self.xs))
        parts = []
        for chars, xs in ((self.chars[:cut], self.xs[:cut]), (self.chars[cut:], self.xs[cut:])):
            while chars and chars[-1] == " ":
                chars, xs = chars[:-1], xs[:-1]
            while chars and chars[0] == " ":
                chars, xs = chars[1:], xs[1:]
            if not chars:
                parts.append(None)
                continue
            x1 = self.x1 if xs[-1] == self.xs[-1] else xs[-1] + self.size
            parts.append(Run(xs[0], min(x1, self.x1), self.top, self.bottom, self.size, self.font, self.bold, chars, xs))
        return parts[0], parts[1]


def _ink_middle(char: str) -> float:
    """Where a character's mark stands in its box (em): a full-width closing bracket or
    comma in the left half, an opening one in the right half."""
    if char in CLOSING:
        return 0.25
    if char in OPENING:
        return 0.75
    return 0.5


def font_family(name: str) -> str:
    """``DFCEGX+Noto-Sans-CJK-SC-Bold`` → ``Noto-Sans-CJK-SC-Bold``."""
    return _SUBSET.sub("", name or "")


def is_bold(name: str) -> bool:
    return bool(_BOLD.search(name or ""))


INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u200c\u200d\ufeff\u00ad"))  # word joiners (our display lines), zero widths, soft hyphen


def page_runs(chars: list[dict]) -> list[Run]:
    """The runs of one page, from pdfplumber's ``page.chars`` (upright, visible text only)."""
    visible = ({**c, "text": c["text"].translate(INVISIBLE)} for c in chars)  # a glyph may map to "国\u2060"
    keyed = sorted(
        (c for c in visible if c.get("upright", True) and c["text"]),
        key=lambda c: (font_family(c["fontname"]), round(c["size"], 1), round(c["bottom"], 1), c["x0"]),
    )  # by family: subsets of one font (reportlab's digits and CJK) interleave on a line
    runs: list[Run] = []
    cur: Run | None = None
    cur_key = None
    for c in keyed:
        size = round(c["size"], 1)
        key = (font_family(c["fontname"]), size, round(c["bottom"], 1))
        gap = c["x0"] - cur.x1 if cur is not None else 0.0
        if cur is None or key != cur_key or gap > RUN_GAP * size or gap < -size:
            family = font_family(c["fontname"])
            cur = Run(c["x0"], c["x1"], c["top"], c["bottom"], size, family, is_bold(family))
            cur_key = key
            runs.append(cur)
        elif gap > SPACE_GAP * size and cur.chars[-1] != " " and c["text"] != " ":
            cur.chars.append(" ")
            cur.xs.append(cur.x1)
        cur.chars.append(c["text"])
        cur.xs.append(c["x0"])
        cur.x1 = max(cur.x1, c["x1"])
        cur.top, cur.bottom = min(cur.top, c["top"]), max(cur.bottom, c["bottom"])
    for run in runs:  # spaces at either end carry nothing
        while run.chars and run.chars[-1] == " ":
            run.chars.pop()
            run.xs.pop()
        while run.chars and run.chars[0] == " ":
            run.chars.pop(0)
            run.xs.pop(0)
        if run.xs:
            run.x0 = run.xs[0]
    return [r for r in runs if r.chars]


def open_quotes(text: str) -> str:
    """A headline's quotation whose opening mark a scan read as ” or ″ (a double prime): a ” or
    ″ with another ” after it and no “ between them opens it (重新”走下楼” → 重新“走下楼”); a
    ” closing a short word at its start with no “ before it had its “ there (两中心”推进 → “两中心”推进).
    A typeset headline has its marks right: unchanged."""
    chars = list(text)
    closing = set()  # (the closing marks of the quotations opened: 把”小事”办成”实事”)
    for i, char in enumerate(chars):
        if char not in "”″" or i in closing:
            continue
        rest = "".join(chars[i + 1:])
        close = rest.find("”")
        if close > 0 and "“" not in rest[:close]:
            chars[i] = "“"
            closing.add(i + 1 + close)
    text = "".join(chars)
    first = text.find("”")
    if 0 < first <= LOST_OPENING and "“" not in text[:first] and all(c.isalnum() for c in text[:first]):
        text = "“" + text  # (its opening mark at the headline's start lost: “两中心”推进作风建设)
    return text


LOST_OPENING = 8  # characters: a quoted word this short at a headline's start whose “ a scan lost
