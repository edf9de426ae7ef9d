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
    existing = [rel for rel in [*files, *([wheel] if wheel else [])] if (folder / rel).exists()]
    if existing:
        raise ScaffoldError(f"{folder} 里已经有 {'、'.join(existing)}，没有覆盖它们，也没有写任何文件。"
                            f"请换一个新的文件夹（例如 {make_slug(name) or 'baozhi'}），或先把这些文件移走")
    written = []
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
    if git and not (folder / ".git").exists():  # a repository the editor made already is theirs to commit to
        first_commit(folder, name)
    return written


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
