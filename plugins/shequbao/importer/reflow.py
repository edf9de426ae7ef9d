"""Line-level text rules: what ends a sentence, what looks like a headline, how broken
lines are joined again.

Extracted text mixes full-width and ASCII punctuation (``,`` for ``，``), so every rule
here accepts both.
"""

from __future__ import annotations

import re

# A paragraph that ends with one of these is complete; anything else was cut by a
# column or page break and continues in the next text line.
TERMINAL = "。！？!?…”’」』"
# Punctuation that ends a clause inside a sentence: never at the end of a headline.
CLAUSE_END = "，,、；;：:"
SENTENCE_INSIDE = "。；;"
COMMAS = "，,"

MD_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")

CN_NUM = "一二三四五六七八九十"
# Numbered section headings of reports: 一、  (一)  第一部分  1.  1、
NUMBERED = re.compile(
    rf"^(?:[{CN_NUM}]+、|[(（][{CN_NUM}]+[)）]|第[{CN_NUM}]+部分|\d{{1,2}}[、．.](?!\d))"
)
# Year headings of reports: "2019年", "2019年工作回顾", "二〇二〇年工作思路".
YEAR_HEADING = re.compile(
    r"^(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})年度?"
    r"(?:(?:的)?(?:主要|重点)?(?:工作)?(?:回顾|总结|计划|打算|思路|安排|要点|目标|展望|成效|"
    r"主要工作|重点工作|工作))?$"
)


def squeeze(text: str) -> str:
    """``text`` without any whitespace (for counting and comparing characters)."""
    return "".join(text.split())


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence, so the next text line starts a new paragraph."""
    text = text.rstrip()
    if not text:
        return True
    if text[-1] in TERMINAL:
        return True
    # "(……。)" or "(完)" style endings
    return text[-1] in ")）" and len(text) > 1 and text[-2] in TERMINAL


def is_headline_like(text: str, max_len: int = 40) -> bool:
    """True if ``text`` could be a headline line: short, and not a cut-off or finished
    sentence. Commas are allowed only in a question or exclamation headline and in a
    subheadline starting with ——."""
    text = text.strip()
    n = len(squeeze(text))
    if n < 2:
        return False
    if text.startswith("——"):
        return n <= 50 and text[-1] not in CLAUSE_END and not any(c in text for c in "。；;")
    if n > max_len:
        return False
    last = text[-1]
    if last in CLAUSE_END or last in "。…’":
        return False
    if any(c in text[:-1] for c in SENTENCE_INSIDE):
        return False
    if any(c in text for c in COMMAS):
        return last in "？！?!" and n <= 24
    if last in "？！?!":
        return n <= 24
    return True


