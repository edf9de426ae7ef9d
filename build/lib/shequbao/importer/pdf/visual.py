"""Runs of one column → visual lines, and what each line looks like next to the body text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .glyphs import Run
from .images import Figure

HEADLINE_SIZE = 1.15  # × body size: a larger line is a headline
BODY_SIZE = (0.93, 1.07)  # × body size: body text
SMALL_SIZE = 0.95  # × body size: captions and credits are smaller


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


@dataclass
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

    @property
    def main(self) -> Run:
        return max(self.runs, key=lambda r: len(r.chars))

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
        main = self.main
        if main.size >= HEADLINE_SIZE * style.size:
            return True
        return main.bold and main.size >= BODY_SIZE[0] * style.size and main.font != style.font

    def is_body(self, style: Style) -> bool:
        main = self.main
        low, high = BODY_SIZE
        return main.font == style.font and low * style.size <= main.size <= high * style.size and not main.bold

    def is_small(self, style: Style) -> bool:
        return self.main.size <= SMALL_SIZE * style.size or (self.main.font != style.font and not self.main.bold
                                                              and self.main.size < HEADLINE_SIZE * style.size)


def visual_lines(leaf: list) -> list:
    """The runs of one leaf grouped into lines (figures pass through), top to bottom."""
    out: list = []
    line: VLine | None = None
    for element in sorted(leaf, key=lambda e: (e.top, e.x0)):
        if isinstance(element, Figure):
            out.append(element)
            line = None
            continue
        middle = (element.top + element.bottom) / 2
        if line is not None and line.top <= middle <= line.bottom:
            line.add(element)
        else:
            line = VLine()
            line.add(element)
            out.append(line)
    return out
