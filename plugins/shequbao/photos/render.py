"""Renditions of one photo, in a worker process: decode once, resize, orient, sRGB, strip.

Everything here runs in the pool's processes (Pillow's global limits are set by
:func:`init_worker`, never in the MkDocs process). A job comes in as :class:`Job`; the
answer is a :class:`Rendered` or a :class:`Refused` saying why, for the editor's message.
"""

from __future__ import annotations

import enum
import errno
import io
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# EXIF orientation → the transposition that shows the photo upright (as ImageOps.exif_transpose)
_ORIENTATIONS = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
                 7: "TRANSVERSE", 8: "ROTATE_90"}
DECODABLE = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True)
class ImageSettings:
    """How renditions are made (the plugin's ``images_*`` options)."""

    widths: tuple[int, ...] = (480, 960, 1500)  # 1500: half of a 3000 px photo, which JPEG decodes at ½ scale
    quality: int = 80  # JPEG and WebP quality, 1–100
    max_pixels: int = 100_000_000  # larger photos are refused as decompression bombs
    workers: int = 2  # processes rendering photos on a cold build
    # libwebp effort 0–6. 0 would save ~5 % of the CPU per photo but makes the WebP of
    # photos 15–20 % bigger; 2 makes them ~25 % smaller for ~1.4× the encoding time.
    webp_method: int = 1
    # Filters, each step from the picture before. ``big`` for the largest rendition (from the
    # decoded original) and the next one (from the largest), where most pixels are: bilinear,
    # a tent filter, makes no moiré of railings, blinds or brick and costs half of bicubic;
    # ``small`` for the smaller ones. Box or hamming cost less but make visible moiré on such
    # fine patterns (tests/test_images_render.py). box | bilinear | hamming | bicubic | lanczos.
    big: str = "bilinear"
    small: str = "bicubic"
    # JPEG renditions: "largest" writes only the widest (the lightbox, og:image and the
    # <img> of the few browsers without WebP), "all" one at every width.
    jpeg: str = "largest"

    def fingerprint(self) -> str:
        """What the output depends on (not the pixel limit or the pool size)."""
        widths = ",".join(str(w) for w in sorted(set(self.widths)))
        return f"w={widths}|q={self.quality}|m={self.webp_method}|r={self.big},{self.small}|j={self.jpeg}"


@dataclass(frozen=True)
class Job:
    source: str  # absolute path of the original
    folder: str  # absolute path of the scratch folder to write the renditions into
    settings: ImageSettings


@dataclass(frozen=True)
class Rendered:
    """What a photo's renditions are: the original's upright size and each rendition's size."""

    width: int
    height: int
    webp: tuple[tuple[int, int], ...]  # (width, height), smallest first
    jpeg: tuple[tuple[int, int], ...]

    def to_meta(self) -> dict:
        return {"width": self.width, "height": self.height, "renditions": [list(s) for s in self.webp],
                "jpeg": [list(s) for s in self.jpeg]}

    @classmethod
    def from_meta(cls, meta: dict) -> Rendered:
        return cls(meta["width"], meta["height"], tuple(tuple(s) for s in meta["renditions"]),
                   tuple(tuple(s) for s in meta["jpeg"]))


NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


class Reason(enum.Enum):
    EMPTY = "empty"
    NOT_IMAGE = "not-image"
    CORRUPT = "corrupt"
    TOO_LARGE = "too-large"
    FORMAT = "format"
    WORKER_DIED = "worker-died"  # the process rendering it exited (out of memory, killed)
    UNREADABLE = "unreadable"  # the file could not be read (permissions, a special file)


@dataclass(frozen=True)
class Refused:
    """Why a photo has no renditions."""

    reason: Reason
    detail: str = ""
    format: str = ""
    width: int | None = None
    height: int | None = None


def init_worker(max_pixels: int) -> None:
    """Pillow's limits in a worker process: a photo over ``max_pixels`` is a decompression bomb,
    a truncated file is an error."""
    from PIL import Image, ImageFile

    from ..workers import ignore_interrupts

    ignore_interrupts()  # Ctrl-C: the main process stops the pool
    Image.MAX_IMAGE_PIXELS = max_pixels
    ImageFile.LOAD_TRUNCATED_IMAGES = False


def render(job: Job) -> Rendered | Refused:
    """Decode one photo and write its renditions into ``job.folder``."""
    from PIL import Image, UnidentifiedImageError

    path = Path(job.source)
    try:
        if path.stat().st_size == 0:
            return Refused(Reason.EMPTY)
        with path.open("rb") as handle:
            head = handle.read(32)
    except OSError as exc:
        return Refused(Reason.UNREADABLE, exc.strerror or str(exc))
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif"):
        return Refused(Reason.FORMAT, format="AVIF" if head[8:12] == b"avif" else "HEIC")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                im = Image.open(path)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                return Refused(Reason.TOO_LARGE, **_header_size(path))
            with im:
                if im.format not in DECODABLE:
                    return Refused(Reason.FORMAT, format=im.format or "?")
                if im.width * im.height > job.settings.max_pixels:
                    return Refused(Reason.TOO_LARGE, width=im.width, height=im.height)
                return _render_open(im, job, Image)
    except UnidentifiedImageError:
        return Refused(Reason.NOT_IMAGE)
    except MemoryError:
        return Refused(Reason.WORKER_DIED, "MemoryError")
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        if getattr(exc, "errno", None) in NO_SPACE:
            raise  # a full disk is the build's problem, not a damaged photo
        return Refused(Reason.CORRUPT, str(exc))


def target_widths(width: int, widths: Iterable[int], height: int = 0) -> list[int]:
    """Rendition widths for an original ``width`` × ``height`` px: never upscaled, smallest first.

    The largest configured width bounds the long side: a portrait photo's largest rendition is
    that tall, not that wide (a 2000 × 3000 photo gets 1000 × 1500, not 1500 × 2250). It fills
    a screen in the lightbox all the same, and a 3000 px original is then decoded at ½ scale
    whichever way it was taken (portraits cost three times a landscape photo otherwise).
    """
    wanted = sorted(set(w for w in widths if w > 0))
    if wanted and height > width:
        width = min(width, max(1, wanted[-1] * width // height))
    out = [w for w in wanted if w < width]
    if not out or (wanted and wanted[-1] >= width):
        out.append(width)
    return out


def _header_size(path: Path) -> dict:
    """Width and height from the header of a photo Pillow refused to open (for the message)."""
    from PIL import Image

    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(path) as im:
            return {"width": im.width, "height": im.height}
    except Exception:  # noqa: BLE001 - only for the message
        return {}
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _render_open(im, job: Job, Image) -> Rendered:
    """Renditions of an opened photo, largest first, each made from the one before.

    The costly steps touch as few pixels as possible: libjpeg decodes at ½, ¼ or ⅛ scale
    when that is still large enough, and the first resize runs before the rotation and the
    colour conversion, which then work on the largest rendition, not on the decoded original.
    """
    settings = job.settings
    orientation = im.getexif().get(0x0112, 1)
    transpose = _ORIENTATIONS.get(orientation)
    swapped = orientation in (5, 6, 7, 8)
    width, height = (im.height, im.width) if swapped else im.size
    widths = target_widths(width, settings.widths, height)
    if im.format in ("JPEG", "MPO"):
        scale = widths[-1] / width  # libjpeg decodes at 1/2, 1/4 or 1/8 scale when that is still large enough
        im.draft(im.mode if im.mode in ("RGB", "L") else None, (max(1, round(im.width * scale)), max(1, round(im.height * scale))))
    icc = im.info.get("icc_profile") if im.mode in ("RGB", "RGBA") else None  # as before: no profile for L, CMYK, P…
    im.load()
    im = _eight_bits(im)
    has_alpha = im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if has_alpha else "RGB"
    if im.mode != mode:
        im = im.convert(mode)
    big = getattr(Image.Resampling, settings.big.upper(), Image.Resampling.BILINEAR)
    small = getattr(Image.Resampling, settings.small.upper(), Image.Resampling.BICUBIC)
    folder = Path(job.folder)
    sizes, jpegs = [], []
    current = im
    for w in reversed(widths):  # largest first, each from the one before
        h = max(1, round(height * w / width))
        if not sizes:
            size = (h, w) if swapped else (w, h)  # still as stored: rotate the smaller picture
            current = _resize(im, size, big, Image)
            if transpose:
                current = current.transpose(getattr(Image.Transpose, transpose))
            current = _to_srgb(current, icc)
            im = None  # the decoded original is no longer needed
        else:
            current = _resize(current, (w, h), big if len(sizes) == 1 else small, Image)
        current.info = {}
        current.save(folder / f"{w}.webp", "WEBP", quality=settings.quality, method=settings.webp_method)
        if settings.jpeg == "all" or not jpegs:
            flat = current
            if has_alpha:
                flat = Image.new("RGB", current.size, (255, 255, 255))
                flat.paste(current, mask=current.getchannel("A"))
            flat.save(folder / f"{w}.jpg", "JPEG", quality=settings.quality, optimize=True)  # as small as progressive, 3× faster
            jpegs.append((w, h))
        sizes.append((w, h))
    return Rendered(width, height, tuple(sorted(sizes)), tuple(sorted(jpegs)))


def _eight_bits(im):
    """A picture of more than 8 bits a channel (a scanner's 16-bit greyscale PNG: mode ``I;16``,
    or ``I``, ``F``) as 8-bit greyscale, scaled: 0–65535 becomes 0–255 (a plain conversion
    clips everything above 255, and the photo comes out white)."""
    if not (im.mode.startswith("I;16") or im.mode in ("I", "F")):
        return im
    if im.mode == "F":  # floating point: its own range, whatever that is
        low, high = im.getextrema()
        scale = 255 / (high - low) if high > low else 0
        return im.point(lambda v: (v - low) * scale).convert("L")
    return im.convert("I").point(lambda v: v * (1 / 257)).convert("L")


def _resize(im, size: tuple[int, int], resample, Image):
    """``im`` shrunk to ``size``; a box filter by a whole factor is the cheaper Image.reduce."""
    if im.size == size:
        return im
    factor = im.width // size[0]
    if resample == Image.Resampling.BOX and factor > 1 and im.width == factor * size[0] and im.height == factor * size[1]:
        return im.reduce(factor)
    return im.resize(size, resample)


def _to_srgb(im, icc: bytes | None):
    """Convert pixels from an embedded colour profile (e.g. a phone's Display P3) to sRGB."""
    if not icc or im.mode not in ("RGB", "RGBA"):
        return im
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        desc = (ImageCms.getProfileDescription(source) or "").lower()
        if "srgb" in desc:
            return im
        return ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=im.mode)
    except Exception:  # noqa: BLE001 - a broken profile: keep the pixels as they are
        return im
