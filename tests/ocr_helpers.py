"""Helpers for the OCR reader's tests (no tesseract): a page image inked under word boxes, and
one line's characters as the reader receives them, as text with its spaces."""

from __future__ import annotations

import numpy as np

from shequbao.importer.pdf.ocrchars import page_chars


def inked_page(words: list, shape: tuple[int, int], inset: int = 2) -> np.ndarray:
    """A white page of ``shape`` (pixels) with each word's box inked, ``inset`` pixels in from its sides."""
    image = np.full(shape, 255, dtype=np.uint8)
    for w in words:
        image[w.top:w.top + w.height, w.left + inset:w.left + w.width - inset] = 0
    return image


def spaced_text(chars: list[dict]) -> str:
    """The characters of one line, with a space where a blank is left between two of them."""
    out = chars[0]["text"]
    for a, b in zip(chars, chars[1:]):
        out += (" " if b["x0"] - a["x1"] > 0.05 else "") + b["text"]
    return out


def read_line(line, face: str, image, scale: float, size: float | None = None) -> str:
    """``line`` read in ``face`` (at ``size``, else its own em) on ``image``, as text with its spaces."""
    return spaced_text(page_chars([line], {id(line): (line.em if size is None else size, False, face)}, scale, image))
