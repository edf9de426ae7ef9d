"""Page furniture in a text import: lines printed around the articles, never an article.

    桂园社区报                                   the paper's name, above its masthead
    主办：桂园街道党工委   准印证号：（沪）0123      the masthead's small print
    责任编辑：王丽  美编：陈晨                     a 版's editors (the 责任编辑 goes to issue.yml)
    编印：…  印刷：…  印数：3000份                  the 报尾 of the last 版
    第 7 页  /  - 7 -  /  第7页 共8页               a page footer of a Word document
    报送：区委宣传部  …2025年11月20日印发（共印300份）  the distribution block closing a 简报

Masthead facts (第36期, 2012年7月25日) and page headers (第2版 社区) are read by ``masthead``.
"""

from __future__ import annotations

import re

from .structure import Unit

# Words of the masthead's and the 报尾's small print, each followed by a colon (or a space).
_STRONG = r"报送|抄送|抄报|准印证号?|内部资料(?:准印证)?|编印|承印|印数|国内统一刊号|刊号|邮发代号|内部资料，?免费交流"
_WEAK = r"主办(?:单位)?|协办|承办|主管|印刷|发行|发送对象|赠阅|编辑部|地址|电话|邮编|网址|投稿邮箱|电子邮箱|社长|总编辑|主编|副主编"
_STRONG_RE = re.compile(rf"(?:^|[\s“”\"])(?:{_STRONG})(?:[:：\s]|$)|\d日\s*印发|共印\s*\d+\s*份")
_WEAK_RE = re.compile(rf"(?:^|[\s“”\"])(?:{_WEAK})[:：]")
_FOOTER = re.compile(
    r"^(?:第\s*\d{1,3}\s*页(?:\s*[/／,，]?\s*共\s*\d{1,3}\s*页)?|[-—－]\s*\d{1,3}\s*[-—－]|\d{1,3}\s*/\s*\d{1,3}"
    r"|Page\s*\d{1,3}(?:\s*of\s*\d{1,3})?)$", re.IGNORECASE)
# 责任编辑：王丽 美编：陈晨 / 本版编辑 王丽 / (编辑：王丽) — every part a role and a name
_ROLE = r"责任编辑|本版责编|本版编辑|责编|编辑|美编|美术编辑|责任校对|校对|版式设计|版式|组版|排版|校审|审核|终审"
# a separator between the role and the name, unless the role is a long one (责任编辑王丽): 编辑部的故事 is a headline
# (or the next role: OCR loses the space in 责任编辑：王丽 美编：陈晨); a scan's OCR may read the colon
# as a semicolon (美编；陈晨): a role word is never followed by a clause
_EDITOR_PART = re.compile(rf"(?:(责任编辑|本版编辑|本版责编)|({_ROLE})(?=[:：;；/\s]))\s*[:：;；/]?\s*([\u3400-\u9fff]{{2,4}})"
                          rf"(?=$|[\s,，;；、/|]|(?:{_ROLE})[:：])")
# a scan's OCR may read the colon after such a word as a semicolon (地址；文化路8号, 编辑；…)
_COLON_MISREAD = re.compile(rf"((?:^|[\s“”\"])(?:{_STRONG}|{_WEAK}|{_ROLE}))[;；]")
_PAPER_NAME = re.compile(r"(?:报|之声|通讯|周刊|月刊)$")
_SENTENCE = re.compile(r"[。！？!?；;]")
_BY = re.compile(r"(?:主办|协办|承办|编印|主管)$")
_BLOCK = ("masthead", "furniture", "page")


def is_furniture(text: str, before_first_article: bool) -> bool:
    """The masthead's or the 报尾's small print, or a page footer."""
    text = _COLON_MISREAD.sub(r"\1：", text.strip())
    if _FOOTER.match(text):
        return True
    if len(text) > 90 or _SENTENCE.search(text):
        return False
    if _STRONG_RE.search(text):
        return True
    if before_first_article and _BY.search(text) and len(text) <= 40:  # 中共平凉路街道工作委员会主办
        return True
    return len(_WEAK_RE.findall(text)) >= (1 if before_first_article else 2)


def furniture_words(text: str) -> int:
    """How many words of the masthead's or the 报尾's small print (印数：, 主办：) ``text`` holds,
    none if it holds a sentence: a 报尾 set in one row may reach the reader in pieces (a
    scan's OCR reads the wide spaces between its parts as gaps)."""
    text = _COLON_MISREAD.sub(r"\1：", text.strip())
    if not is_phrase(text):
        return 0
    return len(_STRONG_RE.findall(text)) + len(_WEAK_RE.findall(text))


def is_phrase(text: str) -> bool:
    """Short and no sentence: what small print between the 报尾's words may be (平凉路街道文化路8号)."""
    return len(text) <= 90 and not _SENTENCE.search(_COLON_MISREAD.sub(r"\1：", text))


def editor_line(text: str) -> str | None:
    """The 责任编辑 of a line naming only a 版's editors (``""`` when it names none of them,
    only a 美编 or a 校对); ``None`` when the line is something else."""
    body = text.strip().strip("()（）[]【】")
    if not body or len(body) > 60:
        return None
    parts = list(_EDITOR_PART.finditer(body))
    rest = _EDITOR_PART.sub("", body)
    if not parts or re.sub(r"[\s,，;；、/|]", "", rest):
        return None
    return next((m[3] for m in parts if "编辑" in (m[1] or m[2]) or "责编" in (m[1] or m[2])), "")


def mark_paper_name(units: list[Unit]) -> None:
    """The paper's name printed above (or just below) its masthead: a short line before the
    first article, next to the masthead's facts or small print, is furniture too. Weak small
    print (印刷：…) next to furniture is furniture."""
    first = next((i for i, u in enumerate(units) if u.kind == "text" and not u.candidate and not u.lead), len(units))
    for i in range(first):  # the masthead is above the first article's text
        if units[i].kind in ("masthead", "furniture"):
            _name_lines_above(units, i)
        u, before, after = units[i], units[i - 1] if i > 0 else None, units[i + 1] if i + 1 < len(units) else None
        if not _short(u) or before is None or before.kind not in _BLOCK[:2]:
            continue
        if (after is not None and after.kind in _BLOCK[:2]) or (len(u.text) <= 8 and _PAPER_NAME.search(u.text)):
            _to_furniture(u)  # the name printed just below the masthead's facts
    for i, u in enumerate(units):
        near = [units[j] for j in (i - 1, i + 1) if 0 <= j < len(units)]
        if u.kind == "text" and _WEAK_RE.search(u.text) and not _SENTENCE.search(u.text) \
                and any(n.kind == "furniture" for n in near):
            _to_furniture(u)


def _short(u: Unit) -> bool:
    return u.kind in ("text", "heading") and u.candidate and not u.level and len("".join(u.text.split())) <= 24


def _name_lines_above(units: list[Unit], i: int) -> None:
    """Short lines from the top of the file (or from other furniture) down to the masthead's
    facts at ``i``: the paper's name, in Chinese and in pinyin (PINGLIANG SHEQU BAO)."""
    j = i - 1
    while j >= 0 and _short(units[j]):
        j -= 1
    if j < 0 or units[j].kind in _BLOCK:
        for k in range(j + 1, i):
            _to_furniture(units[k])


def _to_furniture(u: Unit) -> None:
    u.kind, u.candidate, u.body, u.byline = "furniture", False, "", None
    u.markup[:] = [u.text]
