"""Measure an issue's items with Typst, all in one compile (``typst/measure.typ``).

What is measured is what the planner needs and nothing is estimated: the number of lines
of every body block at the widths a module can give it (two trackings), the lines of
kickers, 副题, bylines and captions at every module width, and the natural width of every
piece a headline may be broken into (a piece of common Chinese characters only is one em a
character: :func:`is_em_square`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .content import Item, PageContent
from .headlines import candidate_pieces, keep_words
from .style import BYLINE, CAPTION, KICKER, LOOSE, MIXED, SUBTITLE, TRACKING_EM, TRACKINGS, Style

PIECE_SIZE = 100.0  # headline pieces are measured at this size; widths scale with the size


@dataclass
class ItemMetrics:
    """Lines and widths of one item. Keys of ``blocks``: (width key, tracking index)."""

    blocks: dict[tuple[str, int], list[int]] = field(default_factory=dict)
    kicker: dict[int, int] = field(default_factory=dict)  # span → lines
    subtitle: dict[int, int] = field(default_factory=dict)
    byline: dict[int, int] = field(default_factory=dict)
    caption: dict[int, int] = field(default_factory=dict)  # photo width in columns → lines
    pieces: dict[str, float] = field(default_factory=dict)  # headline piece → width at PIECE_SIZE

    def body_lines(self, width: str = "c", tracking: int = 0) -> int:
        return sum(self.block_lines(width, tracking))

    def block_lines(self, width: str = "c", tracking: int = 0) -> list[int]:
        """Lines of each block (MIXED: each at the tracking that gives it fewer)."""
        if tracking == MIXED:
            return [min(pair) for pair in zip(self.blocks.get((width, 0), ()), self.blocks.get((width, 1), ()))]
        if width != "c" and self.blocks and (width, tracking) not in self.blocks:
            raise KeyError(f"box text columns {width} were not measured (measure.brief_columns)")
        return list(self.blocks.get((width, tracking), ()))

    def lines_as_set(self, trackings: tuple[int, ...]) -> list[int]:
        """Lines of each block, block ``i`` set at the measured tracking ``trackings[i]`` (balance.py)."""
        return [self.blocks[("c", t)][i] for i, t in enumerate(trackings)]

    def tight_blocks(self, width: str = "c") -> set[int]:
        """The blocks that set 0.05 em tighter lose a line (their last, short: a 孤字 or a widow)."""
        pairs = zip(self.blocks.get((width, 0), ()), self.blocks.get((width, 1), ()))
        return {index for index, (normal, tight) in enumerate(pairs) if tight < normal}


def caption_text(item: Item, grid: bool = False) -> str:
    """One caption block for the item's photos: ``说明 孙涛 摄``, or ``左图：… 右图：…`` (``grid``:
    ``上图：… 下左：… 下右：…``, as long, so the measured lines hold for both)."""
    photos = [p for p in item.photos if p.caption or p.credit]
    if not photos:
        return ""
    if len(item.photos) == 1:
        p = photos[0]
        return "　".join(part for part in (p.caption, p.credit) if part)
    names = {2: ("左图", "右图"), 3: ("上图", "下左", "下右") if grid else ("左图", "中图", "右图")}.get(len(item.photos))
    out = []
    for index, p in enumerate(item.photos):
        label = names[index] if names else f"图{index + 1}"
        text = " ".join(part for part in (p.caption, p.credit) if part)
        if text:
            out.append(f"{label}：{text}")
    return "　".join(out)


def brief_columns(span: int) -> tuple[int, ...]:
    """The text columns a 短消息 or 导读 box ``span`` grid columns wide may have: one on each grid
    column, never a line across two (the shapes take these, and only these are measured)."""
    return (span,)


def brief_widths(style: Style) -> dict[str, float]:
    """Widths of the text columns a framed box of span s with n inner columns has (``brief_columns``)."""
    g = style.geometry
    widths = {}
    for span in range(1, g.columns + 1):
        for n in brief_columns(span):
            widths[f"{span}/{n}"] = (g.span_width(span) - (n - 1) * g.gutter) / n
    return widths


def item_blocks(item: Item) -> list[dict]:
    """The body blocks of an item as they are set (a 短消息 box: each brief's title and text)."""
    if item.kind in ("briefs", "guide"):
        out = []
        for brief in item.briefs:
            if item.kind == "briefs":  # the title breaks between words; it keeps with 2 lines of the text
                out.append({"t": "bt", "runs": brief_title_runs(brief), "first": True})
                out.extend({**b, "keep": True} if i == 0 else b for i, b in enumerate(brief.blocks))
            else:
                out.extend(brief.blocks)
        return out
    return list(item.blocks)


def brief_title_runs(brief) -> list[dict]:
    """A brief's title as set: word joiners inside its words (it breaks between words and
    leaves no character alone), a line break where the editor put a ``|``."""
    runs: list[dict] = []
    for part in brief.parts or (brief.title,):
        runs += [{"br": True}] if runs else []
        runs.append({"s": keep_words(part)})
    return runs


class Request:
    """Builds the measuring compile's input and reads its output back into metrics."""

    def __init__(self, style: Style):
        self.style = style
        self.blocks: list[dict] = []
        self.texts: list[dict] = []
        self.pieces: dict[str, str] = {}  # text → id
        self._where: list[tuple] = []

    def add_page(self, page_index: int, page: PageContent) -> None:
        for item_index, item in enumerate(page.items):
            self.add_item((page_index, item_index), item)

    def add_item(self, where: tuple, item: Item) -> None:
        style, g = self.style, self.style.geometry
        blocks = item_blocks(item)
        if item.kind in ("briefs", "guide"):
            widths = brief_widths(style)
            trackings = (0,)
        else:
            widths = {"c": g.column}
            trackings = (*range(len(TRACKINGS)), *((LOOSE,) if not item.verse else ()))
        for key, width in widths.items():
            for t in trackings:
                for b_index, block in enumerate(blocks):
                    self._block(where, (key, t), b_index, block, width, TRACKING_EM[t])
        weight = item.weight
        for span in range(1, g.columns + 1):
            width = g.span_width(span)
            for name, text, factor in (("kicker", keep_words(item.kicker), KICKER[weight]),
                                       ("subtitle", keep_words(item.subtitle), SUBTITLE[weight]),
                                       ("byline", item.byline, BYLINE), ("caption", caption_text(item), CAPTION)):
                if text:
                    self._text(where, name, span, text, factor, width)
        for part in item.title_parts or ((item.title,) if item.title else ()):
            for piece in candidate_pieces(part):
                self.pieces.setdefault(piece, f"w{len(self.pieces)}")
            self.pieces.setdefault(part, f"w{len(self.pieces)}")

    def _block(self, where, key, b_index, block, width, tracking) -> None:
        ident = f"b{len(self.blocks)}"
        self.blocks.append({"id": ident, "block": block, "width": round(width, 3), "size": self.style.body,
                            "pitch": self.style.pitch, "tracking": tracking})
        self._where.append(("block", where, key, b_index, ident))

    def _text(self, where, name, span, text, factor, width) -> None:
        size, pitch = self.style.small(factor)
        ident = f"t{len(self.texts)}"
        self.texts.append({"id": ident, "text": text, "font": "sans", "weight": "regular", "size": size,
                           "pitch": pitch, "width": round(width, 3)})
        self._where.append(("text", where, name, span, ident, size, pitch))

    def payload(self) -> dict:
        pieces = [{"id": ident, "text": text, "font": "sans", "weight": "bold"} for text, ident in self.pieces.items()
                  if not is_em_square(text)]
        return {"blocks": self.blocks, "texts": self.texts, "pieces": pieces}

    def read(self, values: dict) -> tuple[dict[tuple, ItemMetrics], dict[str, float]]:
        metrics: dict[tuple, ItemMetrics] = {}
        style = self.style
        for entry in self._where:
            kind, where = entry[0], entry[1]
            m = metrics.setdefault(where, ItemMetrics())
            if kind == "block":
                _, _, key, b_index, ident = entry
                lines = to_lines(values[ident], style.body, style.pitch)
                m.blocks.setdefault(key, []).append(lines)
            else:
                _, _, name, span, ident, size, pitch = entry
                getattr(m, name)[span] = to_lines(values[ident], size, pitch)
        widths = {text: PIECE_SIZE * len(text) if is_em_square(text) else values[ident] for text, ident in self.pieces.items()}
        return metrics, widths


def is_em_square(text: str) -> bool:
    """Whether ``text`` is common Chinese characters only (U+4E00–U+9FA5, all in Noto CJK, each
    one em wide, side by side with no kerning): its width is one em a character, exactly what
    Typst measures (test_print_measure_speed checks it), so it is not sent to Typst. Two thirds
    of the headline pieces are so."""
    return bool(text) and all("\u4e00" <= c <= "\u9fa5" for c in text)


def to_lines(height: float, size: float, pitch: float) -> int:
    if height <= 0:
        return 0
    return max(1, round((height + pitch - size) / pitch))
