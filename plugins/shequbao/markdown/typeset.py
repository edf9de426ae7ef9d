"""An article's text as readers get it, beyond what Markdown makes of it (knows nothing of MkDocs).

:class:`ReaderText` is a Markdown extension for the web pages:

- phone numbers and e-mail addresses in the text become ``tel:`` and ``mailto:`` links (a
  resident taps 咨询电话：021-5555 0100 to call), never inside existing links or code;
- a letter's or notice's salutation (``各位居民：``) is marked ``sqb-salutation`` (set flush,
  not indented) and its 落款 (the issuer's name and the date closing the text) ``sqb-signoff``
  (set right-aligned), as Chinese notices and letters are printed.

:func:`is_salutation` is also what the excerpt skips, so a notice's summary is its first real
sentence rather than ``各位居民：``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

PRIORITY = 5  # after "inline" (20) and the photos (15): the text is final; before MkDocs' "relpath" (0)
SKIP = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})

_A = r"(?<![A-Za-z0-9.+_%-])"  # not inside a longer number, word or address (Han characters may touch)
_Z = r"(?![A-Za-z0-9_-]|[- ]\d)"
_EMAIL = rf"{_A}[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}{_Z}"
_FULL_NUMBER = (
    rf"{_A}(?:(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{{4}}[- ]?\d{{4}}"  # mobile: 138 1234 5678
    r"|[48]00[- ]?\d{3}[- ]?\d{4}"  # 400-820-8820
    rf"|(?:[（(]0\d{{2,3}}[)）]\s?|0\d{{2,3}}[- ]?)\d{{3,4}}[- ]?\d{{4}}){_Z}"  # 021-5555 0100, (021)55550100
)
# Numbers without an area code, and short hotlines, only right after a word that announces them.
_CONTEXT = r"(?:电话|热线|拨打|致电|手机|咨询)[：:为是]?\s*"
_SHORT_NUMBER = rf"(?:[1-9]\d{{2,3}}[- ]?\d{{4}}|11[09]|12[02]|12\d{{3}})(?![- ]?\d){_Z}"
_CONTACT = re.compile(rf"(?P<email>{_EMAIL})|(?P<full>{_FULL_NUMBER})|(?P<context>{_CONTEXT})(?P<short>{_FULL_NUMBER}|{_SHORT_NUMBER})")

_DATE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
_SENTENCE = re.compile(r"[。！？；，,.!?;]")
SALUTATION_LENGTH = 40  # 各居民区、驻区单位，广大居民朋友：
SIGNOFF_LENGTH = 30  # 桂园街道社区事务受理服务中心


def is_salutation(text: str) -> bool:
    """Whether a paragraph is a letter's or notice's salutation: short, ending with a colon,
    with no full stop (``各位居民：``, ``编辑同志：``)."""
    text = text.strip()
    return 1 < len(text) <= SALUTATION_LENGTH and text.endswith(("：", ":")) and "。" not in text


def tel_href(number: str) -> str:
    """``tel:`` address of a number as printed: digits (and a leading +) only."""
    return "tel:" + ("+" if number.lstrip().startswith("+") else "") + re.sub(r"\D", "", number)


def contact_parts(text: str) -> list[str | tuple[str, str]]:
    """``text`` split into plain strings and ``(shown, href)`` pairs for each phone number and address."""
    parts: list[str | tuple[str, str]] = []
    last = 0
    for match in _CONTACT.finditer(text):
        name = "short" if match.group("short") else match.lastgroup
        shown = match.group(name)
        parts.append(text[last:match.start(name)])
        parts.append((shown, "mailto:" + shown if name == "email" else tel_href(shown)))
        last = match.end(name)
    parts.append(text[last:])
    return [p for p in parts if p]


def link_contacts(element: etree.Element) -> None:
    """Phone numbers and e-mail addresses in the text under ``element`` as links (not in links or code)."""
    if element.tag in SKIP:
        return
    if element.text:
        head, nodes = _linked(element.text)
        if nodes:
            element.text = head
            for index, node in enumerate(nodes):
                element.insert(index, node)
    for child in list(element):
        link_contacts(child)
        if child.tail:
            tail, nodes = _linked(child.tail)
            if nodes:
                child.tail = tail
                position = list(element).index(child)
                for offset, node in enumerate(nodes, 1):
                    element.insert(position + offset, node)


def _linked(text: str) -> tuple[str, list[etree.Element]]:
    """The text before the first link, and the links (each carrying the text after it as its tail)."""
    parts = contact_parts(text)
    if not any(isinstance(p, tuple) for p in parts):
        return text, []
    head, nodes = "", []
    for part in parts:
        if isinstance(part, tuple):
            link = etree.Element("a", {"href": part[1], "class": "sqb-contact"})
            link.text = part[0]
            nodes.append(link)
        elif nodes:
            nodes[-1].tail = (nodes[-1].tail or "") + part
        else:
            head += part
    return head, nodes


def mark_letter(root: etree.Element) -> None:
    """Class the salutation and the 落款 paragraphs of a letter or notice (see the module's docstring)."""
    blocks = list(root)
    paragraphs = [b for b in blocks if b.tag == "p"]
    if not paragraphs:
        return
    if blocks[0] is paragraphs[0] and len(paragraphs) > 1 and is_salutation(_text(paragraphs[0])):
        _add_class(paragraphs[0], "sqb-salutation")
    if blocks[-1] is not paragraphs[-1] or not _DATE.match(_text(paragraphs[-1])):
        return
    _add_class(paragraphs[-1], "sqb-signoff")
    index = blocks.index(paragraphs[-1])
    for block in reversed(blocks[max(1, index - 2):index]):  # the issuer: one or two short lines above the date
        text = _text(block)
        if block.tag != "p" or not text or len(text) > SIGNOFF_LENGTH or _SENTENCE.search(text) or is_salutation(text):
            break
        _add_class(block, "sqb-signoff")


def _text(element: etree.Element) -> str:
    return "".join(element.itertext()).strip()


def _add_class(element: etree.Element, name: str) -> None:
    element.set("class", f"{element.get('class', '')} {name}".strip())


class _ReaderTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        mark_letter(root)
        link_contacts(root)


class ReaderText(Extension):
    """The Markdown extension (see the module's docstring)."""

    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(_ReaderTreeprocessor(md), "shequbao_reader_text", PRIORITY)
