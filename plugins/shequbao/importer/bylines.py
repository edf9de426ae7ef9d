"""Bylines (署名) in the forms printed by community papers.

    ■田慧聪                       → authors
    ■记者 陈玲 实习生 章臻瑶         → reporters, interns
    本报讯(通讯员张志举 胡晓千 记者毛玺玺) → correspondents, reporters (lead of the body)
    (张志举 陶青运)                → authors
    ■陈凯庭 摄 / 毛思周 摄          → photographers
    ■杨惠明 陈凯庭文/摄             → authors and photographers
    文/陈玲 图/王芳                 → authors, photographers
    (社区党群办)                   → source unit (供稿单位)

A role word before names governs every name up to the next role word; a role word
after names (摄, 文/摄) applies to the names before it. A name with no role word is an
author (the design's plain ■ byline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import ROLES

ROLE_FIELDS = ROLES  # the byline fields, in print order


def names_in_order(people: dict) -> list[str]:
    """Everyone of a ``role → names`` mapping, in byline order, each once."""
    return list(dict.fromkeys(name for role in ROLE_FIELDS for name in people.get(role, ())))

# role word → the fields its names go to
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "本报记者": ("reporters",),
    "特约记者": ("reporters",),
    "见习记者": ("reporters",),
    "首席记者": ("reporters",),
    "实习记者": ("interns",),
    "记者": ("reporters",),
    "特约通讯员": ("correspondents",),
    "通讯员": ("correspondents",),
    "实习生": ("interns",),
    "摄影": ("photographers",),
    "摄": ("photographers",),
    "图": ("photographers",),
    "图片": ("photographers",),
    "文/摄": ("authors", "photographers"),
    "文/图": ("authors", "photographers"),
    "图/文": ("authors", "photographers"),
    "图文": ("authors", "photographers"),
    "文": ("authors",),
    "作者": ("authors",),
    "撰稿": ("authors",),
    "撰文": ("authors",),
    "整理": ("authors",),
    "报道": (),
}
# Role words that may follow the names they qualify ("陈凯庭 摄").
SUFFIX_ROLES = {"摄", "摄影", "图", "文/摄", "文/图", "图/文", "图文", "文", "整理", "撰文", "报道"}
_ROLE_ALT = "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True))
_NAME = r"[\u3400-\u9fff]{2,4}?|[\u3400-\u9fff]{1,6}·[\u3400-\u9fff]{1,6}"
_CHUNK = re.compile(rf"^(?P<pre>{_ROLE_ALT})?(?P<name>{_NAME})?(?P<suf>{_ROLE_ALT})?等?$")
_PLAIN_NAME = re.compile(rf"^(?:{_NAME})等?$")
# Separators between byline chunks; "/" separates except inside 文/摄, 图/文 ….
_SPLIT = re.compile(r"[\s、,，;；:：]+|(?<![文图])/|/(?![摄图文])")
_NOT_IN_NAME = ("记者", "通讯", "实习", "摄", "讯", "本报", "编辑", "供稿")

ORG_SUFFIX = re.compile(
    r"(?:办公室|办|部|科|局|委员会|委|会|中心|站|所|室|处|队|院|校|馆|组|司|厅|团|社|联|"
    r"协会|支部|党委|总支|街道|镇|居委|居民区|公司|医院|学校|服务社|工作室|宣传部)$"
)
_SOURCE_PREFIX = re.compile(r"^(?:供稿单位|供稿|来源|稿件来源|信息来源)[:：;；\s]*")  # (；: a colon misread)
_PAREN = re.compile(r"^[(（](.+)[)）]$")
_MARKS = dict.fromkeys(map(ord, "■□◎◆"), " ")  # marks before a byline: ■ 张三, □ 本报记者 张三, ◎ 通讯员 李四
# a four-character name with a two-character surname: （欧阳文君） is a byline, not a unit
_COMPOUND = re.compile(r"(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|独孤|南宫|西门|澹台|呼延|轩辕|申屠|万俟|闻人|赫连)"
                       r"[\u3400-\u9fff]{2}")
LEAD = re.compile(r"^(?:【本报讯】|\[本报讯\]|本报讯)\s*")


@dataclass
class Byline:
    """People by role, and the source unit; ``text`` is the byline as printed."""

    people: dict[str, list[str]] = field(default_factory=dict)
    source: str = ""
    text: str = ""
    unsure: list[str] = field(default_factory=list)  # names printed without a role word

    def add(self, role: str, name: str) -> None:
        names = self.people.setdefault(role, [])
        if name not in names:
            names.append(name)

    def merge(self, other: Byline) -> None:
        for role, names in other.people.items():
            for name in names:
                self.add(role, name)
        self.source = self.source or other.source
        self.text = " ".join(t for t in (self.text, other.text) if t)
        self.unsure.extend(n for n in other.unsure if n not in self.unsure)

    @property
    def names(self) -> list[str]:
        return names_in_order(self.people)

    @property
    def photo_credit_only(self) -> bool:
        """True if the byline credits photographers and nobody else (a photo item)."""
        others = any(self.people.get(r) for r in ROLE_FIELDS if r != "photographers")
        return bool(self.people.get("photographers")) and not others


# Words that stand in parentheses where a name could: (右一), (街道), (资料图片).
_NOT_NAMES = re.compile(r"^(?:[左右前后中][一二三四五六七八九排]*|街道|社区|资料|资料图片|图片|完|续|待续|供图|下同|同上)$")


def _valid_name(name: str) -> bool:
    return not any(w in name for w in _NOT_IN_NAME) and not _NOT_NAMES.match(name)


# a role word glued to the name before it (张志举记者毛玺玺: a PDF line broke at the space)
_GLUED_ROLE = re.compile(r"(?<=[\u3400-\u9fff])(?<!摄影)(?<!特约)(?<!见习)(?<!本报)(?=(?:摄影|特约|见习)?记者|通讯员|实习生)")


def parse_names(text: str) -> Byline | None:
    """Parse a run of role words and names; ``None`` unless every chunk is one (a role word
    glued to the name before it is read apart)."""
    found = _parse_names(text)
    if found is None and (spaced := _GLUED_ROLE.sub(" ", text)) != text:
        found = _parse_names(spaced)
        if found is not None:
            found.text = text.strip()
    return found


def _parse_names(text: str) -> Byline | None:
    chunks = [c for c in _SPLIT.split(text.translate(_MARKS).strip()) if c]
    if not chunks or len(chunks) > 16:
        return None
    tokens: list[tuple[str, str]] = []  # ("role", word) or ("name", name)
    for chunk in chunks:
        plain = _PLAIN_NAME.match(chunk)
        if plain and _valid_name(chunk.rstrip("等")) and chunk not in ROLE_WORDS:
            tokens.append(("name", chunk.rstrip("等")))
            continue
        m = _CHUNK.match(chunk)
        if not m or not (m["pre"] or m["name"] or m["suf"]):
            return None
        if m["name"] and not _valid_name(m["name"]):
            return None
        for kind in ("pre", "name", "suf"):
            if m[kind]:
                tokens.append(("name" if kind == "name" else "role", m[kind]))
    if not any(k == "name" for k, _ in tokens):
        return None
    byline = Byline(text=text.strip())
    prefix: str | None = None
    group: list[str] = []

    def flush(extra: tuple[str, ...] = ()) -> None:
        roles = (ROLE_WORDS[prefix] if prefix else ()) + extra
        if not roles:
            byline.unsure.extend(group)
        for name in group:
            for role in roles or ("authors",):
                byline.add(role, name)
        group.clear()

    for i, (kind, value) in enumerate(tokens):
        if kind == "name":
            group.append(value)
            continue
        next_is_name = i + 1 < len(tokens) and tokens[i + 1][0] == "name"
        if group and value in SUFFIX_ROLES and (prefix is None or not next_is_name):
            if prefix is not None and len(group) >= 2:
                # 通讯员 沈佳怡 徐立新 摄: the last name took the photo, the others keep their role
                last = group.pop()
                flush()
                group.append(last)
                prefix = None
            flush(ROLE_WORDS[value])  # 陈凯庭 摄: the role qualifies the names before it
            prefix = None
        else:
            flush()
            prefix = value
    flush()
    return byline


def parse_source(text: str, labelled: bool = False) -> str:
    """The unit name if ``text`` names a source unit (社区党群办), else ``""``; after 来源： (or
    ``labelled``: it followed one) any name will do (人民网, a unit's name misread by OCR)."""
    labelled = labelled or bool(_SOURCE_PREFIX.match(text.strip()))
    text = _SOURCE_PREFIX.sub("", text.strip())
    if 2 <= len(text) <= 24 and re.fullmatch(r"[\u3400-\u9fffA-Za-z0-9（）()·]+", text):
        if labelled or ORG_SUFFIX.search(text):
            return text
    return ""


def parse_paren(text: str) -> Byline | None:
    """``(张志举 陶青运)`` → names, ``(社区党群办)`` / ``(供稿:…)`` → source."""
    m = _PAREN.match(text.strip())
    if not m:
        return None
    inner = m[1].strip()
    names, mark, unit = inner.partition("来源")
    if mark and names.strip():  # (通讯员 王芳 来源：香樟居民区党支部)
        byline, source = parse_names(names), parse_source(unit.lstrip(":：;； "), labelled=True)
        if byline is not None and source:
            byline.source, byline.text = source, text.strip()
            return byline
    if (re.fullmatch(r"[\u3400-\u9fff]{4,}", inner) and not _COMPOUND.fullmatch(inner)) or _SOURCE_PREFIX.match(inner):
        source = parse_source(inner)
        return Byline(source=source, text=text.strip()) if source else None
    byline = parse_names(inner)
    if byline:
        byline.text = text.strip()
    elif " " in inner and (source := parse_source(inner.replace(" ", ""))):  # (社区 自治办): a scan's space
        return Byline(source=source, text=text.strip())
    return byline


def parse_byline(text: str) -> Byline | None:
    """A whole line (or line ending) that is only a byline or a source unit.

    Bare names need a marker to count as a byline: ■, a role word, or parentheses,
    so a sentence fragment like ``张三说`` is never read as one.
    """
    text = text.strip()
    if not text or len(text) > 60:
        return None
    if text[0] in "(（":
        return parse_paren(text)
    if text[0] == "■" and (source := parse_source(text[1:])):  # ■街道办事处
        return Byline(source=source, text=text)
    m = _SOURCE_PREFIX.match(text)
    if m:
        source = parse_source(text)
        return Byline(source=source, text=text) if source else None
    if text[-1] in ")）" and not any(c in text for c in "(（【") and _has_role(text):
        return parse_paren("（" + text)  # 通讯员 张三）: its bracket opened at the line before's end (or lost)
    byline = parse_names(text)
    if byline is None:
        return None
    marked = any(mark in text for mark in "■□◎◆") or any(w in text for w in ROLE_WORDS if len(w) > 1 or w in "摄图")
    marked = marked or bool(re.search(r"(?:^|[\s/])文(?:$|[\s/])|/文|文/", text))
    return byline if marked else None


def split_tail(text: str) -> tuple[str, Byline | None]:
    """Split a byline off the end of a paragraph: ``……建议。 ■田慧聪``.

    Returns the text before the byline (possibly empty) and the byline, or
    ``(text, None)`` when the line does not end with one.
    """
    text = text.rstrip()
    if "■" in text:
        head, _, tail = text.partition("■")
        byline = parse_byline("■" + tail)
        if byline:
            byline.text = "■" + tail
            return head.rstrip(), byline
    # the tail after the last sentence end: "……困难。 庞浩然 摄", "……压力。(张志举 陶青运)"
    cut = max(text.rfind(c) for c in "。！？!?…”")
    if cut >= 0 and cut + 1 < len(text):
        tail = text[cut + 1:]
        byline = parse_byline(tail) or _parse_misread_paren(tail)
        if byline is None and _UNOPENED.fullmatch(tail):  # …通话。欧阳文君）: a scan's OCR lost the （
            byline = parse_byline(f"（{tail}")
        if byline:
            byline.text = text[cut + 1:].strip()
            return text[: cut + 1], byline
    return text, None


def _parse_misread_paren(tail: str) -> Byline | None:
    """A closing byline or source in brackets as a scan reads it: its （ as 【 or 《, its ）
    lost (…依据。【通讯员 张志举 胡晓千 记者 毛玺玺, …培训。【社区发展办）); only with a role
    word or a unit's name in it."""
    tail = tail.strip()
    inner = tail[1:].rstrip(")）】》 ")
    if len(tail) < 4 or tail[0] not in "(（【《" or not (_has_role(inner) or parse_source(inner)):
        return None
    return parse_paren(f"（{inner}）")


_UNOPENED = re.compile(r"[\u3400-\u9fff\s]{2,12}[)）]")


def split_lead(text: str) -> tuple[Byline | None, str, str] | None:
    """Split ``本报讯(通讯员张志举 记者毛玺玺)“……`` into the byline, the body that follows
    and the markup removed; ``None`` if ``text`` does not open with 本报讯."""
    m = LEAD.match(text)
    if not m:
        return None
    rest = text[m.end():]
    paren = re.match(r"^[(（]([^()（）]{1,60})[)）]\s*", rest)
    if paren:
        byline = parse_names(paren[1]) if parse_source(paren[1]) == "" else None
        if byline is None and (bare := re.sub(r"[“”\"]", " ", paren[1])) != paren[1] and parse_source(bare) == "":
            byline = parse_names(bare)  # (通讯员”陈志明: a scan's OCR read a quote in the space between)
        if byline is None:
            source = parse_source(paren[1])
            byline = Byline(source=source, text=paren[0].strip()) if source else None
        if byline is not None:
            return byline, rest[paren.end():], text[: m.end() + paren.end()]
        return None, rest, text[: m.end()]
    if (unclosed := _UNCLOSED.match(rest)) and (byline := parse_names(unclosed[1])) and _has_role(unclosed[1]):
        return byline, rest[unclosed.end():].lstrip(), text[: m.end() + unclosed.end()]
    # 本报讯 记者 陈玲 通讯员 张三 近日,…… : space-separated chunks up to the body
    words = rest.split(" ")
    for n in range(min(len(words) - 1, 8), 0, -1):
        head = " ".join(words[:n])
        if head and head[:2] in {w[:2] for w in ROLE_WORDS if len(w) > 1}:
            byline = parse_names(head)
            if byline:
                body = " ".join(words[n:]).lstrip()
                return byline, body, text[: len(text) - len(body)]
    return None, rest, text[: m.end()]


# 本报讯(记者 张三 毛玺玺“街道…: the closing bracket lost (OCR reads a thin half-width ")" as
# nothing); the byline runs to the first mark no name has (a quote, a digit) within 40 characters
_UNCLOSED = re.compile(r"^[(（]([\u3400-\u9fff·\s]{4,40}?)\s*(?=[“\"‘「《0-9])")


def _has_role(text: str) -> bool:
    return any(word in text for word in ROLE_WORDS if len(word) > 1)


_CREDIT_CUT = re.compile(r"[\s■(（]")


# 文/图 杨惠明 陈凯庭 or ■杨惠明 陈凯庭 文/摄 closing a caption, after a sentence or a space
_NAMES = r"[\u3400-\u9fff·]{2,5}(?:[ 　][\u3400-\u9fff·]{2,5}){0,3}"
_WRITER_SHOOTER = re.compile(rf"(?<=[\s　■。！？”）)])(?:■?\s*(?:文[/／]图|图[/／]文)\s*{_NAMES}|■?\s*{_NAMES}\s*文[/／][摄图]"
                             rf"|[（(]\s*(?:文[/／]图|图[/／]文)\s*{_NAMES}\s*[)）])$")  # …殊荣。（文/图 杨惠明 陈凯庭）


def split_credit(caption: str) -> tuple[str, Byline | None]:
    """Split a photo credit off the end of a caption: ``…活动现场 陈凯庭 摄`` →
    (``…活动现场``, photographers), ``（陈凯庭 摄）`` too; ``(caption, None)`` if none."""
    caption = caption.strip()
    if (both := _WRITER_SHOOTER.search(caption)) and (byline := parse_byline(both[0].strip())) \
            and byline.people.get("photographers"):  # …殊荣。 文/图 杨惠明 陈凯庭, or in brackets
        return caption[: both.start()].rstrip(" 　■"), byline
    if not caption.endswith(("摄", "摄)", "摄）", "摄影", "供图")):
        return caption, None
    start = max(0, len(caption) - 40)
    for m in _CREDIT_CUT.finditer(caption, start):
        tail = caption[m.start():].strip()
        byline = parse_byline(tail)
        if byline and byline.photo_credit_only:
            return caption[: m.start()].rstrip(), byline
    byline = parse_byline(caption)
    if byline and byline.photo_credit_only:
        return "", byline
    return caption, None
