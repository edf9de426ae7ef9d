"""The print edition of one issue as HTML: the model plus the article bodies, through a
Jinja template (``edition.html``) and a paged-media stylesheet (``edition.css``).

Article bodies are rendered here from their Markdown with the site's own Markdown
extensions, not taken from the MkDocs build: the PDF then needs nothing but the content
folder (``shequbao print`` works without building the site) and the HTML is the same
whichever engine builds the site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..model import Article, Issue, Paper, Section
from ..pages import pdf_filename
from ..text import byline_text, credit_text, format_date, section_label
from ..yamlio import ReadError, read_text, split_front_matter
from .lunar import lunar_date
from .options import PrintOptions

HERE = Path(__file__).parent
TEMPLATE = "edition.html"
STYLESHEET = HERE / "edition.css"
SECTION_ANCHOR = "sqb-ban-{}"  # id of each 版's first box; the overflow check looks for it on every page
# Files are named in the HTML by these made-up places, which the PDF writer maps to the real
# folders: WeasyPrint names images in the PDF after their URL, so real paths would make the
# bytes depend on where the paper is checked out.
ISSUE_MOUNT = "/shequbao/issue/"
IMAGE_MOUNT = "/shequbao/img/"
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "md_in_html")
_BODY_IMG = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')


@dataclass(frozen=True)
class MarkdownSetup:
    """The site's Markdown extensions (names) and their settings."""

    extensions: tuple[Any, ...] = DEFAULT_EXTENSIONS
    configs: dict[str, dict] = field(default_factory=dict)

    def key(self) -> str:
        names = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__name__}" for e in self.extensions]
        return json.dumps([names, self.configs], sort_keys=True, ensure_ascii=False, default=_stable)

    def render(self, text: str) -> str:
        names = [e for e in self.extensions if isinstance(e, str)]
        objects = [e for e in self.extensions if not isinstance(e, str)]
        md = markdown.Markdown(extensions=names + objects, extension_configs=self.configs)
        return md.convert(text)


@dataclass(frozen=True)
class PrintSection:
    """One 版 as the template lays it out."""

    section: Section
    label: str  # 第2版
    anchor: str
    running: str  # 第2版 · 社区 · 2012年7月25日
    stories: tuple[dict, ...]
    briefs: tuple[dict, ...]


@dataclass(frozen=True)
class Edition:
    """Everything the PDF writer needs for one issue; plain data, so it crosses process boundaries."""

    issue_id: str
    label: str  # 《梧桐里》第7期, for messages
    filename: str  # wu-tong-li-2023-05.pdf
    html: str
    base_url: str  # the issue folder (as mounted): relative links in bodies resolve there
    mounts: tuple[tuple[str, str], ...]  # (URL path prefix, real folder): all the PDF may read
    sections: tuple[tuple[str, str], ...]  # (anchor, "第2版 社区") in print order
    images: tuple[tuple[str, str], ...]  # (original file, print copy to make)
    key_parts: tuple[str, ...]  # what the cache key hashes besides the HTML

    def key(self) -> str:
        digest = hashlib.sha256()
        for part in (self.html, *self.key_parts):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def make_edition(paper: Paper, issue: Issue, content_dir: Path, options: PrintOptions,
                 markdown_setup: MarkdownSetup | None = None, *, image_dir: Path,
                 file_hash=None, people=None) -> Edition:
    """The print edition of ``issue`` as HTML.

    ``image_dir`` is where print copies of the photos go (the PDF cache); ``file_hash``
    maps a path to the hex digest of its bytes (defaults to reading the file); ``people``
    (key → Person) gives the printed names of bylines and credits.
    """
    people = people or {}
    markdown_setup = markdown_setup or MarkdownSetup()
    file_hash = file_hash or _sha256_file
    content_dir = content_dir.resolve()
    folder = content_dir / "issues" / issue.id
    images: dict[str, tuple[str, str]] = {}

    def print_copy(src: str) -> str:
        original = content_dir / src
        name = f"{file_hash(original)[:32]}.jpg"
        images[src] = (str(original), str(image_dir / name))
        return f"file://{IMAGE_MOUNT}{name}"

    date_text = format_date(issue.date)
    sections = []
    for section in issue.sections:
        articles = [a for a in issue.articles if a.page == section.page]
        stories = [a for a in articles if a.kind != "brief"]
        lead = next((a for a in stories if a.kind != "photo"), None)
        sections.append(PrintSection(
            section=section,
            label=section_label(section.page),
            anchor=SECTION_ANCHOR.format(section.page),
            running=f"{section_label(section.page)} · {section.name} · {date_text}",
            stories=tuple(_item(a, folder, markdown_setup, print_copy, people, lead=a is lead) for a in stories),
            briefs=tuple(_item(a, folder, markdown_setup, print_copy, people) for a in articles if a.kind == "brief"),
        ))
    html = _template().render(
        paper=paper, issue=issue, sections=sections,
        date=format_date(issue.date, weekday=True), lunar=lunar_date(issue.date),
        stamp=_w3c(issue.date),
        # Our own CSS, not editors' text: inserted as it is.
        stylesheet=Markup(options.page_css() + STYLESHEET.read_text(encoding="utf-8")),
    )
    extra = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md" and p.name != "issue.yml")
    key_parts = (
        markdown_setup.key(),
        *(f"{p.relative_to(folder).as_posix()}={file_hash(p)}" for p in extra),  # images linked from bodies
    )
    return Edition(
        issue_id=issue.id,
        label=f"《{paper.name}》第{issue.number}期",
        filename=pdf_filename(paper, issue),
        html=html,
        base_url=f"file://{ISSUE_MOUNT}",
        mounts=((ISSUE_MOUNT, str(folder)), (IMAGE_MOUNT, str(image_dir.resolve()))),
        sections=tuple((s.anchor, f"{s.label} {s.section.name}") for s in sections),
        images=tuple(images.values()),
        key_parts=key_parts,
    )


def _item(article: Article, folder: Path, setup: MarkdownSetup, print_copy, people, lead: bool = False) -> dict:
    body = _print_body_images(_body(article, folder, setup), folder, print_copy)
    photos = [
        {"src": print_copy(image.src), "caption": image.caption, "credit": credit_text(image, people)}
        for image in article.images if image.src
    ]
    return {
        "article": article,
        "kind": article.kind,
        "lead": lead,
        "title": article.title,
        "byline": byline_text(article, people),
        "body": Markup(body),
        "photos": photos,
        "length": len(body),
    }


def _print_body_images(html: str, folder: Path, print_copy) -> str:
    """Photos put in an article's text (``![](images/a.jpg)``) are printed from print copies
    too: never the original with its metadata."""
    content_dir = folder.parent.parent

    def replace(match: re.Match) -> str:
        src = match.group(2)
        if ":" in src or src.startswith("/"):
            return match.group(0)
        path = (folder / src).resolve()
        if not path.is_file() or not path.is_relative_to(folder):
            return match.group(0)
        return match.group(1) + print_copy(path.relative_to(content_dir).as_posix()) + match.group(3)

    return _BODY_IMG.sub(replace, html)


def _body(article: Article, folder: Path, setup: MarkdownSetup) -> str:
    path = folder / Path(article.src).name
    try:
        _, text, _ = split_front_matter(read_text(path))
    except (OSError, ReadError):
        return ""
    return setup.render(text)


@lru_cache(maxsize=1)
def _template():
    env = Environment(
        loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE)


def _stable(value: Any) -> str:
    """A name for a setting JSON cannot write (a function in pymdownx settings) that is the same
    in every run, unlike its repr with a memory address."""
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"


def _w3c(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
