"""Photos for the print edition: their upright size (the planner needs only that; the print
copies are cut in render.py once the layout says how)."""

from __future__ import annotations

from pathlib import Path

ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def photo_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels as the photo is seen, or None when it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            orientation = image.getexif().get(274, 1)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return (height, width) if orientation in ROTATED else (width, height)
