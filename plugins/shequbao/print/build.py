"""Make the print edition of every issue, cached and in parallel.

Each issue's edition is one cache entry (``cache.Store(root, "print")``): the whole PDF, one
PDF per 版, the page images and ``meta`` (pages, module rectangles, messages). Its key
hashes everything the edition is made of: the print package's own files and the versions
of Typst, Pillow and numpy (``code_key``), the options, the paper's settings, issue.yml,
every article's text (the loader's digest), the people's printed names, the Markdown
setup and the bytes of every photo. A rebuild with nothing changed renders nothing.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..cache.store import DigestMemo, Entry, Store, code_key, link_files
from ..model import Archive, Issue
from ..site.registry import pdf_filename
from .archive import archive_entries, is_archive
from .blocks import MarkdownSetup
from .content import issue_content
from .fillers import load_posters, pool_files
from .fonts import PrintError, check_fonts
from .messages import Message, lost_summary
from .options import PrintOptions
from .photo_sizes import photo_size
from .preflight import preflight_line

PACKAGE = Path(__file__).parent
KIND = "print"


@dataclass(frozen=True)
class PdfFile:
    """The print edition of one issue, in the cache."""

    issue_id: str
    label: str  # 《梧桐里》第7期
    filename: str  # wu-tong-li-2023-05.pdf
    path: Path  # the cached whole-issue PDF
    size: int  # bytes
    pages: int
    page_pdfs: tuple[Path, ...] = ()  # one PDF per 版
    images: dict = field(default_factory=dict)  # "800.webp" → one file per 版
    image_sizes: tuple[tuple[int, int], ...] = ()  # (width, height) of each 版's largest image
    version: str = ""  # names this edition (its cache key, shortened)
    page_versions: tuple[str, ...] = ()  # each 版's own: a digest of its images, part of their published names
    rects: dict = field(default_factory=dict)  # article content path → [{page, x, y, w, h}] (page fractions)
    photos: tuple[dict, ...] = ()  # every photo printed: {src, page, shown (share of its area), focus}
    messages: tuple[Message, ...] = ()
    preflight: dict = field(default_factory=dict)  # print.preflight figures of the PDF
    rendered: bool = False  # made by this run (False: taken from the cache)
    original: bool = False  # an archive issue's: its original PDF (``archive.py``), not laid out by us

    @property
    def size_text(self) -> str:
        return format_size(self.size)

    def warnings(self) -> list[str]:
        return [m.text for m in self.messages if m.severity == "warning"]

    def notes(self) -> list[str]:
        return [m.text for m in self.messages if m.severity != "warning"]

    def page_version(self, index: int) -> str:
        """What names the images of the 版 at ``index``: the digest of their bytes, so a 版 that
        did not change keeps its file names when another 版 of the issue changes."""
        return self.page_versions[index] if index < len(self.page_versions) else self.version

    def preflight_line(self) -> str:
        """``印前检查：字体 2 种，全部嵌入；照片 5 张，最低 196 ppi（…）；颜色：…``"""
        return preflight_line(self.preflight)

    def lost(self) -> str:
        """What the PDF leaves out (``…漏印约 353 字、2 张照片``), or ""."""
        return lost_summary(self.label, self.messages)


def format_size(size: int) -> str:
    """``1.2 MB``, ``850 KB``."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


@lru_cache(maxsize=1)
def renderer_key() -> str:
    """Our own code and the versions of what renders: changes of either make new entries."""
    return code_key(PACKAGE, packages=("typst", "Pillow", "numpy"))


def build_editions(archive: Archive, content_dir: Path, cache_root: Path, options: PrintOptions,
                   markdown_setup: MarkdownSetup | None = None, *, issues: tuple[Issue, ...] | None = None,
                   workers: int | None = None, prune: bool = False, images: bool = True) -> list[PdfFile]:
    """The print edition of every issue of ``archive`` (or of ``issues``) but the web-only ones
    (issue.yml ``print: false``); an archive issue's is its original PDF (``archive.py``). Renders
    only those not in the cache, several at once in worker processes. Raises :class:`PrintError` with a message for the editor if one cannot be made."""
    setup = markdown_setup or MarkdownSetup()
    store = Store(cache_root, KIND)
    memo = DigestMemo(store.folder / "digests.json")
    asked = archive.issues if issues is None else issues
    originals = [issue for issue in asked if is_archive(content_dir, issue)]  # 原报: never laid out
    archived = {issue.id for issue in originals}
    chosen = tuple(issue for issue in asked if issue.print and issue.id not in archived)
    keys = [edition_key(archive, issue, content_dir, options, setup, memo, images) for issue in chosen]
    memo.save()
    entries = {key: store.get(key) for key in keys}
    todo = [(issue, key) for issue, key in zip(chosen, keys) if entries[key] is None]
    if todo:
        check_fonts()
        jobs = [(archive, issue, content_dir, options, setup, store, key, images) for issue, key in todo]
        for (issue, key), _ in zip(todo, _run_all(jobs, workers)):
            entries[key] = store.get(key)
    if prune:
        store.prune(keep=keys)
    rendered = {key for _, key in todo}
    made = [_pdf_file(archive, issue, entries[key], key in rendered) for issue, key in zip(chosen, keys)]
    return made + [_pdf_file(archive, issue, entry, new)
                   for issue, entry, new in archive_entries(archive, originals, content_dir, cache_root, images, prune)]


def edition_key(archive: Archive, issue: Issue, content_dir: Path, options: PrintOptions, setup: MarkdownSetup,
                memo: DigestMemo, images: bool) -> str:
    people = sorted((key, person.name) for key, person in archive.people.items())
    photos = sorted({image.src for a in issue.articles for image in a.images if image.src})
    folder = content_dir / "issues" / issue.id
    extra = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md" and p.name != "issue.yml")
    parts = [
        renderer_key(), repr(options), repr(archive.paper), repr(issue.sections), str(issue.number),
        issue.date.isoformat(), str(issue.total), issue.title, setup.key(), json.dumps(people, ensure_ascii=False),
        str(images), *(f"{a.src}={a.digest}={a.draft}" for a in issue.articles),
        *(f"{src}={memo.digest(content_dir / src)}" for src in photos),
        *(f"{p.relative_to(folder).as_posix()}={memo.digest(p)}" for p in extra),  # photos put in the text
        *(f"fillers/{p.name}={memo.digest(p)}" for p in pool_files(content_dir)),  # the 公益广告 pool
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def publish(files: list[tuple[str, PdfFile]], site_dir: Path) -> None:
    """The PDFs into the built site (hard links to the cache), each at its path in the site
    (``pages.pdf_path``: the registry names every file of the site)."""
    link_files(((path, pdf.path) for path, pdf in files), site_dir)


def _pdf_file(archive: Archive, issue: Issue, entry: Entry | None, rendered: bool) -> PdfFile:
    if entry is None:
        raise PrintError(f"印刷版第{issue.number}期没有生成（缓存写入失败），请删除 .cache 文件夹后重试")
    meta = entry.meta
    path = entry.file(meta["filename"])
    return PdfFile(
        issue_id=issue.id, label=meta["label"], filename=meta["filename"], path=path, size=path.stat().st_size,
        pages=meta["pages"], page_pdfs=tuple(entry.file(name) for name in meta["page_pdfs"]),
        images={kind: tuple(entry.file(n) for n in names) for kind, names in meta["images"].items()},
        image_sizes=tuple(tuple(size) for size in meta.get("image_sizes", ())), version=entry.path.name[:8],
        page_versions=tuple(meta.get("page_versions", ())),
        rects=meta["rects"], messages=tuple(Message(**m) for m in meta["messages"]), rendered=rendered,
        photos=tuple(meta.get("photos", ())), preflight=meta.get("preflight", {}), original=bool(meta.get("original")),
    )


def page_digests(folder: Path, images: dict[str, list[str]]) -> list[str]:
    """Each 版's version: the digest of all its images' bytes (every width and format)."""
    digests: list = []
    for kind in sorted(images):
        for index, name in enumerate(images[kind]):
            if index == len(digests):
                digests.append(hashlib.sha256())
            digests[index].update(kind.encode() + b"\0" + (folder / name).read_bytes())
    return [digest.hexdigest()[:8] for digest in digests]


def _run_all(jobs: list[tuple], workers: int | None) -> list[dict]:
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return [render_job(*job) for job in jobs]
    # spawn, not fork: MkDocs (serve) runs threads, and a forked copy of them can hang.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(render_job, *job) for job in jobs]
        return [future.result() for future in futures]


def render_job(archive: Archive, issue: Issue, content_dir: Path, options: PrintOptions, setup: MarkdownSetup,
               store: Store, key: str, images: bool) -> dict:
    """Render one issue into its cache entry (in a worker process)."""
    from .render import render_issue

    label = f"《{archive.paper.name}》第{issue.number}期"
    try:
        posters, problems = load_posters(content_dir, photo_size)
        content = issue_content(archive, issue, content_dir, setup, lambda src: photo_size(content_dir / src), posters)
        content = replace(content, messages=(*content.messages, *problems))
        filename = pdf_filename(archive.paper, issue)
        meta = {"label": content.label, "filename": filename}
        with store.put(key, meta) as folder:  # sealed with ``meta`` as it is when the block ends
            done = render_issue(content, options, content_dir, folder, filename, images=images)
            meta.update(pages=done.pages, page_pdfs=done.page_pdfs, images=done.images, image_sizes=done.image_sizes,
                        rects=done.rects,
                        messages=[m.as_dict() for m in done.messages], photos=done.photos, preflight=done.preflight,
                        page_versions=page_digests(folder, done.images))
        return meta
    except PrintError:
        raise
    except Exception as exc:  # Typst, Pillow: say which issue, keep the cause
        raise PrintError(f"印刷版 {label} 生成失败：{type(exc).__name__}: {exc}") from exc
