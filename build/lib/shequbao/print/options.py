"""Settings of the print edition: page size, columns, bleed."""

from __future__ import annotations

from dataclasses import dataclass

# Trim sizes in millimetres (width, height), portrait. 4开/8开 are the 正度 sizes Chinese
# print shops cut from a 787 × 1092 mm sheet.
PAGE_SIZES: dict[str, tuple[int, int]] = {
    "A3": (297, 420),
    "A4": (210, 297),
    "4开": (390, 543),
    "8开": (270, 390),
}
ALIASES = {"a3": "A3", "a4": "A4", "4k": "4开", "8k": "8开", "4开": "4开", "8开": "8开"}
DEFAULT_COLUMNS = {"A3": 4, "A4": 3, "4开": 5, "8开": 4}
BLEED_MM = 3
BODY_PT = {"A3": 10, "A4": 9, "4开": 10.5, "8开": 9.5}  # body type size; the stylesheet sizes all else in rem


def page_size_name(value: str) -> str:
    """``a4`` → ``A4``, ``4k`` → ``4开``; raises ValueError naming the sizes there are."""
    name = ALIASES.get(str(value).strip().lower())
    if name is None:
        raise ValueError(f"不认识的纸张大小“{value}”，可用的有：{'、'.join(PAGE_SIZES)}")
    return name


@dataclass(frozen=True)
class PrintOptions:
    """How the PDF is laid out. Part of the cache key: change one and every PDF is redone."""

    page_size: str = "A3"
    columns: int | None = None  # None: the usual number for the page size
    bleed: bool = False  # print-shop mode: 3 mm bleed and crop marks

    def __post_init__(self):
        object.__setattr__(self, "page_size", page_size_name(self.page_size))
        if self.columns is not None and not 1 <= self.columns <= 8:
            raise ValueError(f"栏数应在 1 到 8 之间，这里是 {self.columns}")

    @property
    def column_count(self) -> int:
        return self.columns or DEFAULT_COLUMNS[self.page_size]

    @property
    def size_mm(self) -> tuple[int, int]:
        return PAGE_SIZES[self.page_size]

    def page_css(self) -> str:
        """The size-dependent rules, put in front of the stylesheet (which sizes everything in rem)."""
        width, height = self.size_mm
        bleed = f" bleed: {BLEED_MM}mm; marks: crop;" if self.bleed else ""
        return (
            f"@page {{ size: {width}mm {height}mm;{bleed} }}\n"
            f"html {{ font-size: {BODY_PT[self.page_size]}pt; }}\n"
            f".cols {{ columns: {self.column_count}; }}\n"
        )
