"""``shequbao import FILE.pdf``: the text layer of a PDF, read with its layout.

pdfplumber gives every character with its position, font and size. From those:
``glyphs`` (runs of one style), ``layout`` (columns and modules in reading order),
``visual`` (lines and their look), ``images`` (the photos), ``compose`` (headlines,
paragraphs, captions, furniture → :class:`~..structure.Line`), ``masthead`` (page 1's
masthead: 报名, 第N期, date). The Lines then go through the same segmenter as a text file.
A PDF without a text layer (a scan) is read by OCR if Debian's tesseract-ocr-chi-sim is
installed (``ocr``), else refused with a message.
"""

from __future__ import annotations

from pathlib import Path

from ..issue import UserError
from ..structure import Line
from .compose import PageState, compose
from .front import Facts, furniture_ids, names_of
from .glyphs import page_runs
from .images import clip_to_text, mark_alone, page_figures
from .layout import BIG, reading_order
from .visual import Style, visual_lines

MAX_PAGES = 64  # a community paper has 4–16 版; a larger PDF is not one issue

__all__ = ["Facts", "MAX_PAGES", "read_pdf"]


def read_pdf(path: Path) -> tuple[list[Line], Facts]:
    """The Lines of every page of the PDF at ``path``, and the masthead's facts."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(path)
    except (PDFSyntaxError, Exception) as exc:  # noqa: BLE001 - any unreadable file
        raise UserError(f"{path} 打不开，不是完整的 PDF 文件（{type(exc).__name__}）。请重新导出或下载。") from None
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise UserError(f"{path} 有 {len(pdf.pages)} 页，超过了一次导入的上限 {MAX_PAGES} 页：一期报纸请单独导入。")
        pages = [(page, page_runs(page.chars)) for page in pdf.pages]
        if not any(runs for _, runs in pages):
            from .ocr import read_scanned

            return read_scanned(path, pdf)
        return _read_pages(pages)


def _read_pages(pages: list) -> tuple[list[Line], Facts]:
    style = Style.of([run for _, runs in pages for run in runs])
    facts = Facts()
    out: list[Line] = []
    state = PageState(number=1, style=style)
    starts = []
    for number, (page, runs) in enumerate(pages, start=1):
        state.number = number
        starts.append(len(out))
        figures, problems = page_figures(page, number)
        for fig in figures:
            clip_to_text(fig, runs)
            mark_alone(fig, runs, BIG * style.size)
        facts.problems += [(number, p) for p in problems]
        leaves = [visual_lines(leaf) for leaf in reading_order([*runs, *figures], style.size)]
        furniture = furniture_ids(leaves, page.height, facts) if number == 1 else set()
        state.names |= names_of(leaves, facts)
        compose(leaves, state, furniture, out)
    if not facts.markers:  # no 第N版 anywhere: each page is a 版
        for number, start in reversed(list(enumerate(starts, start=1))):
            out.insert(start, Line(number, f"第{number}版"))
        facts.problems.append((1, "PDF 里没有“第N版”版头，已按页码分版，请核对"))
    return out, facts
