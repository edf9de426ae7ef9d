"""Photos embedded in a PDF: where they stand on the page and their bytes.

A JPEG (DCTDecode) is taken as it is; other images are decoded with Pillow and saved
as PNG. Tiny images (rules, bullets, logos under ``MIN_SIDE`` points) are not photos.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

MIN_SIDE = 36.0  # points (half an inch): smaller images are ornaments
MAX_PIXELS = 100_000_000  # as the site's photos (images_max_pixels)


@dataclass
class Picture:
    data: bytes
    ext: str  # jpg | png
    page: int


@dataclass(slots=True)
class Figure:
    x0: float
    x1: float
    top: float
    bottom: float
    picture: Picture | None  # None when its data could not be read
    alone: bool = False  # set apart from the text above it: a photo item of its own


def page_figures(page, number: int) -> tuple[list[Figure], list[str]]:
    """The photos on a pdfplumber ``page``, and messages for those that could not be read."""
    figures, problems = [], []
    for img in page.images:
        x0, x1 = max(img["x0"], 0), min(img["x1"], page.width)
        top, bottom = max(img["top"], 0), min(img["bottom"], page.height)
        if x1 - x0 < MIN_SIDE or bottom - top < MIN_SIDE:
            continue
        picture = extract(img, number)
        if picture is None:
            problems.append("图片无法导出（格式不支持），请从原稿补上")
        figures.append(Figure(x0, x1, top, bottom, picture))
    return figures, problems


def extract(img: dict, number: int) -> Picture | None:
    stream = img["stream"]
    try:
        filters = [_name(f) for f, _ in stream.get_filters()]
        if filters == ["DCTDecode"]:
            return Picture(stream.get_rawdata(), "jpg", number)
        if filters and filters[-1] in ("DCTDecode", "JPXDecode"):
            return _via_pillow(stream.get_data(), number)
        if img.get("bits") != 8 or _pixels(img) > MAX_PIXELS:
            return None  # not decoded at all: 1-bit fax images, sizes no photo has
        return _raw_pixels(img, stream.get_data(), number)
    except Exception:  # noqa: BLE001 - a broken image must not stop the import
        return None


def _pixels(img: dict) -> int:
    width, height = (int(v) for v in img["srcsize"])
    return width * height


def _raw_pixels(img: dict, data: bytes, number: int) -> Picture | None:
    from PIL import Image

    width, height = (int(v) for v in img["srcsize"])
    space = str(img.get("colorspace") or "")
    if len(data) < width * height:  # less than its size says: never allocate what is not there
        return None
    mode = "CMYK" if "CMYK" in space else "L" if "Gray" in space or _channels(data, width, height) == 1 else "RGB"
    image = Image.frombytes(mode, (width, height), data[: width * height * len(mode)])
    out = io.BytesIO()
    image.convert("RGB" if mode == "CMYK" else mode).save(out, format="PNG")
    return Picture(out.getvalue(), "png", number)


def _via_pillow(data: bytes, number: int) -> Picture | None:
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=90)
    return Picture(out.getvalue(), "jpg", number)


def _channels(data: bytes, width: int, height: int) -> int:
    return max(1, len(data) // max(1, width * height))


def _name(value) -> str:
    return getattr(value, "name", str(value)).strip("/'")


def clip_to_text(fig: Figure, runs: list) -> None:
    """Shrink a figure to the part of the page it shows. A photo cropped to its frame
    (object-fit) is drawn larger than the frame, over the text around it; text cannot be
    on a photo, so the frame ends at the nearest text above and below its middle."""
    middle = (fig.top + fig.bottom) / 2
    top, bottom = fig.top, fig.bottom
    for run in runs:
        overlap = min(run.x1, fig.x1) - max(run.x0, fig.x0)
        if overlap < 0.6 * run.size or run.bottom <= top or run.top >= bottom:
            continue  # beside the photo (a bracket or quote hung into the gutter touches it: no more)
        if (run.top + run.bottom) / 2 < middle:
            fig.top = max(fig.top, run.bottom)
        else:
            fig.bottom = min(fig.bottom, run.top)
    if (fig.top, fig.bottom) != (top, bottom):  # cropped around its centre (object-fit: cover)
        half = min(middle - fig.top, fig.bottom - middle)
        fig.top, fig.bottom = middle - half, middle + half




POSTER_FRAME = 12.0  # points: a poster's frame stands this close around it


def find_posters(figures: list[Figure], boxes: list, lines: list, foot: float) -> list[Figure]:
    """Posters (公益广告): a photo alone in a thin frame, no caption or text in the frame, at the
    foot of its column (no text under it before the page foot). Not a photo of any story:
    its words are pixels, not text."""
    out = []
    for fig in figures:
        frame = next((b for b in boxes if b.x0 - 1 <= fig.x0 and fig.x1 <= b.x1 + 1 and b.top - 1 <= fig.top
                      and fig.bottom <= b.bottom + 1), None)
        if frame is None or max(fig.x0 - frame.x0, frame.x1 - fig.x1, fig.top - frame.top,
                                frame.bottom - fig.bottom) > POSTER_FRAME:
            continue
        inside = any(frame.x0 <= vl.x1 and vl.x0 <= frame.x1 and frame.top <= vl.bottom and vl.top <= frame.bottom
                     for vl in lines)
        under = any(vl.top >= frame.bottom and vl.bottom <= foot and vl.x0 < frame.x1 and frame.x0 < vl.x1
                    for vl in lines)
        if not inside and not under:
            out.append(fig)
    return out
