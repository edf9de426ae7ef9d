"""Photos: responsive renditions, privacy-safe and cached. Knows nothing of MkDocs.

For every photo of the paper (front matter ``images`` and ``![..](..)``/``<img>`` in article
bodies) we write renditions at a few widths (never upscaled) as WebP, and the largest also
as JPEG (for the lightbox, og:image and browsers without WebP), with the EXIF orientation
applied, colours converted to sRGB and *all* metadata (EXIF/GPS, XMP, ICC, comments) dropped.

Renditions are cached under ``.cache/images/`` keyed by a hash of the source bytes and
the rendition settings, so a rebuild with nothing changed decodes no image. A cold build
spreads the work over a process pool. Bad photos (not an image, truncated, too many
pixels, unsupported format) are collected as :class:`~shequbao.problems.Problem` naming
the article and its field, and raised together as a :class:`ContentError`.

Published paths mirror the original: ``issues/<id>/images/dianti.jpg`` becomes
``issues/<id>/images/dianti-480.webp``, ``…-960.webp``, ``…-1500.webp`` and
``…-1500.jpg``. The original itself is never published.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import html
import json
import logging
import multiprocessing
import os
import posixpath
import re
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote

from .model import Archive
from .problems import ContentError, Problem
from .yamlio import ReadError, read_text, split_front_matter

log = logging.getLogger(__name__)

PIPELINE_VERSION = "4"  # bump when the rendering code changes what it writes
FORMATS = (("webp", "webp"), ("jpeg", "jpg"))  # (format, file suffix), in <source> order
DECODABLE = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
ORIGINAL_SUFFIXES = IMAGE_SUFFIXES + (".heic", ".heif", ".avif", ".tif", ".tiff", ".bmp", ".dng", ".raw", ".cr2", ".nef", ".arw")
CACHE_KEEP_DAYS = 30  # unused cache entries older than this are removed

DECODES = 0  # images decoded by this process (tests count them)


@dataclass(frozen=True)
class ImageSettings:
    """How renditions are made (the plugin's ``images_*`` options)."""

    widths: tuple[int, ...] = (480, 960, 1500)  # 1500: half of a 3000 px photo, which JPEG decodes at ½ scale
    quality: int = 80  # JPEG and WebP quality, 1–100
    max_pixels: int = 100_000_000  # larger photos are refused as decompression bombs
    workers: int = 2  # processes for a cold build; 1 renders in this process
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
        return f"v{PIPELINE_VERSION}|w={widths}|q={self.quality}|m={self.webp_method}|r={self.big},{self.small}|j={self.jpeg}"


@dataclass(frozen=True)
class Rendition:
    path: str  # published path, relative to the site root
    width: int
    height: int
    format: str  # "webp" | "jpeg"
    file: str = field(default="", compare=False, repr=False)  # absolute path of the cached file

    @property
    def mime(self) -> str:
        return f"image/{self.format}"


@dataclass(frozen=True)
class Photo:
    """One source photo and its renditions, smallest first within each format: WebP at every
    width, JPEG at the largest (or at every width with ``ImageSettings(jpeg="all")``)."""

    src: str  # content-relative path of the original
    width: int  # of the original, after orientation
    height: int
    renditions: tuple[Rendition, ...]

    def of(self, fmt: str) -> tuple[Rendition, ...]:
        return tuple(r for r in self.renditions if r.format == fmt)

    @property
    def webp(self) -> tuple[Rendition, ...]:
        return self.of("webp")

    @property
    def jpeg(self) -> tuple[Rendition, ...]:
        return self.of("jpeg")

    @property
    def fallback(self) -> Rendition:
        """The JPEG for ``<img src>``: the first at least 960 px wide, else the largest."""
        jpegs = self.jpeg
        return next((r for r in jpegs if r.width >= 960), jpegs[-1])

    @property
    def largest(self) -> Rendition:
        """The largest JPEG (what the lightbox shows)."""
        return self.jpeg[-1]


@dataclass(frozen=True)
class PhotoRef:
    """One place that uses a photo: an article's ``images[N].src`` or a line of its body."""

    article: str  # content-relative path of the Markdown file
    src: str  # content-relative path of the photo
    field: str  # "images[1].src" or "正文"
    index: int | None = None  # 0-based index in ``images`` for front-matter photos
    line: int | None = None  # body images: line in the Markdown file


@dataclass
class ImageStats:
    photos: int = 0  # distinct source photos
    cached: int = 0
    rendered: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return f"图片 {self.photos} 张：新生成 {self.rendered} 张，缓存 {self.cached} 张（{self.seconds:.1f} 秒）"


@dataclass
class ImageSet:
    """Every photo of the build, by content-relative source path."""

    photos: dict[str, Photo]
    stats: ImageStats

    def get(self, src: str) -> Photo | None:
        return self.photos.get(src)

    def outputs(self) -> list[tuple[str, str]]:
        """``(published path, cached file)`` for every rendition, sorted."""
        seen = {r.path: r.file for p in self.photos.values() for r in p.renditions}
        return sorted(seen.items())


def is_original(src: str) -> bool:
    """Whether a content file is a photo original, which is never published as it is."""
    if not src.startswith("issues/"):
        return False
    return "/images/" in src or posixpath.splitext(src)[1].lower() in ORIGINAL_SUFFIXES


# -- which photos ---------------------------------------------------------------------

_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*(?:<([^>\n]+)>|([^)\s>]+))(?:\s+[\"'][^\n]*?[\"'])?\s*\)")  # <a b.jpg>: a space
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*([\"'])([^\"']+)\1", re.IGNORECASE)


def collect_refs(archive: Archive, content_dir: Path) -> tuple[list[PhotoRef], list[Problem]]:
    """Every use of a photo in the published articles, front matter first, then bodies.

    Body images that point at a missing file or out of the issue folder are problems;
    images on other hosts (``https://…``) are left alone.
    """
    refs: list[PhotoRef] = []
    problems: list[Problem] = []
    for issue in archive.issues:
        for article in issue.articles:
            for index, image in enumerate(article.images):
                if image.src:
                    refs.append(PhotoRef(article.src, image.src, f"images[{index + 1}].src", index))
            refs.extend(_body_refs(article.src, issue.id, content_dir, problems))
    return refs, problems


def _body_refs(article_src: str, issue_id: str, content_dir: Path, problems: list[Problem]) -> list[PhotoRef]:
    try:
        text = (content_dir / article_src).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    if "![" not in text and "<img" not in text.lower():
        return []
    found = [(m.start(), m.group(1) or m.group(2)) for m in _MD_IMAGE.finditer(text)]
    found += [(m.start(), m.group(2)) for m in _HTML_IMAGE.finditer(text)]
    refs = []
    folder = posixpath.dirname(article_src)
    for start, url in sorted(found):
        line = text.count("\n", 0, start) + 1
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/|^#", url, re.IGNORECASE):
            continue  # another host, an absolute site path or an anchor: not ours
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])  # images/a%20b.jpg is the file a b.jpg
        if posixpath.splitext(path)[1].lower() not in IMAGE_SUFFIXES:
            continue
        src = posixpath.normpath(posixpath.join(folder, path))
        if not src.startswith(folder + "/") or not _inside(content_dir / src, content_dir / folder):
            problems.append(Problem(article_src, line, "正文", f"图片“{url}”不在这一期的文件夹里，请把它放进 issues/{issue_id}/images/，写成 images/文件名"))
        elif not _is_file(content_dir / src):
            problems.append(Problem(article_src, line, "正文", f"找不到图片文件 {src}，请检查文件名（区分大小写）"))
        else:
            refs.append(PhotoRef(article_src, src, "正文", None, line))
    return refs


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is in ``folder`` once symlinks are followed (a link to a photo elsewhere is not)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        return False


# -- the cache ------------------------------------------------------------------------


class _SourceIndex:
    """Remembers the hash of each source file by (size, mtime) so a warm build reads no photo."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.used: dict[str, list] = {}

    def digest(self, file: Path, name: str) -> str:
        stat = file.stat()
        known = self.entries.get(name)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            digest = known[2]
        else:
            with file.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        self.used[name] = [stat.st_size, stat.st_mtime_ns, digest]
        return digest

    def save(self) -> None:
        if self.used != self.entries:
            _write_atomic(self.path, json.dumps(self.used, sort_keys=True, indent=0).encode())


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


# -- rendering (runs in the pool's worker processes) -------------------------------------


@dataclass(frozen=True)
class _Job:
    source: str  # absolute path
    entry: str  # absolute cache folder to create
    settings: ImageSettings


def _render(job: _Job) -> dict:
    """Decode one photo and write its renditions into ``job.entry``; return its meta or an error.

    Errors come back as ``{"error": code, ...}`` so the caller can phrase them for editors.
    """
    global DECODES
    from PIL import Image, ImageFile, UnidentifiedImageError

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    settings = job.settings
    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    path = Path(job.source)
    try:
        size = path.stat().st_size
        if size == 0:
            return {"error": "empty"}
        with path.open("rb") as handle:
            head = handle.read(32)
        if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif"):
            return {"error": "format", "format": "AVIF" if head[8:12] == b"avif" else "HEIC"}
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            try:
                im = Image.open(path)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                return {"error": "bomb", **_header_size(path)}
            with im:
                if im.format not in DECODABLE:
                    return {"error": "format", "format": im.format or "?"}
                if im.width * im.height > settings.max_pixels:
                    return {"error": "bomb", "width": im.width, "height": im.height}
                DECODES += 1
                return _render_open(im, job, Image)
    except UnidentifiedImageError:
        return {"error": "not-image"}
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return {"error": "corrupt", "detail": str(exc)}


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


# EXIF orientation → the transposition that shows the photo upright (as ImageOps.exif_transpose)
_ORIENTATIONS = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
                 7: "TRANSVERSE", 8: "ROTATE_90"}


def _render_open(im, job: _Job, Image) -> dict:
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
    widths = _target_widths(width, settings.widths, height)
    if im.format in ("JPEG", "MPO"):
        # Let libjpeg decode at 1/2, 1/4 or 1/8 scale when that is still large enough.
        scale = widths[-1] / width
        im.draft(im.mode if im.mode in ("RGB", "L") else None, (max(1, round(im.width * scale)), max(1, round(im.height * scale))))
    icc = im.info.get("icc_profile") if im.mode in ("RGB", "RGBA") else None  # as before: no profile for L, CMYK, P…
    im.load()
    has_alpha = im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if has_alpha else "RGB"
    if im.mode != mode:
        im = im.convert(mode)
    big = getattr(Image.Resampling, settings.big.upper(), Image.Resampling.BILINEAR)
    small = getattr(Image.Resampling, settings.small.upper(), Image.Resampling.BICUBIC)
    entry = Path(job.entry)
    tmp = Path(tempfile.mkdtemp(dir=entry.parent, prefix=f".{entry.name}-"))
    sizes, jpegs = [], []
    try:
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
            current.save(tmp / f"{w}.webp", "WEBP", quality=settings.quality, method=settings.webp_method)
            if settings.jpeg == "all" or not jpegs:
                flat = current
                if has_alpha:
                    flat = Image.new("RGB", current.size, (255, 255, 255))
                    flat.paste(current, mask=current.getchannel("A"))
                flat.save(tmp / f"{w}.jpg", "JPEG", quality=settings.quality, optimize=True)  # as small as progressive, 3× faster
                jpegs.append([w, h])
            sizes.append([w, h])
        meta = {"width": width, "height": height, "renditions": sorted(sizes), "jpeg": sorted(jpegs)}
        (tmp / "meta.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
        try:
            os.replace(tmp, entry)
        except OSError:  # another build wrote the same entry meanwhile: theirs is as good
            shutil.rmtree(tmp, ignore_errors=True)
        return meta
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _resize(im, size: tuple[int, int], resample, Image):
    """``im`` shrunk to ``size``; a box filter by a whole factor is the cheaper Image.reduce."""
    if im.size == size:
        return im
    factor = im.width // size[0]
    if resample == Image.Resampling.BOX and factor > 1 and im.width == factor * size[0] and im.height == factor * size[1]:
        return im.reduce(factor)
    return im.resize(size, resample)


def _target_widths(width: int, widths: Iterable[int], height: int = 0) -> list[int]:
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


def _to_srgb(im, icc: bytes | None):
    """Convert pixels from an embedded colour profile (e.g. a phone's Display P3) to sRGB."""
    if not icc or im.mode not in ("RGB", "RGBA"):
        return im
    try:
        import io

        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        desc = (ImageCms.getProfileDescription(source) or "").lower()
        if "srgb" in desc:
            return im
        return ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=im.mode)
    except Exception:  # noqa: BLE001 - a broken profile: keep the pixels as they are
        return im


# -- the step -------------------------------------------------------------------------


def process_photos(
    refs: list[PhotoRef],
    content_dir: Path,
    cache_dir: Path,
    settings: ImageSettings = ImageSettings(),
    problems: list[Problem] | None = None,
) -> ImageSet:
    """Renditions for every photo in ``refs``: from the cache, or rendered (in a pool).

    Raises :class:`ContentError` listing every bad photo (and any ``problems`` passed in,
    e.g. from :func:`collect_refs`) at the place each is used.
    """
    started = time.monotonic()
    problems = list(problems or [])
    cache_dir.mkdir(parents=True, exist_ok=True)
    index = _SourceIndex(cache_dir / "sources.json")
    fingerprint = settings.fingerprint()
    sources = sorted({ref.src for ref in refs})
    entries: dict[str, Path] = {}
    metas: dict[str, dict] = {}
    jobs: dict[str, _Job] = {}
    for src in sources:
        digest = index.digest(content_dir / src, src)
        key = hashlib.sha256(f"{digest}|{fingerprint}".encode()).hexdigest()
        entry = cache_dir / key[:2] / key
        entries[src] = entry
        meta = _read_meta(entry)
        if meta is None:
            entry.parent.mkdir(parents=True, exist_ok=True)
            jobs[src] = _Job(str(content_dir / src), str(entry), settings)
        else:
            metas[src] = meta
            os.utime(entry / "meta.json")  # mark as used, for pruning
    stats = ImageStats(photos=len(sources), cached=len(metas), rendered=len(jobs))
    errors: dict[str, dict] = {}
    for src, result in _run(jobs, settings.workers):
        if "error" in result:
            errors[src] = result
        else:
            metas[src] = result
    index.save()
    for ref in refs:
        if ref.src in errors:
            problems.append(_problem(ref, errors[ref.src], content_dir, settings))
    if [p for p in problems if p.severity == "error"]:
        raise ContentError(problems)
    names = _names(sources, content_dir)
    photos = {src: _photo(src, names[src], metas[src], entries[src]) for src in sources}
    _prune(cache_dir, keep=set(entries.values()))
    stats.seconds = time.monotonic() - started
    return ImageSet(photos, stats)


def _run(jobs: dict[str, _Job], workers: int):
    if not jobs:
        return
    if workers <= 1 or len(jobs) < 3:
        for src, job in jobs.items():
            yield src, _render(job)
        return
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        futures = {src: pool.submit(_render, job) for src, job in jobs.items()}
        for src, future in futures.items():
            try:
                yield src, future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died (out of memory…): report, go on
                yield src, {"error": "corrupt", "detail": f"{type(exc).__name__}: {exc}"}


def _files(meta: dict) -> list[tuple[str, str, int, int]]:
    """``(format, suffix, width, height)`` of each rendition in a cache entry, in <source> order."""
    sizes = {"webp": meta["renditions"], "jpeg": meta.get("jpeg", meta["renditions"])}
    return [(fmt, suffix, w, h) for fmt, suffix in FORMATS for w, h in sizes[fmt]]


def _read_meta(entry: Path) -> dict | None:
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        files = _files(meta)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not files or not all((entry / f"{w}.{suffix}").is_file() for _, suffix, w, _ in files):
        return None
    return meta


def _names(sources: list[str], content_dir: Path) -> dict[str, str]:
    """Published base path of each photo: ``issues/x/images/dianti`` (+ ``-960.webp``).

    Two photos with one stem in a folder (``a.jpg`` and ``a.png``), or a stem whose
    renditions would collide with another file there, get the source suffix too.
    """
    by_base: dict[str, list[str]] = {}
    for src in sources:
        by_base.setdefault(posixpath.splitext(src)[0], []).append(src)
    names = {}
    listings: dict[Path, list[str]] = {}  # one listing per folder, not one per photo
    for base, group in by_base.items():
        for src in group:
            name = base
            if len(group) > 1 or _collides(content_dir, base, listings):
                name = f"{base}-{posixpath.splitext(src)[1].lstrip('.').lower()}"
            names[src] = name
    return names


def _collides(content_dir: Path, base: str, listings: dict[Path, list[str]]) -> bool:
    folder = (content_dir / base).parent
    if folder not in listings:
        try:
            listings[folder] = os.listdir(folder)
        except OSError:
            listings[folder] = []
    pattern = re.compile(re.escape(posixpath.basename(base)) + r"-\d+\.(webp|jpg)$")
    return any(pattern.match(name) for name in listings[folder])


def _photo(src: str, name: str, meta: dict, entry: Path) -> Photo:
    renditions = tuple(Rendition(f"{name}-{w}.{suffix}", w, h, fmt, str(entry / f"{w}.{suffix}"))
                       for fmt, suffix, w, h in _files(meta))
    return Photo(src, meta["width"], meta["height"], renditions)


def _prune(cache_dir: Path, keep: set[Path]) -> None:
    """Remove cache entries nobody used for ``CACHE_KEEP_DAYS`` (another branch may want newer
    ones) and leftovers of interrupted renders. Published output never comes from here: only
    the photos of this build are copied into the site."""
    now = time.time()
    for shard in cache_dir.iterdir():
        if not shard.is_dir() or len(shard.name) != 2:
            continue
        for entry in shard.iterdir():
            if entry in keep:
                continue
            try:
                if entry.name.startswith("."):
                    stale = entry.stat().st_mtime < now - 3600  # younger: a render in progress elsewhere
                else:
                    marker = entry / "meta.json"
                    stale = (marker if marker.exists() else entry).stat().st_mtime < now - CACHE_KEEP_DAYS * 86400
            except OSError:
                continue
            if stale:
                shutil.rmtree(entry, ignore_errors=True)


_HEIC_HINT = "（手机的 HEIC 照片请先导出或另存为 JPEG）"


def _problem(ref: PhotoRef, error: dict, content_dir: Path, settings: ImageSettings) -> Problem:
    code = error["error"]
    name = ref.src.split("/", 2)[-1] if ref.src.startswith("issues/") else ref.src
    if code == "empty":
        message = f"图片文件 {name} 是空的（0 字节），请重新拷贝这张照片"
    elif code == "not-image":
        message = f"{name} 不是图片文件（无法识别），请换成 JPEG、PNG、WebP 或 GIF 格式的照片"
    elif code == "corrupt":
        message = f"图片 {name} 不完整或已损坏（{error.get('detail', '')}），请重新导出或重新拷贝这张照片"
    elif code == "bomb":
        size = f"{error['width']}×{error['height']} 像素" if "width" in error else "像素太多"
        message = (f"图片 {name} 太大（{size}），超过上限 {settings.max_pixels} 像素（images_max_pixels），"
                   "请缩小后再用")
    elif code == "format":
        hint = _HEIC_HINT if error.get("format") in ("HEIC", "AVIF") else ""
        message = f"图片 {name} 是 {error.get('format')} 格式，网站不支持，请用 JPEG、PNG、WebP 或 GIF{hint}"
    else:
        message = f"图片 {name} 无法处理：{error}"
    line = ref.line if ref.index is None else _front_matter_line(content_dir / ref.article, ref.index)
    return Problem(ref.article, line, ref.field, message)


def _front_matter_line(path: Path, index: int) -> int | None:
    """Line of ``images[index].src`` (only read when there is a problem to report)."""
    try:
        doc, _, _ = split_front_matter(read_text(path))
    except (ReadError, OSError):
        return None
    return doc.line("images", index, "src") or doc.line("images", index) or doc.line("images")


# -- markup ---------------------------------------------------------------------------


def srcset(renditions: Iterable[Rendition], url: Callable[[str], str]) -> str:
    return ", ".join(f"{url(r.path).replace(' ', '%20')} {r.width}w" for r in renditions)  # a space would end the URL


def picture_html(photo: Photo, alt: str, url: Callable[[str], str], sizes: str = "100vw",
                 extra: str = "") -> str:
    """``<picture>`` with WebP and JPEG ``srcset`` (used for images in article bodies)."""
    fallback = photo.fallback
    return (
        f'<picture><source type="image/webp" srcset="{html.escape(srcset(photo.webp, url))}" sizes="{sizes}">'
        f'<img src="{html.escape(url(fallback.path))}" srcset="{html.escape(srcset(photo.jpeg, url))}" '
        f'sizes="{sizes}" width="{fallback.width}" height="{fallback.height}" alt="{html.escape(alt)}" '
        f'loading="lazy" decoding="async"{extra}></picture>'
    )


class _ImgTags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        self.attrs = dict(attrs)


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)


def rewrite_body_images(content: str, page_url: str, images: ImageSet, sizes: str = "100vw") -> str:
    """Replace each ``<img>`` of a rendered article body that shows one of our photos by a
    ``<picture>`` of its renditions, linked to the largest one for the lightbox.

    ``page_url`` is the page's URL relative to the site root (``issues/x/slug/``); the
    ``src`` of such an ``<img>`` points at the original, whose site path is its content path.
    """
    page_dir = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"

    def url(path: str) -> str:
        return posixpath.relpath(path, page_dir or ".") if page_dir else path

    def replace(match: re.Match) -> str:
        parser = _ImgTags()
        parser.feed(match.group(0))
        src = parser.attrs.get("src") or ""
        if not src or re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.IGNORECASE):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(page_dir, unquote(src.split("#", 1)[0].split("?", 1)[0])))  # MkDocs %-encodes 活动.jpg
        photo = images.get(target)
        if photo is None:
            return match.group(0)
        alt = parser.attrs.get("alt") or parser.attrs.get("title") or ""
        picture = picture_html(photo, alt, url, sizes)
        title = f' data-title="{html.escape(html.escape(alt))}"' if alt else ""  # twice: GLightbox puts it into innerHTML
        return f'<a class="glightbox sqb-lightbox" href="{html.escape(url(photo.largest.path))}" data-type="image"{title}>{picture}</a>'

    if "<img" not in content:
        return content
    return _IMG_TAG.sub(replace, content)
