"""Runs → visual lines, and what each line looks like next to the body text.

A visual line is the runs that stand on one baseline side by side (a gap under ``JOIN``
em): the line of one column, never two columns at the same height (runs never cross a
gutter). Its look decides its part in a module: headline, deck (引题/副题), small print
(bylines, captions), body text, a bold line at body size (a section heading or a brief's
title).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .glyphs import CLOSING, OPENING, Run

HEADLINE_SIZE = 1.25  # × body size: a bold line this large is a headline
DISPLAY_SIZE = 1.6  # × body size: any line this large is a headline
PLAIN_HEADLINE = 1.35  # × body size: a line this large in another face than the body's is a headline
# (a Song or 小标宋 headline that is not bold by its font's name: Word's or 飞腾's fake bold)
BODY_SIZE = (0.93, 1.07)  # × body size: body text
SMALL_SIZE = 0.96  # × body size: bylines and captions are smaller
JOIN = 0.8  # em: runs closer than this on one baseline are one line (a run never crosses a wider gap)


@dataclass
class Style:
    """The body text of the document: its font and size (the most characters)."""

    size: float
    font: str

    @classmethod
    def of(cls, runs: list[Run]) -> Style:
        weights: Counter = Counter()
        for run in runs:
            weights[(run.size, run.font)] += len(run.chars)
        if not weights:
            return cls(10.0, "")
        (size, font), _ = weights.most_common(1)[0]
        return cls(size, font)


@dataclass(eq=False)
class VLine:
    runs: list[Run] = field(default_factory=list)
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def add(self, run: Run) -> None:
        if not self.runs:
            self.x0, self.x1, self.top, self.bottom = run.x0, run.x1, run.top, run.bottom
        self.runs.append(run)
        self.x0, self.x1 = min(self.x0, run.x0), max(self.x1, run.x1)
        self.top, self.bottom = min(self.top, run.top), max(self.bottom, run.bottom)

    def split_at(self, x: float) -> tuple[VLine | None, VLine | None]:
        """The line cut at ``x`` (between two characters): its two sides, None if empty."""
        sides = (VLine(), VLine())
        for run in sorted(self.runs, key=lambda r: r.x0):
            for side, piece in zip(sides, run.split_at(x)):
                if piece is not None:
                    side.add(piece)
        for side in sides:
            if side.runs:
                side.settle()
        return tuple(side if side.runs else None for side in sides)

    def settle(self) -> None:
        """Measure the line by its ink: a full-width bracket or quote at either end has its
        mark in one half of its box, and papers let that half hang into the margin."""
        runs = sorted(self.runs, key=lambda r: r.x0)
        first, last = runs[0], runs[-1]
        if first.chars[0] in OPENING:
            self.x0 = min(self.x1, first.x0 + 0.5 * first.size)
        if last.chars[-1] in CLOSING:
            self.x1 = max(self.x0, last.x1 - 0.5 * last.size)

    @property
    def main(self) -> Run:
        return max(self.runs, key=lambda r: (len(r.chars), r.size))

    @property
    def size(self) -> float:
        return self.main.size

    @property
    def text(self) -> str:
        runs = sorted(self.runs, key=lambda r: r.x0)
        out = runs[0].text
        for before, run in zip(runs, runs[1:]):
            space = run.x0 - before.x1 > 0.2 * run.size
            out += (" " if space else "") + run.text
        return out

    def lead_bold(self) -> str:
        """The text of bold runs at the start of a line whose rest is not bold."""
        runs = sorted(self.runs, key=lambda r: r.x0)
        n = 0
        while n < len(runs) and runs[n].bold:
            n += 1
        return " ".join(r.text for r in runs[:n]) if 0 < n < len(runs) else ""

    def is_headline(self, style: Style) -> bool:
        """Set large: a headline (the title of a story, a photo item, a continued part)."""
        main = self.main
        if main.size >= DISPLAY_SIZE * style.size:
            return True
        if main.font != style.font and main.size >= PLAIN_HEADLINE * style.size:
            return True
        return main.bold and main.size >= HEADLINE_SIZE * style.size

    def is_deck(self, style: Style) -> bool:
        """Set in another face than the body at body size or above, not bold: 引题 or 副题
        (when it stands next to a headline)."""
        main = self.main
        if main.bold or self.is_headline(style) or main.size < BODY_SIZE[0] * style.size:
            return False  # another face, or the body's set larger (a Word document's 副题), or ——副题
        return main.font != style.font or main.size > BODY_SIZE[1] * style.size or self.text.startswith("——")

    def is_body(self, style: Style) -> bool:
        main = self.main
        low, high = BODY_SIZE
        return main.font == style.font and low * style.size <= main.size <= high * style.size and not main.bold

    def is_bold_line(self, style: Style) -> bool:
        """Bold at about body size: a section heading inside a story, a brief's title."""
        main = self.main
        return main.bold and BODY_SIZE[0] * style.size <= main.size < HEADLINE_SIZE * style.size

    def is_small(self, style: Style) -> bool:
        return self.main.size <= SMALL_SIZE * style.size


def page_lines(runs: list[Run], walls: list = ()) -> list[VLine]:
    """The visual lines of a page: each run joins the line whose last run stands on its
    baseline just before it (with no vertical rule of ``walls`` between them), else starts one."""
    lines: list[VLine] = []
    open_lines: list[VLine] = []
    for run in sorted(_unwalled(runs, walls), key=lambda r: (r.x0, r.top)):
        best, best_gap = None, None
        keep = []
        for line in open_lines:
            last = line.runs[-1]
            if run.x0 - line.x1 > JOIN * max(last.size, run.size):
                continue  # too far left of this run: no later run joins it either
            reach = JOIN * min(last.size, run.size)
            keep.append(line)
            overlap = min(last.bottom, run.bottom) - max(last.top, run.top)
            gap = run.x0 - last.x1
            if abs(run.size - last.size) > 0.2 * min(run.size, last.size):  # a large bracket or quote
                gap = _ink_x0(run) - _ink_x1(last)  # hung into a gutter does not bridge it
            elif last.chars[-1] in CLOSING:  # a comma hung into the gutter (kinsoku) bridges it neither
                gap = max(gap, run.x0 - _ink_x1(last))
            if overlap < 0.5 * min(last.bottom - last.top, run.bottom - run.top) or not -0.5 * run.size <= gap <= reach:
                continue
            if not _walled(last, run, walls):
                if best is None or gap < best_gap:
                    best, best_gap = line, gap
        open_lines = keep
        if best is None:
            best = VLine()
            lines.append(best)
            open_lines.append(best)
        best.add(run)
    for line in lines:
        line.settle()
    return sorted(lines, key=lambda v: (v.top, v.x0))


def _walled(left: Run, right: Run, walls: list) -> bool:
    middle = (right.top + right.bottom) / 2
    start = left.x1 - 0.6 * left.size  # a closing quote or bracket may hang over the rule
    return any(start <= (w.x0 + w.x1) / 2 <= right.x0 + 1 and w.top <= middle <= w.bottom for w in walls)


def _unwalled(runs: list[Run], walls: list) -> list[Run]:
    """Runs cut where a vertical rule crosses them (punctuation hung into the gutter on both
    sides of a rule can leave no gap between two modules' lines)."""
    out = []
    for run in runs:
        pieces = [run]
        middle = (run.top + run.bottom) / 2
        for wall in walls:
            x = (wall.x0 + wall.x1) / 2
            if not wall.top <= middle <= wall.bottom:
                continue
            cut = []
            for piece in pieces:
                if piece.x0 + 0.5 * piece.size < x < piece.x1 - 0.5 * piece.size:
                    cut += [p for p in piece.split_at(x) if p is not None]
                else:
                    cut.append(piece)
            pieces = cut
        out += pieces
    return out


def _ink_x0(run: Run) -> float:
    return run.x0 + (0.5 * run.size if run.chars[0] in OPENING else 0.0)


def _ink_x1(run: Run) -> float:
    return run.x1 - (0.5 * run.size if run.chars[-1] in CLOSING else 0.0)
