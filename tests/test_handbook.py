"""Every command in the editors' handbook runs as written, from a plain shell, on a copy of the
sample paper: through ``bash -c`` with a PATH that does not contain ``.venv/bin`` (an editor who
never activated anything), in the handbook's order.

The copy uses the project's virtual environment (``SHEQUBAO_VENV``) instead of installing its
own, so the test stays fast; ``./sqb`` and the Makefile are the paper's own. Between sections the
test does what the handbook's text asks of the editor (write an item on every 版 of the new
issue); a server address in a publish command is the one thing replaced (by a local folder).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT

HANDBOOK = ROOT / "docs" / "handbook.md"
DOCS = (ROOT / "README.md", HANDBOOK, ROOT / "docs" / "importing.md", ROOT / "docs" / "publishing.md")
VENV = Path(sys.executable).parent.parent
PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"
CODE = {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}  # a worktree's own code
SERVER = "用户名@服务器:"


SKIP = re.compile(r"<!-- 手册测试不运行：([^>]+?) -->\n")  # before a block that needs a real server or network


def handbook_blocks() -> list[tuple[list[str], str]]:
    """Every ```sh block of the handbook: its commands, and why the test does not run it ("" if it does)."""
    found = re.findall(r"(<!-- 手册测试不运行：[^>]+? -->\n)?```sh\n(.*?)```", HANDBOOK.read_text(encoding="utf-8"), flags=re.S)
    return [([line.strip() for line in block.splitlines() if line.strip()], SKIP.match(marker).group(1) if marker else "")
            for marker, block in found]


def handbook_commands() -> list[str]:
    """The commands the test runs, in the handbook's order."""
    return [command for commands, skipped in handbook_blocks() if not skipped for command in commands]


def test_the_handbook_uses_one_way_for_each_command():
    commands = handbook_commands()
    assert {command.split()[0] for command in commands} == {"make", "./sqb", "git"}
    assert any(c.startswith("./sqb new issue") for c in commands)
    assert any(c.startswith("./sqb import") for c in commands)
    assert any(c.startswith("./sqb upgrade") for c in commands)
    skipped = [(commands, why) for commands, why in handbook_blocks() if why]
    assert any(c.startswith("./sqb publish") for commands, _ in skipped for c in commands)
    assert len(skipped) <= 4, skipped  # only what needs a real server, bucket or network


def test_sections_are_in_order_and_every_reference_names_one():
    """“见第十五节” leads to section 十五, and the sections are numbered 一, 二, 三 … without a gap."""
    numerals = "一二三四五六七八九十"
    text = HANDBOOK.read_text(encoding="utf-8")
    headings = re.findall(r"^## ([一二三四五六七八九十]+)、(.+)$", text, flags=re.M)

    def number(word: str) -> int:
        if word.startswith("十"):
            return 10 + (numerals.index(word[1]) + 1 if len(word) > 1 else 0)
        return numerals.index(word[0]) + 1 if len(word) == 1 else (numerals.index(word[0]) + 1) * 10 + (
            numerals.index(word[2]) + 1 if len(word) > 2 else 0)

    assert [number(word) for word, _ in headings] == list(range(1, len(headings) + 1))
    titles = {word: title for word, title in headings}
    for word in re.findall(r"第([一二三四五六七八九十]+)节", text):
        assert word in titles, f"第{word}节"
    for word, title in re.findall(r"“([一二三四五六七八九十]+)、([^”]+)”", text):
        assert titles.get(word) == title, (word, title)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_no_doc_tells_an_editor_to_run_a_program_that_is_not_on_their_path(doc):
    """``shequbao …`` and ``mkdocs …`` live in .venv/bin only: docs say ./sqb, make site, make serve."""
    text = doc.read_text(encoding="utf-8")
    code = re.findall(r"```sh\n(.*?)```", text, flags=re.S) + re.findall(r"`([^`\n]+)`", text)
    bad = [c for c in code for line in c.splitlines() if re.match(r"\s*(shequbao|mkdocs)\s+[a-z-]|\s*\.venv/bin/", line)]
    assert bad == [], bad


def shell(command: str, cwd: Path, timeout: int = 900, home: Path | None = None) -> subprocess.CompletedProcess:
    """``home``: the editor's home folder (``~``, and git's settings there); none: this user's."""
    env = {"PATH": PLAIN_PATH, "HOME": str(home or os.environ.get("HOME", "/root")), "LANG": "C.UTF-8",
           "SHEQUBAO_VENV": str(VENV), "SHEQUBAO_CACHE_DIR": os.environ["SHEQUBAO_CACHE_DIR"], **CODE}
    if home is not None:
        env.update(GIT_CONFIG_NOSYSTEM="1")
    assert ".venv" not in env["PATH"]
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def paper(tmp_path) -> Path:
    """A copy of the sample paper with its Makefile, ./sqb and install script (modification times
    kept old: make must not think the shared virtual environment needs installing again)."""
    paper = tmp_path / "paper"
    paper.mkdir()
    for name in ("mkdocs.yml", "Makefile", "sqb", "pyproject.toml"):
        shutil.copy2(ROOT / name, paper / name)
    for folder in ("content", "theme_overrides", "scripts"):
        shutil.copytree(ROOT / folder, paper / folder)
    for name in ("pyproject.toml", "scripts/install-system-deps.sh"):
        os.utime(paper / name, (0, 0))
    with socket.socket() as sock:  # the preview on a free port (8000 may be taken on a shared machine)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with open(paper / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write(f"\ndev_addr: 127.0.0.1:{port}\n")
    shutil.copy(FIXTURES / "import" / "2012-07.txt", paper / "2012-07.txt")  # our own old issue, masthead of 2012
    return paper


def preview(command: str, cwd: Path) -> str:
    """Start a `make serve` command, wait until the home page answers, stop it; return the page."""
    port = re.search(r"dev_addr: 127.0.0.1:(\d+)", (cwd / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
    env = {"PATH": PLAIN_PATH, "HOME": os.environ.get("HOME", "/root"), "SHEQUBAO_VENV": str(VENV),
           "SHEQUBAO_CACHE_DIR": os.environ["SHEQUBAO_CACHE_DIR"], **CODE}
    process = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stderr.read()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    return response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"{command}: the preview did not answer")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def write_bodies(paper: Path, issue: str) -> None:
    """What §四 asks after `./sqb new article`: “本报讯 （在这里写正文……）” replaced by the text."""
    for path in (paper / f"content/issues/{issue}").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"（在这里写正文[^）]*）", "12月1日，桂园街道组织志愿者走进居民区开展宣传。", text), encoding="utf-8")


def write_every_page(paper: Path, issue: str) -> None:
    """What §三 asks after `./sqb new issue`: an item on every 版 of the new issue. One short
    item leaves a 版 nearly empty, which stops a strict build (§十一): this paper puts the issue
    on the web first, with `print_underfull: note` as §十一 says."""
    config = paper / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "print_underfull" not in text:
        config.write_text(text.replace("      paper_name:", "      print_underfull: note\n      paper_name:", 1), encoding="utf-8")
    pages = yaml.safe_load((paper / f"content/issues/{issue}/issue.yml").read_text(encoding="utf-8"))["pages"]
    have = {yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]).get("page")
            for p in (paper / f"content/issues/{issue}").glob("*.md")}
    for section in pages:
        if section["page"] not in have:
            done = shell(f'./sqb new article "第{section["page"]}版头条" --page {section["page"]}', paper)
            assert done.returncode == 0, done.stderr
    write_bodies(paper, issue)


@pytest.fixture
def new_paper(tmp_path) -> Path:
    """A paper as `./sqb init` makes it (without the vendored wheel: the shared environment is
    used), a git repository, with the old issue's text an editor brings for §十二."""
    from shequbao.cli.init import init_paper

    paper = tmp_path / "guiyuan"
    init_paper(paper, name="桂园", publisher="桂园街道办事处", vendor=False)
    with socket.socket() as sock:  # the preview on a free port (8000 may be taken on a shared machine)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with open(paper / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write(f"\ndev_addr: 127.0.0.1:{port}\n")
    shutil.copy(FIXTURES / "import" / "2012-07.txt", paper / "2012-07.txt")
    (tmp_path / "home").mkdir()
    return paper


def newest_issue(paper: Path) -> str:
    """The issue of the newest date (an imported old issue may carry a higher number)."""
    return max((p for p in (paper / "content/issues").iterdir() if p.is_dir() and (p / "issue.yml").is_file()),
               key=lambda p: (str((data := yaml.safe_load((p / "issue.yml").read_text(encoding="utf-8")))["date"]),
                              data["number"])).name


def test_every_handbook_command_runs_as_written_in_a_new_paper(new_paper, tmp_path):
    """Every ```sh block of the handbook, in its order, in a paper fresh from `./sqb init`, from a plain
    shell; the blocks marked as needing a real server are the only ones left out."""
    paper, home = new_paper, tmp_path / "home"
    outputs, timings, previewed = {}, [], False
    for command in handbook_commands():
        started = time.monotonic()
        if command.startswith("make serve") and not previewed:
            page = preview(command, paper)
            assert "<html" in page and "桂园" in page, re.sub(r"<[^>]+>", " ", page)[:1500]
            previewed = True
            continue
        if command.startswith("make serve"):  # another preview: its command as make runs it, not a third server
            done = shell(command.replace("make serve", "make -n serve", 1), paper, home=home)
            assert done.returncode == 0 and "SHEQUBAO_PREVIEW=" in done.stdout, (command, done.stdout, done.stderr)
            continue
        done = shell(command, paper, home=home)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-3000:])
        assert "Traceback" not in done.stderr and "command not found" not in done.stderr
        outputs[command] = done.stdout + done.stderr
        timings.append((round(time.monotonic() - started, 1), command))
        if command.startswith("./sqb new article"):
            write_every_page(paper, newest_issue(paper))
    print("\n".join(f"{seconds:6.1f} s  {command}" for seconds, command in sorted(timings, reverse=True)[:8]))
    issue = newest_issue(paper)
    assert "number: 2" in (paper / f"content/issues/{issue}/issue.yml").read_text(encoding="utf-8")
    assert (paper / f"content/issues/{issue}/dong-ji-yong-dian-an-quan-jin-wan-jia.md").is_file()
    assert (paper / "第1期-印刷厂.pdf").is_file() and list((paper / "print").glob("*.pdf"))
    assert list((paper / "content/issues/2012-07").glob("*.md"))
    assert not (paper / "site/issues/2012-07").exists()  # all drafts: held back
    assert (paper / f"site/issues/{issue}/dong-ji-yong-dian-an-quan-jin-wan-jia/index.html").is_file()
    assert "检查通过" in outputs["./sqb check --strict"]
    assert "第2期" in outputs["git log --oneline"]
    assert (home / "guiyuan-bao/.git").is_dir() and "不用升级" in outputs["./sqb upgrade ~/guiyuan-bao"]
    assert "dong-ji-yong-dian-an-quan-jin-wan-jia.md" in HANDBOOK.read_text(encoding="utf-8")


def test_import_then_new_issue_then_build(paper):
    """The old issue is imported first (all drafts), then next week's issue is made: the new one
    follows the latest number, the build passes, and the all-draft issue is not published."""
    for command in ("./sqb import 2012-07.txt --issue 2012-07 --year 2012", "./sqb new issue", "./sqb check --strict",
                    "make site"):
        done = shell(command, paper)
        assert done.returncode == 0, (command, done.stdout[-2000:], done.stderr[-3000:])
        if command == "./sqb new issue":
            assert "number: 104" in (paper / "content/issues/2025-12/issue.yml").read_text(encoding="utf-8")
        if command == "make site":
            assert "还没有可发布的稿件" in done.stderr  # both held-back issues are named, as notes
    site = paper / "site"
    assert not (site / "issues/2012-07").exists() and not (site / "issues/2025-12").exists()
    assert "2012-07" not in (site / "feed.xml").read_text(encoding="utf-8")
    assert "第104期" not in (site / "issues/index.html").read_text(encoding="utf-8")
    assert not list(site.glob("issues/2012-07*/*.pdf"))


def test_an_empty_page_is_a_reminder_that_strict_refuses(paper):
    shell("./sqb new issue", paper)
    done = shell('./sqb new article "冬季用电安全进万家" --page 2', paper)
    assert done.returncode == 0, done.stderr
    check = shell("./sqb check", paper)
    assert check.returncode == 1 and "还没有写正文" in check.stderr  # the placeholder first
    write_bodies(paper, "2025-12")
    check = shell("./sqb check", paper)
    assert check.returncode == 0 and "检查通过" in check.stdout
    assert "第1版 要闻 没有可发布的稿件" in check.stderr and "--page 1" in check.stderr
    strict = shell("./sqb check --strict", paper)
    assert strict.returncode == 1 and "提醒" in strict.stdout


def test_chinese_help_and_errors_from_a_plain_shell(paper):
    top = shell("./sqb -h", paper)
    assert top.returncode == 0 and top.stdout.startswith("用法：") and "选项" in top.stdout
    assert "显示这段说明" in top.stdout and "usage" not in top.stdout and "show this help" not in top.stdout
    wrong = shell("./sqb nwe issue", paper)
    assert wrong.returncode == 2 and "不认识“nwe”" in wrong.stderr and "error" not in wrong.stderr
    missing = shell("./sqb import", paper)
    assert "缺少必须写的参数" in missing.stderr
    bad_number = shell("./sqb new issue --number zwei", paper)
    assert "“zwei”不是有效的整数" in bad_number.stderr
    make = shell("make sit", paper)
    assert make.returncode == 2 and "没有“sit”这个目标" in make.stderr and "No rule" not in make.stderr
