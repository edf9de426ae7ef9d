"""The print edition: a newspaper PDF of every issue, laid out as modules on a column grid
and typeset by Typst; also one PDF and page images per 版 and each story's rectangle.

Core code: nothing here knows MkDocs. ``build_editions`` makes (or takes from the cache) the
edition of every issue; ``publish`` links the PDFs into the site.
"""

from .blocks import MarkdownSetup
from .build import PdfFile, build_editions, format_size, publish
from .fonts import PrintError, check_fonts
from .messages import Message
from .options import PAGE_SIZES, PrintOptions, page_size_name

__all__ = [
    "PAGE_SIZES", "MarkdownSetup", "Message", "PdfFile", "PrintError", "PrintOptions", "build_editions",
    "check_fonts", "format_size", "page_size_name", "publish",
]
