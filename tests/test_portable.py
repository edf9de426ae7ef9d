"""A paper made by ``./sqb init`` builds on any machine: shequbao is vendored as a wheel, no path
of this machine is written anywhere, it is a git repository with a first commit, and what is
generated (site/, .cache/, ./sqb print's PDFs, .venv/) is ignored."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from shequbao.cli.init import init_paper
from shequbao.cli.vendor import PACKAGE, package_files

PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"
CODE = {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}


def nobodys_git(home: Path) -> dict[str, str]:
    """A shell of someone whose git has no name or e-mail configured."""
    home.mkdir(exist_ok=True)
    return {"PATH": PLAIN_PATH, "HOME": str(home), "LANG": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": str(home / "no-gitconfig")}


def git(paper: Path, *args: str, env=None) -> str:
    done = subprocess.run(["git", *args], cwd=paper, capture_output=True, text=True, env=env, check=True)
    return done.stdout


def init_from_a_shell(tmp_path: Path) -> Path:
    paper = tmp_path / "wutongli"
    env = {**nobodys_git(tmp_path / "home"), **CODE}
    done = subprocess.run([sys.executable, "-m", "shequbao", "init", str(paper), "--name", "梧桐里"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return paper


def test_init_vendors_a_wheel_and_writes_no_path_of_this_machine(tmp_path):
    paper = init_from_a_shell(tmp_path)
    tracked = git(paper, "ls-files").split()
    [wheel] = [name for name in tracked if name.startswith("vendor/")]
    assert wheel.endswith("-py3-none-any.whl") and "+" in wheel  # 0.1.0+<digest of the code>
    for name in tracked:
        data = (paper / name).read_bytes()
        for path in (str(tmp_path), str(ROOT), "/home/", "/tmp/", "/root/"):
            assert path.encode() not in data, (name, path)
    makefile = (paper / "Makefile").read_text(encoding="utf-8")
    assert "SHEQUBAO ?= $(or $(firstword $(wildcard vendor/shequbao-*.whl))," in makefile
    with zipfile.ZipFile(paper / wheel) as archive:
        names = set(archive.namelist())
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        points = archive.read(info).decode()
        metadata = archive.read(info.replace("entry_points.txt", "METADATA")).decode()
    assert {f"shequbao/{p.relative_to(PACKAGE).as_posix()}" for p in package_files()} <= names
    assert "shequbao/skeletons/paper/Makefile.j2" in names and "shequbao/print/typst/" in " ".join(names)
    assert "shequbao = shequbao.cli.main:main" in points and "shequbao.mkdocs.plugin:ShequbaoPlugin" in points
    assert "Requires-Dist: mkdocs" in metadata and "Requires-Dist: pytest" not in metadata
    # the same code makes the same wheel, byte for byte
    other = tmp_path / "other"
    init_paper(other, name="梧桐里", git=False)
    assert (other / wheel).read_bytes() == (paper / wheel).read_bytes()


def test_init_makes_a_git_repository_with_a_first_commit_and_ignores_what_is_generated(tmp_path):
    paper = init_from_a_shell(tmp_path)
    log = git(paper, "log", "--format=%an <%ae>|%s").splitlines()
    assert log == ["shequbao <shequbao@localhost>|创刊：梧桐里（shequbao init）"]  # git knew nobody
    assert git(paper, "status", "--porcelain") == ""
    ignore = (paper / ".gitignore").read_text(encoding="utf-8")
    for folder in ("/site/", ".cache/", "/print/", ".venv"):
        assert folder in ignore.splitlines(), folder
    for generated in ("site/index.html", ".cache/x", "print/梧桐里-1.pdf", ".venv/bin/python", "site.lock", "site.built"):
        (paper / generated).parent.mkdir(parents=True, exist_ok=True)
        (paper / generated).write_text("x", encoding="utf-8")
    assert git(paper, "status", "--porcelain") == ""


def test_print_writes_into_the_ignored_print_folder(mini, monkeypatch, capsys):
    from shequbao.cli.main import main

    monkeypatch.chdir(mini)
    assert main(["print", "8"]) == 0
    pdfs = list((mini / "print").glob("*.pdf"))
    assert len(pdfs) == 1 and str(Path("print") / pdfs[0].name) in capsys.readouterr().out


COLLEAGUE = 65534  # nobody: the colleague is another user, without root's power over files


def as_colleague(env: dict[str, str]) -> dict:
    """``subprocess.run`` arguments that run a command as another, non-root user (when we are root)."""
    if os.geteuid() != 0:
        return {"env": env}
    return {"env": env, "user": COLLEAGUE, "group": COLLEAGUE, "extra_groups": []}


@pytest.mark.slow
def test_a_clone_elsewhere_builds_with_make_site_alone(tmp_path):
    """Another user clones the paper to another path and runs `make site` with a plain PATH."""
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="sqb-colleague-"))  # outside root's private pytest folder
    try:
        base.chmod(0o755)
        paper = init_from_a_shell(base)
        home = base / "colleague-home"
        home.mkdir()
        if os.geteuid() == 0:
            os.chown(home, COLLEAGUE, COLLEAGUE)
        # no PYTHONPATH, no SHEQUBAO_VENV: the paper's own wheel, and the system's python3 (a user's PATH)
        env = {**nobodys_git(home), "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        (home / "no-gitconfig").write_text("[safe]\n\tdirectory = *\n", encoding="utf-8")  # the paper is root's
        clone = home / "wutongli"
        run = dict(capture_output=True, text=True, check=False, **as_colleague(env))
        done = subprocess.run(["git", "clone", "-q", str(paper), str(clone)], **run)
        assert done.returncode == 0, done.stderr
        done = subprocess.run(["python3", "-m", "venv", str(clone / ".venv")], **run)
        assert done.returncode == 0, done.stderr
        [site] = (clone / ".venv").glob("lib/python*/site-packages")  # the dependencies installed for these tests
        (site / "shared-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
        done = subprocess.run(["make", "site"], cwd=clone, timeout=900, **run)
        assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
        assert "vendor/shequbao-" in done.stdout and "网站已生成到 site/" in done.stdout
        assert (clone / "site").stat().st_uid == (COLLEAGUE if os.geteuid() == 0 else os.geteuid())
        page = (clone / "site/index.html").read_text(encoding="utf-8")
        assert "梧桐里" in page and "第1期" in page
        where = subprocess.run([".venv/bin/python", "-c", "import shequbao; print(shequbao.__file__)"], cwd=clone, **run).stdout
        assert where.startswith(str(clone / ".venv"))  # the vendored code, not this checkout
        printed = subprocess.run(["./sqb", "print", "1"], cwd=clone, timeout=300, **run)
        assert printed.returncode == 0, printed.stderr
        assert list((clone / "print").glob("*.pdf"))
        assert subprocess.run(["git", "status", "--porcelain"], cwd=clone, **run).stdout == ""  # nothing generated shows
    finally:
        shutil.rmtree(base, ignore_errors=True)


def answers(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_killing_make_serve_stops_the_preview(tmp_path):
    """`kill <pid of make serve>` (SIGTERM) stops mkdocs serve too: nothing is left holding the port."""
    import signal
    import socket
    import time

    paper = tmp_path / "wutongli"
    init_paper(paper, name="梧桐里", git=False, vendor=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with open(paper / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write(f"\ndev_addr: 127.0.0.1:{port}\n")
    env = {"PATH": PLAIN_PATH, "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8",
           "SHEQUBAO_VENV": str(Path(sys.executable).parent.parent), **CODE}
    make = subprocess.Popen(["make", "serve"], cwd=paper, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not answers(port):
            assert make.poll() is None and time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.5)
        make.send_signal(signal.SIGTERM)  # the make process alone, as `kill <pid>` does
        make.wait(timeout=30)
        deadline = time.monotonic() + 20
        while answers(port) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not answers(port), "mkdocs serve was left running after make was killed"
    finally:
        try:
            os.killpg(make.pid, signal.SIGKILL)  # whatever is left of what this test started
        except ProcessLookupError:
            pass


def test_upgrade_replaces_the_vendored_wheel_and_refuses_uncommitted_changes(tmp_path, capsys):
    """`sqb upgrade PAPER` from newer code: the wheel in vendor/ and the pin move, tool files
    are refreshed, the editor's files are never lost, and a paper with uncommitted work is refused."""
    from shequbao.cli.main import main
    from shequbao.cli.vendor import wheel_name

    paper = init_from_a_shell(tmp_path)
    env = nobodys_git(tmp_path / "home")
    (paper / "vendor" / wheel_name()).rename(paper / "vendor/shequbao-0.0.9+0123456789-py3-none-any.whl")
    makefile = (paper / "Makefile").read_text(encoding="utf-8")
    from shequbao.cli.init import installed_spec

    assert f",{installed_spec()})" in makefile
    (paper / "Makefile").write_text(makefile.replace(f",{installed_spec()})", ",shequbao==0.0.9)"), encoding="utf-8")
    (paper / "sqb").write_text("#!/bin/sh\necho old\n", encoding="utf-8")
    git(paper, "add", "-A", env=env)
    git(paper, "-c", "user.name=编辑", "-c", "user.email=e@example.cn", "commit", "-qm", "旧版", env=env)

    story = paper / "content/issues" / next((paper / "content/issues").iterdir()).name / "xin-gao.md"
    story.write_text("---\ntitle: 新稿\npage: 1\n---\n\n本报讯 还没写完。\n", encoding="utf-8")
    assert main(["upgrade", str(paper)]) == 1
    assert "还没提交的改动" in capsys.readouterr().err
    assert [p.name for p in (paper / "vendor").iterdir()] == ["shequbao-0.0.9+0123456789-py3-none-any.whl"]

    (paper / "sqb").write_text("#!/bin/sh\necho mine\n", encoding="utf-8")  # changed by hand, not committed
    assert main(["upgrade", str(paper), "--force"]) == 0
    said = capsys.readouterr().out
    assert f"0.0.9+0123456789 → {wheel_name().split('-')[1]}" in said
    assert [p.name for p in (paper / "vendor").iterdir()] == [wheel_name()]
    assert (paper / "vendor" / wheel_name()).read_bytes()[:2] == b"PK"
    assert (paper / "sqb").read_text(encoding="utf-8") == "#!/bin/sh\necho mine\n"  # the editor's, kept
    assert (paper / "sqb.new").read_text(encoding="utf-8").startswith("#!/usr/bin/env bash")
    assert "sqb.new" in said and "Makefile" in said
    assert "shequbao==0.0.9" not in (paper / "Makefile").read_text(encoding="utf-8")
    assert story.read_text(encoding="utf-8").endswith("还没写完。\n")  # content never touched

    assert main(["upgrade", str(paper), "--force"]) == 0
    assert "不用升级" in capsys.readouterr().out
    assert main(["upgrade", str(tmp_path)]) == 1
    assert "不是用 shequbao init 建的报纸文件夹" in capsys.readouterr().err
