"""The paper's logo on share cards (the picture WeChat shows beside a shared link when a page has
no photo of its own): the theme's logo when it is a raster image at least 300 px on each side,
else a square PNG drawn at build time from the paper's name. Kept in ``.cache/logo/`` by its
inputs and this code; published under a name fingerprinted by its content
(``registry.logo_path``), so a new name or logo is a new file."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..cache.store import Store, code_key

MIN_SIZE = 300  # WeChat and others skip smaller card images
SIZE = 600  # the drawn logo, square
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/local/share/fonts")
FONT_FILE, FONT_INDEX = "NotoSerifCJK-Bold.ttc", 2  # Noto Serif CJK SC Bold
RED, PAPER = (176, 28, 28), (255, 252, 245)  # the masthead's red, newsprint white
RASTER = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "WEBP": ("webp", "image/webp")}


@dataclass(frozen=True)
class Logo:
    """The share-card logo: its cached ``file``, the ``digest`` of its bytes, size and type."""

    file: str
    digest: str
    suffix: str
    mime: str
    width: int
    height: int


def theme_logo(path: Path | None) -> bytes | None:
    """The theme's logo when it can be a card image: PNG, JPEG or WebP, ≥ 300 px a side."""
    try:
        data = path.read_bytes() if path is not None and path.is_file() else None
        if data is None:
            return None
        with Image.open(io.BytesIO(data)) as image:
            if image.format in RASTER and min(image.size) >= MIN_SIZE:
                return data
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return None


def make_logo(name: str, cache_root: Path, theme: Path | None = None) -> Logo:
    """The card logo of the paper ``name`` (``theme``: the theme's logo file, used if fit)."""
    given = theme_logo(theme)
    key = hashlib.sha256(code_key(__file__).encode() + b"\0" + (given or name.encode("utf-8"))).hexdigest()
    store = Store(cache_root, "logo")
    entry = store.get(key)
    if entry is None:
        data = given if given is not None else draw_logo(name)
        with Image.open(io.BytesIO(data)) as image:
            suffix, mime = RASTER[image.format]
            meta = {"suffix": suffix, "mime": mime, "width": image.width, "height": image.height,
                    "digest": hashlib.sha256(data).hexdigest()}
        with store.put(key, meta) as scratch:
            (scratch / f"logo.{suffix}").write_bytes(data)
        entry = store.get(key)
    meta = entry.meta
    return Logo(str(entry.file(f"logo.{meta['suffix']}")), meta["digest"], meta["suffix"], meta["mime"],
                meta["width"], meta["height"])


def draw_logo(name: str) -> bytes:
    """A square PNG: the paper's name in white on red, in one line or two, as large as fits."""
    image = Image.new("RGB", (SIZE, SIZE), RED)
    draw = ImageDraw.Draw(image)
    text = "".join(name.split()) or "社区报"
    lines = [text] if len(text) <= 4 else [text[: (len(text) + 1) // 2], text[(len(text) + 1) // 2:]]
    longest = max(len(line) for line in lines)
    size = min(int(SIZE * 0.78 / longest), int(SIZE * 0.7 / len(lines)))
    font = _font(size)
    pitch = int(size * 1.2)
    top = (SIZE - pitch * len(lines)) // 2 + (pitch - size) // 2
    for number, line in enumerate(lines):
        draw.text((SIZE // 2, top + number * pitch + size // 2), line, fill=PAPER, font=font, anchor="mm")
    draw.rectangle((24, 24, SIZE - 25, SIZE - 25), outline=PAPER, width=6)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _font(size: int):
    for folder in FONT_DIRS:
        path = Path(folder) / FONT_FILE
        if path.is_file():
            return ImageFont.truetype(str(path), size, index=FONT_INDEX)
    return ImageFont.load_default(size)  # no CJK font: the name may show as boxes, the card still has a picture
