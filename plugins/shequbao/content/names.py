"""Names in bylines: normalised, and role words typed into a name caught with a hint."""

from __future__ import annotations

import re
import unicodedata

# Words that belong to the byline, not to the name, with the field they belong in.
ROLE_WORDS = {
    "实习记者": "interns", "实习生": "interns", "记者": "reporters", "通讯员": "correspondents",
    "摄影": "photographers", "摄": "photographers", "文/图": "authors", "文/摄": "photographers",
}
_SPACES = re.compile(r"[\s\u3000]+")
_CJK_NAME = re.compile(r"^[\u3400-\u9fff·]+$")
_ROLE_AT_EDGE = re.compile(
    r"^(实习记者|实习生|记者|通讯员|摄影)|(摄影|文/图|文/摄)$|(?<=..)摄$"
)  # a lone 文 at the end is left alone: 王文 is a name


def check_name(raw: str, role: str) -> tuple[str, str]:
    """Return ``(normalised name, problem)``; ``problem`` is empty when the name is fine.

    ``陈 玲`` and ``陈\u3000玲`` become ``陈玲`` (Chinese names are often spaced out to
    line up in print); Latin names keep single spaces.
    """
    name = unicodedata.normalize("NFKC", raw).strip()
    if not name:
        return "", ""
    if "■" in name or "□" in name:
        return "", f"姓名“{raw}”里有“■”：byline 的符号由网站自动加上，名字里只写姓名"
    compact = _SPACES.sub("", name)
    name = compact if _CJK_NAME.match(compact) else _SPACES.sub(" ", name)
    match = _ROLE_AT_EDGE.search(name)
    if match and len(name) > len(match.group(0)):
        word = match.group(0)
        field = ROLE_WORDS.get(word, role)
        where = f"写在 {field} 字段里" if field != role else "由网站自动加上"
        return "", f"姓名“{raw}”里带了“{word}”：身份{where}，这里只写姓名"
    if len(name) > 20 or any(ch in name for ch in ",，、;；"):
        return "", f"“{raw}”不像一个姓名：多个人请分开写成列表，例如 [{'陈玲'}, {'张志举'}]"
    return name, ""
