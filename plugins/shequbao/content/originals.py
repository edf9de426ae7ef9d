"""原报: an issue imported from a PDF keeps its pages.

``sqb import FILE.pdf`` puts two files into the issue's folder beside the drafts:

- ``original.pdf``: the PDF as it came (never published as it is: the build publishes a copy
  with its metadata stripped, ``print/archive.py``);
- ``original.yml``: which page of the PDF each 版 is, and where each draft's story stands on
  the original pages (the 数字报's link regions), in fractions of the page's width and height.

An issue folder with ``original.yml`` is an archive issue: its 数字报 shows the original pages
and its PDF is the original; the print layout never runs for it. This module names the files,
writes ``original.yml``'s text (for the import) and reads it back (for the build), each problem
naming the file, the line and the field. It writes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .reading import ReadError, parse_yaml, read_text

ORIGINAL_PDF = "original.pdf"
ORIGINAL_YML = "original.yml"

HEADER = (
    "# 原报：这一期是从 PDF 导入的。网站的数字报显示原报的版面（original.pdf，原样保留），",
    "# 下载的 PDF 也是原报（去掉了文件属性里的作者、软件等信息）；这一期不会重新排版。",
    "# pages：每一版是原报 PDF 的第几页。regions：每篇稿件在原报上的位置（数字报上点它进入稿件）：",
    "#   page 是 PDF 的页码，x、y、w、h 是左、上、宽、高，占页面宽和高的比例（0 到 1）。",
    "# 稿件改了文件名，这里跟着改；删掉的稿件，它的几行留着也没关系（不再显示）。",
    "# 删掉这个文件，这一期就按普通的一期排版印刷。",
)


class OriginalError(Exception):
    """``original.yml`` cannot be used; the message names the file, line, field and what to do."""


@dataclass(frozen=True)
class Spot:
    """Where a story stands on a page of the original, in fractions of the page."""

    src: str  # the draft's file name in the issue folder
    page: int  # page of the PDF, from 1
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Original:
    pdf: Path
    yml: Path
    pages: dict[int, int]  # 版 → page of the PDF
    spots: tuple[Spot, ...]


def has_original(folder: Path) -> bool:
    return (folder / ORIGINAL_YML).is_file()


def render_original(pages: dict[int, int], spots: list[Spot]) -> str:
    """The text of ``original.yml`` as the import writes it."""
    lines = [*HEADER, f"pdf: {ORIGINAL_PDF}", "pages:"]
    lines += [f"  - {{ban: {ban}, page: {page}}}" for ban, page in sorted(pages.items())]
    lines.append("regions:" if spots else "regions: {}")
    by_src: dict[str, list[Spot]] = {}
    for spot in spots:
        by_src.setdefault(spot.src, []).append(spot)
    for src, found in by_src.items():
        lines.append(f"  {json.dumps(src, ensure_ascii=False)}:")  # a double-quoted YAML key
        lines += [f"    - {{page: {s.page}, x: {s.x:.4f}, y: {s.y:.4f}, w: {s.w:.4f}, h: {s.h:.4f}}}" for s in found]
    return "\n".join(lines) + "\n"


def read_original(folder: Path) -> Original:
    """``original.yml`` of an archive issue, checked; an :class:`OriginalError` otherwise."""
    yml = folder / ORIGINAL_YML
    try:
        doc = parse_yaml(read_text(yml))
    except ReadError as exc:
        raise OriginalError(f"{_place(yml, exc.line)}: {exc.message}") from None
    data = doc.data if isinstance(doc.data, dict) else {}
    name = data.get("pdf", ORIGINAL_PDF)
    pdf = folder / str(name)
    if not isinstance(name, str) or "/" in name or "\\" in name or not pdf.is_file():
        raise OriginalError(f"{_place(yml, doc.line('pdf'))}: pdf: 这一期的文件夹里没有原报 {name}。"
                            f"请把导入时的 PDF 放回 {folder.as_posix()}/，或删掉 {ORIGINAL_YML}（这一期就按普通的一期排版）")
    pages = _pages(data.get("pages"), yml, doc)
    return Original(pdf, yml, pages, tuple(_spots(data.get("regions"), yml, doc)))


def _pages(value, yml: Path, doc) -> dict[int, int]:
    pages: dict[int, int] = {}
    for index, entry in enumerate(value if isinstance(value, list) else ()):
        ban = entry.get("ban") if isinstance(entry, dict) else None
        page = entry.get("page") if isinstance(entry, dict) else None
        if not (_count(ban) and _count(page)):
            raise OriginalError(f"{_place(yml, doc.line('pages', index))}: pages[{index + 1}]: 应当写成 "
                                "{ban: 版次, page: PDF 页码}，两个都是正整数，例如 {ban: 2, page: 2}")
        pages[ban] = page
    if not pages:
        raise OriginalError(f"{_place(yml, doc.line('pages'))}: pages: 没有写每一版是原报的第几页，"
                            "例如 pages: [{ban: 1, page: 1}]")
    return pages


def _spots(value, yml: Path, doc) -> list[Spot]:
    spots = []
    for src, parts in (value.items() if isinstance(value, dict) else ()):
        for index, part in enumerate(parts if isinstance(parts, list) else [parts]):
            numbers = [part.get(k) if isinstance(part, dict) else None for k in "xywh"]
            page = part.get("page") if isinstance(part, dict) else None
            if not (_count(page) and all(isinstance(n, (int, float)) and 0 <= n <= 1 for n in numbers)):
                raise OriginalError(f"{_place(yml, doc.line('regions', src, index))}: regions.{src}: 应当写成 "
                                    "{page: 页码, x: 0.1, y: 0.2, w: 0.3, h: 0.4}（x、y、w、h 在 0 到 1 之间）")
            spots.append(Spot(str(src), page, *(float(n) for n in numbers)))
    return spots


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _place(path: Path, line: int | None) -> str:
    return f"{path.as_posix()}:{line}" if line else path.as_posix()
