"""``shequbao upgrade 报纸文件夹``: move a paper made by ``init`` to this shequbao.

Run from the newer shequbao (its checkout's ``./sqb``, or ``--wheel`` a wheel someone sent): a
paper's own ``./sqb`` runs the code the paper has now. What it does:

- refuses a paper with uncommitted changes (``git status``), unless ``--force``: the upgrade is
  then one commit of its own, which ``git diff`` shows and ``git revert`` takes back;
- writes the new wheel into ``vendor/`` and only then removes the older ones (the Makefile
  installs whichever wheel is there, and again when it changes: the next ``make site``);
- brings the tool files ``init`` writes (``./sqb``, the install script) up to date when they
  differ, and the pin in the Makefile; a tool file changed by hand and not committed is left
  as it is, the new version written beside it as ``<file>.new``;
- says what changed. ``content/``, mkdocs.yml and the paper's own files are never touched.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .init import PAPER, installed_spec
from .scaffold import ScaffoldError
from .vendor import wheel_name, write_wheel

TOOLS = ("sqb", "scripts/install-system-deps.sh")  # written by init, the same for every paper
PIN = re.compile(r"^(SHEQUBAO \?= \$\(or \$\(firstword \$\(wildcard vendor/shequbao-\*\.whl\)\),)(.*)\)$", re.M)


def upgrade_paper(folder: Path, *, force: bool = False, wheel: Path | None = None) -> list[str]:
    """Upgrade the paper in ``folder``; return what changed, one line each (empty: already up to
    date). Raises ScaffoldError with what to do."""
    folder = Path(folder).expanduser()
    if not (folder / "mkdocs.yml").is_file() or not (folder / "Makefile").is_file():
        raise ScaffoldError(f"{folder} 不是用 shequbao init 建的报纸文件夹（没有 mkdocs.yml 和 Makefile）。"
                            "请写报纸的文件夹，例如 ./sqb upgrade ~/guiyuan-bao")
    dirty = _uncommitted(folder)
    if dirty and not force:
        shown = "、".join(dirty[:5]) + ("等" if len(dirty) > 5 else "")
        raise ScaffoldError(f"{folder} 里有还没提交的改动（{shown}）。请先在报纸文件夹里 git add -A && git commit -m 保存，"
                            "再升级，这样升级的改动单独一次提交、随时可以退回；一定要现在升级，加 --force")
    changes = _replace_wheel(folder / "vendor", wheel)
    for rel in TOOLS:
        changes += _refresh(folder, rel, (PAPER / rel).read_bytes(), rel in dirty)
    makefile = folder / "Makefile"
    text = makefile.read_text(encoding="utf-8")
    pinned = PIN.sub(lambda m: m.group(1) + installed_spec() + ")", text)
    if pinned != text:
        changes += _refresh(folder, "Makefile", pinned.encode("utf-8"), "Makefile" in dirty, what="Makefile 里的版本号")
    return changes


def _uncommitted(folder: Path) -> list[str]:
    """Paths ``git status`` shows as changed or new (not ignored); [] outside git."""
    if shutil.which("git") is None or not (folder / ".git").exists():
        return []
    done = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=folder,
                          capture_output=True, text=True, check=False)
    return [line[3:].strip().strip('"') for line in done.stdout.splitlines() if line.strip()]


def _replace_wheel(vendor: Path, given: Path | None) -> list[str]:
    old = sorted(vendor.glob("shequbao-*.whl"))
    name = given.name if given is not None else wheel_name()
    if [p.name for p in old] == [name]:
        return []
    if given is not None:
        if not re.fullmatch(r"shequbao-[^-]+-py3-none-any\.whl", name) or not given.is_file():
            raise ScaffoldError(f"--wheel {given}：要一个 shequbao 的 .whl 文件，名字像 shequbao-0.2.0-py3-none-any.whl")
        vendor.mkdir(parents=True, exist_ok=True)
        if not (vendor / name).exists():
            shutil.copyfile(given, vendor / name)
    elif not (vendor / name).exists():
        write_wheel(vendor)
    for path in old:
        if path.name != name:
            path.unlink()
    before = "、".join(_version(p.name) for p in old) or "没有"
    return [f"shequbao：{before} → {_version(name)}（vendor/{name}；旧的在 git 历史里）"]


def _version(name: str) -> str:
    return name.split("-")[1]


def _refresh(folder: Path, rel: str, new: bytes, changed_by_hand: bool, what: str = "") -> list[str]:
    """Write ``new`` at ``rel`` when it differs; beside it as ``.new`` when the file has changes
    of the editor's that are not committed (never lost)."""
    path = folder / rel
    if path.is_file() and path.read_bytes() == new:
        return []
    if changed_by_hand:
        beside = folder / f"{rel}.new"
        if beside.is_file() and beside.read_bytes() == new:
            return []  # told already
        beside.write_bytes(new)
        return [f"{rel}：你改过、还没提交，没有动它；新版写在 {rel}.new，请对照后自己合并"]
    mode = path.stat().st_mode if path.exists() else 0o755
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    path.chmod(mode)
    return [f"{rel}：{what or '换成新版'}已更新"]
