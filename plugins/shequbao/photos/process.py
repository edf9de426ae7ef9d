"""Every photo of a build: renditions from the cache, or rendered in a pool of workers.

Renditions are cache entries (``.cache/images/``) keyed by the source's bytes, the settings
and the rendering code, so a rebuild with nothing changed decodes no image. Bad photos are
collected as problems naming the article and field, and raised together.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import multiprocessing
import os
import posixpath
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..cache.store import FINGERPRINT_HEX, DigestMemo, Store, code_key
from ..content.reading import ReadError, read_text, split_front_matter
from ..problems import ContentError, Problem
from .refs import PhotoRef
from .render import ImageSettings, Job, Reason, Refused, Rendered, init_worker, render

FORMATS = (("webp", "webp"), ("jpeg", "jpg"))  # (format, file suffix), in <source> order
CODE = code_key(Path(__file__).with_name("render.py"), packages=("Pillow",))


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


@dataclass
class ImageStats:
    photos: int = 0  # distinct source photos
    cached: int = 0
    rendered: int = 0  # decoded and rendered by this build
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


def process_photos(refs: list[PhotoRef], content_dir: Path, cache_root: Path,
                   settings: ImageSettings = ImageSettings(), problems: list[Problem] | None = None, *,
                   renderer=render) -> ImageSet:
    """Renditions for every photo in ``refs``: from the cache (``cache_root/images``), or rendered
    by ``renderer`` (a module-level function of a :class:`Job`) in worker processes.

    Raises :class:`ContentError` listing every bad photo (and any ``problems`` passed in,
    e.g. from :func:`~shequbao.photos.refs.collect_refs`) at the place each is used.
    """
    started = time.monotonic()
    problems = list(problems or [])
    store = Store(cache_root, "images", catalog=True)
    memo = DigestMemo(Path(cache_root) / "images" / "sources.json")
    sources = sorted({ref.src for ref in refs})
    keys: dict[str, str] = {}
    done: dict[str, tuple[Path, Rendered]] = {}
    todo: dict[str, str] = {}
    for src in sources:
        try:
            digest = memo.digest(content_dir / src)
        except OSError as exc:
            _report(refs, src, Refused(Reason.UNREADABLE, exc.strerror or str(exc)), content_dir, settings, problems)
            continue
        keys[src] = hashlib.sha256(f"{digest}|{settings.fingerprint()}|{CODE}".encode()).hexdigest()
        entry = store.get(keys[src])
        if entry is not None:
            done[src] = (entry.path, Rendered.from_meta(entry.meta))
        else:
            todo[src] = keys[src]
    stats = ImageStats(photos=len(sources), cached=len(done), rendered=len(todo))
    for src, result, entry in _render_all(todo, content_dir, store, settings, renderer):
        if isinstance(result, Refused):
            _report(refs, src, result, content_dir, settings, problems)
        else:
            done[src] = (entry, result)
    memo.save()
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    names = _names(sorted(done), content_dir)
    photos = {src: _photo(src, names[src], *done[src]) for src in sorted(done)}
    store.save_catalog(keys.values())  # and, once a day, entries unused for 30 days are removed
    stats.seconds = time.monotonic() - started
    return ImageSet(photos, stats)


def _render_all(todo: dict[str, str], content_dir: Path, store: Store, settings: ImageSettings, renderer):
    """``(src, Rendered | Refused, entry folder)`` for every photo to render, in worker processes."""
    if not todo:
        return
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    scratch = {src: store.begin(key) for src, key in todo.items()}
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, min(settings.workers, len(todo))), mp_context=context,
                                                    initializer=init_worker, initargs=(settings.max_pixels,)) as pool:
            futures = {src: pool.submit(renderer, Job(str(content_dir / src), str(scratch[src]), settings)) for src in todo}
            yield from _results(futures, todo, store, scratch, pool)
    finally:
        for folder in scratch.values():
            if folder.exists():
                store.abort(folder)


def _results(futures: dict, todo: dict[str, str], store: Store, scratch: dict[str, Path], pool):
    """``(src, result, entry)`` as the workers finish; on Ctrl-C (or any error) the workers are
    stopped at once instead of finishing every photo first."""
    try:
        for src, future in futures.items():
            try:
                result = future.result()
            except concurrent.futures.process.BrokenProcessPool:
                result = Refused(Reason.WORKER_DIED)
            entry = None
            if isinstance(result, Rendered):
                entry = store.commit(todo[src], scratch[src], result.to_meta()).path
            yield src, result, entry
    except BaseException:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise


def _files(rendered: Rendered) -> list[tuple[str, str, int, int]]:
    """``(format, suffix, width, height)`` of each rendition in a cache entry, in <source> order."""
    sizes = {"webp": rendered.webp, "jpeg": rendered.jpeg}
    return [(fmt, suffix, w, h) for fmt, suffix in FORMATS for w, h in sizes[fmt]]


def _names(sources: list[str], content_dir: Path) -> dict[str, str]:
    """Published base path of each photo: ``issues/x/images/dianti`` (+ ``-960.webp``).

    Two photos with one stem in a folder (``a.jpg`` and ``a.png``), or a stem whose
    renditions would collide with another file there, get the source suffix too.
    """
    by_base: dict[str, list[str]] = {}
    for src in sources:
        by_base.setdefault(posixpath.splitext(src)[0], []).append(src)
    names = {}
    listings: dict[Path, set[str]] = {}  # one listing per folder, not one per photo
    for base, group in by_base.items():
        for src in group:
            name = base
            if len(group) > 1 or _collides(content_dir, base, listings):
                name = f"{base}-{posixpath.splitext(src)[1].lstrip('.').lower()}"
            names[src] = name
    return names


def _collides(content_dir: Path, base: str, listings: dict[Path, set[str]]) -> bool:
    folder = (content_dir / base).parent
    if folder not in listings:  # the stems of the files there named like renditions (dianti-960.webp)
        try:
            names = os.listdir(folder)
        except OSError:
            names = []
        listings[folder] = {match.group(1) for name in names if (match := _RENDITION_NAME.match(name))}
    return posixpath.basename(base) in listings[folder]


_RENDITION_NAME = re.compile(r"(.+?)-\d+(\.[0-9a-f]{8})?\.(webp|jpg)$")


def _photo(src: str, name: str, entry: Path, rendered: Rendered) -> Photo:
    key = Path(entry).name  # the cache key: changes with the photo, the settings and the code
    renditions = tuple(Rendition(rendition_path(name, w, suffix, key), w, h, fmt, str(entry / f"{w}.{suffix}"))
                       for fmt, suffix, w, h in _files(rendered))
    return Photo(src, rendered.width, rendered.height, renditions)


_HEIC_HINT = "（手机的 HEIC 照片请先导出或另存为 JPEG）"


def _report(refs: list[PhotoRef], src: str, refused: Refused, content_dir: Path, settings: ImageSettings,
            problems: list[Problem]) -> None:
    """A problem at every place ``src`` is used."""
    message = refusal_message(src, refused, settings)
    for ref in refs:
        if ref.src == src:
            line = ref.line if ref.index is None else _front_matter_line(content_dir / ref.article, ref.index)
            problems.append(Problem(ref.article, line, ref.field, message))


def refusal_message(src: str, refused: Refused, settings: ImageSettings) -> str:
    """What the editor reads about a photo that has no renditions, and what to do."""
    name = src.split("/", 2)[-1] if src.startswith("issues/") else src
    reason = refused.reason
    if reason is Reason.EMPTY:
        return f"图片文件 {name} 是空的（0 字节），请重新拷贝这张照片"
    if reason is Reason.NOT_IMAGE:
        return f"{name} 不是图片文件（无法识别），请换成 JPEG、PNG、WebP 或 GIF 格式的照片"
    if reason is Reason.CORRUPT:
        return f"图片 {name} 不完整或已损坏（{refused.detail}），请重新导出或重新拷贝这张照片"
    if reason is Reason.TOO_LARGE:
        size = f"{refused.width}×{refused.height} 像素" if refused.width else "像素太多"
        return f"图片 {name} 太大（{size}），超过上限 {settings.max_pixels} 像素（images_max_pixels），请缩小后再用"
    if reason is Reason.FORMAT:
        hint = _HEIC_HINT if refused.format in ("HEIC", "AVIF") else ""
        return f"图片 {name} 是 {refused.format} 格式，网站不支持，请用 JPEG、PNG、WebP 或 GIF{hint}"
    if reason is Reason.UNREADABLE:
        return f"图片 {name} 读不出来（{refused.detail}），请检查文件的权限，或重新拷贝这张照片"
    return (f"处理图片 {name} 时进程退出（内存不足？）：请缩小这张照片后再试，"
            "或在 mkdocs.yml 里把 images_workers 改小")


def _front_matter_line(path: Path, index: int) -> int | None:
    """Line of ``images[index].src`` (only read when there is a problem to report)."""
    try:
        doc, _, _ = split_front_matter(read_text(path))
    except (ReadError, OSError):
        return None
    return doc.line("images", index, "src") or doc.line("images", index) or doc.line("images")


def rendition_path(base: str, width: int, suffix: str, key: str) -> str:
    """A photo rendition beside where the original sits in the content, fingerprinted with its
    cache key (which changes with the photo, the settings and the code):
    ``issues/x/images/a-960.<8 hex>.webp``."""
    return f"{base}-{width}.{key[:FINGERPRINT_HEX]}.{suffix}"
