"""Typst, the typesetting engine: the compile root and the calls into the ``typst`` wheel.

The compile root is a scratch folder holding our program (``typst/*.typ``, copied), the
input of the current compile (``input.json``) and the print copies of the current issue's
photos, nothing else: the program can read no other file. Fonts are our Noto CJK files only
(system fonts ignored), so every machine makes the same bytes. One engine serves one
process: the fonts are loaded once and Typst's caches carry over between compiles.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .fonts import PrintError, font_folder

PROGRAM = Path(__file__).parent / "typst"
INPUT = "input.json"
PHOTOS = "photos"


class Engine:
    """A compile root and a Typst compiler reading it."""

    def __init__(self, root: Path):
        import typst

        self._typst = typst
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        for source in PROGRAM.glob("*.typ"):
            shutil.copyfile(source, root / source.name)
        self.photos = root / PHOTOS
        self.clear_photos()
        (root / INPUT).write_text("{}", encoding="utf-8")
        fonts = font_folder(root.parent / f"{root.name}-fonts")
        self._compiler = typst.Compiler(str(root / "main.typ"), root=str(root), font_paths=[str(fonts)],
                                        ignore_system_fonts=True)

    def clear_photos(self) -> None:
        shutil.rmtree(self.photos, ignore_errors=True)
        self.photos.mkdir()

    def _input(self, data: dict) -> None:
        (self.root / INPUT).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def measure(self, data: dict) -> dict:
        self._input({**data, "mode": "measure"})
        try:
            found = json.loads(self._compiler.query("<measures>", field="value"))
        except self._typst.TypstError as exc:
            raise PrintError(f"印刷版排版程序出错（测量）：{exc}") from exc
        return found[0] if found else {}

    def render(self, data: dict, *, only: int | None = None) -> bytes:
        """The PDF of the pages in ``data`` (``only``: just that page, 1-based)."""
        self._input({**data, "mode": "render", "only": only})
        try:
            return self._compiler.compile()
        except self._typst.TypstError as exc:
            raise PrintError(f"印刷版排版程序出错：{exc}") from exc

    def png(self, data: dict, ppi: float) -> list[bytes]:
        """Every page as PNG (the input of the last ``render``)."""
        self._input({**data, "mode": "render", "only": None})
        pages = self._compiler.compile(format="png", ppi=ppi)
        return pages if isinstance(pages, list) else [pages]

    def query(self, label: str) -> list:
        """Values of the metadata labelled ``label`` in the last input's document."""
        return json.loads(self._compiler.query(label, field="value"))
