"""``shequbao init NAME``: a new paper in one command, which builds and passes the check as it is.

Writes mkdocs.yml (our nav and settings), content/index.md, about.md, people.yml, the first
issue (two 版, one item each, so it is published), the Makefile, ``./sqb``, the install script
and .gitignore. Never overwrites: an existing file is left as it is and named in the error,
and nothing is written then. Knows nothing of MkDocs.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import metadata
from pathlib import Path

from ..content.slugs import make_slug
from .scaffold import ScaffoldError, render_template

PAPER = Path(__file__).parents[1] / "skeletons" / "paper"
EXECUTABLE = 0o755


def init_paper(folder: Path, *, name: str | None = None, publisher: str = "", today: dt.date | None = None) -> list[Path]:
    """Create a new paper in ``folder``; return the files written, in order."""
    folder = Path(folder).expanduser()
    name = (name or folder.resolve().name).strip()
    if not name:
        raise ScaffoldError("报名不能为空：用 --name 写上报名，例如 ./sqb init guiyuan --name 桂园")
    today = today or dt.date.today()
    issue_id = f"{today:%Y-%m}"
    values = {"name": name, "publisher": publisher.strip(), "spec": installed_spec(), "number": 1,
              "date": today.isoformat(), "date_text": f"{today.year}年{today.month}月{today.day}日"}
    files = {_target(rel, issue_id): _fill(rel, values) for rel in _paper_files()}
    existing = [rel for rel in files if (folder / rel).exists()]
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
    """What the new paper's Makefile installs: the folder this shequbao was installed from (a
    checkout), or this version from the package index."""
    try:
        dist = metadata.distribution("shequbao")
    except metadata.PackageNotFoundError:
        return "shequbao"
    try:
        url = json.loads(dist.read_text("direct_url.json") or "{}").get("url", "")
    except ValueError:
        url = ""
    if url.startswith("file://") and Path(url[7:]).is_dir():
        return url[7:]
    return f"shequbao=={dist.version}"
