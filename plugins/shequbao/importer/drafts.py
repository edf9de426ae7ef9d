"""Draft Markdown files: front matter the loader accepts, slugs, bodies."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import yaml

from ..content.load import DATE_DRIFT
from ..content.slugs import is_reserved, make_slug
from . import textdates as dates
from .bylines import ROLE_FIELDS, names_in_order
from .reflow import squeeze
from .segment import Article, Parsed, working_title
from .structure import Photo

LEFTOVER = "_leftover.md"
SLUG_SYLLABLES = 6
SLUG_MAX = 40
ORDER_STEP = 10


@dataclass
class Draft:
    name: str  # file name inside the issue folder
    meta: dict
    body: str
    article: Article | None  # None for the leftover file
    pictures: dict[str, bytes] = field(default_factory=dict)  # images/… → the photo's bytes

    @property
    def text(self) -> str:
        return render(self.meta, self.body)

    @property
    def chars(self) -> int:
        captions = "".join(img.get("caption", "") for img in self.meta.get("images", ()))
        return len(squeeze(self.body)) + len(squeeze(captions))

    @property
    def people(self) -> list[str]:
        return names_in_order(self.meta)


def scalar(value) -> str:
    """One YAML scalar, plain when that reads back unchanged, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    plain = (
        text
        and text == text.strip()
        and text[0] not in "“”‘’\"'!&*[]{}|>%@`#,?:-—"
        and ": " not in text
        and " #" not in text
        and not any(c in text for c in "[]{},")
    )
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def front_matter(meta: dict) -> str:
    lines = []
    for key, value in meta.items():
        if key.startswith("#"):  # a note for the editor, as a YAML comment
            lines.append(f"# {value}")
        elif key == "images":
            waiting = [image for image in value if not image.get("src") and not image.get("caption")]
            for image in waiting:  # a photo known only by its credit: a valid entry needs src or caption
                credit = f"，{image['credit']} 摄" if image.get("credit") else ""
                lines.append(f"# TODO: photo — 照片尚未提供{credit}。补上文件后写：")
                lines.append(f"# images:\n#   - {{src: images/文件名.jpg, caption: 图片说明{', credit: ' + image['credit'] if image.get('credit') else ''}}}")
            value = [image for image in value if image not in waiting]
            if not value:
                continue
            lines.append("images:")
            for image in value:
                if not image.get("src"):
                    lines.append("  # TODO: photo — 照片尚未提供，补上文件后填写 src")
                items = list(image.items())
                for n, (k, v) in enumerate(items):
                    lines.append(f"  {'-' if n == 0 else ' '} {k}: {scalar(v)}")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(scalar(v) for v in value)}]")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # the readers remove (and report) these already


def render(meta: dict, body: str) -> str:
    body = body.strip()
    return _CONTROL.sub("", f"---\n{front_matter(meta)}---\n" + (f"\n{body}\n" if body else ""))


def body_markdown(article: Article) -> str:
    blocks = []
    for para in article.paras:
        text = para.text
        if para.heading:
            blocks.append(f"{'#' * para.heading} {text}")
        else:
            # a paragraph that Markdown would read as a heading or a quote stays text
            blocks.append("\\" + text if text[:1] in "#>" else text)
    return "\n\n".join(blocks)


class Names:
    """Unique short pinyin slugs. Each base remembers its last suffix, so a thousand items
    with the same title cost a thousand steps, not half a million."""

    def __init__(self):
        self.taken: set[str] = set()
        self.last: dict[str, int] = {}

    def make(self, text: str) -> str:
        slug = make_slug(text[:60], max_length=120)
        base = "-".join(slug.split("-")[:SLUG_SYLLABLES])[:SLUG_MAX].strip("-") or "gao-jian"
        n = self.last.get(base, 1)
        slug = base if n == 1 else f"{base}-{n}"
        while slug in self.taken or is_reserved(slug, article=True):
            n += 1
            slug = f"{base}-{n}"
        self.last[base] = n
        self.taken.add(slug)
        return slug


def build(
    parsed: Parsed,
    *,
    year: int | None,
    issue_date: dt.date | None,
) -> list[Draft]:
    """One draft per article, in reading order, plus ``_leftover.md`` if needed."""
    drafts: list[Draft] = []
    names = Names()
    orders: dict[int, int] = {}
    for art in parsed.articles:
        orders[art.page] = orders.get(art.page, 0) + ORDER_STEP
        name = names.make(art.title or working_title(art.captions[0] if art.captions else art.body_text))
        meta = article_meta(art, orders[art.page], year, issue_date)
        draft = Draft(name=f"{name}.md", meta=meta, body=body_markdown(art), article=art)
        if art.kind == "photo" and not any(p.picture is not None for p in art.photos):
            photo_as_text(draft, art)
        else:
            add_images(draft, art, name)
        drafts.append(draft)
    if parsed.leftover:
        page = parsed.articles[0].page if parsed.articles else min(parsed.pages or {1: ""})
        meta = {"title": "未归类文本", "kind": "news", "page": page, "draft": True}
        body = "\n\n".join(p.text for p in parsed.leftover)
        drafts.append(Draft(name=LEFTOVER, meta=meta, body=body, article=None))
    return drafts


def article_meta(art: Article, order: int, year: int | None, issue_date: dt.date | None) -> dict:
    """The front matter of one article, in the loader's field order."""
    meta: dict = {}
    for key in ("title", "kicker", "subtitle"):
        if getattr(art, key):
            meta[key] = getattr(art, key)
    meta["kind"] = art.kind
    meta["page"] = art.page
    meta["order"] = order
    if art.date and (day := dates.resolve(art.date, year, issue_date)):
        if issue_date is not None and abs(day - issue_date) > DATE_DRIFT:  # the build would stop at it
            art.warnings.append((art.line, f"正文里第一个日期 {day} 离出版日期 {issue_date} 超过 90 天（多半是回顾、"
                                           "计划里的日期），没有写进 date，网站用出版日期；需要时请手写 date"))
        else:
            meta["date"] = day
    for role in ROLE_FIELDS:
        if art.byline.people.get(role):
            meta[role] = list(art.byline.people[role])
    if art.byline.source:
        meta["source"] = art.byline.source
    meta["draft"] = True
    return meta


def photo_as_text(draft: Draft, art: Article) -> None:
    """A photo item whose photo did not come with the text: a 短消息 of its caption and text,
    never a credit without a photo; the credit and how to make it a photo item again are
    written as a note in its front matter, and reported."""
    captions = [p.caption for p in art.photos if p.caption]
    draft.body = "\n\n".join([*captions, draft.body]).strip()
    credit = "、".join(art.byline.people.get("photographers", ()))
    meta = {k: v for k, v in draft.meta.items() if k != "photographers"}
    generated = not meta.get("title")
    if generated:
        meta = {"title": working_title(draft.body), **meta}
    meta["kind"] = "brief"
    shown = f"（{credit} 摄）" if credit else ""
    note = (f"TODO: photo — 原报这里是一张图片新闻{shown}，照片没有随文本导入，先作为短消息。有照片时：放进 images/，"
            f"改为 kind: photo，写 images: [{{src: images/文件名.jpg, caption: 图片说明{', credit: ' + credit if credit else ''}}}]，"
            "再删掉正文里的说明")
    draft.meta = {**{k: v for k, v in meta.items() if k != "draft"}, "# photo": note, "draft": True}
    art.warnings[:] = [w for w in art.warnings if "没有照片" not in w[1]]
    art.warnings.append((art.line, f"图片新闻没有照片{shown}，已改为短消息（正文是原来的图片说明）"
                                   f"{'，标题是用正文开头拼出来的，请改写' if generated else ''}；"
                                   "有照片时按文件里的 TODO 改回图片新闻"))


def add_images(draft: Draft, art: Article, name: str) -> None:
    """``images`` of the front matter; photos read from a PDF go to ``images/<name>.jpg``."""
    credit = "、".join(art.byline.people.get("photographers", ()))
    photos = art.photos or ([Photo("")] if credit else [])  # a credited photo not in the text
    images = []
    for n, photo in enumerate(photos, start=1):
        image = {}
        if photo.picture is not None:
            src = f"images/{name}{'' if n == 1 else f'-{n}'}.{photo.picture.ext}"
            draft.pictures[src] = photo.picture.data
            image["src"] = src
        image.update((k, v) for k, v in (("caption", photo.caption), ("credit", photo.credit or credit)) if v)
        images.append(image)
    if images:
        meta = draft.meta
        draft.meta = {**{k: v for k, v in meta.items() if k != "draft"}, "images": images, "draft": True}
