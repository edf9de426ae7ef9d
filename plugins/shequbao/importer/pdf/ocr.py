"""A PDF without a text layer (a scan): OCR with Debian's tesseract and its simplified
Chinese data (``apt-get install tesseract-ocr-chi-sim``) when they are installed; else a
message saying what to do.

tesseract's TSV gives every word's box; :mod:`.ocrlayout` turns them and the page image
(its rules and frames) into what the typeset-PDF reader takes, so a scan gets modules,
headlines, bylines and 短消息 as a typeset PDF does. Pages are recognised in parallel (one
tesseract process a core, each on one thread), with progress shown. OCR text is marked for
checking word by word.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from ..issue import UserError
from . import ocrchars, ocrimage, ocrink, ocrlayout, ocrlines, ocrredo, ocrsizes

# A 150-dpi scan of an A3 版 read at 150 / 200 / 300 dpi: tesseract takes 8.1 / 10.6 / 13.6 s of
# CPU (one thread); at 150 / 200 dpi the sample issue 2025-11 (scripts/eval_import.py --pdf
# --scan) lost 104 / 130 characters and had seg F1 0.30 / 0.39: the sizes and spaces read from
# the page are steadier at 200 dpi, for 30% more time
OCR_DPI = 200
OCR_PSM = "3"  # automatic page segmentation (columns, blocks)
OCR_TIMEOUT = 300  # seconds per page
MAX_PAGE_SIDE = 2400.0  # points: larger than A1 is not a newspaper page


def available() -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in done.stdout.split()


def read_scanned(path: Path, pdf, workers: int | None = None, dpi: int | None = None):
    """OCR every page of ``pdf`` (a pdfplumber PDF) and read it as a typeset PDF is read: the
    Lines and the facts; or refuse."""
    from . import _read_pages

    if not available():
        raise UserError(
            f"{path} 没有文字层（是扫描出来的图片），无法直接导入。可以安装文字识别："
            "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim，再导入一次（识别结果要逐字核对）；"
            "或者用别的工具把文字提取成 .txt 后导入。"
        )
    dpi = dpi or int(os.environ.get("SHEQUBAO_OCR_DPI", OCR_DPI))
    for number, page in enumerate(pdf.pages, start=1):
        check_size(path, page, number)
    scale = 72.0 / dpi
    with tempfile.TemporaryDirectory(prefix="shequbao-ocr-") as tmp:
        images, pictures, bands, tints = [], [], [], []
        for n, page in enumerate(pdf.pages, start=1):
            grey = render_page(page, dpi)
            pictures.append(ocrimage.find_pictures(grey, scale, n))
            bands.append([])
            tints.append([])
            grey = ocrimage.invert_bands(grey, pictures[-1], scale, bands[-1])
            images.append((save_png(grey, Path(tmp) / f"p{n}.png"), grey))
        tsvs = recognise_pages([png for png, _ in images], workers)
        ocr_lines = [clean_lines(ocrlayout.parse_tsv(tsv), grey, pics, scale, tinted)
                     for tsv, pics, (_, grey), tinted in zip(tsvs, pictures, images, tints)]
        redo_garbled(ocr_lines, [grey for _, grey in images], pictures, scale, Path(tmp), workers)
    ocr_lines = [ocrlines.drop_doubles(lines) for lines in ocr_lines]
    for lines, (_, grey) in zip(ocr_lines, images):
        ocrink.measure_ink(lines, grey)
    ocr_lines = [ocrlines.join_marks(lines) for lines in ocr_lines]
    ocr_lines = [ocrlines.join_bullets(lines) for lines in ocr_lines]
    body, sizes = ocrsizes.group_sizes(ocr_lines)
    for lines, pics in zip(ocr_lines, pictures):
        ocrsizes.mark_body_captions(lines, sizes, pics, scale, body)
    pages = []
    for number, (lines, (_, grey), pics) in enumerate(zip(ocr_lines, images, pictures), start=1):
        ocrlines.mend_header(lines, number, grey.shape[0])
        ocrsizes.mark_face_captions(lines, pics, scale, sizes, body)
        ocrlines.mend_labels(lines)
        ocrlines.mend_folio(lines, number, grey.shape[0])
    for page, lines, (_, grey), pics, drawn, tinted in zip(pdf.pages, ocr_lines, images, pictures, bands, tints):
        rules, boxes = ocrimage.page_rules(grey, body, scale, lines, drawn)
        ocrsizes.mark_page_head(lines, rules, scale, grey.shape[0], sizes, body)
        scan = ocrlayout.ScanPage(float(page.width), float(page.height), ocrchars.page_chars(lines, sizes, scale, grey))
        scan.lines, scan.rects = rules, boxes
        scan.rects += tinted  # (a tinted box is a module of its own, as on a typeset page)
        scan.images = pics
        pages.append(scan)
    return read_pages(pages, _read_pages)


def clean_lines(lines: list, grey, pictures: list[dict], scale: float, tints: list | None = None) -> list:
    """tesseract's lines of a page cut at gutters and rules, joined where it cut one, without
    the words read inside photos."""
    lines = ocrlines.fit_gutters(ocrlines.join_neighbours(ocrlayout.split_gutters(lines, grey), grey))
    return ocrlines.drop_covered(ocrlines.settle_end_marks(lines, grey), pictures, scale, tints, grey)


def redo_garbled(pages: list[list], greys: list, pictures: list[list[dict]], scale: float, tmp: Path,
                 workers: int | None) -> None:
    """The parts of pages tesseract garbled (:mod:`.ocrredo`) read again, each alone, their
    lines put in place of the garbled ones (``pages`` changed in place)."""
    parts = [(n, part) for n, (lines, grey) in enumerate(zip(pages, greys))
             for part in ocrredo.garbled_parts(lines, grey.shape)]
    if not parts:
        return
    crops = [save_png(greys[n][top:bottom, x0:x1], tmp / f"part{i}.png") for i, (n, (x0, x1, top, bottom)) in enumerate(parts)]
    tsvs = recognise_pages(crops, workers, psm=ocrredo.REDO_PSM, quiet=True)
    for (n, part), tsv in zip(parts, tsvs):
        redone = clean_lines(ocrredo.shifted(ocrlayout.parse_tsv(tsv), part), greys[n], pictures[n], scale)
        if ocrredo.is_surer(pages[n], part, redone):
            pages[n] = ocrredo.replace_part(pages[n], part, redone)


def read_pages(pages: list, reader):
    """The visual pipeline over scanned pages; every page noted as recognised text."""
    from .glyphs import page_runs

    out, facts = reader([(page, page_runs(page.chars)) for page in pages])
    facts.problems += [(n, "这一页的文字是 OCR 识别出来的，请逐字核对") for n in range(1, len(pages) + 1)]
    facts.scan_pages = [page_letters(page) for page in pages]
    return out, facts


def page_letters(page) -> tuple[list, list]:
    """The letters a scanned page was read as, with their boxes, and its photos, in fractions
    of the page (top-down), as :mod:`..originals` reads a typeset page's from PDFium: the
    stories' regions on the 原报 are found from them."""
    w, h = page.width or 1.0, page.height or 1.0

    def frac(box: dict) -> tuple[float, float, float, float]:
        return box["x0"] / w, box["top"] / h, box["x1"] / w, box["bottom"] / h

    return [(c["text"], frac(c)) for c in page.chars if c["text"].isalnum()], [frac(img) for img in page.images]


def render_page(page, dpi: int):
    """The page in grey as a numpy array."""
    import numpy as np

    return np.asarray(page.to_image(resolution=dpi).original.convert("L"))


def save_png(grey, png: Path) -> Path:
    from PIL import Image

    Image.fromarray(grey).save(png)
    return png


def recognise_pages(images: list[Path], workers: int | None = None, psm: str = OCR_PSM, quiet: bool = False) -> list[str]:
    """tesseract's TSV of every page image, pages in parallel (one process a core, one
    thread each), with progress on stderr (unless ``quiet``)."""
    workers = max(1, min(len(images), workers or os.cpu_count() or 1))
    out: list[str] = [""] * len(images)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        jobs = {pool.submit(run_tesseract, image, psm): i for i, image in enumerate(images)}
        for done, job in enumerate(as_completed(jobs), start=1):
            out[jobs[job]] = job.result()
            if not quiet:
                print(f"文字识别：第 {done}/{len(images)} 页完成（{time.monotonic() - start:.0f} 秒）",
                      file=sys.stderr, flush=True)
    return out


def check_size(path: Path, page, number: int) -> None:
    """A page or a picture no scan has (it would be rendered in memory at 300 dpi): refused."""
    from .images import MAX_PIXELS, _pixels

    if max(page.width, page.height) > MAX_PAGE_SIDE or any(_pixels(img) > MAX_PIXELS for img in page.images):
        raise UserError(f"{path} 第{number}页大得不像报纸的扫描件（页面或图片过大），无法识别文字："
                        "请用扫描软件重新导出 PDF（300 dpi 即可）")


def run_tesseract(image: Path, psm: str = OCR_PSM) -> str:
    """tesseract's TSV of one page image. With ``SHEQUBAO_OCR_CACHE`` set to a folder (for
    measuring the reader over and over), the TSV of an image already read is taken from there."""
    cache = os.environ.get("SHEQUBAO_OCR_CACHE")
    if cache:
        import hashlib

        key = Path(cache) / f"{hashlib.sha1(image.read_bytes() + psm.encode()).hexdigest()}.tsv"
        if key.is_file():
            return key.read_text(encoding="utf-8")
        text = _tesseract(image, psm)
        key.parent.mkdir(parents=True, exist_ok=True)
        key.write_text(text, encoding="utf-8")
        return text
    return _tesseract(image, psm)


def _tesseract(image: Path, psm: str = OCR_PSM) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # the pages run in parallel: one thread each
    try:
        done = subprocess.run(["tesseract", str(image), "-", "-l", "chi_sim", "--psm", psm, "tsv"],
                              capture_output=True, text=True, timeout=OCR_TIMEOUT, env=env, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UserError(f"文字识别（tesseract）失败：{exc}") from None
    if done.returncode != 0:
        raise UserError(f"文字识别（tesseract）失败：{done.stderr.strip()[:200]}")
    return done.stdout
