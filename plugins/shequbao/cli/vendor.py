"""The shequbao a new paper installs: a wheel of this very code, kept in the paper's ``vendor/``.

Why a vendored wheel (and not a path, nor a requirement on PyPI): shequbao is not published on
a package index, and a path (``/home/editor/shequbao``) exists only on the machine that made the
paper. The wheel is committed with the paper, so a colleague who clones it installs exactly
the code the paper was made with; only the dependencies (MkDocs, Pillow, Typst …) come from
PyPI or its mirror. The Makefile installs whichever wheel ``vendor/`` holds, and again when it
changes: moving the paper to newer code is replacing that one file.

The wheel is made here from the package's own files (a checkout's or an installed copy's),
with nothing but the standard library: no build tool, no network, no ``build/`` left in a
checkout. It is byte-for-byte the same for the same code (fixed times, sorted entries), and its
version carries a digest of the code (``0.1.0+3f2a9c1d0e``), so two builds of different code
never share a name.
"""

from __future__ import annotations

import base64
import hashlib
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).parents[1]  # plugins/shequbao (a checkout) or site-packages/shequbao
PROJECT = PACKAGE.parents[1] / "pyproject.toml"  # only in a checkout
STAMP = (1980, 1, 1, 0, 0, 0)  # zip entries' time: the same wheel for the same code
FALLBACK_ENTRY_POINTS = {"console_scripts": {"shequbao": "shequbao.cli.main:main"},
                         "mkdocs.plugins": {"shequbao": "shequbao.mkdocs.plugin:ShequbaoPlugin"}}


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and p.suffix not in (".pyc", ".pyo"))


def project_metadata() -> tuple[str, list[str], str, dict[str, dict[str, str]]]:
    """Version, dependencies, Python requirement and entry points: from pyproject.toml in a
    checkout, else from the installed distribution."""
    if PROJECT.is_file():
        project = tomllib.loads(PROJECT.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == "shequbao":
            points = {"console_scripts": project.get("scripts", {}), **project.get("entry-points", {})}
            return project["version"], project.get("dependencies", []), project.get("requires-python", ""), points
    dist = metadata.distribution("shequbao")
    requires = [r for r in dist.requires or [] if "extra ==" not in r]
    points: dict[str, dict[str, str]] = {}
    for point in dist.entry_points:
        points.setdefault(point.group, {})[point.name] = point.value
    return dist.version, requires, dist.metadata.get("Requires-Python", ""), points or FALLBACK_ENTRY_POINTS


def wheel_name() -> str:
    """The file name of this code's wheel, e.g. ``shequbao-0.1.0+3f2a9c1d0e-py3-none-any.whl``."""
    digest = hashlib.sha256()
    for path in package_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    version = project_metadata()[0].split("+")[0]
    return f"shequbao-{version}+{digest.hexdigest()[:10]}-py3-none-any.whl"


def write_wheel(target: Path) -> Path:
    """Write the wheel of this code into the folder ``target``; return its path."""
    name = wheel_name()
    version = name.split("-")[1]
    _, requires, python, points = project_metadata()
    info = f"shequbao-{version}.dist-info"
    entries = [(f"shequbao/{p.relative_to(PACKAGE).as_posix()}", p.read_bytes()) for p in package_files()]
    lines = ["Metadata-Version: 2.1", "Name: shequbao", f"Version: {version}",
             "Summary: 社区报网站生成器 (vendored into this paper by shequbao init)"]
    lines += [f"Requires-Python: {python}"] if python else []
    lines += [f"Requires-Dist: {r}" for r in requires]
    entries.append((f"{info}/METADATA", ("\n".join(lines) + "\n").encode()))
    wheel = "Wheel-Version: 1.0\nGenerator: shequbao init\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries.append((f"{info}/WHEEL", wheel.encode()))
    groups = "\n".join(f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in sorted(names.items()))
                       for group, names in sorted(points.items()) if names)
    entries.append((f"{info}/entry_points.txt", groups.encode()))
    record = "".join(f"{path},sha256={_digest(data)},{len(data)}\n" for path, data in entries)
    entries.append((f"{info}/RECORD", (record + f"{info}/RECORD,,\n").encode()))
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    with zipfile.ZipFile(path, "x", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            item = zipfile.ZipInfo(entry, STAMP)
            item.external_attr = 0o644 << 16
            item.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(item, data)
    return path


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
