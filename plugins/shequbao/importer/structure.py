"""The intermediate structure every input is turned into, and what comes out of it.

Both readers produce :class:`Line` records: the text reader one per non-blank line of the
file, the PDF reader one per headline, paragraph, byline, caption, figure or piece of page
furniture, with what the layout told it (level, hint, picture). From then on one
segmenter cuts them into :class:`Article` records (see ``segmenter.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .bylines import Byline
from .reflow import ends_sentence


@dataclass(slots=True)
class Line:
    """One line of input, with what its reader knows about it."""

    no: int  # where it is: line number (text) or page number (PDF)
    text: str
    gap: int = 0  # blank lines before it (text); 2 where a new module starts (PDF)
    level: int = 0  # headline level: Markdown #s, or the PDF font rank within its group
    hint: str = ""  # PDF only: furniture | caption | figure | para (a whole paragraph)
    picture: Any = None  # PDF figure: the photo (``pdf.images.Picture``)
    title: str = ""  # PDF figure: the bold title of a photo item
    indent: int = 0  # (text) leading spaces, a full-width one counting two: a centred line has many


@dataclass(slots=True)
class Unit:
    """One input line, classified."""

    no: int
    text: str  # without Markdown heading marks
    gap: int
    level: int = 0  # headline level, 0 for plain text
    kind: str = "text"  # text | heading | byline | section | page | masthead | editor | jump | figure | furniture
    body: str = ""  # what goes into an article body
    byline: Byline | None = None  # the whole line, or its closing byline
    lead: Byline | None = None  # the byline of 本报讯(…) at its start
    markup: list[str] = field(default_factory=list)  # structure removed from the line
    candidate: bool = False  # could be a headline line
    sub: str = ""  # kind of report section heading: year | 一 | (一) | 1 | 部分
    value: object = None  # section kind, (page, name), Masthead, editor name, jump
    whole: bool = False  # a complete paragraph (PDF): never joined with the next
    cont: bool = False  # (PDF) the rest of a paragraph cut off by a column or page end
    picture: Any = None
    title: str = ""
    dashed: bool = False  # a headline line printed with a leading —— (a 副题)
    indent: int = 0  # (text) leading spaces of the line


class Para:
    """A paragraph (or a section heading) of an article body. Joined lines are kept as
    parts and joined once, so a paragraph of many broken lines costs linear time."""

    __slots__ = ("_parts", "line", "heading", "verse", "whole")

    def __init__(self, text: str, line: int, heading: int = 0, verse: bool = False, whole: bool = False):
        self._parts = [text]
        self.line = line
        self.heading = heading  # Markdown level of a section heading inside the article
        self.verse = verse  # a line of verse: never joined with the next
        self.whole = whole  # complete as it is (a PDF paragraph)

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts[:] = ["".join(self._parts)]
        return self._parts[0]

    @text.setter
    def text(self, value: str) -> None:
        self._parts[:] = [value]

    def append(self, text: str) -> None:
        """Continue the paragraph with a line cut off from it."""
        self._parts.append(text)

    @property
    def open(self) -> bool:
        """Cut off: the next text line continues it."""
        if self.heading or self.verse or self.whole:
            return False
        return not ends_sentence(self._parts[-1])

    def __repr__(self) -> str:
        return f"Para({self.text!r}, line={self.line}, heading={self.heading})"


@dataclass
class Photo:
    caption: str
    picture: Any = None  # from a PDF; written into images/ with the drafts
    line: int = 0
    credit: str = ""  # the photographer named in the caption


@dataclass
class Article:
    line: int
    page: int
    heads: list[Unit] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    byline: Byline = field(default_factory=Byline)
    section: str = ""  # kind of the column it stands in (brief, photo)
    closed: bool = False
    closed_at: int = -1  # index of the unit that closed it
    sub_order: list[str] = field(default_factory=list)  # kinds of section headings seen
    jump_to: int = 0  # 下转第N版: continued on page N
    jump_from: int = 0  # 上接第N版 before its beginning (printed on an earlier 版) was read
    lead: bool = False  # the body opened with 本报讯
    # filled in by finish()
    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    kind: str = "news"
    title_generated: bool = False
    date: tuple[int | None, int, int] | None = None
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    @property
    def captions(self) -> list[str]:
        return [p.caption for p in self.photos]

    @property
    def body_text(self) -> str:
        return "".join(p.text for p in self.paras)

    @property
    def open_para(self) -> Para | None:
        """The last paragraph if it was cut off and the next text line continues it."""
        if self.paras and self.paras[-1].open:
            return self.paras[-1]
        return None


@dataclass
class Parsed:
    articles: list[Article]
    leftover: list[Para]
    markup: list[str]  # structure removed from the text (bylines, labels, marks)
    warnings: list[tuple[int, str]]  # (line, message) not tied to one article
    number: int | None = None
    total: int | None = None
    date: dt.date | None = None
    pages: dict[int, str] = field(default_factory=dict)  # page → name found in the text
    editors: dict[int, str] = field(default_factory=dict)
    sections: list[tuple[int, str]] = field(default_factory=list)  # (line, label)
    unit: str = "行"  # what ``no`` counts: 行 (text) or 页 (PDF)
    furniture: list[str] = field(default_factory=list)  # lines of page furniture left out (报头, 报尾, 版脚 …)
    scan_pages: list = field(default_factory=list)  # a scan's pages: OCR letters and photos, for the 原报's regions
