"""What the editor should check after an import, each with its file and line (or page)."""

from __future__ import annotations

from .drafts import LEFTOVER, Draft
from .structure import Parsed


def collect(parsed: Parsed, drafts: list[Draft], year_missing: bool) -> list[tuple[int, str]]:
    """Every point to check, as (line, message), in the order of the input."""
    found = list(parsed.warnings)
    if parsed.leftover:
        lines = "、".join(str(p.line) for p in parsed.leftover[:20])
        more = "等" if len(parsed.leftover) > 20 else ""
        found.append((parsed.leftover[0].line,
                      f"第{lines}{parsed.unit}{more}的文字没能归入任何稿件，放在了 {LEFTOVER}，请手工处理"))
    for d in drafts:
        art = d.article
        if art is None:
            continue
        found += [(line, f"{d.name}：{msg}") for line, msg in art.warnings]
        if art.byline.unsure:
            names = "、".join(art.byline.unsure)
            found.append((art.line, f"{d.name}：署名“{names}”没有写身份（记者、通讯员…），记为作者 authors，请核对"))
    if year_missing:
        first = next((d.article.line for d in drafts if d.article is not None and d.article.date), 1)
        found.append((first, "文中日期缺年份：请用 --year 指定，日期才能写入稿件"))
    found.sort(key=lambda w: w[0])
    return found


def place(file: str, unit: str, line: int) -> str:
    """``2012-07.txt:35`` or ``2012-07.pdf:第3页``."""
    return f"{file}:{line}" if unit == "行" else f"{file}:第{line}{unit}"
