"""The fonts of the print edition: Noto Serif CJK SC (body) and Noto Sans CJK SC (headlines),
from Debian's fonts-noto-cjk, and nothing else (system fonts are ignored: the same input
gives the same PDF on every machine)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

FONT_PACKAGE = "fonts-noto-cjk"
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/local/share/fonts")
FONT_FILES = {  # file → the family it provides
    "NotoSerifCJK-Regular.ttc": "Noto Serif CJK SC",
    "NotoSerifCJK-Bold.ttc": "Noto Serif CJK SC",
    "NotoSansCJK-Regular.ttc": "Noto Sans CJK SC",
    "NotoSansCJK-Bold.ttc": "Noto Sans CJK SC",
}
FONTS = ("Noto Serif CJK SC", "Noto Sans CJK SC")


class PrintError(Exception):
    """The print edition cannot be made; the message says what to do."""


def font_dirs() -> tuple[str, ...]:
    """Where to look: ``SHEQUBAO_FONT_DIR`` (one folder) first, then Debian's folders."""
    configured = os.environ.get("SHEQUBAO_FONT_DIR")
    return ((configured,) if configured else ()) + FONT_DIRS


@lru_cache(maxsize=None)
def find_font(name: str) -> Path | None:
    for folder in font_dirs():
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def font_files(families: tuple[str, ...] = FONTS) -> list[Path]:
    """The font files of ``families``; raises :class:`PrintError` saying what to install if
    one is missing (the PDF would otherwise print boxes for every Chinese character)."""
    missing, found = [], []
    for family in families:
        files = [name for name, fam in FONT_FILES.items() if fam == family]
        paths = [find_font(name) for name in files]
        if not files or None in paths:
            missing.append(family)
        else:
            found.extend(paths)
    if missing:
        raise PrintError(
            f"没有安装中文字体 {'、'.join(missing)}，无法生成印刷版 PDF（汉字会变成方框）。"
            f"请安装：sudo apt-get install {FONT_PACKAGE}（或运行 bash scripts/install-system-deps.sh）；"
            f"暂时不要 PDF 可在 mkdocs.yml 的 shequbao 插件设置里写 print_enabled: false"
        )
    return found


def check_fonts(families: tuple[str, ...] = FONTS) -> None:
    """Fail with a clear message unless every font of the print edition is installed."""
    font_files(families)


def font_folder(scratch: Path) -> Path:
    """A folder holding links to exactly our font files (Typst reads fonts by folder)."""
    folder = scratch / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    for path in font_files():
        link = folder / path.name
        if not link.exists():
            try:
                link.symlink_to(path)
            except OSError:
                link.write_bytes(path.read_bytes())
    return folder
