"""The shape of the code: the core knows nothing of MkDocs, adapters are the only way in,
and no module imports itself round a cycle."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "shequbao"
MODULES = {p: "shequbao." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
           for p in sorted(PACKAGE.rglob("*.py"))}
# The packages in the direction data flows: a module imports only from its own layer or a lower one.
LAYERS = [
    {"model", "problems", "workers", "cache"},  # the data, its problems, worker processes, the cache store
    {"markdown"},  # our Markdown extensions
    {"content"},  # files → model
    {"photos"},  # renditions of the photos, and their HTML
    {"site"},  # which pages exist and what they show
    {"print", "outputs", "importer"},  # the print edition, feeds/search/links, import
    {"build"},  # incremental builds: page cache, scan process, the site folder
    {"mkdocs", "cli", "__main__", "__init__"},  # the adapters: MkDocs and the command line
]
ADAPTERS = ("shequbao.mkdocs", "shequbao.cli", "shequbao.__main__")  # the only code that knows the outside world
CORE = [p for p, name in MODULES.items() if not name.startswith(ADAPTERS) and name != "shequbao"]


def layer(name: str) -> int:
    top = (name.split(".") + ["__init__"])[1]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def runtime_nodes(tree: ast.AST):
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:`` (imports for type hints only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            yield from (n for child in node.orelse for n in [child, *runtime_nodes(child)])
            continue
        yield node
        yield from runtime_nodes(node)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports at run time (relative imports resolved, ``from . import x`` as ``pkg.x``)."""
    name = MODULES[path]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES.values())
    return found


def ours(names: set[str]) -> set[str]:
    return {n for n in names if n in MODULES.values()}


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_module_does_not_import_mkdocs_or_an_adapter(path):
    found = imports(path)
    assert not {m for m in found if m == "mkdocs" or m.startswith(("mkdocs.", "material"))}
    assert not {m for m in found if m.startswith(ADAPTERS)}


@pytest.mark.parametrize("path", [p for p, n in MODULES.items() if not n.startswith("shequbao.mkdocs")],
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_adapter_imports_mkdocs(path):
    assert not {m for m in imports(path) if m == "mkdocs" or m.startswith(("mkdocs.", "material"))}


@pytest.mark.parametrize("path", sorted(MODULES), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_one_way(path):
    """content ← site ← outputs/print ← build ← mkdocs/cli: nothing reaches back up."""
    here = layer(MODULES[path])
    upward = sorted(m for m in ours(imports(path)) if layer(m) > here)
    assert not upward, f"{MODULES[path]} (layer {here}) imports from a later stage: {upward}"


def test_the_top_level_stays_small():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


@pytest.mark.parametrize("path", [p for p in CORE if not MODULES[p].startswith("shequbao.print")],
                         ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_core_outside_print_does_not_import_print(path):
    assert not {m for m in imports(path) if m == "shequbao.print" or m.startswith("shequbao.print.")}


def test_no_import_cycles():
    graph = {name: ours(imports(path)) - {name} for path, name in MODULES.items()}
    for name in graph:  # a package imports its own modules through __init__: not a cycle of ours
        graph[name] = {m for m in graph[name] if not (name.startswith(m + ".") and m in MODULES.values())}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " → ".join(trail[trail.index(nxt):] + [node, nxt]) if nxt in trail else f"{node} → {nxt}")
            if not state.get(nxt):
                visit(nxt, trail + [node])
        state[node] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [])


def test_plugin_is_the_adapter():
    assert "mkdocs.plugins" in imports(PACKAGE / "mkdocs" / "plugin.py")


@pytest.mark.parametrize("path", sorted(MODULES), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_and_functions_stay_short(path):
    source = path.read_text(encoding="utf-8")
    limit = 300 if path == PACKAGE / "mkdocs" / "plugin.py" else 400
    assert source.count("\n") <= limit, f"{path.name}: {source.count(chr(10))} lines (at most {limit})"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= 60, f"{path.name}: {node.name}() is {length} lines (at most 60)"


@pytest.mark.parametrize("name", sorted(n for n in MODULES.values() if not n.endswith("__main__")))
def test_every_module_imports(name):
    """`make test-fast` imports every module, the ones only whole builds exercise too."""
    importlib.import_module(name)
