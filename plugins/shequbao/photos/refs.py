"""Which photos a build publishes: every ``images[N].src`` of the published articles, and every
photo shown in an article's text (a Markdown image or a raw ``<img>``).

Photos in bodies are found by the same Markdown pass that later rewrites them
(:mod:`shequbao.photos.markup`): both resolve an image's address against the article's own
folder with :func:`resolve_body_src`, so ``![..](images/a.jpg)`` and
``<img src="images/a.jpg">`` mean the same file.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import markdown

from ..cache.textmemo import TextMemo
from ..content.hints import missing_photo_message, photo_name_problem
from ..content.reading import ReadError, read_text, split_front_matter
from ..content.sources import REFUSED_SUFFIXES
from ..markdown.links import LinearLinks
from ..model import IMAGE_SUFFIXES, ORIGINAL_SUFFIXES, Archive
from ..problems import Problem
from .markup import BodyImages, resolve_body_src


@dataclass(frozen=True)
class PhotoRef:
    """One place that uses a photo: an article's ``images[N].src`` or a line of its body."""

    article: str  # content-relative path of the Markdown file
    src: str  # content-relative path of the photo
    field: str  # "images[1].src" or "正文"
    index: int | None = None  # 0-based index in ``images`` for front-matter photos
    line: int | None = None  # body images: line in the Markdown file


def is_original(src: str) -> bool:
    """Whether a content file is a photo original, which is never published as it is."""
    if not src.startswith("issues/"):
        return False
    return "/images/" in src or posixpath.splitext(src)[1].lower() in ORIGINAL_SUFFIXES


def collect_refs(archive: Archive, content_dir: Path, extensions: tuple = (),
                 memo: TextMemo | None = None) -> tuple[list[PhotoRef], list[Problem]]:
    """Every use of a photo in the published articles, front matter first, then bodies.

    Body images that point at a missing file or out of the issue folder are problems;
    images on other hosts (``https://…``) are left alone. ``extensions`` are the site's
    Markdown extensions (names), which decide what the text's images are. ``memo``: the images
    found in each text by earlier builds.
    """
    memo = memo or TextMemo()
    refs: list[PhotoRef] = []
    problems: list[Problem] = []
    for issue in archive.issues:
        for article in issue.articles:
            for index, image in enumerate(article.images):
                if image.src:
                    refs.append(PhotoRef(article.src, image.src, f"images[{index + 1}].src", index))
            refs.extend(_body_refs(article.src, content_dir, extensions, problems, memo, article.digest))
    for src, _title in archive.static_pages:  # about.md's photos are published as renditions too
        refs.extend(_body_refs(src, content_dir, extensions, problems, memo))
    return refs, problems


def find_body_images(text: str, extensions: tuple = ()) -> list[tuple[str, int | None]]:
    """``(address, line)`` of every image in a Markdown text, in order, through Markdown itself."""
    if "![" not in text and "<img" not in text.lower():
        return []
    found: list[str] = []
    names = [e for e in (*extensions, "attr_list", "md_in_html") if isinstance(e, str)]
    md = markdown.Markdown(extensions=[*dict.fromkeys(names), BodyImages(collect=found), LinearLinks()])
    md.convert(text)
    lines, start = [], 0
    for url in found:
        at = text.find(url, start)
        at = at if at >= 0 else text.find(url)
        lines.append((url, text.count("\n", 0, at) + 1 if at >= 0 else None))
        start = at + 1 if at >= 0 else start
    return lines


def _body_refs(article_src: str, content_dir: Path, extensions: tuple, problems: list[Problem],
               memo: TextMemo, digest: str | None = None) -> list[PhotoRef]:
    """Photos of one text: an article's must be in its issue folder, a page's in the content folder.
    The images found in a text are kept under its ``digest`` (the loader's), so an unchanged
    article is not read again."""
    what = "images:" + ",".join(e for e in extensions if isinstance(e, str))
    try:
        key = digest or read_text(content_dir / article_src)  # an article's text is known by its digest
        known = memo.known(what, key)
        if known is None:
            text = key if digest is None else read_text(content_dir / article_src)
            known = _find_body_images(text, extensions)
            if digest is None or hashlib.sha256(text.encode()).hexdigest() == digest:  # not changed since it was loaded
                memo.keep(what, key, known)
    except (OSError, ReadError):  # the loader has reported it
        return []
    found, body_line = known
    refs = []
    folder = posixpath.dirname(article_src)
    where = f"issues/{posixpath.basename(folder)}/images/" if folder else "images/"
    for url, line in found:
        line = line + body_line - 1 if line else None
        if (named := _name_problem(article_src, url)) is not None:
            problems.append(Problem(article_src, line, "正文", named))
            continue
        src = resolve_body_src(article_src, url)
        suffix = posixpath.splitext(src or "")[1].lower()
        if src is not None and suffix in REFUSED_SUFFIXES:
            problems.append(Problem(article_src, line, "正文", f"网站不用 SVG 图片“{url}”（SVG 里可以藏脚本）：请另存为 PNG 或 JPEG"))
        if src is None or suffix not in IMAGE_SUFFIXES:
            continue
        if not src.startswith(folder + "/" if folder else "") or src.startswith("..") or not _inside(content_dir / src, content_dir / folder):
            problems.append(Problem(article_src, line, "正文", f"图片“{url}”不在{'这一期的' if folder else '内容'}文件夹里，请把它放进 {where}，写成 images/文件名"))
        elif not _is_file(content_dir / src):
            problems.append(Problem(article_src, line, "正文", missing_photo_message(src, content_dir / src)))
        else:
            refs.append(PhotoRef(article_src, src, "正文", None, line))
    return refs


def _name_problem(article_src: str, url: str) -> str | None:
    """A photo address with a backslash, or a photo named with ``#``, ``?`` or ``%``
    (``images/3#楼.jpg`` — read as ``images/3`` and an anchor — or ``images/3%23楼.jpg``)."""
    if resolve_body_src(article_src, url) is None and "\\" not in url:
        return None  # another host, an anchor
    literal = unquote(url.strip())
    if "\\" in literal or posixpath.splitext(literal)[1].lower() in IMAGE_SUFFIXES:
        return photo_name_problem(literal)
    return None


def _find_body_images(text: str, extensions: tuple) -> tuple[list[tuple[str, int | None]], int]:
    """The images of a Markdown file's text (:func:`find_body_images`) and the line its text starts on."""
    _, body, body_line = split_front_matter(text) if text.startswith("---") else (None, text, 1)
    return find_body_images(body, extensions), body_line


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is in ``folder`` once symlinks are followed (a link to a photo elsewhere is not)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        return False
