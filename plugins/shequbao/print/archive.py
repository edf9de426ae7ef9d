"""The edition of an archive issue (原报): an issue imported from a PDF keeps its pages.

Its folder holds ``original.pdf`` and ``original.yml`` (``content/originals.py``). Instead of
laying the issue out, the build makes of the original what it makes of its own print edition
(a cache entry that ``build`` reads as a :class:`~.build.PdfFile`), so the 数字报 pages and the issue page need nothing of their own:

- the PDF readers download: the original with its metadata stripped (document information,
  XMP, per-page metadata), written deterministically; one PDF per 版;
- each 版's page as images at the widths of our own page images (:data:`.render.IMAGE_WIDTHS`),
  WebP and JPEG, rendered by PDFium (pypdfium2, which pdfplumber brings);
- the link regions: ``original.yml``'s, keyed by the article's content path, on the 版 whose
  page they stand on.

One cache entry per issue (``Store(root, "archive")``), keyed by the bytes of both files and this
module's code. The content folder is only read.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..cache.store import DigestMemo, Entry, Store, code_key
from ..content.originals import Original, OriginalError, has_original, read_original
from ..model import Archive, Issue
from ..site.registry import pdf_filename
from .fonts import PrintError
from .render import IMAGE_WIDTHS

KIND = "archive"


@lru_cache(maxsize=1)
def archive_key() -> str:
    return code_key(Path(__file__), packages=("pikepdf", "pypdfium2", "Pillow"))


def is_archive(content_dir: Path, issue: Issue) -> bool:
    return has_original(content_dir / "issues" / issue.id)


def archive_entries(archive: Archive, issues: list[Issue], content_dir: Path, cache_root: Path,
                    images: bool = True, prune: bool = False) -> list[tuple[Issue, Entry, bool]]:
    """The cache entry of every archive issue among ``issues`` (made now when missing: True),
    with the ``meta`` of a print edition's entry (``build._pdf_file`` reads it)."""
    store = Store(cache_root, KIND)
    memo = DigestMemo(store.folder / "digests.json")
    made, keys = [], []
    for issue in issues:
        try:
            original = read_original(content_dir / "issues" / issue.id)
        except OriginalError as error:
            raise PrintError(str(error)) from None
        key = hashlib.sha256("\0".join((archive_key(), str(images), pdf_filename(archive.paper, issue),
                                        archive.paper.name, str(issue.number), repr(issue.sections),
                                        memo.digest(original.pdf), memo.digest(original.yml))).encode()).hexdigest()
        keys.append(key)
        entry = store.get(key)
        if entry is None:
            _make(store, key, archive, issue, original, images)
            entry = store.get(key)
            if entry is None:
                raise PrintError(f"原报第{issue.number}期没有生成（缓存写入失败），请删除 .cache 文件夹后重试")
            made.append((issue, entry, True))
        else:
            made.append((issue, entry, False))
    memo.save()
    if prune:
        store.prune(keep=keys)
    return made


def _rects(issue: Issue, original: Original) -> dict:
    """Article content path → its regions, each on the 版 (its index among the issue's 版, from 1)
    that shows the PDF page it stands on."""
    index_of = {}
    for index, section in enumerate(issue.sections, start=1):
        page = original.pages.get(section.page)
        if page is not None:
            index_of.setdefault(page, index)
    rects: dict[str, list[dict]] = {}
    for spot in original.spots:
        if spot.page in index_of:
            rects.setdefault(f"issues/{issue.id}/{spot.src}", []).append(
                {"page": index_of[spot.page], "x": spot.x, "y": spot.y, "w": spot.w, "h": spot.h})
    return rects


def _make(store: Store, key: str, archive: Archive, issue: Issue, original: Original, images: bool) -> None:
    import pikepdf

    filename = pdf_filename(archive.paper, issue)
    meta = {"label": f"《{archive.paper.name}》第{issue.number}期（原报）", "filename": filename}
    try:
        with store.put(key, meta) as folder, pikepdf.open(original.pdf) as pdf:
            shown = [original.pages.get(s.page) for s in issue.sections]
            shown = [p if p is not None and p <= len(pdf.pages) else None for p in shown]
            _strip(pdf)
            pdf.save(folder / filename, deterministic_id=True)
            page_pdfs = []
            (folder / "pages").mkdir(exist_ok=True)
            for index, page in enumerate(shown, start=1):
                if page is None:
                    break  # the 版 after one the original lacks have no page of their own
                name = f"pages/{index}.pdf"
                with pikepdf.new() as one:
                    one.pages.append(pdf.pages[page - 1])
                    one.save(folder / name, deterministic_id=True)
                page_pdfs.append(name)
            made, sizes = _images(original.pdf, shown[:len(page_pdfs)], folder) if images else ({}, [])
            meta.update(pages=len(pdf.pages), page_pdfs=page_pdfs, images=made, image_sizes=sizes,
                        rects=_rects(issue, original), messages=[], original=True)
    except Exception as exc:  # noqa: BLE001 - pikepdf, PDFium, Pillow: say which file, and what to do
        raise PrintError(f"{original.pdf.as_posix()}: 原报 PDF 读不了（{type(exc).__name__}: {exc}）。"
                         f"请放回导入时的 PDF，或删掉 {original.yml.name}（这一期就按普通的一期排版）") from None


def _strip(pdf) -> None:
    """No document information, XMP or page metadata: who made it, with what, when."""
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    for owner in [pdf.Root, *(page.obj for page in pdf.pages)]:
        for name in ("/Metadata", "/PieceInfo"):
            if name in owner:
                del owner[name]


def _images(path: Path, pages: list[int], folder: Path) -> tuple[dict, list]:
    """Each shown page as WebP and JPEG at every width of our own page images."""
    import pypdfium2 as pdfium

    made: dict[str, list[str]] = {}
    sizes = []
    widest = max(IMAGE_WIDTHS)
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index, page_no in enumerate(pages, start=1):
            page = pdf[page_no - 1]
            scale = widest / page.get_width()
            image = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
            page.close()
            sizes.append([widest, round(image.height * widest / image.width)])
            for width in sorted(IMAGE_WIDTHS, reverse=True):
                size = (width, round(image.height * width / image.width))
                scaled = image if size == image.size else image.resize(size)
                for fmt, ext, args in (("WEBP", "webp", {"quality": 78, "method": 0}), ("JPEG", "jpg", {"quality": 80})):
                    name = f"pages/{index}-{width}.{ext}"
                    scaled.save(folder / name, fmt, **args)
                    made.setdefault(f"{width}.{ext}", []).append(name)
    finally:
        pdf.close()
    return made, sizes
