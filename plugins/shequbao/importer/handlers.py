"""What the segmenter does with each kind of unit, and how it decides what a run of short
unpunctuated lines is: a headline, a caption, a line of the body, or text it cannot place."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .bylines import Byline, split_credit
from .reflow import squeeze
from .structure import Para, Photo, Unit

if TYPE_CHECKING:  # the segmenter calls these handlers; they only use its state
    from .segmenter import Segmenter

LEAD_CUE = re.compile(r"^(?:本报讯|【本报讯】|近日|日前|近期|前不久|\d{1,2}月\d{1,2}[日号]|(?:19|20)\d\d年\d{1,2}月)")
_DECORATION = "■□◆●▲★☆◇ "
_DASHES = re.compile(r"^(?:——|—|－－|--|─)+\s*")


def figure_photo(u: Unit) -> tuple[Photo, Byline | None]:
    """A figure's caption without its credit (``陈凯庭 摄``), and the credit."""
    caption, credit = split_credit(u.body)
    names = credit.people.get("photographers", ()) if credit else ()
    return Photo(caption=caption, picture=u.picture, line=u.no, credit="、".join(names)), credit


def on_masthead(seg: Segmenter, u: Unit, i: int) -> None:
    parsed, info = seg.parsed, u.value
    parsed.number = parsed.number or info.number
    parsed.total = parsed.total or info.total
    parsed.date = parsed.date or info.date


def on_page(seg: Segmenter, u: Unit, i: int) -> None:
    seg.page, name, day = u.value
    if name:
        seg.parsed.pages.setdefault(seg.page, name)
    seg.parsed.date = seg.parsed.date or day
    if seg.cur is not None and not seg.cur.paras and not seg.cur.closed:
        seg.cur.page = seg.page


def on_editor(seg: Segmenter, u: Unit, i: int) -> None:
    seg.parsed.editors.setdefault(seg.page, u.value)


def on_section(seg: Segmenter, u: Unit, i: int) -> None:
    seg.close(i)
    seg.cur = None
    seg.section = u.value
    seg.held = i > 0 and seg.units[i - 1].kind == "module"
    seg.parsed.sections.append((u.no, u.text))


def on_byline(seg: Segmenter, u: Unit, i: int) -> None:
    cur = seg.cur
    if cur is None or (cur.closed and cur.closed_at != i - 1):
        seg.pending.merge(u.byline)  # a byline above the text it belongs to
        return
    cur.byline.merge(u.byline)
    if cur.paras or cur.photos:
        seg.close(i)


def on_jump(seg: Segmenter, u: Unit, i: int) -> None:
    """下转第3版 marks where a story breaks off; 上接第1版 where it goes on: the two parts
    become one article again (a repeated headline above the second part is dropped)."""
    direction, page = u.value
    if direction == "to":
        story = seg.cur if seg.cur is not None else _story_before(seg)
        if story is not None:
            story.jump_to = page
        return
    waiting = next((a for a in reversed(seg.articles) if a.jump_to and a.jump_to == seg.page), None)
    if waiting is None:  # its beginning comes later (a story may go on on an earlier 版)
        seg.jump_from = page
        return
    if waiting is seg.cur:  # nothing between the two parts (a text file's 第2版 line): its headline may follow
        waiting.jump_to, seg.resume = 0, waiting
        return
    cur = seg.cur
    if cur is not None and not cur.paras and not cur.photos and cur is seg.articles[-1]:
        seg.articles.pop()  # the repeated headline of the continuation
        seg.markup.extend(h.text for h in cur.heads)
        waiting.byline.merge(cur.byline)
    waiting.jump_to, waiting.closed = 0, False
    seg.cur = waiting
    seg.resume = waiting


def _story_before(seg: Segmenter):
    """下转第3版 read at the start of the next module (it stands right over the next story's
    headline box): the story it ends is the last one of this 版, unless that one goes on already."""
    last = seg.articles[-1] if seg.articles else None
    return last if last is not None and last.page == seg.page and not last.jump_to and last.paras else None


def on_module(seg: Segmenter, u: Unit, i: int) -> None:
    """(PDF) A module starts: the story before it ends, unless this module is only text (the
    rest of a story the layout cut off). A photo item's module makes its article a photo item;
    a box of 短消息 holds its column to its end."""
    if u.value == "text":
        return
    seg.close(i)
    seg.cur = None
    seg.section = {"photo": "photo", "story": "story"}.get(u.value, "")
    seg.held = u.value == "story"
    seg.resume = None


def _repeated(seg: Segmenter, group: list[Unit]) -> int:
    """How many of the lines of ``group``, from its first, are the headline of a story
    continued from another 版, printed again over its second part (a misread character or
    two allowed: a scan's OCR reads the two printings apart)."""
    art = seg.resume
    if art is None or seg.cur is not art or not art.heads:
        return 0
    printed = squeeze("".join(h.text for h in art.heads))
    count = 0
    while count < len(group) and _printed_in(squeeze(group[count].text).lstrip("■"), printed):
        count += 1
    return count


REPEAT_SAME = 0.8  # share of a line's characters found in order in the printed headline
REPEAT_TOLERANT = 4  # characters: a shorter line must be found exactly


def _printed_in(line: str, printed: str) -> bool:
    if line in printed:
        return bool(line)
    if len(line) < REPEAT_TOLERANT:
        return False
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, line, printed, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= REPEAT_SAME * len(line)


def on_figure(seg: Segmenter, u: Unit, i: int) -> None:
    photo, credit = figure_photo(u)
    if credit is not None:
        seg.markup.append(credit.text)
    if u.title or (u.gap >= 2 and u.picture is not None):  # a photo item (its title leads the caption)
        seg.close(i)
        heads = [Unit(no=u.no, text=u.title.strip(_DECORATION), gap=u.gap, level=1, kind="heading")] if u.title else []
        art = seg.open_article(u.no, heads)
        art.section = "photo"
        art.photos.append(photo)
        if credit is not None:
            art.byline.merge(credit)
        seg.close(i)
        return
    seg.add_photo(photo)


def on_furniture(seg: Segmenter, u: Unit, i: int) -> None:
    if u.value != "byline":  # page furniture (the rest of a wrapped byline is the byline's)
        seg.parsed.furniture.append(u.text)  # its text is in the markup


HANDLERS = {
    "masthead": on_masthead, "page": on_page, "editor": on_editor, "section": on_section,
    "byline": on_byline, "jump": on_jump, "figure": on_figure, "furniture": on_furniture, "module": on_module,
}


def headline_group(seg: Segmenter, i: int) -> int:
    """Handle the headline candidates starting at ``i``; the index after them."""
    j = _group_end(seg, i)
    group = seg.units[i:j]
    repeated = _repeated(seg, group)
    if repeated:
        seg.markup.extend(g.text for g in group[:repeated])
        seg.resume = None
        for g in group[repeated:]:  # a 小标题 read with it: the continued text's
            g.whole = True
            seg.add_text(g)
        return j
    seg.resume = None
    for extra in group[1:]:
        seg.markup.extend(extra.markup)
    if len(group) >= 4 and group[0].kind == "text":
        for g in group:  # a run of short unpunctuated lines: verse
            seg.add_text(g, verse=True)
    else:
        _place_group(seg, group, j)
    return j


def _group_end(seg: Segmenter, i: int) -> int:
    """End index (exclusive) of the headline lines starting at ``i``."""
    units, j = seg.units, i
    if units[i].kind == "heading":
        while j < len(units) and units[j].kind == "heading" and not units[j].sub:
            j += 1
        # an unmarked ——subheadline under a Markdown headline belongs to it
        if j < len(units) and units[j].kind == "text" and units[j].candidate and units[j].body.startswith("——"):
            j += 1
        return max(j, i + 1)
    if seg.md_mode:
        return i + 1  # headlines are marked; unmarked short lines stand alone
    while j < len(units) and units[j].kind == "text" and units[j].candidate:
        if j > i and (units[j].sub or units[j].level):
            break
        j += 1
    return j


def decide(seg: Segmenter, group: list[Unit], nxt: Unit | None) -> str:
    """headline, caption, body or leftover, for candidate lines followed by ``nxt``."""
    cur = seg.cur
    running = cur is not None and not cur.closed
    if nxt is not None and nxt.kind == "module" and nxt.value == "text" and group[0].kind == "heading":
        return "headline"  # (PDF) a headline at a column's foot: its text begins in the next column
    if nxt is None or nxt.kind in ("heading", "section", "module"):
        if group[0].kind == "heading" and nxt is not None and nxt.kind == "heading":
            return "headline"  # a sub-headed chain of Markdown headings
        return "caption" if running and group[0].kind == "text" else "leftover"
    if nxt.kind in ("byline", "figure") or nxt.lead or group[0].kind == "heading" or not running:
        return "headline"
    if len(group) >= 2 and not seg.md_mode:
        return "headline"
    gap = group[0].gap  # several blank lines before it: where a photo stood
    if not cur.paras:
        return "caption"  # between the headline and the text
    if cur.open_para is not None:
        return "caption" if gap >= 2 else "body"  # inside a sentence cut by a photo
    if not (seg.md_mode or seg.end_style):
        return "headline"  # headlines are what separate the articles here
    if not seg.md_mode and LEAD_CUE.match(nxt.body):
        return "headline"
    if gap >= 2:
        return "caption"
    return "body"  # the first line of a paragraph cut by a column break


def _place_group(seg: Segmenter, group: list[Unit], j: int) -> None:
    nxt = seg.next_unit(j)
    decision = decide(seg, group, nxt)
    if decision == "body":
        for g in group:
            seg.add_text(g)
    elif decision == "caption":
        for g in group:
            seg.add_photo(Photo(caption=g.text, line=g.no))
    elif decision == "leftover":
        for g in group:
            seg.leftover.append(Para(g.text, g.no))
        seg.warnings.append((group[0].no, f"“{group[0].text}”后面没有正文，未能归入任何稿件，已放入未归类文本"))
    else:
        if seg.section and seg.section != "photo" and not seg.held and not seg.short_item(j):
            seg.section = ""  # a full article ends the 短消息 column
        seg.close(-1)
        for g in group:
            _strip_decoration(seg, g)
        seg.open_article(group[0].no, group)


def _strip_decoration(seg: Segmenter, u: Unit) -> None:
    """``■ 标题`` (a brief's marker) → ``标题``; ``——副题`` → ``副题`` (the templates print
    the dash), remembered as ``dashed``."""
    text = u.text.lstrip(_DECORATION)
    dash = _DASHES.match(text)
    if dash and dash.end() < len(text):
        u.dashed = True
        text = text[dash.end():]
    if text != u.text and text:
        seg.markup.append(u.text[: len(u.text) - len(text)])
        u.text = text



def rejoin_backward(seg: Segmenter) -> None:
    """Continued parts read before their beginning (上接第3版 on page 1): appended to the story
    on that 版 that says 下转 to their 版 and carries their headline."""
    for tail in [a for a in seg.articles if a.jump_from]:
        printed = squeeze("".join(h.text for h in tail.heads))
        head = next((a for a in seg.articles if a is not tail and a.page == tail.jump_from and a.jump_to == tail.page
                     and (not printed or printed in squeeze("".join(h.text for h in a.heads)))), None)
        if head is None:
            continue
        head.paras += tail.paras
        head.photos += tail.photos
        head.byline.merge(tail.byline)
        head.jump_to = 0
        seg.markup.extend(h.text for h in tail.heads)
        seg.articles.remove(tail)
