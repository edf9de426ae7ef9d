"""An article's last touches: which headline line is the title, its kind, the caption of a
photo item, its date, a working title where the paper printed none, and what to check."""

from __future__ import annotations

import re

from . import textdates as dates
from .reflow import squeeze
from .structure import Article, Photo

BRIEF_MAX = 300  # characters: a headline-less item longer than this is not a 短消息
PHOTO_MAX = 400  # characters: text of a photo item (caption and a paragraph or two)
TITLE_MAX = 20  # characters of a working title
_NOTICE = re.compile(r"(?:通知|公告|启事|告示|须知|公示|倡议书|通告)$")
_OPENING = re.compile(
    r"^(?:本报讯\s*)?(?:(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}[日号](?:上午|下午|晚上|晚|早上|中午)?|"
    r"近日|日前|近期|前不久|最近|当天|今年以来|近年来)?[,，\s]*"
)


def finish(art: Article) -> None:
    """Title lines → title/kicker/subtitle; kind; captions of photo items; date; warnings."""
    titles(art)
    art.kind = kind_of(art)
    if art.kind == "photo" and not art.photos and art.paras:
        first = art.paras.pop(0)
        art.photos.append(Photo(caption=first.text, line=first.line))
    if not art.title and art.kind != "photo":
        art.title = working_title(art.body_text)
        art.title_generated = True
        art.warnings.append((art.line, f"原报没有标题，已用正文开头拼出标题“{art.title}”，请改写"))
    searched = (" ".join(art.captions) if art.kind == "photo" else "") + art.body_text
    art.date = dates.first_date(searched)
    for photo in art.photos:
        if photo.picture is None:
            art.warnings.append((photo.line or art.line, f"图片说明“{_clip(photo.caption)}”没有照片：请把照片放进 images/ 并填写 src"))
    if art.jump_to:
        art.warnings.append((art.line, f"稿件“{_clip(art.title)}”转到第{art.jump_to}版，但没有找到接续的部分，请核对"))
    elif art.paras and art.paras[-1].open:
        art.warnings.append((art.paras[-1].line, "正文结尾不完整（可能转到别的版面，或文本被截断），请核对"))


def kind_of(art: Article) -> str:
    chars = len(squeeze(art.body_text)) + sum(len(squeeze(c)) for c in art.captions)
    photographers = set(art.byline.people.get("photographers", ()))
    # credited only to photographers (■陈凯庭 摄, 杨惠明 陈凯庭文/摄): a photo item
    credited = bool(photographers) and set(art.byline.names) <= photographers
    # a story's module (PDF: its headline above its photos) is no photo item, whoever is credited
    if art.section == "photo" or (credited and chars <= PHOTO_MAX and art.section != "story"):
        return "photo"
    if art.section == "brief":
        return "brief"
    if not art.heads and art.closed and len(art.paras) == 1 and chars <= BRIEF_MAX and art.byline.names:
        return "brief"
    if _NOTICE.search(art.title):
        return "notice"
    return "news"


def titles(art: Article) -> None:
    heads = art.heads
    if not heads:
        return
    texts = [h.text for h in heads]
    main = _main_line(art, texts, [h.level for h in heads], [h.dashed for h in heads])
    art.title = texts[main]
    art.kicker = " ".join(texts[:main])
    art.subtitle = " ".join(texts[main + 1:])


def _main_line(art: Article, texts: list[str], levels: list[int], dashes: list[bool]) -> int:
    if len(texts) == 1:
        return 0
    if len(set(levels)) > 1 and any(levels):
        return levels.index(min(lv for lv in levels if lv))
    dashed = [i for i, d in enumerate(dashes) if d]
    if len(texts) == 2:
        if dashed:
            return 1 - dashed[0]
        first, second = (len(squeeze(t)) for t in texts)
        # a 副题 below the title is usually the longer, explanatory line;
        # otherwise the first line is an 引题 above the title.
        main = 0 if second >= 1.5 * first else 1
        role = "副题" if main == 0 else "引题"
        art.warnings.append((art.line, f"两行标题，已把“{texts[main]}”作主题、另一行作{role}，请核对"))
        return main
    below = [i for i in dashed if i > 0]
    if below:
        return below[0] - 1  # 副题 below
    return 1  # 引题, 主题, 副题


def working_title(body: str) -> str:
    """A working title for an item printed without one: its first clause."""
    text = _OPENING.sub("", body.strip(), count=1)
    clause = re.split(r"[，,。；;！？!?]", text, maxsplit=1)[0].strip() or body.strip()
    return clause if len(clause) <= TITLE_MAX else clause[:TITLE_MAX] + "…"


def _clip(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[:limit] + "…"

