"""Input lines → classified units: masthead, page header, column label, editor, byline,
jump line (下转第3版), heading, figure, or text with an optional lead or closing byline."""

from __future__ import annotations

import re

from . import furniture, masthead
from .bylines import parse_byline, split_lead, split_tail
from .headings import mark_section_headings
from .reflow import MD_HEADING, is_headline_like
from .structure import Line, Unit
from .wrapped import join_wrapped_bylines, mark_centred_names

# 下转第3版 / 转第3版 (continued on) and 上接第1版 / 接第1版 (continued from); a scan's OCR
# may read 转 as 传, 接 as 按, 版 as 板
_JUMP = re.compile(r"[(（]?\s*(下\s*[转传]|转|上\s*[接按]|接)\s*第?\s*([0-9一二三四五六七八九十]{1,3})\s*[版板]\s*[)）]?$")
# in brackets (which OCR may read as { or 【), 下 or 上 and one character before 第N版 is a jump
# line whatever that character was read as (下塌第2版), unless it is 期 (上期第3版 names an issue)
_JUMP_READ = re.compile(r"[(（{【\[]\s*([上下]\s*(?!期)[\u4e00-\u9fff])\s*第?\s*([0-9一二三四五六七八九十]{1,3})"
                        r"\s*[版板]\s*[)）}】\]]$")
_JUNK = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff]")  # not whitespace, never text


def _full_jump(text: str) -> re.Match | None:
    return _JUMP.fullmatch(text) or _JUMP_READ.fullmatch(text)


def is_jump_line(text: str) -> bool:
    """The whole line says where a story goes on or comes from: ``（下转第3版）``, ``上接第1版``."""
    return jump_of(text) is not None


def jump_of(text: str) -> tuple[str, int] | None:
    """("to" | "from", page) of a jump line, or None."""
    m = _full_jump(text.strip()) if len(text) <= 20 else None
    return _jump(m) if m else None


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of a plain-text file, with their line numbers and the blank
    lines before each."""
    lines: list[Line] = []
    gap = 0
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if not line:
            gap += 1
            continue
        m = MD_HEADING.match(line) if line[0] == "#" else None
        if m and m[2]:
            lines.append(Line(no, line, gap, level=len(m[1])))
        else:
            lines.append(Line(no, line, gap, indent=indent))
        gap = 0
    return lines


def clean(text: str) -> tuple[str, str, int]:
    """``text`` without control characters and BOMs left by an extraction, with full-width
    and no-break spaces made plain: (text, what was removed, line of the first removal)."""
    junk = _JUNK.search(text.lstrip("\ufeff"))
    junk_line = text.lstrip("\ufeff").count("\n", 0, junk.start()) + 1 if junk else 0
    removed = "".join(_JUNK.findall(text))
    text = _JUNK.sub("", text).replace("\u3000", " ").replace("\xa0", " ")
    return text, removed, junk_line


def make_units(lines: list[Line]) -> tuple[list[Unit], list[tuple[int, str]]]:
    """Classify every line; then decide which numbered lines are a report's section headings
    (with the decisions it was unsure of, as warnings)."""
    units: list[Unit] = []
    seen_body = False
    for line in lines:
        u = Unit(no=line.no, text=line.text, gap=line.gap, level=line.level, indent=line.indent)
        if line.level and not line.hint:
            m = MD_HEADING.match(line.text)
            if m and m[2]:
                u.text = m[2]
                u.markup.append(line.text[:m.start(2)] + line.text[m.end(2):])  # the #s
        _classify(u, line, before_first_article=not seen_body)
        seen_body = seen_body or (u.kind == "text" and not u.candidate)
        units.append(u)
    join_wrapped_bylines(units)
    mark_centred_names(units)
    furniture.mark_paper_name(units)
    return units, mark_section_headings(units)


def _classify(u: Unit, line: Line, before_first_article: bool) -> None:
    if line.hint == "furniture":
        u.kind = "furniture"
    elif line.hint == "module":  # (PDF) a new module starts: a story, a photo item, 短消息, text
        u.kind, u.value = "module", line.title
        return
    elif line.hint == "subhead":  # a PDF story's own section heading
        u.kind, u.body, u.sub, u.candidate, u.whole = "text", u.text, "h", True, True
        return
    elif line.hint in ("figure", "caption"):
        u.kind, u.body, u.picture, u.title = "figure", u.text, line.picture, line.title
        return  # its text is kept as a caption
    elif line.hint in ("para", "cont"):  # a paragraph of body text: only a byline or a jump line may end it
        _classify_body(u, line)
        return
    elif (label := masthead.section_label(u.text)) is not None:
        u.kind, u.value = "section", label
    elif u.level == 0 and (jump := _full_jump(u.text)):
        u.kind, u.value = "jump", _jump(jump)
    elif u.level == 0 and (page := masthead.page_marker(u.text)):
        u.kind, u.value = "page", page
    elif u.level == 0 and (info := masthead.masthead(u.text, before_first_article)):
        u.kind, u.value = "masthead", info
    elif u.level == 0 and (name := masthead.editor(u.text) or furniture.editor_line(u.text)):
        u.kind, u.value = "editor", name
    elif u.level == 0 and (furniture.editor_line(u.text) is not None or furniture.is_furniture(u.text, before_first_article)):
        u.kind = "furniture"  # 美编：陈晨, 主办：…, 准印证号, 印数, 第 7 页
    elif u.level == 0 and (byline := parse_byline(u.text)):
        u.kind, u.byline = "byline", byline
    else:
        _classify_text(u, whole=False)
        return
    u.markup.append(u.text)


def _classify_body(u: Unit, line: Line) -> None:
    if jump := _full_jump(u.text):
        u.kind, u.value = "jump", _jump(jump)
        u.markup.append(u.text)
    elif byline := parse_byline(u.text):
        u.kind, u.byline = "byline", byline
        u.markup.append(u.text)
    else:
        _classify_text(u, whole=True)
        u.cont = line.hint == "cont"


def _classify_text(u: Unit, whole: bool) -> None:
    u.kind = "heading" if u.level else "text"
    u.whole = whole
    body = u.text
    if u.level == 0:
        lead = split_lead(body)
        if lead:
            u.lead, rest, removed = lead
            if u.lead is not None:  # 本报讯 stays in the body, as new articles have it
                u.markup.append(removed[len("本报讯"):] if removed.startswith("本报讯") else removed)
                body = ("本报讯 " + rest) if removed.startswith("本报讯") else rest
        if (jump := _JUMP.search(body) or _JUMP_READ.search(body)) and jump.start() > 0:
            u.value = _jump(jump)
            u.markup.append(jump[0])
            body = body[: jump.start()].rstrip()
        body, u.byline = split_tail(body)
        if u.byline:
            u.markup.append(u.byline.text)
    u.body = body
    plain = not u.lead and not u.byline
    u.candidate = plain and bool(body) and not whole and (u.level > 0 or is_headline_like(body))


def _jump(m: re.Match) -> tuple[str, int]:
    """("to" | "from", page) of a jump line."""
    page = masthead.cn_number(m[2]) or 0
    return ("from" if m[1][0] in "上接" else "to"), page
