"""Reading PDFs in the print tests and in scripts/measure_print.py: poppler-utils for text,
fonts and images (installed by install-system-deps.sh --test), pdfplumber for where every
character and image is, to measure a page as a layout editor would."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CLOSING = "，。、；：？！”’）》」』〕】…"
OPENING = "“‘（《「『〔【"
STRIPS = 12
HANGING = "，。、；：！？”’）》」』"  # a line ending in one of these reaches half an em past the column's edge (Typst's overhang)
SHORT = 1.5  # pt: a justified line ending further than this from its column's edge is short


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_texts(pdf: Path) -> list[str]:
    """Text of each page in drawing order (``pdftotext -raw``), one string per page."""
    return _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-").split("\f")[:-1]


def flat(text: str) -> str:
    """Lines joined without breaks: a title broken over two lines still matches (and without
    the word joiners display lines carry: they print nothing)."""
    return re.sub(r"\s*\n\s*", "", text.replace("\u2060", ""))


def bare(text: str) -> str:
    """No white space at all: justified CJK text extracts with stray spaces."""
    return re.sub(r"[\s\u2060]+", "", text)  # and the word joiners of display lines


def fonts(pdf: Path) -> list[dict]:
    """``pdffonts`` rows: name, emb, sub."""
    rows = []
    for line in _run("pdffonts", str(pdf)).splitlines()[2:]:
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def info(pdf: Path) -> dict[str, str]:
    out = {}
    for line in _run("pdfinfo", "-box", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def image_count(pdf: Path) -> int:
    return len(_run("pdfimages", "-list", str(pdf)).splitlines()[2:])


def image_objects(pdf: Path) -> set[str]:
    """The distinct image objects of the PDF (one per photo: none drawn twice by mistake)."""
    return {line.split()[10] for line in _run("pdfimages", "-list", str(pdf)).splitlines()[2:]}


def write_issue(content: Path, issue_id: str, yml: str, articles: dict[str, str]) -> Path:
    """A small issue folder: ``issue.yml`` and ``<slug>.md`` files (front matter + body)."""
    folder = content / "issues" / issue_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.yml").write_text(yml, encoding="utf-8")
    for slug, text in articles.items():
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


# -- measuring a page -------------------------------------------------------------------


@dataclass
class PageFigures:
    """What a layout editor checks on one page (see the print issue's "Done when")."""

    page: int
    layout: object = None  # pdf_layout.LayoutFigures: what a 美编 sees (photos, measure, breaks, holes)
    blank_mean: float = 0.0  # share of the type area's height blank under the last line, mean over strips
    blank_worst: float = 0.0  # the same in the worst strip of 1/12 of the width
    body_lines: int = 0  # body lines that are not the last of a paragraph
    short_lines: int = 0  # … of them ending more than SHORT pt before their column's edge
    kinsoku: list[str] = field(default_factory=list)  # 避头尾 faults: the offending lines
    short: list[str] = field(default_factory=list)  # the short lines

    @property
    def short_share(self) -> float:
        return self.short_lines / self.body_lines if self.body_lines else 0.0


def measure_pdf(pdf: Path, geometry, bleed: float = 0.0) -> list[PageFigures]:
    """Figures of every page of ``pdf`` laid out on ``geometry`` (options.Geometry)."""
    import pdfplumber
    from pdf_layout import measure_layout

    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            chars = [c for c in page.chars if c["text"].strip()]
            for c in chars:
                c["x0"], c["x1"], c["top"], c["bottom"] = (c["x0"] - bleed, c["x1"] - bleed, c["top"] - bleed,
                                                             c["bottom"] - bleed)
            images = [(i["x0"] - bleed, i["x1"] - bleed, i["bottom"] - bleed) for i in page.images]
            figures = PageFigures(number)
            lines = text_lines(chars, geometry)
            _blank(figures, chars, _column_extents(lines, geometry), images, geometry)
            _short(figures, lines, geometry)
            figures.kinsoku = [line.text for line in lines if line.text[0] in CLOSING or line.text[-1] in OPENING]
            figures.layout = measure_layout(page, number, geometry, bleed)
            out.append(figures)
    return out


def _blank(figures: PageFigures, chars, extents, images, g) -> None:
    """Blank under the lowest text or image in each strip, down to the foot of the type area.
    A line of text covers its column's width (the end of a short line is not under it)."""
    height = g.bottom - g.top
    width = g.type_width / STRIPS
    shares = []
    for strip in range(STRIPS):
        x0 = g.left + strip * width
        x1 = x0 + width
        lowest = g.top
        for c in chars:
            if c["top"] < g.bottom and c["x1"] > x0 and c["x0"] < x1:
                lowest = max(lowest, c["bottom"])
        for left, right, bottom in extents:
            if bottom < g.bottom and right > x0 and left < x1:
                lowest = max(lowest, bottom)
        for ix0, ix1, bottom in images:
            if ix1 > x0 and ix0 < x1 and bottom <= g.bottom + 1:
                lowest = max(lowest, bottom)
        shares.append(max(0.0, g.bottom - lowest) / height)
    figures.blank_mean = sum(shares) / len(shares)
    figures.blank_worst = max(shares)


@dataclass
class Line:
    x0: float
    x1: float
    top: float
    size: float
    font: str
    text: str
    column: int


def text_lines(chars: list[dict], g) -> list[Line]:
    """Characters grouped into lines: the same baseline and no gap wider than 3/4 em (the
    gutter between two columns is wider, even where a line starts with a hanging “), nor a gap
    over a gutter's middle wider than 0.4 em (a narrow gutter where a line ending in ）meets one
    starting with （: Typst sets both punctuation marks half an em into the gutter)."""
    rows: dict[float, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["bottom"] * 2) / 2, []).append(c)
    gutters = [g.column_x(c) - g.gutter / 2 for c in range(1, g.columns)]
    lines = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        start = 0
        for i in range(1, len(row) + 1):
            if i == len(row) or _apart(row[i - 1], row[i], gutters):
                part = row[start:i]
                column = int((part[0]["x1"] - 1 - g.left) // (g.column + g.gutter))
                lines.append(Line(part[0]["x0"], part[-1]["x1"], part[0]["top"], part[0]["size"],
                                  part[0]["fontname"], "".join(c["text"] for c in part), column))
                start = i
    lines.sort(key=lambda l: (l.column, l.top, l.x0))
    return lines


def _apart(a: dict, b: dict, gutters: list[float]) -> bool:
    """Two characters of one baseline in different lines: a gap wider than 3/4 em, or a gap over a
    gutter's middle (a full line, then the next column's line starting with a hanging “)."""
    size = min(a["size"], b["size"])
    gap = b["x0"] - a["x1"]
    return gap > size * 0.75 or (gap > size * 0.3 and any(a["x1"] - 1 <= x <= b["x0"] + size * 0.6 for x in gutters))


def _column_extents(lines: list[Line], g) -> list[tuple[float, float, float]]:
    """(left, right, bottom) of every body line, across its whole text column."""
    body = [l for l in lines if "Serif" in l.font and abs(l.size - g.body) < 0.3]
    out = []
    for segment in column_runs(body, g):
        left = min(l.x0 for l in segment)
        right = max(l.x1 for l in segment) if len(segment) > 1 else segment[0].x1
        right = max(right, left + g.column - 1) if right - left < g.column else right
        out.extend((left, right, l.top + l.size) for l in segment)
    return out


def _short(figures: PageFigures, lines: list[Line], g) -> None:
    """Body lines (serif, body size) followed by a full line of the same paragraph (next line
    down in the same text column, not indented) that end short of the column's edge."""
    body = [l for l in lines if "Serif" in l.font and "Bold" not in l.font and abs(l.size - g.body) < 0.3]
    for segment in column_runs(body, g):
        if len(segment) < 2:
            continue
        flush = [l for l in segment if l.text[-1:] not in HANGING] or segment  # punctuation hangs past the edge
        ends = [round(l.x1) for l in flush]
        edge = max(set(ends), key=lambda x: (ends.count(x), x)) if len(flush) > 2 else max(l.x1 for l in flush)
        left = min(l.x0 for l in segment)
        for line, after in zip(segment, segment[1:]):
            if after.x0 > left + g.body * 0.5 or after.x1 < edge - g.body * 2:
                continue  # a paragraph's last line, a poem's line
            figures.body_lines += 1
            if line.x1 < edge - SHORT:
                figures.short_lines += 1
                figures.short.append(line.text)


def column_runs(lines: list[Line], g) -> list[list[Line]]:
    """Runs of lines one below the other in one text column (a module's column)."""
    by_column: dict[int, list[Line]] = {}
    for line in lines:
        by_column.setdefault(line.column, []).append(line)
    out = []
    for column_lines in by_column.values():
        column_lines.sort(key=lambda l: l.top)
        current: list[Line] = []
        for line in column_lines:
            if current and (line.top - current[-1].top > g.pitch * 1.3
                            or abs(line.x0 - min(l.x0 for l in current)) > g.body * 2.5):
                out.append(current)
                current = []
            current.append(line)
        if current:
            out.append(current)
    return out
