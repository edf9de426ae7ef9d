"""Settings of the print edition (page size, columns, bleed) and the page geometry they give.

All lengths are in PostScript points (pt). A column is a whole number of body characters
wide; the type area is centred on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre

# Trim sizes in millimetres (width, height), portrait. Our 4开/8开 are the newspaper sizes
# Chinese print shops cut from a 787 × 1092 mm sheet, which the trade calls 对开 (390 × 543,
# a 大报) and 四开 (270 × 390, a 小报): both names are accepted.
PAGE_SIZES: dict[str, tuple[int, int]] = {
    "A3": (297, 420),
    "A4": (210, 297),
    "4开": (390, 543),
    "8开": (270, 390),
}
TRADE_NAMES = {"4开": "对开", "8开": "四开"}  # what a print shop calls our sizes
ALIASES = {"a3": "A3", "a4": "A4", "4k": "4开", "8k": "8开", "4开": "4开", "8开": "8开", "对开": "4开", "四开": "8开",
           "对开报": "4开", "四开报": "8开", "2k": "4开", "2开": "4开"}
NEAREST = {"16开": "a4", "16k": "a4", "大16开": "a4", "a2": "4开", "b4": "8开", "b3": "8开"}  # sizes we do not make
DEFAULT_COLUMNS = {"A3": 4, "A4": 3, "4开": 5, "8开": 4}
BODY_PT = {"A3": 10.5, "A4": 9, "4开": 10.5, "8开": 10}  # 五号 on the large sheets, 小五 on A4
BLEED_MM = 3
UNDERFULL_SEVERITIES = ("warning", "note")
SLUG_MM = 7  # beyond the bleed, for the crop marks: the trim sits 10 mm inside the media edge


def press_offset(bleed: bool) -> float:
    """pt from the media edge to the trim: bleed and slug in print-shop mode, else none."""
    return (BLEED_MM + SLUG_MM) * MM if bleed else 0.0
MARGINS_MM = (13, 12, 12)  # top, sides (at least), bottom
PITCH = 1.56  # line pitch in body sizes (baseline to baseline)
GUTTER = 1.5  # gap between columns, in body sizes


def page_size_name(value: str) -> str:
    """``a4`` → ``A4``, ``4k`` → ``4开``, ``对开`` → ``4开``, ``四开`` → ``8开``; raises
    ValueError naming the sizes there are (with millimetres) and the likeliest one."""
    import difflib

    text = str(value).strip().lower().replace(" ", "").replace("开报", "开")
    name = ALIASES.get(text)
    if name is None:
        have = "、".join(size_label(size) for size in PAGE_SIZES)
        close = [NEAREST[text]] if text in NEAREST else difflib.get_close_matches(text, list(ALIASES), n=1, cutoff=0.5)
        guess = f"是不是 {size_label(ALIASES[close[0]])}？" if close else ""
        raise ValueError(f"不认识的纸张大小“{value}”。{guess}可用的有：{have}")
    return name


def size_label(name: str) -> str:
    """``4开（对开，390×543 毫米）``: our name, the trade's and the trim size."""
    width, height = PAGE_SIZES[name]
    trade = f"{TRADE_NAMES[name]}，" if name in TRADE_NAMES else ""
    return f"{name}（{trade}{width}×{height} 毫米）"


@dataclass(frozen=True)
class PrintOptions:
    """How the PDF is laid out. Part of the cache key: change one and every PDF is redone."""

    page_size: str = "A3"
    columns: int | None = None  # None: the usual number for the page size
    bleed: bool = False  # print-shop mode: 3 mm bleed and crop marks
    underfull: str = "warning"  # a 版 more than 10% empty: a warning (a strict build stops), or a "note"

    def __post_init__(self):
        object.__setattr__(self, "page_size", page_size_name(self.page_size))
        if self.underfull not in UNDERFULL_SEVERITIES:
            raise ValueError(f"print_underfull 只能是 warning（空着超过一成就停下）或 note（只提醒），这里是“{self.underfull}”")
        if self.columns is not None and not 1 <= self.columns <= 8:
            raise ValueError(f"栏数应在 1 到 8 之间，这里是 {self.columns}")

    @property
    def column_count(self) -> int:
        return self.columns or DEFAULT_COLUMNS[self.page_size]

    @property
    def size_mm(self) -> tuple[int, int]:
        return PAGE_SIZES[self.page_size]

    @property
    def size_label(self) -> str:
        """``8开/四开``: the size as we and the print shop call it."""
        trade = TRADE_NAMES.get(self.page_size)
        return f"{self.page_size}/{trade}" if trade else self.page_size

    def geometry(self) -> Geometry:
        return make_geometry(self.page_size, self.column_count)


@dataclass(frozen=True)
class Geometry:
    """The grid of a page: trim size, type area, columns, body type."""

    width: float  # trim, pt
    height: float
    left: float  # type area
    top: float
    bottom: float  # y of the type area's foot
    columns: int
    column: float  # width of one column
    gutter: float
    body: float  # body type size
    chars: int  # characters per column line

    @property
    def pitch(self) -> float:
        return round(self.body * PITCH, 3)

    @property
    def type_width(self) -> float:
        return self.span_width(self.columns)

    def span_width(self, span: int) -> float:
        return span * self.column + (span - 1) * self.gutter

    def column_x(self, index: int) -> float:
        """x of column ``index`` (0-based) on the page."""
        return self.left + index * (self.column + self.gutter)


def make_geometry(page_size: str, columns: int) -> Geometry:
    width_mm, height_mm = PAGE_SIZES[page_size]
    top_mm, side_mm, bottom_mm = MARGINS_MM
    body = BODY_PT[page_size]
    if columns <= 2:
        body = min(body + 0.5, 11)
    gutter = round(body * GUTTER, 2)
    room = (width_mm - 2 * side_mm) * MM
    chars = max(6, int((room - (columns - 1) * gutter) / columns // body))
    column = chars * body
    type_width = columns * column + (columns - 1) * gutter
    left = round((width_mm * MM - type_width) / 2, 3)
    return Geometry(
        width=round(width_mm * MM, 3), height=round(height_mm * MM, 3), left=left, top=round(top_mm * MM, 3),
        bottom=round((height_mm - bottom_mm) * MM, 3), columns=columns, column=column, gutter=gutter,
        body=body, chars=chars,
    )
