"""No text is lost without a word: every character of the input is in an article (headline,
body, caption, byline), in what the import reports removing (bylines, labels, page furniture),
or in the leftover text (``_leftover.md``) — which the report counts."""

from __future__ import annotations

from collections import Counter

from .reflow import squeeze
from .structure import Line, Para, Parsed

_PROBE = 10  # characters of a line looked for when the whole line is not found in one piece


def placed_text(parsed: Parsed) -> str:
    """Everything the import put somewhere, whitespace aside."""
    parts: list[str] = []
    for art in parsed.articles:
        parts += [h.text for h in art.heads] + [p.text for p in art.paras] + art.captions
        parts += [art.byline.text, art.byline.source]
    parts += [p.text for p in parsed.leftover] + parsed.markup
    return squeeze("".join(parts))


def account(lines: list[Line], parsed: Parsed) -> None:
    """Put every input line found nowhere into the leftover text, with a warning."""
    placed = placed_text(parsed)
    missing = Counter(squeeze("".join(line.text for line in lines))) - Counter(placed)
    if not missing:
        return
    lost = []
    for line in lines:
        text = squeeze(line.text)
        if text and text not in placed and text[:_PROBE] not in placed:
            lost.append(line)
            parsed.leftover.append(Para(line.text, line.no))
    if lost:
        where = "、".join(str(line.no) for line in lost[:20]) + ("等" if len(lost) > 20 else "")
        parsed.warnings.append((lost[0].no, f"第{where}{parsed.unit}的文字（{sum(len(squeeze(x.text)) for x in lost)} 字）"
                                            "没有放进任何稿件，已放入未归类文本，请核对"))


def leftover_chars(parsed: Parsed) -> int:
    """Characters (whitespace aside) of the leftover text: the number the report gives."""
    return sum(len(squeeze(p.text)) for p in parsed.leftover)
