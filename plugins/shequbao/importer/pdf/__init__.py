"""``shequbao import FILE.pdf``: the text layer of a PDF, read with its layout.

pdfplumber gives every character with its position, font and size, and the rules, boxes
and photos drawn. From those:

- ``glyphs``: runs of one style; ``visual``: lines of one column and what they look like;
- ``elements``: rules, boxes, and the page head and foot they bound;
- ``regions``: the modules of a page (rectangles found from rules, boxes and white space);
- ``module``: one module's headline, byline, photos with captions, text (``body``);
- ``front``: the masthead's facts (报名, 第N期, date), 第N版 headers, page furniture;
- ``images``: the photos' bytes.

The result is :class:`~..structure.Line` records that go through the same segmenter as a
text file. A PDF without a text layer (a scan) is read by OCR if Debian's
tesseract-ocr-chi-sim is installed (``ocr``), else refused with a message.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import furniture as keywords
from ..issue import UserError
from ..reflow import squeeze
from ..structure import Line
from . import limits
from .elements import Rule, fill_boxes, headline_frames, page_boxes, page_rules, zones
from .front import Facts, masthead_by_size, masthead_without_rules, names_of, read_masthead, zone_lines
from .glyphs import page_runs
from .images import clip_to_text, find_posters, page_figures
from .module import read_module
from .regions import DECK_GAP, find_modules
from .visual import Style, VLine, page_lines

MAX_PAGES = 64  # a community paper has 4–16 版; a larger PDF is not one issue

__all__ = ["Facts", "MAX_PAGES", "read_pdf"]


def read_pdf(path: Path) -> tuple[list[Line], Facts]:
    """The Lines of every page of the PDF at ``path``, and the masthead's facts; what reading
    it may cost is bounded (:mod:`.limits`), and an encrypted PDF is named as such."""
    try:
        with limits.guarded():
            return _read_pdf(path)
    except limits.Limit as stop:
        raise UserError(limits.message(path, stop)) from None


def _read_pdf(path: Path) -> tuple[list[Line], Facts]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
        count = len(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - any unreadable file
        if _encrypted(exc, path):
            raise UserError(f"{path} 是加密的 PDF（打开要密码），无法导入：请用排版软件或 PDF 阅读器导出一份不加密的 PDF"
                            "（“另存为”时不设密码），再导入") from None
        raise UserError(f"{path} 打不开，不是完整的 PDF 文件（{type(exc).__name__}）。请重新导出或下载。") from None
    with pdf:
        if count > MAX_PAGES:
            raise UserError(f"{path} 有 {count} 页，超过了一次导入的上限 {MAX_PAGES} 页：一期报纸请单独导入。")
        pages = []
        for number, page in enumerate(pdf.pages, start=1):
            with limits.page(number):
                pages.append((page, page_runs(page.chars)))
        if not any(runs for _, runs in pages):
            from .ocr import read_scanned

            return read_scanned(path, pdf)
        return _read_pages(pages)


def _encrypted(error: BaseException, path: Path) -> bool:
    """Whether opening failed for a password (pdfminer's errors, wrapped by pdfplumber)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: list[BaseException] = [error]
    while seen:
        found = seen.pop()
        if isinstance(found, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        seen += [arg for arg in getattr(found, "args", ()) if isinstance(arg, BaseException)]
        seen += [e for e in (found.__cause__, found.__context__) if e is not None]
    return False


def _read_pages(pages: list) -> tuple[list[Line], Facts]:
    rough = Style.of([run for _, runs in pages for run in runs])
    views = []
    for number, (page, runs) in enumerate(pages, start=1):
        with limits.page(number):
            views.append(_view(page, runs, number, rough))
    # the body is the text most set in the type areas (not the masthead's, in a thin issue)
    style = Style.of([run for view in views for vl in view.area for run in vl.runs]) if any(v.area for v in views) else rough
    facts = Facts()
    out: list[Line] = []
    starts = []
    for view in views:
        starts.append(len(out))
        with limits.page(view.number):
            view.settle(style)
            out += _read_page(view, style, facts)
    if not facts.markers and _document(views):  # an A4 document: its text flows from page to page
        out.insert(0, Line(1, "第1版"))
        facts.problems.append((1, f"PDF 是 {len(views)} 页的文档（没有“第N版”版头），已按一个版连续读取，请核对"))
    elif not facts.markers:  # no 第N版 anywhere: each page is a 版
        for number, start in reversed(list(enumerate(starts, start=1))):
            out.insert(start, Line(number, f"第{number}版"))
        facts.problems.append((1, "PDF 里没有“第N版”版头，已按页码分版，请核对"))
    return out, facts


DOCUMENT_WIDTH = 640.0  # pt: a page this narrow (A4 portrait is 595) without 第N版 headers is a document's


def _document(views: list) -> bool:
    """Pages of a document (A4 and smaller, portrait, several), not 版 of a paper."""
    return len(views) > 1 and all(float(v.page.width) <= DOCUMENT_WIDTH and v.page.height > v.page.width for v in views)


class _View:
    """One page as elements: its lines, photos, rules, and the page head and foot."""

    def __init__(self, page, number: int, lines: list, figures: list, rules: list, problems: list[str]):
        self.page, self.number, self.lines, self.figures, self.rules = page, number, lines, figures, rules
        self.problems = problems
        self.head, self.foot = 0.0, float(page.height)
        self.area: list = lines

    def settle(self, style: Style | None) -> None:
        self.boxes = page_boxes(self.page, style.size if style else 10.0)
        if style:
            self.rules, self.boxes = headline_frames(self.rules, self.boxes, self.lines, style)
        free = [r for r in self.rules if not any(_within(r, box) for box in self.boxes)]  # not a box's own rules
        self.head, self.foot = zones(self.lines, self.figures, free, float(self.page.height), style)
        self.area = [vl for vl in self.lines if vl.bottom > self.head + 1 and vl.top < self.foot - 1]


def _view(page, runs: list, number: int, style: Style) -> _View:
    figures, problems = page_figures(page, number)
    for fig in figures:
        clip_to_text(fig, runs)
    rules = page_rules(page, style.size)
    walls = [r for r in rules if not r.horizontal]  # no line runs across a vertical rule or a box's side
    for box in page_boxes(page, style.size):
        walls += [Rule(x, x, box.top, box.bottom) for x in (box.x0, box.x1)]
    view = _View(page, number, page_lines(runs, walls), figures, rules, problems)
    view.settle(None)  # the body's style is not known yet
    return view


def _read_page(view: _View, style: Style, facts: Facts) -> list[Line]:
    page, number, lines, head = view.page, view.number, view.lines, view.head
    facts.problems += [(number, p) for p in view.problems]
    top = [vl for vl in lines if vl.bottom <= head + 1]
    bottom = [vl for vl in lines if vl.top >= view.foot - 1] if view.foot < float(page.height) else []
    if number == 1:
        masthead = top or masthead_without_rules(lines, float(page.height))
        seen = {id(vl) for vl in masthead}
        masthead = masthead + [vl for vl in masthead_by_size(lines, style, float(page.height)) if id(vl) not in seen]
        read_masthead(masthead, facts)
        top = masthead
    skip = {id(vl) for vl in top + bottom}
    area = [vl for vl in lines if id(vl) not in skip]
    loose = _furniture_lines(area, style)  # 责任编辑/美编, 报尾, 第 N 页: by their words
    labels = column_labels(area, view.rules, style)
    loose += [vl for vl in page_numbers(area, float(page.height)) + labels if vl not in loose]
    area = [vl for vl in area if vl not in loose]
    furniture: list[Line] = []
    if not head:  # no rule bounds the page head: lines that are only a page's name are its furniture
        names = names_of(area, facts, style)
        furniture = [Line(number, vl.text, hint="furniture") for vl in area
                     if squeeze(vl.text) in names and not vl.is_body(style)]
        area = [vl for vl in area if not (squeeze(vl.text) in names and not vl.is_body(style))]
    inside = [f for f in view.figures if f.bottom > head and f.top < view.foot]
    posters = find_posters(inside, view.boxes, area, view.foot)  # 公益广告: no story's photo
    inside = [f for f in inside if f not in posters]
    boxes = [b for b in view.boxes if not any(_within(p, b) for p in posters)]
    elements = fill_boxes(boxes, [*area, *inside])
    out = zone_lines(top, style, number, facts) + furniture
    out += [Line(number, vl.text, hint="" if keywords.editor_line(vl.text) is not None else "furniture") for vl in loose]
    modules = find_modules(elements, view.rules, style)
    lone = modules[0].elements if len(modules) == 1 and modules[0].box is None else []
    if len(lone) == 1 and isinstance(lone[0], VLine):  # one line alone on a page speaks of the page (本版暂无稿件)
        modules, out = [], out + [Line(number, lone[0].text, hint="furniture")]
    read: list[Line] = []
    for module in modules:
        read += read_module(module, style, number)
    return out + join_bare_heads(read) + zone_lines(bottom, style, number, facts)


def join_bare_heads(lines: list[Line]) -> list[Line]:
    """A module that is only a headline (with its 引题/副题) and the module read after it that
    has none (a photo with its text, or text) are one story: a Word document's headline at
    the foot of a column, its story in the next."""
    out: list[Line] = []
    bare = False
    for line in lines:
        if line.hint == "module":
            if bare and line.title in ("photo", "text"):
                bare = False
                continue
            bare = line.title == "story"
        elif line.hint != "headline":
            bare = False
        out.append(line)
    return out


def _furniture_line(text: str) -> bool:
    """A line of page furniture by its words: a 版's editors, the 报尾's or masthead's small
    print, a page footer (第 7 页)."""
    return len(text) <= MARKER_LONGEST and (keywords.is_furniture(text, False) or keywords.editor_line(text) is not None)


MARKER_LONGEST = 80


def _furniture_lines(area: list[VLine], style: Style) -> list[VLine]:
    """Lines of furniture by their words, with the small print wrapped under them (the rest
    of a 报尾 set in a column: 印数：3000份)."""
    found = [vl for vl in area if _furniture_line(vl.text)]
    found += [vl for vl in _furniture_rows(area) if vl not in found]
    for vl in sorted(area, key=lambda v: v.top):
        if vl not in found and len(vl.text) <= MARKER_LONGEST and any(
                0 <= vl.top - f.bottom <= 0.8 * vl.size and abs(f.x0 - vl.x0) <= vl.size and _wraps(f, vl, style)
                for f in found):
            found.append(vl)
    return found


def _furniture_rows(area: list[VLine]) -> list[VLine]:
    """A 报尾 set in one row read in pieces (主办：… | 地址：… | 印刷：…: a scan's OCR cuts it at
    its wide spaces): pieces on one baseline naming at least two parts of the small print
    together, with the pieces between and beside them (a part whose colon OCR lost) that
    hold no sentence."""
    pieces = [vl for vl in area if len(vl.text) <= MARKER_LONGEST and keywords.furniture_words(vl.text)]
    out: list[VLine] = []
    for vl in pieces:
        if vl in out:
            continue
        row = sorted((o for o in area if min(o.bottom, vl.bottom) - max(o.top, vl.top) >= 0.5 * min(o.size, vl.size)),
                     key=lambda o: o.x0)
        named = [o for o in row if o in pieces]
        if len(named) < 2 or sum(keywords.furniture_words(o.text) for o in named) < 2:
            continue
        found = list(named)
        for o in row + row[::-1]:  # the phrases beside them, left and right
            if o not in found and keywords.is_phrase(o.text) and any(
                    max(o.x0 - f.x1, f.x0 - o.x1) <= 2 * o.size for f in found):
                found.append(o)
        out += [o for o in found if o not in out]
    return out


def _wraps(line: VLine, under: VLine, style: Style) -> bool:
    """Whether ``under`` is the rest of the furniture ``line`` wrapped: both small print; or
    set alike and not in the body's style (a scan reads a 报尾's 黑体 larger than the body);
    or a short rest of a ``line`` broken off mid-phrase (…印发（共 | 印300份）), whatever
    face OCR read it in."""
    if line.is_small(style) and under.is_small(style):
        return True
    a, b = line.main, under.main
    if not under.is_body(style) and a.font == b.font and a.bold == b.bold and abs(a.size - b.size) < 0.3:
        return True
    return _OPEN_END.search(line.text) is not None and _SHORT_REST.fullmatch(under.text.strip()) is not None \
        and b.size <= 1.15 * a.size


_OPEN_END = re.compile(r"[\u3400-\u9fff、（(：:]$")  # broken off mid-phrase: …发：各居民区党 | …印发（共
_SHORT_REST = re.compile(r"[^。！？!?（(]{1,14}")  # 总支、居委会 / 印300份）: no sentence, nothing opened


EDGE = 0.1  # of the page's height: a bare number this near its top or foot is the page number
LABEL_LONGEST = 6  # characters of a 栏目 label (社区动态, 民生关注)


def page_numbers(area: list[VLine], height: float) -> list[VLine]:
    """Lines that are only a number (3, - 3 -) at the top or foot of the page: its number."""
    return [vl for vl in area if _BARE_NUMBER.fullmatch(vl.text.strip())
            and (vl.bottom <= EDGE * height or vl.top >= (1 - EDGE) * height)]


def column_labels(area: list[VLine], rules: list, style: Style) -> list[VLine]:
    """栏目 labels: a word or two (社区动态) set apart from the body, alone in its row, on a rule
    right over a headline or its 引题: the name of a column, never a story's text (without the
    rule, such a line over a headline is its 引题)."""
    out = []
    for vl in area:
        text = vl.text.strip()
        if not (2 <= len(text) <= LABEL_LONGEST and _HAN_WORD.fullmatch(text)) or vl.is_body(style) or vl.is_headline(style):
            continue
        if not any(r.horizontal and -0.5 * vl.size <= r.top - vl.bottom <= vl.size and r.x0 <= vl.x0 + 1 and r.x1 >= vl.x1
                   for r in rules):
            continue
        below = [o for o in area if o is not vl and 0 <= o.top - vl.bottom <= DECK_GAP * vl.size
                 and abs(o.x0 - vl.x0) <= 2.5 * vl.size]
        beside = any(o is not vl and min(o.bottom, vl.bottom) - max(o.top, vl.top) > 0
                     and o.x0 - 3 * vl.size < vl.x1 and vl.x0 < o.x1 + 3 * vl.size for o in area)
        if below and not beside and any(o.is_headline(style) or (not o.is_body(style) and o.size > vl.size) for o in below):
            out.append(vl)
    return out


_BARE_NUMBER = re.compile(r"[-—－]?\s*\d{1,3}\s*[-—－]?")
_HAN_WORD = re.compile(r"[\u3400-\u9fff]+")


def _within(rule, box) -> bool:
    return box.x0 - 1 <= rule.x0 and rule.x1 <= box.x1 + 1 and box.top - 1 <= rule.top and rule.bottom <= box.bottom + 1
