"""What a layout editor (美编) sees on a printed page, read from the PDF with pdfplumber.

Photos and boxes are not counted as filled space here: a photo is judged by its share of
the type area and its effective ppi as printed, a box by where its content ends. For every
page (see the print issue's "Done when" for the limits in :data:`LIMITS`):

- photos: the largest and all of them as shares of the type area, the lowest ppi;
- lines of body-size text longer than 32 characters;
- stubs (1–2 body lines alone in a column between a photo, rule, display text or the
  page's foot), widows (a paragraph's short last line at the top of a column), 孤字 (a
  paragraph's last line holding one character and punctuation);
- display lines (headlines, 引题, 副题, 导读 entries, the titles of the briefs in a 短消息
  box) broken inside a word (jieba) or leaving one character alone; a brief's title split
  over two columns, or left at a column's foot with fewer than 2 lines of its text;
- whether one headline is clearly the largest (≥ 1.15× the next) and in the upper half;
- holes: blank stretches taller than 3 body lines in each of 12 vertical strips, anywhere
  (inside boxes too), as a share of the type area's height: the mean and the worst strip;
- boxes whose content ends more than 3 body lines above their foot;
- how modules are built (tests/pdf_modules.py): photos taller than a quarter of the type
  area, captions wider than their photos or over 3 columns, a photo above its own headline,
  a text 3 columns wide or more with 1–2 lines a column, a poster not at the foot or put in
  a story's hole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pdf_helpers import STRIPS, Line, column_runs, text_lines
from pdf_modules import find_captions, find_posters, find_strips, find_tall

LIMITS = {"photo_max": 0.20, "photo_total": 0.35, "ppi": 180, "line_chars": 32, "stubs": 1, "widows": 1,
          "orphans": 1, "holes_mean": 0.05, "holes_worst": 0.15, "lead_ratio": 1.15, "hole_lines": 3}
PUNCT = set("，。、；：？！“”‘’（）《》「」『』〔〕【】…—·,.;:?!()\"' ")
GUIDE_ENTRY = re.compile(r"^\d+版")


@dataclass
class LayoutFigures:
    page: int
    photos: list[tuple[float, int]] = field(default_factory=list)  # (share of the type area, ppi)
    long_lines: list[str] = field(default_factory=list)
    stubs: list[str] = field(default_factory=list)
    widows: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # 孤字
    broken: list[str] = field(default_factory=list)  # display lines broken inside a word, or a lone character
    split: list[str] = field(default_factory=list)  # briefs' titles split over two columns or kept from their text
    stories: int = 0  # headlines on the page
    lead: bool = True  # one headline clearly the largest, in the upper half (or fewer than 3 stories)
    holes_mean: float = 0.0
    holes_worst: float = 0.0
    stretched: list[str] = field(default_factory=list)  # boxes: blank under their content, in lines
    tall: list[str] = field(default_factory=list)  # photos taller than a quarter of the type area
    captions: list[str] = field(default_factory=list)  # captions too wide, photos above their headline
    strips: list[str] = field(default_factory=list)  # text ≥ 3 columns wide, ≤ 2 lines a column
    posters: list[str] = field(default_factory=list)  # posters not at the foot, or in a story's hole

    @property
    def photo_max(self) -> float:
        return max((share for share, _ in self.photos), default=0.0)

    @property
    def photo_total(self) -> float:
        return sum(share for share, _ in self.photos)

    @property
    def ppi_min(self) -> int | None:
        return min((ppi for _, ppi in self.photos), default=None)

    def faults(self) -> list[str]:
        out, n = [], f"第{self.page}版"
        if self.photo_max > LIMITS["photo_max"] or self.photo_total > LIMITS["photo_total"]:
            out.append(f"{n}照片占版心：最大 {self.photo_max:.0%}，合计 {self.photo_total:.0%}")
        if self.ppi_min is not None and self.ppi_min < LIMITS["ppi"]:
            out.append(f"{n}照片印出只有 {self.ppi_min} ppi")
        out += [f"{n}行太长（{len(bare_text(t))} 字）：{t[:16]}…" for t in self.long_lines]
        for name, found, limit in (("孤行短条", self.stubs, "stubs"), ("寡行", self.widows, "widows"),
                                   ("孤字", self.orphans, "orphans")):
            if len(found) > LIMITS[limit]:
                out.append(f"{n}{name} {len(found)} 处：{' / '.join(found[:4])}")
        out += [f"{n}标题断行：{b}" for b in self.broken]
        out += [f"{n}短消息标题跨栏：{b}" for b in self.split]
        if not self.lead:
            out.append(f"{n}没有明确的头条（{self.stories} 个标题）")
        if self.holes_mean > LIMITS["holes_mean"] or self.holes_worst > LIMITS["holes_worst"]:
            out.append(f"{n}空洞 {self.holes_mean:.1%}（最空的一条 {self.holes_worst:.1%}）")
        out += [f"{n}框被撑大：{s}" for s in self.stretched]
        out += [f"{n}照片太高（版心高度的 {s}）" for s in self.tall]
        out += [f"{n}{s}" for s in self.captions]
        out += [f"{n}文字排成横条（{s}）" for s in self.strips]
        out += [f"{n}{s}" for s in self.posters]
        return out


@dataclass
class PageInk:
    """What is printed on one page, moved by the bleed, and the free area between the
    running head's rule and the foot (or the 报尾's rule)."""

    chars: list[dict]
    lines: list[Line]
    images: list[dict]
    rules: list[tuple[float, float, float]]  # x0, x1, y of horizontal rules
    frames: list[dict]
    top: float
    bottom: float
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # x, top, bottom of vertical rules


def read_page(page, g, bleed: float = 0.0) -> PageInk:
    chars = []
    for c in page.chars:
        c = {**c, "text": c["text"].replace("\u2060", "")}  # word joiners of display lines print nothing
        if c["text"].strip():
            chars.append({**c, "x0": c["x0"] - bleed, "x1": c["x1"] - bleed, "top": c["top"] - bleed,
                          "bottom": c["bottom"] - bleed})
    images = [{"x0": i["x0"] - bleed, "x1": i["x1"] - bleed, "top": i["top"] - bleed, "bottom": i["bottom"] - bleed,
               "px": i["srcsize"]} for i in page.images]
    rules, frames, vrules = [], [], []
    for r in [*page.lines, *page.rects]:
        x0, x1, top, bottom = r["x0"] - bleed, r["x1"] - bleed, r["top"] - bleed, r["bottom"] - bleed
        if bottom - top < 4:
            rules.append((x0, x1, (top + bottom) / 2))
        elif x1 - x0 < 4:
            vrules.append(((x0 + x1) / 2, top, bottom))
        elif r.get("stroke") and x1 - x0 > g.body * 3 and bottom - top > g.pitch * 3:
            frames.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom})
    wide = [y for x0, x1, y in rules if x1 - x0 > g.type_width * 0.9]
    body = [c["bottom"] for c in chars if "Serif" in c["fontname"] and abs(c["size"] - g.body) < 0.3]
    top = max([y for y in wide if y < g.height * 0.3 and not any(b < y for b in body)], default=g.top)  # no body text above
    bottom = g.bottom
    for y in sorted((y for y in wide if g.height * 0.6 < y <= g.bottom + 1), reverse=True):
        if any(y < c["top"] < g.bottom and c["size"] > g.body * 0.9 for c in chars):
            break  # a box's banner rule: text goes on under it
        bottom = y  # the 报尾's rule: only small print under it
    inside = [c for c in chars if top < c["top"] and c["top"] + c["size"] * 0.6 < bottom]  # the last line's descent may touch the foot
    return PageInk(inside, text_lines(inside, g), images, rules, frames, top, bottom, vrules)


def measure_layout(page, number: int, g, bleed: float = 0.0) -> LayoutFigures:
    """The layout editor's figures of one pdfplumber page laid out on ``g`` (options.Geometry)."""
    ink = read_page(page, g, bleed)
    figures = LayoutFigures(number)
    area = g.type_width * (g.bottom - g.top)
    for image in ink.images:
        width, height = image["x1"] - image["x0"], image["bottom"] - image["top"]
        if width > 1 and height > 1:
            ppi = min(image["px"][0] / (width / 72), image["px"][1] / (height / 72))
            figures.photos.append((round(width * height / area, 4), round(ppi)))
    figures.long_lines = [l.text for l in ink.lines  # text at body size (not a 副题 or caption under a wide photo)
                          if abs(l.size - g.body) < 0.3 and len(bare_text(l.text)) > LIMITS["line_chars"]]
    find_runs(figures, ink, g)
    find_display(figures, ink, g)
    find_brief_titles(figures, ink, g)
    find_holes(figures, ink, g)
    find_stretched(figures, ink, g)
    body = [l for l in ink.lines if is_body(l, g)]
    find_tall(figures, ink, g)
    find_captions(figures, ink, g)
    find_strips(figures, ink, g, body)
    find_posters(figures, ink, g, body)
    return figures


def bare_text(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_body(line: Line, g) -> bool:
    """A line of body text: the regular serif at body size (not a brief's bold title)."""
    return "Serif" in line.font and abs(line.size - g.body) < 0.3 and "Bold" not in line.font


def find_runs(figures: LayoutFigures, ink: PageInk, g) -> None:
    """Stubs, widows and 孤字 among the runs of body lines in each text column."""
    for run in column_runs([l for l in ink.lines if is_body(l, g)], g):
        first, last = run[0], run[-1]
        above = thing_near(ink, g, first, first.top - g.pitch * 2.2, first.top - 0.5)
        below = thing_near(ink, g, last, last.top + last.size + 0.5, last.top + g.pitch * 2.2, below=True)
        if len(run) <= 2 and above and below:
            figures.stubs.append("".join(bare_text(l.text) for l in run)[:10])
        column_left = g.column_x(first.column)
        indented = first.x0 > column_left + g.body * 0.5
        if above and not indented and first.x1 < column_left + g.column - g.body * 2 and (
                len(run) == 1 or run[1].x0 > column_left + g.body * 0.5):
            figures.widows.append(bare_text(first.text))
        for line, after in zip(run, [*run[1:], None]):
            text = bare_text(line.text)
            ends = after is None or after.x0 > column_left + g.body * 0.5 or line.x1 < column_left + g.column - g.body
            if ends and len([c for c in text if c not in PUNCT]) == 1 and len(text) <= 3:
                figures.orphans.append(text)


def thing_near(ink: PageInk, g, line: Line, y0: float, y1: float, below: bool = False) -> bool:
    """Whether something other than body-size text lies between y0 and y1 over ``line``'s
    column: a photo, a rule, a frame's edge, display text, a caption, or (below) the foot."""
    x0, x1 = g.column_x(line.column), g.column_x(line.column) + g.column
    if below and y1 >= ink.bottom - 1:
        return True
    for image in ink.images:
        if image["x0"] < x1 and image["x1"] > x0 and image["top"] < y1 and image["bottom"] > y0:
            return True
    for rx0, rx1, y in ink.rules:
        if rx0 < x1 and rx1 > x0 and y0 <= y <= y1:
            return True
    for frame in ink.frames:
        if frame["x0"] < x1 and frame["x1"] > x0 and any(y0 <= y <= y1 for y in (frame["top"], frame["bottom"])):
            return True
    for other in ink.lines:
        if other.x0 < x1 and other.x1 > x0 and y0 <= other.top + other.size and other.top <= y1:
            if abs(other.size - g.body) > 0.3:  # display text, a caption, a byline (not a brief's title)
                return True
    return False


def find_display(figures: LayoutFigures, ink: PageInk, g) -> None:
    """Headlines (bold sans ≥ 1.3× body), 引题/副题 (regular sans a little above body size)
    and 导读 entries: where their lines break, and which headline leads."""
    display = [l for l in ink.lines if "Sans" in l.font]
    heads = group_blocks([l for l in display if "Bold" in l.font and l.size >= g.body * 1.3])
    smalls = group_blocks([l for l in display if "Bold" not in l.font and g.body * 0.97 <= l.size <= g.body * 1.4])
    for block in [*heads, *smalls, *guide_entries(ink, g)]:
        figures.broken += display_faults([bare_text(l.text) for l in block])
    figures.stories = len(heads)
    if len(heads) >= 3:
        sizes = sorted(((b[0].size, b[0].top) for b in heads), reverse=True)
        middle = (ink.top + ink.bottom) / 2
        figures.lead = sizes[0][0] >= LIMITS["lead_ratio"] * sizes[1][0] - 0.01 and sizes[0][1] < middle


def find_brief_titles(figures: LayoutFigures, ink: PageInk, g) -> None:
    """The briefs' titles in a 短消息 box (bold sans at body size, the first line marked ■):
    where their lines break, and whether one is split over two columns or ends a column with
    fewer than 2 lines of its text under it (the brief going on in the next column)."""
    for frame in ink.frames:
        inside = [l for l in ink.lines if frame["x0"] - 1 <= l.x0 and l.x1 <= frame["x1"] + 1
                  and frame["top"] < l.top < frame["bottom"] and abs(l.size - g.body) < 0.3]
        if not any(bare_text(l.text).startswith("■") for l in inside):
            continue
        columns = split_inner_columns(inside, g)
        for index, column in enumerate(columns):
            titled = [("Sans" in l.font and "Bold" in l.font) for l in column]
            at = 0
            while at < len(column):
                if not titled[at]:
                    at += 1
                    continue
                end = at
                while end < len(column) and titled[end] and (end == at or not bare_text(column[end].text).startswith("■")):
                    end += 1
                block = [bare_text(l.text).lstrip("■") for l in column[at:end]]
                figures.broken += display_faults(block)
                text_under = 0
                while at + len(block) + text_under < len(column) and not titled[at + len(block) + text_under]:
                    text_under += 1
                goes_on = index + 1 < len(columns) and not bare_text(columns[index + 1][0].text).startswith("■")
                if at == 0 and index > 0 and not bare_text(column[0].text).startswith("■") and titled[0]:
                    figures.split.append("".join(block))  # the rest of a title begun at a column's foot
                elif end + text_under == len(column) and text_under < 2 and goes_on:
                    figures.split.append("".join(block) + f"（下面只有 {text_under} 行）")
                at = end


def split_inner_columns(lines: list[Line], g) -> list[list[Line]]:
    """The lines of a box in its own text columns (by their left edges; a first line's
    indent stays in its column), each top to bottom."""
    starts: list[float] = []
    for x in sorted(l.x0 for l in lines):
        if not starts or x > starts[-1] + g.body * 3:
            starts.append(x)
    columns: list[list[Line]] = [[] for _ in starts]
    for line in lines:
        columns[max(i for i, s in enumerate(starts) if s <= line.x0 + 0.5)].append(line)
    return [sorted(c, key=lambda l: l.top) for c in columns if c]


def group_blocks(lines: list[Line]) -> list[list[Line]]:
    """Lines of one size, one under the other and left-aligned: one display block each."""
    blocks: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        for block in blocks:
            last = block[-1]
            if abs(last.size - line.size) < 0.1 and abs(block[0].x0 - line.x0) < line.size * 0.9 \
                    and 0 < line.top - last.top <= line.size * 1.6:
                block.append(line)
                break
        else:
            blocks.append([line])
    return blocks


def guide_entries(ink: PageInk, g) -> list[list[Line]]:
    """The entries of the 导读 box ("N版 title", a title going on to the next line)."""
    head = next((l for l in ink.lines if "本期导读" in bare_text(l.text)), None)
    if head is None:
        return []
    box = next((f for f in ink.frames if f["x0"] <= head.x0 and f["top"] <= head.top <= f["bottom"]), None)
    if box is None:
        return []
    inside = [l for l in ink.lines if box["x0"] <= l.x0 and l.x1 <= box["x1"] and head.top < l.top < box["bottom"]]
    entries: list[list[Line]] = []
    for line in sorted(inside, key=lambda l: (l.column, l.top)):
        if GUIDE_ENTRY.match(bare_text(line.text)) or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return [[Line(e[0].x0, e[0].x1, e[0].top, e[0].size, e[0].font, GUIDE_ENTRY.sub("", bare_text(e[0].text)), 0),
             *e[1:]] for e in entries]


def display_faults(lines: list[str]) -> list[str]:
    """The breaks of a display block that split a word or a number from its unit, and its
    lines of one character (with punctuation)."""
    out = []
    lines = [l for l in lines if l]
    for line in lines:
        if len(lines) > 1 and len([c for c in line if c not in PUNCT]) == 1:
            out.append("|".join(lines))
    text = "".join(lines)
    if len(lines) < 2:
        return out
    bounds = word_bounds(text)
    at = 0
    for line in lines[:-1]:
        at += len(line)
        before, after = text[at - 1], text[at]
        number = before.isdigit() and (after.isdigit() or after not in PUNCT)
        if (at not in bounds and after not in PUNCT and before not in PUNCT) or number:
            out.append("|".join(lines))
            break
    return sorted(set(out))


@lru_cache(maxsize=4096)
def word_bounds(text: str) -> frozenset[int]:
    """Offsets between the words of ``text`` (jieba's dictionary segmentation, loaded lazily)."""
    import jieba

    jieba.setLogLevel(60)
    bounds, at = set(), 0
    for word in jieba.cut(text):
        if len(word) >= 4:  # a compound of two words (消防安全) may break between them
            bounds.update(at + i for i in range(2, len(word) - 1)
                          if jieba.dt.FREQ.get(word[:i]) and jieba.dt.FREQ.get(word[i:]))
        at += len(word)
        bounds.add(at)
    return frozenset(bounds)


def find_holes(figures: LayoutFigures, ink: PageInk, g) -> None:
    """Blank stretches taller than 3 body lines in each of 12 strips of the type area, from the
    free area's top to its foot. A line of text covers its columns' whole width (a short last
    line leaves no hole), display text (outside boxes) the width to its right too (a headline
    is set flush left); photos cover what they cover; rules and frames fill nothing."""
    spans = []
    for line in ink.lines:
        first = max(0, int((line.x0 + 0.5 - g.left) // (g.column + g.gutter)))
        last = min(g.columns - 1, int((line.x1 - 0.5 - g.left) // (g.column + g.gutter)))
        if "Sans" in line.font and line.size >= g.body * 0.88 and not is_framed(ink, line):
            last = g.columns - 1  # a headline, 引题, 副题 or byline: the blank to its right is its own
        spans.append((g.column_x(first), g.column_x(last) + g.column, line.top, line.top + line.size))
    spans += [(i["x0"], i["x1"], i["top"], i["bottom"]) for i in ink.images if i["bottom"] > ink.top]
    width = g.type_width / STRIPS
    limit = g.pitch * LIMITS["hole_lines"]
    shares = []
    for strip in range(STRIPS):
        x0 = g.left + strip * width + 1
        x1 = x0 + width - 2
        covered = sorted((top, bottom) for sx0, sx1, top, bottom in spans if sx0 < x1 and sx1 > x0)
        blank, cursor = 0.0, ink.top
        for top, bottom in [*covered, (ink.bottom, ink.bottom)]:
            if top - cursor > limit:
                blank += top - cursor
            cursor = max(cursor, bottom)
        shares.append(blank / (g.bottom - g.top))
    figures.holes_mean = round(sum(shares) / len(shares), 4)
    figures.holes_worst = round(max(shares), 4)


def is_framed(ink: PageInk, line: Line) -> bool:
    return any(f["x0"] <= line.x0 and line.x1 <= f["x1"] and f["top"] <= line.top <= f["bottom"] for f in ink.frames)


def find_stretched(figures: LayoutFigures, ink: PageInk, g) -> None:
    """Boxes whose content (text, photos) ends more than 3 body lines above their foot."""
    for frame in ink.frames:
        inside = [c["bottom"] for c in ink.chars if frame["x0"] <= c["x0"] and c["x1"] <= frame["x1"]
                  and frame["top"] <= c["top"] and c["bottom"] <= frame["bottom"]]
        inside += [i["bottom"] for i in ink.images if frame["x0"] <= i["x0"] and i["x1"] <= frame["x1"]
                   and frame["top"] <= i["top"] and i["bottom"] <= frame["bottom"]]
        if not inside:
            continue
        blank = (frame["bottom"] - max(inside)) / g.pitch
        if blank > LIMITS["hole_lines"]:
            label = "".join(c["text"] for c in ink.chars if frame["top"] <= c["top"] < frame["top"] + g.pitch * 2
                            and frame["x0"] <= c["x0"] <= frame["x1"])[:8]
            figures.stretched.append(f"{label}（内容下空 {blank:.0f} 行）")
