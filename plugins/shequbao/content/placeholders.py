"""The words the scaffolds write for an editor to replace (``./sqb new article`` writes
``本报讯 （在这里写正文，段落之间空一行。）``): an article that still holds them is not written
yet, and must not reach the site or the print edition."""

from __future__ import annotations

PLACEHOLDERS = ("在这里写正文",)  # skeletons/article.md.j2; a test keeps the two in step


def placeholder_line(text: str) -> int | None:
    """The line (1-based, in the file's ``text``) of the first placeholder, or ``None``."""
    found = [at for at in (text.find(words) for words in PLACEHOLDERS) if at >= 0]
    return text.count("\n", 0, min(found)) + 1 if found else None


MESSAGE = ("还没有写正文：“在这里写正文……”是新建稿件时留的提示，请把这一段换成正文"
           "（还没写好可以先写 draft: true 作为草稿，草稿不发布）")
