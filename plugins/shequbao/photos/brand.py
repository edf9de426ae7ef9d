"""The paper's own look from mkdocs.yml: its colour (``paper_colour``) and its 报头 image
(``paper_masthead_image``, a calligraphy 题字), checked once for the web and the print edition.

The 报头 image is PNG or JPEG only, judged by its bytes, not its name: an SVG can carry
scripts and is refused. It is copied into ``.cache/masthead/`` under the digest of its bytes, so
the site publishes a fingerprinted copy and an edit of the file is a new name.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from PIL import Image

from ..cache.store import Store
from ..model import MastheadImage

COLOUR = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
MIN_CONTRAST = 4.5  # links in the paper's colour on white (WCAG AA for text)
FORMATS = {"PNG": "png", "JPEG": "jpg"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000


def check_colour(value: str) -> str:
    """``#9e1b1b`` from ``#9E1B1B``, ``9e1b1b`` or ``#a11``; "" for none. Raises ValueError
    (in Chinese) for what is not a colour, or one too light to read as link text on white."""
    value = (value or "").strip()
    if not value:
        return ""
    found = COLOUR.match(value)
    if not found:
        raise ValueError(f"mkdocs.yml: paper_colour: “{value}”不是颜色。请写成 # 加六位十六进制数，例如 paper_colour: '#1d4e89'"
                         "（两边加引号，否则 # 后面会被当成注释）")
    hexes = found.group(1).lower()
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    colour = f"#{hexes}"
    if contrast_on_white(colour) < MIN_CONTRAST:
        raise ValueError(f"mkdocs.yml: paper_colour: {colour} 太浅了，印在白底上的链接和报头看不清"
                         f"（对比度 {contrast_on_white(colour):.1f}:1，至少要 {MIN_CONTRAST}:1）。请选一个深一些的颜色，例如 #1d4e89")
    return colour


def contrast_on_white(colour: str) -> float:
    """WCAG contrast ratio of ``#rrggbb`` against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def read_masthead(path: Path, written: str, cache_root: Path) -> MastheadImage:
    """The 报头 image at ``path`` (``written``: as mkdocs.yml names it), checked and cached.
    Raises ValueError with what to do, in Chinese."""
    where = f"mkdocs.yml: paper_masthead_image: {written}"
    if not path.is_file():
        raise ValueError(f"{where}：找不到这个文件。路径从 mkdocs.yml 所在的文件夹算起，例如 paper_masthead_image: assets/baotou.png")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ValueError(f"{where}：文件有 {len(data) // 1024 // 1024} MB，太大了。报头图片请缩到 5 MB 以内（宽 2000 像素左右就够印刷）")
    head = data[:512].lstrip().lower()
    if path.suffix.lower() in (".svg", ".svgz") or head.startswith((b"<?xml", b"<svg", b"<!doctype")):
        raise ValueError(f"{where}：不能用 SVG 图片（SVG 里可以藏脚本）。请导出成 PNG（透明底）或 JPEG 再用")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValueError(f"{where}：图片有 {width}×{height} 像素，太大了。请缩到宽 2000 像素左右")
            image.verify()
    except (OSError, SyntaxError, Image.DecompressionBombError):
        kind = None
    if kind not in FORMATS:
        raise ValueError(f"{where}：这不是 PNG 或 JPEG 图片。报头图片请用 PNG（透明底最好）或 JPEG")
    digest = hashlib.sha256(data).hexdigest()
    suffix = FORMATS[kind]
    store = Store(cache_root, "masthead")
    if store.get(digest) is None:
        with store.put(digest) as scratch:
            (scratch / f"baotou.{suffix}").write_bytes(data)
    return MastheadImage(str(store.path(digest) / f"baotou.{suffix}"), digest, suffix, width, height)
