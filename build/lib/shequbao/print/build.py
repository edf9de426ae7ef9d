"""Make the print edition of every issue, cached and in parallel.

PDFs live under ``.cache/pdf/`` (next to ``mkdocs.yml``, never in ``content/``), named by
a hash of everything that goes into them: the HTML made from issue.yml and the article
files (so the options, the template and the stylesheet too), the bytes of every image
of the issue, and the renderer's version. A rebuild with nothing changed renders nothing.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from ..cache import link_files
from ..model import Archive, Issue
from .edition import Edition, MarkdownSetup, make_edition
from .options import PrintOptions
from .render import JPEG_QUALITY, PRINT_LONG_SIDE, PrintError, RenderResult, check_fonts, render_pdf

CACHE_FORMAT = "1"  # bump when the cache layout or the renderer's own code changes its output


@dataclass(frozen=True)
class PdfFile:
    """The print edition of one issue, in the cache."""

    issue_id: str
    label: str  # 《梧桐里》第7期
    filename: str  # wu-tong-li-2023-05.pdf
    path: Path  # the cached file
    size: int  # bytes
    pages: int
    overflow: tuple[str, ...]  # 版 that run onto a second page
    rendered: bool  # made by this run (False: taken from the cache)

    @property
    def size_text(self) -> str:
        return format_size(self.size)

    def overflow_messages(self) -> list[str]:
        return [
            f"印刷版 {self.label}：{name} 的稿件一版排不下，已接排到下一页；请删减文字或把稿件移到别的版"
            for name in self.overflow
        ]


def format_size(size: int) -> str:
    """``1.2 MB``, ``850 KB``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class PdfCache:
    """``.cache/pdf/``: ``<key>.pdf`` plus ``<key>.json`` (pages, overflow), print copies of
    photos in ``img/``, and a memo of file hashes so unchanged photos are not read again."""

    def __init__(self, root: Path):
        self.root = root
        self.image_dir = root / "img"
        self._memo_path = root / "hashes.json"
        try:
            self._memo = json.loads(self._memo_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._memo = {}
        self._memo_changed = False

    def file_hash(self, path: Path) -> str:
        """SHA-256 of the file; remembered by (size, mtime) so a warm build reads no photo."""
        stat = path.stat()
        name = str(path.resolve())
        known = self._memo.get(name)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        self._memo[name] = [stat.st_size, stat.st_mtime_ns, digest.hexdigest()]
        self._memo_changed = True
        return digest.hexdigest()

    def pdf(self, key: str) -> Path:
        return self.root / f"{key}.pdf"

    def info(self, key: str) -> dict | None:
        try:
            info = json.loads((self.root / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return info if self.pdf(key).is_file() else None

    def store_info(self, key: str, result: RenderResult, edition: Edition) -> None:
        path = self.root / f"{key}.json"
        partial = path.with_name(f".{path.name}.{os.getpid()}.part")
        info = {**asdict(result), "filename": edition.filename, "images": [copy for _, copy in edition.images]}
        partial.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)

    def save(self) -> None:
        if self._memo_changed:
            self.root.mkdir(parents=True, exist_ok=True)
            partial = self._memo_path.with_name(f".hashes.{os.getpid()}.part")
            partial.write_text(json.dumps(self._memo, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            partial.replace(self._memo_path)
            self._memo_changed = False

    def prune(self, current: dict[str, str]) -> None:
        """Forget the older PDFs of the issues just built (``current``: file name → key), and the
        photo copies no cached PDF uses. PDFs of other papers sharing the cache are left alone."""
        used_images: set[str] = set()
        for path in self.root.glob("*.json"):
            if path.name == self._memo_path.name:
                continue
            info = self.info(path.stem) or {}
            if info.get("filename") in current and current[info["filename"]] != path.stem:
                path.unlink(missing_ok=True)
                self.pdf(path.stem).unlink(missing_ok=True)
            else:
                used_images.update(info.get("images", ()))
        for path in self.image_dir.glob("*.jpg"):
            if str(path) not in used_images:
                path.unlink(missing_ok=True)


def renderer_key() -> str:
    """What else decides the bytes of a PDF: our cache format and the renderer's versions."""
    versions = [f"{name}={_version(name)}" for name in ("weasyprint", "pydyf", "Pillow", "fonttools")]
    return ";".join([CACHE_FORMAT, f"img={PRINT_LONG_SIDE}q{JPEG_QUALITY}", *versions])


def build_editions(archive: Archive, content_dir: Path, cache_dir: Path, options: PrintOptions,
                   markdown_setup: MarkdownSetup | None = None, *, issues: tuple[Issue, ...] | None = None,
                   workers: int | None = None, prune: bool = False) -> list[PdfFile]:
    """The PDF of every issue of ``archive`` (or of ``issues``), rendering only those not in the
    cache, several at once in worker processes. Raises :class:`PrintError` with a message for
    the editor if a PDF cannot be made."""
    cache = PdfCache(cache_dir)
    base = renderer_key()
    editions: list[tuple[Edition, str]] = []
    for issue in (archive.issues if issues is None else issues):
        edition = make_edition(archive.paper, issue, content_dir, options, markdown_setup,
                               image_dir=cache.image_dir, file_hash=cache.file_hash, people=archive.people)
        editions.append((edition, hashlib.sha256(f"{base}\0{edition.key()}".encode()).hexdigest()))
    cache.save()
    todo = [(edition, key) for edition, key in editions if cache.info(key) is None]
    if todo:
        check_fonts()
        cache.root.mkdir(parents=True, exist_ok=True)
        for (edition, key), result in zip(todo, _render_all(todo, cache, workers)):
            cache.store_info(key, result, edition)
    rendered = {key for _, key in todo}
    if prune:
        cache.prune({edition.filename: key for edition, key in editions})
    files = []
    for edition, key in editions:
        info = cache.info(key)
        files.append(PdfFile(
            issue_id=edition.issue_id, label=edition.label, filename=edition.filename, path=cache.pdf(key),
            size=cache.pdf(key).stat().st_size, pages=info["pages"], overflow=tuple(info["overflow"]),
            rendered=key in rendered,
        ))
    return files


def publish(files: list[tuple[str, PdfFile]], site_dir: Path) -> None:
    """The PDFs into the built site (hard links to the cache), each at its path in the site."""
    link_files(((path, pdf.path) for path, pdf in files), site_dir)


def _render_all(todo: list[tuple[Edition, str]], cache: PdfCache, workers: int | None) -> list[RenderResult]:
    jobs = [(edition, cache.pdf(key)) for edition, key in todo]
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [_render(edition, target) for edition, target in jobs]
    # spawn, not fork: MkDocs (serve) runs threads, and a forked copy of them can hang.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_render, edition, target) for edition, target in jobs]
        return [future.result() for future in futures]


def _render(edition: Edition, target: Path) -> RenderResult:
    try:
        return render_pdf(edition, target)
    except PrintError:
        raise
    except Exception as exc:  # WeasyPrint, Pillow: say which issue, keep the cause
        raise PrintError(f"印刷版 {edition.label} 生成失败：{type(exc).__name__}: {exc}") from exc


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
