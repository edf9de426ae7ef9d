"""The 公众号 edition: each article, and each issue as a digest, as a page whose text an editor
copies into the mp editor (秀米, 135编辑器, the 公众号's own) in one tap.

What is copied is inline-styled HTML the mp editor keeps: no classes, no ids, no scripts, only
``section p span strong em br img h1 h2 h3 blockquote``, photos at absolute addresses (the
editor fetches them from the site). The page's Markdown is the articles' texts one after the
other, each after a marker paragraph (:func:`join_bodies`), so MkDocs renders them with the
paper's own extensions (photos in the text, links, typesetting); :func:`split_bodies` cuts the
HTML at the markers and :func:`inline_html` makes each text what the mp editor keeps.
Knows nothing of MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import nh3
from markupsafe import Markup

from ..model import Article, Issue

# What the mp editor keeps; everything else is unwrapped (its text stays) or, for scripts and
# styles, removed with what it holds.
KEPT_TAGS = frozenset({"section", "p", "span", "strong", "em", "br", "img", "h1", "h2", "h3", "blockquote"})
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math"})
# The paper's look, written on every element (the mp editor drops style sheets and classes):
# 17-px text at 1.8 line height reads well on a phone; the paper's red for headings.
RED = "#9e1b1b"
STYLES = {
    "p": "margin:0 0 1em;font-size:17px;line-height:1.8;color:#222;text-align:justify;letter-spacing:0.5px",
    "h1": "margin:0.6em 0 0.4em;font-size:22px;line-height:1.4;color:#111;font-weight:bold",
    "h2": f"margin:1.2em 0 0.6em;font-size:19px;line-height:1.5;color:{RED};font-weight:bold",
    "h3": "margin:1em 0 0.5em;font-size:17px;line-height:1.5;color:#111;font-weight:bold",
    "blockquote": f"margin:1em 0;padding:0.5em 1em;border-left:3px solid {RED};background:#faf6f0;color:#444",
    "strong": "font-weight:bold;color:#111",
    "em": "font-style:italic",
    "img": "display:block;width:100%;max-width:100%;height:auto;margin:0.5em auto",
    "section": "margin:0 0 1em",
    "span": "",
}
# Block tags the mp editor does not keep, said as the kept ones (a list item, a caption: a paragraph).
AS_PARAGRAPH = re.compile(r"<(/?)(li|dt|dd|figcaption|div|td|th|pre|h4|h5|h6)\b[^>]*>", re.IGNORECASE)
MARK = "SQBGZH{}"  # the marker paragraph before the text of article N (a run of Latin letters no text has)
MARK_PARAGRAPH = re.compile(r"<p>SQBGZH(\d+)</p>")


@dataclass(frozen=True)
class WechatView:
    """A 复制到公众号 page: one article (``article``), or the whole issue as a digest (``article`` None)."""

    issue: Issue
    articles: tuple[Article, ...]  # in print order
    article: Article | None = None

    @property
    def is_digest(self) -> bool:
        return self.article is None


def generate_wechat_views(issue: Issue) -> list[WechatView]:
    """The digest of ``issue``, then one page for each of its articles."""
    articles = tuple(issue.articles)
    return [WechatView(issue, articles), *(WechatView(issue, (article,), article) for article in articles)]


def join_bodies(bodies: list[str]) -> str:
    """The articles' Markdown texts as one page, each after its marker paragraph."""
    return "".join(f"\n\n{MARK.format(n)}\n\n{body.strip()}\n" for n, body in enumerate(bodies))


def split_bodies(html: str, count: int) -> list[str]:
    """The rendered page cut back into the ``count`` articles' texts (by the markers of :func:`join_bodies`)."""
    parts = MARK_PARAGRAPH.split(html)
    texts = [""] * count
    for number, text in zip(parts[1::2], parts[2::2]):
        if int(number) < count:
            texts[int(number)] = text
    return texts


def inline_html(html: str, page_url: str) -> Markup:
    """An article's rendered text as the mp editor keeps it: only :data:`KEPT_TAGS`, each with the
    paper's style inline, photos (``<img>`` of each ``<picture>``) at absolute addresses resolved
    from ``page_url`` (the page's absolute address), links as their text."""
    html = AS_PARAGRAPH.sub(lambda m: f"<{m.group(1)}p>", html)

    def absolute(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return urljoin(page_url, value)
        return value

    cleaned = nh3.clean(html, tags=set(KEPT_TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                        attributes={"img": {"src", "alt"}}, attribute_filter=absolute, link_rel=None, strip_comments=True,
                        set_tag_attribute_values={tag: {"style": style} for tag, style in STYLES.items() if style})
    cleaned = re.sub(r"<p[^>]*>\s*</p>", "", cleaned)  # emptied by the unwrapping
    return Markup(cleaned)
