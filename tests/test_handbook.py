"""Every command in the editors' handbook runs as written (on a copy of the sample paper)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path


from conftest import FIXTURES, ROOT

HANDBOOK = ROOT / "docs" / "handbook.md"


def handbook_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", HANDBOOK.read_text(encoding="utf-8"), flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_handbook_commands_are_the_ones_we_test():
    commands = handbook_commands()
    tools = {command.split()[0] for command in commands}
    assert tools == {"make", "shequbao", "rsync"}
    assert any(c.startswith("shequbao new issue") for c in commands)
    assert any(c.startswith("shequbao import") for c in commands)


def test_make_targets_in_the_handbook_exist():
    for command in handbook_commands():
        if command.startswith("make"):
            done = subprocess.run(["make", "-n", *shlex.split(command)[1:]], cwd=ROOT, capture_output=True, text=True)
            assert done.returncode == 0, (command, done.stderr)


def test_shequbao_commands_in_the_handbook_run_in_order(sample, monkeypatch):
    shutil.copy(FIXTURES / "import" / "newspaper.txt", sample / "2012-07.txt")
    console = Path(sys.executable).with_name("shequbao")
    outputs = []
    for command in handbook_commands():
        if not command.startswith("shequbao"):
            continue
        done = subprocess.run([str(console), *shlex.split(command)[1:]], cwd=sample, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        outputs.append(done.stdout)
    assert (sample / "content/issues/2025-12/issue.yml").is_file()
    assert (sample / "content/issues/2025-12/dong-ji-yong-dian-an-quan-jin-wan-jia.md").is_file()
    assert (sample / "第103期-印刷厂.pdf").is_file()
    assert list((sample / "content/issues/2012-07").glob("*.md"))
    # the handbook's own example of what the new article is called
    assert "dong-ji-yong-dian-an-quan-jin-wan-jia.md" in HANDBOOK.read_text(encoding="utf-8")
