"""Photos for the print edition: their upright size (the planner needs only that; the print
copies are cut in render.py once the layout says how)."""

from __future__ import annotations

import struct
from pathlib import Path

ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_PIXELS = (b"IDAT", b"IEND")  # chunks that are pixels or the end; after the pixels any other may hold EXIF or XMP


def photo_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels as the photo is seen, or None when it cannot be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            orientation = _exif(image, path).get(274, 1)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    return (height, width) if orientation in ROTATED else (width, height)


def _exif(image, path: Path):
    """The image's EXIF. A PNG's ``getexif`` decodes all its pixels to look for EXIF after them
    (0.1 s for a 3000-px poster); when no chunk but pixels follows them, what was read before
    the pixels is all there is, and the EXIF is read from that alone (the same result)."""
    from PIL import Image

    if image.format == "PNG" and "exif" not in image.info and not _png_chunks_after_pixels(path):
        return Image.Image.getexif(image)
    return image.getexif()


def _png_chunks_after_pixels(path: Path) -> bool:
    """Whether the PNG at ``path`` has a chunk other than pixels after its first IDAT (or cannot
    be walked: then the slow, sure way is taken)."""
    try:
        with open(path, "rb") as f:
            if f.read(8) != PNG_SIGNATURE:
                return True
            seen_pixels = False
            while header := f.read(8):
                if len(header) < 8:
                    return True
                length, kind = struct.unpack(">I4s", header)
                if kind == b"IEND":
                    return False
                if kind == b"IDAT":
                    seen_pixels = True
                elif seen_pixels:
                    return True
                f.seek(length + 4, 1)  # data and CRC
    except OSError:
        return True
    return True
