"""校对 of the paper's articles: which text of a file is proofread, and its safe fixes.

Only the titles (``title``, ``kicker``, ``subtitle``) and the Markdown body are read; code,
HTML, link targets, URLs, e-mail addresses and entities are masked first, so the rules of
:mod:`.proofread` never see them. Every finding keeps the line and column of the file itself,
so a fix is a replacement in the file's own text (nothing else in it moves). Nothing here
writes a file: ``./sqb check --fix`` does, with :func:`fixed_text`.
"""

from __future__ import annotations

import re

from ..problems import Problem
from . import proofread as rules
from .proofread import MASK, Finding
from .reading import ReadError, parse_yaml

TITLE_FIELDS = ("title", "kicker", "subtitle")
_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_SPANS = re.compile(
    r"<!--.*?-->"  # HTML comments
    r"|`+[^`\n]*`+"  # inline code
    r"|</?[A-Za-z][^>\n]*>"  # HTML tags and <https://…> links
    r"|\]\([^)\n]*\)"  # a link's or a photo's target
    r"|!(?=\[)"  # the ! of a photo
    r"|(?:https?|ftp)://[^\s<>“”‘’，。、；：！？（）]+"  # URLs
    r"|www\.[A-Za-z0-9.-]+[^\s<>“”‘’，。、；：！？（）]*"
    r"|[\w.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+"  # e-mail addresses
    r"|&[A-Za-z0-9#]+;"  # entities
    r"|\{[:#.][^}\n]*\}",  # attribute lists
    re.DOTALL,
)
_WHOLE_LINES = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$"  # a link reference definition
                          r"|^ {0,3}([-*_])(?: *\1){2,} *$"  # a horizontal rule
                          r"|^[ |:-]*\|[ |:-]*-[ |:-]*$", re.MULTILINE)  # a table's separator row
_INDENTED_CODE = re.compile(r"(?<=\n\n)(?:(?:    |\t)[^\n]*(?:\n|$))+")


def findings(text: str) -> list[tuple[str, Finding]]:
    """``(field, finding)`` for every slip in an article's text (the whole file)."""
    found = []
    for field, masked in _title_texts(text):
        found.extend((field, f) for f in rules.proofread(masked, title=True))
    body = _body_text(text)
    if body is not None:
        found.extend(("正文", f) for f in rules.proofread(body))
    return sorted(found, key=lambda pair: (pair[1].line, pair[1].start))


def problems(rel: str, text: str) -> list[Problem]:
    """The slips of one article as warnings naming file, line and field."""
    result = []
    for field, item in findings(text):
        how = "（./sqb check --fix 可以自动改正）" if item.fixable else ""
        result.append(Problem(rel, item.line, field, f"校对：{item.message}。原文：{item.context}{how}", "warning"))
    return result


def fixed_text(text: str) -> tuple[str, list[Finding]]:
    """``text`` with every safe fix made (a few passes, as one fix may reveal another), and the
    fixes. A fix that would change what the front matter means (it would no longer read as
    the same YAML) is not made."""
    done: list[Finding] = []
    for _ in range(4):
        found = [(field, item) for field, item in findings(text) if item.fixable]
        safe = [item for _, item in found]
        fixed = rules.fix(text, safe)
        if not _same_front_matter(text, fixed):  # e.g. a title of full-width digits would read as a number
            safe = [item for field, item in found if field == "正文"]
            fixed = rules.fix(text, safe)
        if fixed == text:
            break
        done.extend(rules.applicable(safe))
        text = fixed
    return text, done


def _front_matter(text: str) -> tuple[int, int] | None:
    """Start and end (offsets) of the front matter between the two ``---`` lines."""
    opening = _BOUNDARY.match(text)
    closing = _BOUNDARY.search(text, opening.end() + 1) if opening else None
    return (opening.end(), closing.start()) if closing else None


def _title_texts(text: str):
    """Each title field as a text of its own, masked but for its value and laid out at the
    value's line and column in the file."""
    span = _front_matter(text)
    if span is None:
        return
    start, end = span
    for field in TITLE_FIELDS:
        match = re.compile(rf"^{field}:[ \t]+(\S[^\n]*)$", re.MULTILINE).search(text, start, end)
        if not match:
            continue
        value, col = match.group(1), match.start(1) - match.start()
        value = _plain_value(value)
        line = text.count("\n", 0, match.start())
        yield field, "\n" * line + MASK * col + value


def _plain_value(value: str) -> str:
    """A YAML value with its quotes and comment masked (a block or flow value: all masked)."""
    if value[0] in "'\"":
        closing = value.rfind(value[0])
        if closing <= 0:
            return MASK * len(value)
        return MASK + value[1:closing] + MASK * (len(value) - closing)
    if value[0] in "[{|>&*!%@`":
        return MASK * len(value)
    comment = re.search(r"[ \t]#", value)
    return value if comment is None else value[:comment.start()] + MASK * (len(value) - comment.start())


def _body_text(text: str) -> str | None:
    """The Markdown body with code, HTML, links and URLs masked, laid out at its lines."""
    span = _front_matter(text)
    if span is None:
        return None
    closing = _BOUNDARY.search(text, span[1])
    body_start = text.find("\n", closing.start())
    if body_start < 0:
        return None
    head, body = text[:body_start], text[body_start:]
    body = _mask_fences(body)
    for pattern in (_SPANS, _WHOLE_LINES, _INDENTED_CODE):
        body = pattern.sub(_masked, body)
    return "\n" * head.count("\n") + body


def _masked(match: re.Match) -> str:
    return re.sub(r"[^\n]", MASK, match.group())


def _mask_fences(body: str) -> str:
    lines, fence = body.split("\n"), ""
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence or opening:
            if opening and not fence:
                fence = opening.group(1)
            elif opening and opening.group(1).startswith(fence[:3]):
                fence = ""
            lines[number] = MASK * len(line)
    return "\n".join(lines)


def _same_front_matter(before: str, after: str) -> bool:
    """Whether the front matter of ``after`` still reads as YAML with the same fields, and the
    same values but for the titles."""
    spans = _front_matter(before), _front_matter(after)
    if None in spans:
        return False
    try:
        old, new = (parse_yaml(text[a:b]).data for text, (a, b) in zip((before, after), spans))
    except ReadError:
        return False
    if not isinstance(old, dict) or not isinstance(new, dict) or old.keys() != new.keys():
        return False
    return all(old[key] == new[key] or (key in TITLE_FIELDS and isinstance(new[key], str)) for key in old)


def article_files(content_dir) -> list[str]:
    """The articles of the paper (``issues/<期>/<稿>.md``, content-relative), found without
    following a link."""
    from .sources import scan_content

    listing = scan_content(content_dir)
    found = []
    for folder in listing.children("issues")[1]:
        found.extend(rel for rel in listing.children(folder)[0] if rel.endswith(".md") and "/." not in rel)
    return sorted(found)


def paper_problems(content_dir) -> list[Problem]:
    """The slips of every article of the paper, as warnings (a file that cannot be read is
    left to the loader, which names it)."""
    from .reading import read_text

    found = []
    for rel in article_files(content_dir):
        try:
            text = read_text(content_dir / rel)
        except ReadError:
            continue
        found.extend(problems(rel, text))
    return found
