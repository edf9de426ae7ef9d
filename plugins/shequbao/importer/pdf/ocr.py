"""A PDF without a text layer (a scan): OCR with Debian's tesseract and its simplified
Chinese data (``apt-get install tesseract-ocr-chi-sim``) when they are installed; else a
message saying what to do. OCR text is marked for checking word by word."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..issue import UserError
from ..structure import Line
from ..units import text_lines

OCR_DPI = 300
OCR_TIMEOUT = 300  # seconds per page
MAX_PAGE_SIDE = 2400.0  # points: larger than A1 is not a newspaper page


def available() -> bool:
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        done = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in done.stdout.split()


def read_scanned(path: Path, pdf):
    """OCR every page of ``pdf`` (a pdfplumber PDF) into Lines, or refuse."""
    from . import Facts

    if not available():
        raise UserError(
            f"{path} 没有文字层（是扫描出来的图片），无法直接导入。可以安装文字识别："
            "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim，再导入一次（识别结果要逐字核对）；"
            "或者用别的工具把文字提取成 .txt 后导入。"
        )
    facts = Facts()
    out: list[Line] = []
    with tempfile.TemporaryDirectory(prefix="shequbao-ocr-") as tmp:
        for number, page in enumerate(pdf.pages, start=1):
            _check_size(path, page, number)
            image = Path(tmp) / f"p{number}.png"
            page.to_image(resolution=OCR_DPI).save(image)
            text = _tesseract(image)
            out.append(Line(number, f"第{number}版"))
            out += [Line(number, line.text, level=line.level) for line in text_lines(text)]
            facts.problems.append((number, "这一页的文字是 OCR 识别出来的，请逐字核对"))
    return out, facts


def _check_size(path: Path, page, number: int) -> None:
    """A page or a picture no scan has (it would be rendered in memory at 300 dpi): refused."""
    from .images import MAX_PIXELS, _pixels

    if max(page.width, page.height) > MAX_PAGE_SIDE or any(_pixels(img) > MAX_PIXELS for img in page.images):
        raise UserError(f"{path} 第{number}页大得不像报纸的扫描件（页面或图片过大），无法识别文字："
                        "请用扫描软件重新导出 PDF（300 dpi 即可）")


def _tesseract(image: Path) -> str:
    try:
        done = subprocess.run(["tesseract", str(image), "-", "-l", "chi_sim", "--psm", "3"],
                              capture_output=True, text=True, timeout=OCR_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UserError(f"文字识别（tesseract）失败：{exc}") from None
    if done.returncode != 0:
        raise UserError(f"文字识别（tesseract）失败：{done.stderr.strip()[:200]}")
    return done.stdout
