"""Photos as HTML: ``<picture>`` with WebP and JPEG ``srcset``, and the Markdown extension that
finds the photos of an article's text and shows them as such.

:class:`BodyImages` runs inside Markdown, after inline images are parsed and before MkDocs
rewrites links (``relpath``): it sees each image's address as the editor wrote it, whether
a Markdown image or a raw ``<img>`` (kept in Markdown's HTML stash), and resolves both
against the article's folder. In *collect* mode it only lists the addresses (which photos a
build needs); in *rewrite* mode it replaces each of our photos by its renditions.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//|^/|^#", re.IGNORECASE)
PRIORITY = 15  # after "inline" (20), which makes the <img> elements; before MkDocs' "relpath" (0)


def resolve_body_src(article_src: str, url: str) -> str | None:
    """The content path an image address in ``article_src``'s text points at, or None for
    addresses that are not a file of ours (another host, an absolute path, an anchor)."""
    url = url.strip()
    if not url or _EXTERNAL.match(url):
        return None
    path = unquote(url.split("#", 1)[0].split("?", 1)[0])  # images/a%20b.jpg is the file a b.jpg
    return posixpath.normpath(posixpath.join(posixpath.dirname(article_src), path))


def srcset(renditions: Iterable[Any], url: Callable[[str], str]) -> str:
    return ", ".join(f"{url(r.path).replace(' ', '%20')} {r.width}w" for r in renditions)  # a space would end the URL


def picture_html(photo, alt: str, url: Callable[[str], str], sizes: str = "100vw", extra: str = "") -> str:
    """``<picture>`` of ``photo``'s renditions (WebP and JPEG ``srcset``), ``url`` making each
    rendition's site path into a link from the page."""
    fallback = photo.fallback
    return (
        f'<picture><source type="image/webp" srcset="{html.escape(srcset(photo.webp, url))}" sizes="{sizes}">'
        f'<img src="{html.escape(url(fallback.path))}" srcset="{html.escape(srcset(photo.jpeg, url))}" '
        f'sizes="{sizes}" width="{fallback.width}" height="{fallback.height}" alt="{html.escape(alt)}" '
        f'loading="lazy" decoding="async"{extra}></picture>'
    )


def lightbox_html(photo, alt: str, url: Callable[[str], str], sizes: str = "100vw") -> str:
    """A photo of an article's text: its ``<picture>``, linked to the largest JPEG for the lightbox."""
    title = f' data-title="{html.escape(html.escape(alt))}"' if alt else ""  # twice: GLightbox puts it into innerHTML
    return (f'<a class="glightbox sqb-lightbox" href="{html.escape(url(photo.largest.path))}" data-type="image"{title}>'
            f'{picture_html(photo, alt, url, sizes)}</a>')


@dataclass
class PageImages:
    """What :class:`BodyImages` needs to rewrite one page: where its Markdown file is, where the
    page is published, and the photos of the build (``src → Photo``)."""

    article_src: str  # content path of the Markdown file
    page_url: str  # the page's URL, relative to the site root
    photos: Any  # has .get(src) → Photo | None
    sizes: str = "100vw"

    def url(self, path: str) -> str:
        """A site path as a link from the page."""
        return link_from(self.page_url, path)


def link_from(page_url: str, path: str) -> str:
    """The file at ``path`` as a link from the page at ``page_url`` (both from the site root):
    what ``posixpath.relpath`` gives, without its two ``os.getcwd()`` per call (a gallery page
    links 400 renditions)."""
    folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    base = [part for part in folder.split("/") if part]
    parts = path.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


class BodyImages(Extension):
    """Photos in an article's text. ``collect``: a list to append every image address to
    (nothing is rewritten); otherwise ``page`` is the page being rendered (a
    :class:`PageImages`, or None to leave the text alone), set before each page."""

    def __init__(self, collect: list[str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.collect = collect
        self.page: PageImages | None = None

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_BodyImageTreeprocessor(md, self), "shequbao_body_images", PRIORITY)


class _BodyImageTreeprocessor(Treeprocessor):
    def __init__(self, md, extension: BodyImages):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        collect, page = self.extension.collect, self.extension.page
        if collect is None and page is None:
            return
        stash = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(stash):  # raw HTML: <img> tags, as the editor typed them
            if isinstance(block, str) and "<img" in block.lower():
                stash[index] = _rewrite_img_tags(block, lambda tag, attrs: self._raw(tag, attrs, collect, page))
        parents = {child: parent for parent in root.iter() for child in parent}
        for img in [el for el in root.iter("img")]:
            src = img.get("src") or ""
            if collect is not None:
                collect.append(src)
                continue
            replacement = _replacement(src, img.get("alt") or img.get("title") or "", page)
            if replacement is not None and img in parents:
                _replace(parents[img], img, self.md.htmlStash.store(replacement))

    @staticmethod
    def _raw(tag: str, attrs: dict, collect: list[str] | None, page: PageImages | None) -> str:
        if collect is not None:
            collect.append(attrs.get("src") or "")
            return tag
        replacement = _replacement(attrs.get("src") or "", attrs.get("alt") or attrs.get("title") or "", page)
        return tag if replacement is None else replacement


def _replacement(src: str, alt: str, page: PageImages) -> str | None:
    """The HTML that shows the photo at ``src`` (an address in the article's text), or None when
    it is not one of our photos."""
    target = resolve_body_src(page.article_src, src)
    photo = page.photos.get(target) if target else None
    return lightbox_html(photo, alt, page.url, page.sizes) if photo is not None else None


def _replace(parent: etree.Element, element: etree.Element, text: str) -> None:
    """Put ``text`` where ``element`` was in ``parent`` (keeping what followed it)."""
    position = list(parent).index(element)
    text = text + (element.tail or "")
    if position == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[position - 1]
        before.tail = (before.tail or "") + text
    parent.remove(element)


class _ImgTags(HTMLParser):
    """The ``<img>`` start tags of a piece of HTML: their offsets, text and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, dict]] = []  # (line, column, tag text, attributes)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            line, column = self.getpos()
            self.found.append((line, column, self.get_starttag_text() or "", dict(attrs)))

    handle_startendtag = handle_starttag


def _rewrite_img_tags(block: str, replace: Callable[[str, dict], str]) -> str:
    """``block`` with each ``<img>`` tag replaced by ``replace(tag text, attributes)``; found by
    an HTML parser (upper case, unquoted values and ``>`` inside quotes all as browsers read them)."""
    parser = _ImgTags()
    parser.feed(block)
    parser.close()
    starts = [0]
    for line in block.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    out, end = [], 0
    for line, column, tag, attrs in parser.found:
        offset = starts[line - 1] + column
        out += [block[end:offset], replace(tag, attrs)]
        end = offset + len(tag)
    return "".join(out) + block[end:]
