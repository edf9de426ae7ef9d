"""Raw HTML in the editors' texts, made safe (nh3, the Python binding of Ammonia).

A community paper takes copy from many correspondents, often by pull request, and its site is
the street office's public face: what an article may contain is what Markdown, our photos
(``<picture>``) and the lightbox need, no more. ``<script>``, ``<iframe>``, ``<style>``,
``<meta http-equiv>``, forms, event handlers (``onerror=``), ``style`` (a CSS
``background-image`` loads any picture), ``rel`` (WeasyPrint's ``rel=attachment`` attaches a
file to the PDF), ``javascript:`` links and pictures from other hosts (trackers; nothing may
load from another host) are removed, and every removal is reported with the file and line.

Removals are warnings, not errors: the page is safe either way, a preview (``mkdocs serve``)
shows what readers would get, and a strict build (``shequbao build``, the default) fails, so
nothing is published silently. ``raw_html: trusted`` in the plugin's options lets raw HTML
through as typed (a paper whose every text comes from its own staff).

:class:`SafeHtml` is a Markdown extension (a postprocessor, after the raw HTML is put back); a
print engine that renders bodies through Markdown can load it by the name ``shequbao.sanitize``
(``makeExtension``). The Typst print engine drops raw HTML itself. Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import nh3
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from ..problems import Problem

NAME = "shequbao.markdown.sanitize"  # how Markdown loads the extension by name
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section",
    "small", "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul", "var", "wbr",
})
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea",
                                  "select", "svg", "math", "frameset", "noembed", "noframes", "xmp", "plaintext"})
GLOBAL = frozenset({"class", "id", "title", "lang", "dir"})
ATTRIBUTES = {
    "a": {"href", "name", "data-type", "data-title"},  # data-*: our lightbox links
    "img": {"src", "srcset", "sizes", "width", "height", "alt", "loading", "decoding"},
    "source": {"srcset", "sizes", "type", "media"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "th": {"colspan", "rowspan", "align", "style"}, "td": {"colspan", "rowspan", "align", "style"},  # style: text-align only
    "col": {"span"}, "colgroup": {"span"}, "time": {"datetime"}, "details": {"open"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite"}, "ins": {"cite"},
}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_SUSPECT_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE_NAME = re.compile(r"""(?:^|\s)([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def clean_html(html: str) -> str:
    """``html`` with every tag and attribute outside the allowed lists removed."""
    return nh3.clean(
        html, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"*": set(GLOBAL), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
        attribute_filter=_keep_attribute, strip_comments=True, link_rel=None, url_schemes=set(SCHEMES),
        filter_style_properties={"text-align"},
    )


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag in ("img", "source") and name in ("src", "srcset") and _external(value):
        return None  # a picture from another host: a tracker, and blocked for many readers
    return value


def _external(value: str) -> bool:
    return any(part.strip().startswith("//") or _SCHEME.match(part) for part in value.split(","))


def removals(html: str) -> list[tuple[str, str]]:
    """``(what, needle)`` for everything :func:`clean_html` removes from ``html``: ``what`` in
    the editor's words, ``needle`` to find it in the Markdown source."""
    if not _suspect(html):
        return []
    finder = _Removals()
    finder.feed(html)
    finder.close()
    return finder.found


def _suspect(html: str) -> bool:
    """A fast look for anything that may be removed (most pages have nothing: no HTML parse)."""
    if "<!--" in html:
        return True
    for match in _SUSPECT_TAG.finditer(html):
        tag = match.group(1).lower()
        if tag not in TAGS:
            return True
        allowed = GLOBAL | ATTRIBUTES.get(tag, set())
        for name, value in _ATTRIBUTE_NAME.findall(match.group(2)):
            name = name.lower()
            if name not in allowed or (name in URL_ATTRIBUTES and (":" in value or "//" in value)) or name == "style":
                return True
    return False


class _Removals(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.found.append((f"<{tag}> 标签{'及其内容' if tag in DROPPED_WITH_CONTENT else ''}", f"<{tag}"))
            return
        allowed = GLOBAL | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                what = "事件处理（脚本）" if name.startswith("on") else ""
                self.found.append((f"<{tag}> 的 {name} 属性{what}", name))
            elif name == "style" and re.sub(r"\s*text-align\s*:\s*[a-z]+\s*;?\s*", "", value).strip():
                self.found.append((f"<{tag}> 的 style 属性（只保留 text-align）", "style"))
            elif name in URL_ATTRIBUTES and tag in ("img", "source") and name != "cite" and _external(value):
                self.found.append((f"外网图片 {value[:60]}（图片要放在本期的 images/ 文件夹里）", value))
            elif name in URL_ATTRIBUTES and _bad_scheme(value):
                self.found.append((f"<{tag}> 的链接 {value[:60]}（只允许 http、https、mailto、tel）", value))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        if "[if" in data.lower():  # conditional comments can hide markup; plain comments go quietly
            self.found.append(("条件注释", "<!--"))


def _bad_scheme(value: str) -> bool:
    compact = re.sub(r"[\s\x00-\x1f]+", "", value)
    match = _SCHEME.match(compact)
    return bool(match) and match.group(1).lower() not in SCHEMES


def locate(removed: list[tuple[str, str]], source: str, first_line: int) -> list[tuple[int | None, str]]:
    """``(line, what)`` of each removal: the line of its needle in ``source`` (the Markdown
    body, whose first line is ``first_line`` of the file), searched in order."""
    lowered, start, out = source.lower(), 0, []
    for what, needle in removed:
        at = lowered.find(needle.lower(), start)
        at = at if at >= 0 else lowered.find(needle.lower())
        if at >= 0:
            start = at + 1
        out.append((first_line + source.count("\n", 0, at) if at >= 0 else None, what))
    return out


class SafeHtml(Extension):
    """The Markdown extension. ``page``: ``(content path, Markdown body, the file)`` of the page
    being rendered (set by the site's adapter), whose removals are kept in
    :attr:`problems` as warnings; None (the print edition): clean quietly."""

    def __init__(self, first_line: Callable[[Path, str], int] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.page: tuple[str, str, Path] | None = None  # content path, Markdown body, the file
        self.first_line = first_line or (lambda path, body: 1)  # the line of its file where a body starts
        self.problems: list[Problem] = []

    def extendMarkdown(self, md) -> None:
        md.postprocessors.register(_Sanitize(md, self), "shequbao_sanitize", 1)  # after raw HTML is put back (30)

    def report(self, html: str) -> None:
        if self.page is None:
            return
        src, source, path = self.page
        removed = removals(html)
        for line, what in locate(removed, source, self.first_line(path, source)) if removed else ():
            self.problems.append(Problem(src, line, "正文", f"网站去掉了 {what}：出于安全，正文里不能用它；"
                                         "请删掉它（确实需要时，由管理员在 mkdocs.yml 里设 raw_html: trusted）", "warning"))


class _Sanitize(Postprocessor):
    def __init__(self, md, extension: SafeHtml):
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        self.extension.report(text)
        return clean_html(text)


def makeExtension(**kwargs) -> SafeHtml:  # noqa: N802 - Markdown's name for it
    return SafeHtml(**kwargs)
