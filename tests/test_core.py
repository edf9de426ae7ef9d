"""The core knows nothing of MkDocs: only plugin.py may import it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "shequbao"
CORE = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "plugin.py")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_module_does_not_import_mkdocs(path):
    assert not {m for m in imported_modules(path) if m == "mkdocs" or m.startswith(("mkdocs.", "material"))}


def test_plugin_is_the_adapter():
    assert "mkdocs.plugins" in imported_modules(PACKAGE / "plugin.py")
