"""Render one issue: photo print copies, the PDF, one PDF per 版, page images, and the
module rectangles read back from the typeset pages. Runs in worker processes: it takes and
returns plain data."""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .compose import Crop
from .content import IssueContent
from .engine import Engine
from .fonts import PrintError
from .layout import Layout, lay_out
from .messages import Message
from .options import BLEED_MM, MM, PrintOptions
from .preflight import preflight
from .press import for_press

PRINT_PPI = 200  # photos: pixels per inch at their printed size (newsprint screens at 85–100 lpi)
MAX_SIDE = 2000
JPEG_QUALITY = 85
IMAGE_WIDTHS = (240, 800, 1600)  # page images: 240 for the thumbnails of an issue's 版, 800 and 1600 for the 数字报 page view
RETRIES = 3  # page images for the 数字报 page view
_ENGINE: Engine | None = None


@dataclass
class Rendered:
    """Everything made for one issue, as file names in ``folder`` plus data."""

    pages: int
    pdf: str
    page_pdfs: list[str]
    images: dict[str, list[str]]  # "800.webp" → a file per page
    image_sizes: list[list[int]]  # (width, height) of each page's largest image
    rects: dict[str, list[dict]]  # article path → [{page, x, y, w, h} as page fractions]
    messages: list[Message] = field(default_factory=list)
    photos: list[dict] = field(default_factory=list)  # every photo printed: {src, page, shown, focus, ppi}
    preflight: dict = field(default_factory=dict)  # preflight.preflight: fonts, lowest ppi, colours, boxes


def engine() -> Engine:
    """The process's engine (fonts loaded once); its compile root is a temporary folder."""
    global _ENGINE
    if _ENGINE is None or not _ENGINE.root.exists():
        scratch = Path(tempfile.mkdtemp(prefix="shequbao-typst-"))
        atexit.register(shutil.rmtree, scratch, True)
        _ENGINE = Engine(scratch / "root")
    return _ENGINE


def render_issue(content: IssueContent, options: PrintOptions, content_dir: Path, folder: Path,
                 filename: str, images: bool = True) -> Rendered:
    """Lay out and render ``content`` into ``folder``: ``filename`` (the issue), ``pages/N.pdf``,
    ``pages/N-800.webp`` … Raises PrintError with a message for the editor."""
    eng = engine()
    eng.clear_photos()
    extra: dict[str, int] = {}
    if content.masthead["image"]:  # the 报头 image (题字), beside the photos Typst reads
        shutil.copyfile(content.masthead["image"]["file"], eng.photos / content.masthead["image"]["name"])
    for _ in range(RETRIES):
        layout = lay_out(content, options, eng, extra)
        for page in layout.pages:
            for crop in page.crops:
                target = eng.photos / f"{crop.file}.jpg"
                if not target.exists():
                    _print_copy(content, content_dir, target, crop)
        data = layout.typst_input(options)
        pdf = eng.render(data)
        over = overflowing(eng, layout)
        if not over:
            break
        for key in over:  # Typst set more lines than measured: plan that item with more room
            extra[key] = extra.get(key, 0) + 2
    else:
        raise PrintError(f"印刷版 {content.label}：{'、'.join(sorted(over))} 的文字超出了排好的位置（排版程序的错误，请报告）")
    rects = module_rects(eng, layout)
    finish = _finisher(layout, options)
    pdf = finish(pdf)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / filename).write_bytes(pdf)
    page_pdfs = []
    (folder / "pages").mkdir(exist_ok=True)
    for number in range(1, len(layout.pages) + 1):
        name = f"pages/{number}.pdf"
        (folder / name).write_bytes(finish(eng.render(data, only=number)))
        page_pdfs.append(name)
    made, sizes = page_images(eng, data, layout, options, folder) if images else ({}, [])
    eng.clear_photos()
    photos = [{"src": crop.photo.src, "page": number, "shown": round(_shown(crop), 4), "focus": crop.photo.focus is not None,
               "ppi": round(copy_size(crop)[0] / (crop.width / 72))}
              for number, page in enumerate(layout.pages, start=1) for crop in page.crops]
    return Rendered(len(layout.pages), filename, page_pdfs, made, sizes, rects, layout.messages, photos,
                    preflight(pdf, photos, options.bleed))


def _finisher(layout: Layout, options: PrintOptions):
    """PDF bytes → the PDF as delivered: for the print shop (``--bleed``) with TrimBox,
    BleedBox and black overprinting (press.py); else as Typst made it."""
    if not options.bleed:
        return lambda data: data
    g = layout.style.geometry
    return lambda data: for_press(data, (g.width, g.height), layout.bleed, BLEED_MM * MM)


def _print_copy(content: IssueContent, content_dir: Path, target: Path, crop: Crop) -> None:
    """``make_print_copy``, or a PrintError naming the article and the photo (never a bare error)."""
    from PIL import Image

    try:
        make_print_copy(content_dir / crop.photo.src, target, crop)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        owner = next((item.key for page in content.pages for item in page.items
                      if any(p.src == crop.photo.src for p in item.photos)), "")
        where = f"{owner}: images: " if owner else ""
        raise PrintError(f"{where}印刷版 {content.label} 的照片 {crop.photo.src} 无法制成印刷用图"
                         f"（{type(exc).__name__}: {exc}）：请换一个完好的原图") from exc


def _shown(crop: Crop) -> float:
    """The share of the photo's area that is printed."""
    left, top, right, bottom = crop.box
    return (right - left) * (bottom - top)


def make_print_copy(original: Path, target: Path, crop: Crop) -> None:
    """The shown part of a photo at its printed size: upright, no metadata (no EXIF, GPS, XMP,
    ICC or comments: pixels only), so nothing cut away or hidden leaves in the PDF."""
    from PIL import ImageFile

    relaxed = ImageFile.LOAD_TRUNCATED_IMAGES  # a library (WeasyPrint) may have relaxed it for its process
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated photo is an error, never grey stripes in print
    try:
        _copy_shown_part(original, target, crop)
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = relaxed


def _copy_shown_part(original: Path, target: Path, crop: Crop) -> None:
    from PIL import Image, ImageOps

    left, top, right, bottom = crop.box
    want_w, want_h = copy_size(crop)
    with Image.open(original) as image:
        image.draft("RGB", (want_w, want_h))  # JPEG: decode at 1/2, 1/4 … when that is enough
        image = _flatten(ImageOps.exif_transpose(image))
        w, h = image.size
        box = (left * w, top * h, max(left * w + 1, right * w), max(top * h + 1, bottom * h))
        image = image.resize((want_w, want_h), Image.Resampling.BICUBIC, box=box, reducing_gap=2.0)
        image.info = {}  # pixels only
        image.save(target, "JPEG", quality=JPEG_QUALITY)


def copy_size(crop: Crop) -> tuple[int, int]:
    """The print copy's pixels: ``PRINT_PPI`` at its printed size, fewer when the shown part of
    the original has fewer (never enlarged) or the copy would pass ``MAX_SIDE``."""
    want_w = round(crop.width / 72 * PRINT_PPI)
    want_h = round(crop.height / 72 * PRINT_PPI)
    left, top, right, bottom = crop.box
    shown = ((right - left) * crop.photo.width, (bottom - top) * crop.photo.height)
    scale = min(1.0, MAX_SIDE / max(want_w, want_h), shown[0] / max(1, want_w), shown[1] / max(1, want_h))
    return max(8, round(want_w * scale)), max(8, round(want_h * scale))


def _flatten(image):
    from PIL import Image

    if image.mode in ("RGB", "L"):
        return image
    rgba = image.convert("RGBA")
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def overflowing(eng: Engine, layout: Layout) -> set[str]:
    """The items whose text did not end inside its box (the measured lines were wrong)."""
    boxes, over = {}, set()
    for number, page in enumerate(layout.pages, start=1):
        for part in page.parts:
            if part["t"] == "body":
                boxes[part["key"]] = (number, part)
    for end in eng.query("<end>"):
        number, part = boxes.get(end["key"], (None, None))
        if part is None:
            continue
        pos = end["pos"]
        y = _pt(pos["y"]) - layout.bleed
        if pos["page"] != number or y > part["y"] + part["h"] + 1:
            over.add(end["key"].split("#")[0])
    return over


def module_rects(eng: Engine, layout: Layout) -> dict[str, list[dict]]:
    """Each article's module on its page, as fractions of the trim page (for the page view);
    in the 短消息 box, each brief from the top of its title's line down to the next title, across
    the columns it runs over (a title may start at a column's foot and end at the next one's top)."""
    g = layout.style.geometry
    rects: dict[str, list[dict]] = {}
    briefs = [(b["key"], b["pos"]) for b in eng.query("<brief>")]
    for mark in eng.query("<module>"):
        pos = mark["pos"]
        box = (pos["page"], _pt(pos["x"]) - layout.bleed, _pt(pos["y"]) - layout.bleed, mark["w"], mark["h"])
        inside = [(key, p) for key, p in briefs if key in mark["keys"] and p["page"] == pos["page"]]
        if inside:
            body = _body_part(layout, pos["page"], mark["key"])
            found = _brief_boxes(box, mark, inside, layout.bleed, g.body, body)
        else:
            found = {key: [box] for key in mark["keys"]}
        for key, boxes in found.items():
            for page, x, y, w, h in boxes:
                rects.setdefault(key, []).append({"page": page, "x": round(x / g.width, 5), "y": round(y / g.height, 5),
                                                  "w": round(w / g.width, 5), "h": round(h / g.height, 5)})
    return rects


def _body_part(layout: Layout, page: int, key: str) -> tuple[float, float] | None:
    """The top and bottom of a module's text on its page (its columns start at that top)."""
    if not 0 < page <= len(layout.pages):
        return None
    for part in layout.pages[page - 1].parts:
        if part["t"] == "body" and str(part.get("key", "")).startswith(f"{key}#"):
            return part["y"], part["y"] + part["h"]
    return None


def _brief_boxes(box, mark: dict, inside: list, bleed: float, body: float, text=None) -> dict[str, list[tuple]]:
    """Each brief's parts of the box, in the order its text runs: from its title (a title's mark
    stands on its baseline, its line's top is above) down its column, on through the columns
    after, to the next brief's title. ``text``: where the columns' text starts and ends."""
    page, x0, y0, w, h = box
    top, bottom = text if text else (y0, y0 + h)
    cols, gutter = max(1, mark.get("cols") or 1), mark.get("gutter") or 0
    inner = (w - (cols - 1) * gutter) / cols
    starts = []
    for key, p in inside:
        x, y = _pt(p["x"]) - bleed, max(y0, _pt(p["y"]) - bleed - body * 0.88)
        column = min(cols - 1, max(0, round((x - x0) / (inner + gutter))))
        starts.append((column, y, key))
    starts.sort()
    out: dict[str, list[tuple]] = {}
    for index, (column, y, key) in enumerate(starts):
        end_column, end_y = (starts[index + 1][0], starts[index + 1][1]) if index + 1 < len(starts) else (cols - 1, bottom)
        parts = []
        for c in range(column, end_column + 1):
            upper = y if c == column else top
            lower = end_y if c == end_column else bottom
            if lower - upper > 1.0 or c == column:
                parts.append((page, x0 + c * (inner + gutter), upper, inner, max(1.0, lower - upper)))
        out[key] = parts
    return out


def page_images(eng: Engine, data: dict, layout: Layout, options: PrintOptions, folder: Path) -> tuple[dict, list]:
    """Each page as WebP and JPEG, 240, 800 and 1600 px wide (trim size, no bleed), and each
    page's largest size."""
    from PIL import Image

    g = layout.style.geometry
    ppi = max(IMAGE_WIDTHS) / (g.width / 72)
    flat = {**data, "page": {**data["page"], "bleed": 0.0}, "pages": [{**p, "marks": []} for p in data["pages"]]}
    made: dict[str, list[str]] = {}
    sizes: list[list[int]] = []
    for number, png in enumerate(eng.png(flat, ppi), start=1):
        with Image.open(io.BytesIO(png)) as page:
            page = page.convert("RGB")
            sizes.append([max(IMAGE_WIDTHS), round(page.height * max(IMAGE_WIDTHS) / page.width)])
            for width in sorted(IMAGE_WIDTHS, reverse=True):
                size = (width, round(page.height * width / page.width))
                scaled = page if size == page.size else page.resize(size, Image.Resampling.BOX)
                for fmt, ext, args in (("WEBP", "webp", {"quality": 78, "method": 0}),
                                       ("JPEG", "jpg", {"quality": 80})):
                    name = f"pages/{number}-{width}.{ext}"
                    scaled.save(folder / name, fmt, **args)
                    made.setdefault(f"{width}.{ext}", []).append(name)
    return made, sizes


def _pt(value) -> float:
    """A Typst length as JSON ("12.5pt") in points."""
    return float(str(value).removesuffix("pt"))
