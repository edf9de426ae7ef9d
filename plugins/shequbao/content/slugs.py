"""Pinyin URL slugs: ``垃圾分类`` → ``la-ji-fen-lei``, ``陈玲`` → ``chen-ling``."""

from __future__ import annotations

import functools
import re

from slugify import slugify as _slugify

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@functools.lru_cache(maxsize=4096)  # the paper's name, for each issue's PDF
def make_slug(text: str, max_length: int = 60) -> str:
    """Return a lower-case, hyphenated pinyin slug for ``text`` (one syllable per character);
    a long one is cut after a whole syllable, keeping the first syllables in order."""
    return _slugify(" ".join(lazy_pinyin(text)), max_length=max_length, word_boundary=True, save_order=True)


def lazy_pinyin(text: str) -> list[str]:
    """pypinyin's reading, imported on first use: its dictionaries take a fifth of a second to
    load, and the scan process and many builds never make a slug."""
    from pypinyin import lazy_pinyin as read

    return read(text)


def is_slug(text: str) -> bool:
    """True if ``text`` can stand in a URL as it is."""
    return bool(_SLUG.match(text))


# Surnames that pypinyin reads with their everyday sound (单 dān, 曾 céng …); pypinyin has no
# surname mode, so the reading of the family name is taken from here. Compound surnames first.
SURNAMES = {
    "万俟": "mo qi", "尉迟": "yu chi", "单于": "chan yu", "长孙": "zhang sun", "澹台": "tan tai",
    "欧阳": "ou yang", "司马": "si ma", "上官": "shang guan", "诸葛": "zhu ge", "令狐": "ling hu",
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "盖": "ge", "种": "chong", "繁": "po", "覃": "qin", "缪": "miao", "瞿": "qu", "翟": "zhai",
    "乐": "yue", "召": "shao", "员": "yun", "华": "hua", "任": "ren", "纪": "ji", "燕": "yan",
    "秘": "bi", "冼": "xian", "过": "guo", "折": "she", "佴": "nai", "藏": "zang", "都": "du",
    "六": "lu", "薄": "bo", "贾": "jia", "盛": "sheng", "柏": "bai", "牟": "mou", "阚": "kan",
    "宿": "su", "卜": "bu", "沈": "shen", "重": "chong", "那": "na", "粘": "nian", "句": "gou",
}


def make_person_slug(name: str) -> str:
    """Pinyin slug of a person's name with the surname read as a surname: 单雄信 → shan-xiong-xin."""
    for length in (2, 1):
        surname = name[:length]
        if len(name) > length and surname in SURNAMES:
            return _slugify(f"{SURNAMES[surname]} {' '.join(lazy_pinyin(name[length:]))}")
    return make_slug(name)


# Names the site's addresses use for themselves (issues/<id>/gallery/, page/2/, feed.xml …).
RESERVED_SLUGS = ("index", "page", "gallery", "images", "feed", "gongzhonghao")  # gongzhonghao: 复制到公众号


def is_reserved(slug: str, *, article: bool = False) -> bool:
    """Whether ``slug`` may not name an issue folder or a person (RESERVED_SLUGS), or an
    article (nor a number: ``issues/<id>/2/`` is reserved for the page view of 第2版)."""
    return slug in RESERVED_SLUGS or (article and slug.isdigit())
