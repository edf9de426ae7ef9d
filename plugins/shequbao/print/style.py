"""Type sizes and spacing of the print edition, in multiples of the body size, and the heights
they give. The planner, the measuring compile and the page composer all take them from here."""

from __future__ import annotations

from dataclasses import dataclass

from .options import Geometry

HEADLINE_STEPS = {  # headline sizes a weight may get, biggest first (× body); the 头条's smallest is
    "lead": (3.4, 3.0, 2.6),  # over 1.15× any other's largest, so the 头条 is always clearly the largest
    "normal": (2.2, 1.9, 1.65, 1.45),
    "minor": (1.9, 1.7, 1.5, 1.3),
}
USUAL_STEPS = {"lead": 1, "normal": 0, "minor": 1}  # the usual size of each weight
PHOTO_SHARE = {"lead": 0.19, "normal": 0.115, "minor": 0.115}  # most of the type area one photo may cover
MIN_PPI = 180  # a photo is never printed coarser than this
TALL_PHOTO = 0.25  # no photo (or poster) taller than this share of the type area's height
TEXT_UNDER_PHOTO = 5  # body lines under a photo in each column, at least
HEADLINE_PITCH = 1.22
KICKER = {"lead": 1.3, "normal": 1.1, "minor": 1.0}
SUBTITLE = {"lead": 1.35, "normal": 1.15, "minor": 1.05}
SMALL_PITCH = 1.4
BYLINE = 0.9
CAPTION = 0.85
TRACKINGS = (0.0, -0.05)  # 挤排: at most 0.05 em tighter
MIXED = len(TRACKINGS)  # a shape's tracking: each paragraph tight only where that saves its short last line
LOOSE = MIXED + 1  # a paragraph 0.05 em looser (松排), measured to balance a module's columns (balance.py)
TRACKING_EM = {**dict(enumerate(TRACKINGS)), LOOSE: 0.05}  # measured trackings: index → em
LEADING_FLEX = 0.05  # line pitch ±5%
CROP = 0.095  # a photo may lose at most 10% of its area (kept a little inside); more only with a focus
FOCUS_CROP = 0.30
PHOTO_GAP = 0.5  # between photos in a row, × body


@dataclass(frozen=True)
class Style:
    geometry: Geometry

    @property
    def body(self) -> float:
        return self.geometry.body

    @property
    def pitch(self) -> float:
        return self.geometry.pitch

    @property
    def lead(self) -> float:
        return self.pitch - self.body

    def lines_height(self, lines: int, size: float, pitch: float) -> float:
        """Height of ``lines`` lines of ``size`` type on ``pitch``."""
        return 0.0 if lines <= 0 else lines * pitch - (pitch - size)

    def small(self, factor: float) -> tuple[float, float]:
        """(size, pitch) of a small text (kicker, subtitle, byline, caption)."""
        size = round(self.body * factor, 2)
        return size, round(size * SMALL_PITCH, 2)

    def headline(self, weight: str, step: int) -> tuple[float, float]:
        size = round(self.body * HEADLINE_STEPS[weight][step], 2)
        return size, round(size * HEADLINE_PITCH, 2)

    @property
    def separator(self) -> float:
        """Vertical space between two modules (a hairline in its middle)."""
        return round(self.pitch * 1.1, 2)

    @property
    def gap(self) -> float:
        """Space between the parts of a module (headline, photo, text)."""
        return round(self.body * 0.8, 2)

    @property
    def photo_gap(self) -> float:
        return round(self.body * PHOTO_GAP, 2)
