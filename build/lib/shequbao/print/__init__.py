"""The print edition: a newspaper-layout PDF of every issue (WeasyPrint, HTML + paged-media CSS).

Core code: nothing here knows MkDocs. ``build_editions`` makes (or takes from the cache) the
PDF of every issue; ``publish`` copies them into the site; ``make_edition`` and
``render_pdf`` are the two steps for one issue.
"""

from .build import PdfFile, build_editions, format_size, publish
from .edition import Edition, MarkdownSetup, make_edition
from .options import PAGE_SIZES, PrintOptions, page_size_name
from .render import PrintError, RenderResult, check_fonts, render_pdf

__all__ = [
    "PAGE_SIZES", "Edition", "MarkdownSetup", "PdfFile", "PrintError", "PrintOptions", "RenderResult",
    "build_editions", "check_fonts", "format_size", "make_edition", "page_size_name",
    "publish", "render_pdf",
]
