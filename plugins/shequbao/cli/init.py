"""``shequbao init NAME``: a new paper in one command, which builds and passes the check as it is.

Writes mkdocs.yml (our nav and settings), content/index.md, about.md, people.yml, the first
issue (two 版, one item each, so it is published), the Makefile, ``./sqb``, the install script,
.gitignore and ``vendor/``: a wheel of this code (:mod:`.vendor`), which the Makefile installs,
so the paper builds on any machine (no path of this one is written anywhere). Then it makes
the folder a git repository with a first commit. Never overwrites: an existing file is left as
it is and named in the error, and nothing is written then. Knows nothing of MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

from ..content.slugs import make_slug
from .scaffold import ScaffoldError, render_template
from .vendor import wheel_name, write_wheel

PAPER = Path(__file__).parents[1] / "skeletons" / "paper"
EXECUTABLE = 0o755
GIT_AUTHOR = ("shequbao", "shequbao@localhost")  # the first commit's author where git knows nobody


def init_paper(folder: Path, *, name: str | None = None, publisher: str = "", today: dt.date | None = None,
               vendor: bool = True, git: bool = True) -> list[Path]:
    """Create a new paper in ``folder``; return the files written, in order. ``vendor``: with
    the wheel of this code in ``vendor/``; ``git``: a git repository with a first commit."""
    folder = Path(folder).expanduser()
    name = (name or folder.resolve().name).strip()
    if not name:
        raise ScaffoldError("报名不能为空：用 --name 写上报名，例如 ./sqb init guiyuan --name 桂园")
    today = today or dt.date.today()
    issue_id = f"{today:%Y-%m}"
    values = {"name": name, "publisher": publisher.strip(), "spec": installed_spec(), "number": 1,
              "date": today.isoformat(), "date_text": f"{today.year}年{today.month}月{today.day}日"}
    files = {_target(rel, issue_id): _fill(rel, values) for rel in _paper_files()}
    wheel = f"vendor/{wheel_name()}" if vendor else None
    _check_paths(folder, [*files, *([wheel] if wheel else [])], make_slug(name) or "baozhi")
    written = []
    try:
        for rel, text in files.items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8") as out:  # "x": never replace a file that appeared meanwhile
                out.write(text)
            if rel == "sqb" or rel.endswith(".sh"):  # ./sqb and the install script run as programs
                target.chmod(EXECUTABLE)
            written.append(target)
        if wheel:
            written.append(write_wheel(folder / "vendor"))
    except OSError as error:  # appeared meanwhile, a full disk: say what was written
        done = "、".join(str(p) for p in written) or "没有"
        raise ScaffoldError(f"写 {error.filename or folder} 时出错（{error.strerror or error}）。已经写好的文件：{done}") from None
    if git and not (folder / ".git").exists():  # a repository the editor made already is theirs to commit to
        first_commit(folder, name)
    return written


def _check_paths(folder: Path, files: list[str], suggestion: str) -> None:
    """Every path ``init`` will write, before the first is written: no file there yet (a link,
    even a dangling one, counts), no folder on the way that is a link (``content/`` linked to
    another paper) or a file, and a folder that can be written."""
    existing, links, blocked = [], [], []
    for path in [folder, *sorted({folder / part for rel in files for part in _folders(rel)})]:
        if os.path.islink(path) and path != folder:
            links.append(f"{path.relative_to(folder)}（链接到 {os.readlink(path)}）")
        elif os.path.lexists(path) and not path.is_dir():
            blocked.append(str(path.relative_to(folder)) if path != folder else str(folder))
    for rel in files:
        target = folder / rel
        if os.path.islink(target):
            gone = "" if target.exists() else "，它指向的文件不存在"
            existing.append(f"{rel}（一个链接，指向 {os.readlink(target)}{gone}）")
        elif os.path.lexists(target):
            existing.append(rel)
    if links:
        raise ScaffoldError(f"{folder} 里的 {'、'.join(links)}是链接：新报纸的文件不会写进链接指向的地方（那可能是另一份报纸）。"
                            "没有写任何文件。请换一个新的文件夹，或把链接换成普通文件夹")
    if blocked:
        raise ScaffoldError(f"{'、'.join(blocked)} 是文件，不是文件夹，新报纸要在这里建文件夹：没有写任何文件。请换一个新的文件夹")
    if existing:
        raise ScaffoldError(f"{folder} 里已经有 {'、'.join(existing)}，没有覆盖它们，也没有写任何文件。"
                            f"请换一个新的文件夹（例如 {suggestion}），或先把这些文件移走")
    nearest = next(p for p in [folder, *folder.parents] if p.is_dir())
    if not os.access(nearest, os.W_OK | os.X_OK):
        raise ScaffoldError(f"没有权限在 {nearest} 里写入：没有写任何文件。请换一个你能写入的文件夹，例如 ~/{suggestion}")


def _folders(rel: str) -> list[str]:
    """The folders a file of the paper lies in: ``content/issues/X/a.md`` → content, content/issues, content/issues/X."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def _paper_files() -> list[str]:
    """The files of a new paper, as the template folder holds them (``ISSUE`` is the first
    issue's folder, ``dot-`` a leading dot, ``.j2`` a template)."""
    return sorted(p.relative_to(PAPER).as_posix() for p in PAPER.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _target(rel: str, issue_id: str) -> str:
    parts = [issue_id if part == "ISSUE" else part.replace("dot-", ".", 1) if part.startswith("dot-") else part
             for part in rel.removesuffix(".j2").split("/")]
    return "/".join(parts)


def _fill(rel: str, values: dict) -> str:
    if rel.endswith(".j2"):
        return render_template(f"paper/{rel}", **values)
    return (PAPER / rel).read_text(encoding="utf-8")


def installed_spec() -> str:
    """What the Makefile installs when ``vendor/`` holds no wheel: this version from a package
    index (never a path: a path exists on one machine only)."""
    try:
        return f"shequbao=={metadata.version('shequbao')}"
    except metadata.PackageNotFoundError:
        return "shequbao"


def first_commit(folder: Path, name: str) -> None:
    """``git init`` and a first commit of everything written (with a fixed author when git has
    no identity configured on this machine). Without git, the paper is made all the same."""
    if shutil.which("git") is None:
        raise ScaffoldError(f"报纸已经建好，但这台电脑没有 git，没有建 git 仓库：请用管理员身份运行 apt-get install git，"
                            f"然后在 {folder} 里运行 git init && git add -A && git commit -m 创刊")
    run = functools.partial(subprocess.run, cwd=folder, capture_output=True, text=True, check=False)
    identity = run(["git", "config", "user.email"]).stdout.strip()
    author = [] if identity else ["-c", f"user.name={GIT_AUTHOR[0]}", "-c", f"user.email={GIT_AUTHOR[1]}"]
    for command in (["git", "-c", "init.defaultBranch=main", "init", "-q"], ["git", "add", "-A"],
                    ["git", *author, "commit", "-q", "-m", f"创刊：{name}（shequbao init）"]):
        done = run(command)
        if done.returncode != 0:
            raise ScaffoldError(f"报纸已经建好，但 git 没有成功（{' '.join(command[:3])}：{done.stderr.strip()}）："
                                f"请在 {folder} 里运行 git add -A && git commit -m 创刊")
