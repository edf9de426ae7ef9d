"""The editors' own pages at the top of ``content/`` (``index.md``, ``about.md`` …), checked
like articles, and the checks of a Markdown body that every page shares (how deep lists and
quotes may nest)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ..problems import Problem
from .reading import Document, ReadError, body_notes, clean_body, read_text, split_front_matter
from .sources import Listing

PAGE_FIELDS = ("title", "description", "template", "hide", "icon", "status", "subtitle", "search", "tags")  # MkDocs and Material
# Names of the site's own pages and folders: a page of the editors' own may not take them.
TAKEN_NAMES = ("search", "issues", "people", "gallery", "feed", "pagefind", "assets", "page", "sitemap", "404")
MAX_NESTING = 12  # levels of lists and quotes in a body (a newspaper article uses two or three)
INDENT = 4  # columns per level of a nested list in Python-Markdown
MARKUP_BUDGET = 200_000  # characters × “[”/“~~” in one paragraph (a real one: 2,000 × 10; 50 links: 3,000 × 50)
_QUOTES = re.compile(r"^(?:[ \t]*>)+")
_MARKER = r"(?:[-*+]|\d{1,9}[.)])[ \t]+"  # one list marker and the spaces after it
_MARKERS = re.compile(rf"^(?:{_MARKER})+")  # markers opening lists one inside the other on one line


def load_static_pages(content_dir: Path, listing: Listing, problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """``(src, title)`` of every page at the top of the content folder; their problems (front
    matter, fields, bodies) are added to ``problems``."""
    pages = []
    for rel in listing.children("")[0]:
        if not rel.endswith(".md"):
            continue
        if rel.startswith("."):
            problems.append(Problem(rel, None, "", f"文件名“{rel}”以点开头，是隐藏文件，网站不会发布它：请去掉开头的点"))
            continue
        if rel[:-3] in TAKEN_NAMES:
            problems.append(Problem(rel, None, "", f"“{rel}”和网站自己的网址 /{rel[:-3]}/ 重名，请给这一页换个文件名"))
            continue
        title = _load_page(content_dir / rel, rel, problems)
        if title is not None:
            pages.append((rel, title))
    return tuple(pages)


def _load_page(path: Path, rel: str, problems: list[Problem]) -> str | None:
    try:
        text = read_text(path)
        if text.startswith("---"):
            doc, body, body_line = split_front_matter(text)
        else:  # no front matter: the whole file is the body
            doc, body, body_line = Document(None, {}, body_notes(text)), clean_body(text), 1
    except ReadError as exc:
        problems.append(Problem(rel, exc.line, exc.field, exc.message))
        return None
    problems.extend(Problem(rel, n.line, n.field, n.message, n.severity) for n in doc.problems)
    problems.extend(body_problems(rel, body, body_line))
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        problems.append(Problem(rel, 1, "", "front matter 应当是“字段: 值”的形式，例如 title: 关于本报"))
        return None
    for key in data:
        if key not in PAGE_FIELDS:
            guess = difflib.get_close_matches(str(key), PAGE_FIELDS, n=1, cutoff=0.6)
            hint = f"，是不是想写 {guess[0]}？" if guess else f"，请改用可用的字段：{'、'.join(PAGE_FIELDS)}"
            problems.append(Problem(rel, doc.line(key), str(key), f"不认识的字段“{key}”{hint}"))
    title = data.get("title")
    if title is not None and (isinstance(title, bool) or not isinstance(title, (str, int, float))):
        problems.append(Problem(rel, doc.line("title"), "title", "应当是一行文字，例如 title: 关于本报"))
        return ""
    return str(title).strip() if title is not None else ""


def body_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    """What Markdown cannot render in bounded time: lists or quotes nested deeper than
    MAX_NESTING (it recurses once per level), and paragraphs long *and* full of ``[`` or ``~~``
    (Python-Markdown's links and pymdownx.tilde scan the rest of the paragraph from each one:
    their time grows with the square of the paragraph; past MARKUP_BUDGET it is refused)."""
    problems, start, paragraph = [], 0, []
    for number, line in enumerate(body.split("\n") + [""]):
        quotes = _QUOTES.match(line)
        depth = quotes.group(0).count(">") if quotes else 0
        rest = line[quotes.end():] if quotes else line
        columns = len(rest.expandtabs(INDENT)) - len(rest.expandtabs(INDENT).lstrip(" "))
        markers = _MARKERS.match(rest.lstrip())
        depth += columns // INDENT + (len(re.findall(_MARKER, markers.group(0))) if markers else 0)
        if depth > MAX_NESTING and not any(p.message.startswith("列表") for p in problems):
            problems.append(Problem(rel, body_line + number, "正文", f"列表或引用嵌套太深（超过 {MAX_NESTING} 层）："
                                    "请减少缩进或“>”、“-”的层数，报纸稿件一般不超过两三层"))
        if line.strip():
            start = start if paragraph else number
            paragraph.append(line)
            continue
        text = "\n".join(paragraph)
        paragraph = []
        marks = text.count("[") + text.count("~~")
        if marks * len(text) > MARKUP_BUDGET:
            problems.append(Problem(rel, body_line + start, "正文", f"这一段有 {len(text)} 个字符和 {marks} 个“[”或“~~”符号，"
                                    "网站排版它会非常慢：请把它分成几段，或删掉多余的 [ 和 ~~ 符号"))
    return problems
