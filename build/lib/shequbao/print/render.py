"""HTML → PDF with WeasyPrint: print copies of the photos, the fonts check, the overflow check.

Runs in worker processes: everything it takes and returns is plain data.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .edition import Edition

FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")
FONT_PACKAGE = "fonts-noto-cjk"
PRINT_LONG_SIDE = 2000  # px: ~190 dpi across a whole A3 page, ~300 dpi for a photo a few columns wide
JPEG_QUALITY = 85


class PrintError(Exception):
    """The print edition cannot be made; the message says what to do."""


@dataclass(frozen=True)
class RenderResult:
    issue_id: str
    pages: int
    overflow: tuple[str, ...]  # 版 whose content runs onto a second page: "第2版 社区"


def check_fonts(families: tuple[str, ...] = FONTS) -> None:
    """Fail with a clear message unless every font family of the print edition is installed
    (WeasyPrint would otherwise silently print boxes for every Chinese character)."""
    missing = [family for family in families if not font_installed(family)]
    if missing:
        raise PrintError(
            f"没有安装中文字体 {'、'.join(missing)}，无法生成印刷版 PDF（汉字会变成方框）。"
            f"请安装：sudo apt-get install {FONT_PACKAGE}（或运行 bash scripts/install-system-deps.sh）；"
            f"暂时不要 PDF 可在 mkdocs.yml 的 shequbao 插件设置里写 print_enabled: false"
        )


@lru_cache(maxsize=None)
def font_installed(family: str) -> bool:
    """True if fontconfig has ``family`` itself (not a substitute)."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig
    except (ImportError, OSError) as exc:  # Pango or its libraries are missing
        raise PrintError(
            f"WeasyPrint 无法加载（{exc}）。请安装：sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            f"libharfbuzz-subset0 {FONT_PACKAGE}"
        ) from None
    config = fontconfig.FcInitLoadConfigAndFonts()
    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(config, pattern, result)
        if match == ffi.NULL:
            return False
        try:
            names = []
            value = ffi.new("FcChar8 **")
            while fontconfig.FcPatternGetString(match, b"family", len(names), value) == fontconfig.FcResultMatch:
                names.append(ffi.string(value[0]).decode("utf-8", "replace").casefold())
            return family.casefold() in names
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)
        fontconfig.FcConfigDestroy(config)


def render_pdf(edition: Edition, target: Path) -> RenderResult:
    """Write the PDF of ``edition`` to ``target`` (atomically) and say which 版 overflow."""
    from weasyprint import HTML

    check_fonts()
    for original, copy in edition.images:
        make_print_copy(Path(original), Path(copy))
    _quiet_weasyprint()
    document = HTML(
        string=edition.html, base_url=edition.base_url, url_fetcher=_fetcher(edition.mounts),
    ).render()
    overflow = overflowing_sections(document, edition.sections)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    document.write_pdf(partial, pdf_identifier=True)
    partial.replace(target)
    return RenderResult(edition.issue_id, len(document.pages), overflow)


def overflowing_sections(document, sections: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The 版 that fill more than one page: a page without a 版's anchor continues the 版 before it."""
    names = dict(sections)
    current, overflow = None, []
    for page in document.pages:
        starts = [anchor for anchor in page.anchors if anchor in names]
        if starts:
            current = starts[-1]
        elif current is not None and names[current] not in overflow:
            overflow.append(names[current])
    return tuple(overflow)


def make_print_copy(original: Path, copy: Path) -> None:
    """A JPEG for the PDF: upright (EXIF orientation applied), at most PRINT_LONG_SIDE px,
    with no metadata (no GPS position of a reader's home in the published PDF)."""
    if copy.exists():
        return
    from PIL import Image, ImageOps

    with Image.open(original) as image:
        image.draft("RGB", (PRINT_LONG_SIDE, PRINT_LONG_SIDE))  # JPEG: decode at 1/2, 1/4 … when that is enough
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "L"):
            background = Image.new("RGB", image.size, (255, 255, 255))
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        image.thumbnail((PRINT_LONG_SIDE, PRINT_LONG_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
        copy.parent.mkdir(parents=True, exist_ok=True)
        partial = copy.with_name(f".{copy.name}.{os.getpid()}.part")
        image.save(partial, "JPEG", quality=JPEG_QUALITY, optimize=True)
    partial.replace(copy)


def _fetcher(mounts: tuple[tuple[str, str], ...]):
    """Files under the mounted folders only (and data: URLs): a build fetches nothing from the
    network and cannot put, say, /etc/passwd into a PDF."""
    from weasyprint.urls import URLFetcher

    real = tuple((prefix, os.path.realpath(folder)) for prefix, folder in mounts)

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            path = unquote(parts.path) if parts.scheme == "file" else ""
            for prefix, folder in real:
                if path.startswith(prefix):
                    target = os.path.realpath(os.path.join(folder, path[len(prefix):]))
                    if target == folder or target.startswith(folder + os.sep):
                        response = super().fetch(Path(target).as_uri(), headers)
                        response.url = url  # keep the mounted name (the PDF names images after it)
                        return response
            raise ValueError(f"印刷版只使用本期文件夹里的文件，不读取 {url}")

    return LocalFetcher(allowed_protocols=("file", "data"))


class _ExpectedWarnings(logging.Filter):
    """Drop WeasyPrint's notes on CSS it does not know yet but that we set on purpose
    (``line-break: strict``: Pango already keeps closing punctuation off the start of a line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "line-break" not in record.getMessage()


def _quiet_weasyprint() -> None:
    logger = logging.getLogger("weasyprint")
    if not any(isinstance(f, _ExpectedWarnings) for f in logger.filters):
        logger.addFilter(_ExpectedWarnings())
