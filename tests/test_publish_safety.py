"""./sqb publish can never destroy the paper (issue 30): a target that is the paper's folder,
``content/``, ``site/``, a home folder, a remote home or an option is refused before rsync runs;
the site is published only when it is the complete result of a successful build and no build
holds ``site.lock``; files are deleted only in a folder the last publish made.

Each case is run as an editor would (``shequbao publish`` from the paper's folder) and checked
as the editor would notice: the paper's files are all still there, byte for byte.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shequbao.build import sitefolder
from shequbao.cli import publish as publishing
from shequbao.cli.targets import PublishError, check_endpoint, check_target

SHEQUBAO = str(Path(sys.executable).with_name("shequbao"))
ARTICLE = """---
title: 梧桐社区举办垃圾分类宣传活动
page: 1
reporters: [陈玲]
---

本报讯 11月2日上午，梧桐社区在居民广场举办垃圾分类宣传活动，志愿者向居民讲解四分类的方法。
"""


def make_paper(root: Path) -> Path:
    """A paper's folder as an editor has it: settings, git, content with a photo, a built site."""
    paper = root / "wutong-bao"
    (paper / "content/issues/2025-11/images").mkdir(parents=True)
    (paper / ".git").mkdir()
    (paper / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (paper / "mkdocs.yml").write_text("site_name: 梧桐社区报\n", encoding="utf-8")
    (paper / "sqb").write_text("#!/bin/sh\n", encoding="utf-8")
    (paper / "content/issues/2025-11/issue.yml").write_text("number: 88\ndate: 2025-11-05\n", encoding="utf-8")
    (paper / "content/issues/2025-11/lajifenlei.md").write_text(ARTICLE, encoding="utf-8")
    (paper / "content/issues/2025-11/images/xuanchuan.jpg").write_bytes(b"\xff\xd8\xff\xe0 photo")
    site = paper / "site"
    (site / "issues/2025-11/lajifenlei").mkdir(parents=True)
    (site / "index.html").write_text("<h1>梧桐社区报</h1>", encoding="utf-8")
    (site / "issues/2025-11/lajifenlei/index.html").write_text("<h1>垃圾分类</h1>", encoding="utf-8")
    sitefolder.record_built(site)
    return paper


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith("site.")}


def run(paper: Path, *args: str, home: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home or paper.parent / "home")}
    return subprocess.run([SHEQUBAO, "publish", *args], check=False, capture_output=True, text=True, cwd=paper, env=env,
                          timeout=60)


@pytest.fixture
def paper(tmp_path) -> Path:
    return make_paper(tmp_path)


@pytest.mark.parametrize("target, says", [
    ("content", "在报纸文件夹"), ("content/", "在报纸文件夹"), (".", "就是报纸文件夹"), ("./", "就是报纸文件夹"),
    ("site", "网站文件夹"), ("site/issues", "网站文件夹"), ("..", "包含报纸文件夹"),
    ("content/../content/issues", "报纸文件夹"), ("www", "里面，发布时会覆盖或删掉稿件"),
    ("--log-file=publish.log", "以“-”开头"), ("-n", "以“-”开头"),
    ("~", "没有被展开"), ("~/www", "没有被展开"), ("/", "系统文件夹"), ("/tmp", "系统文件夹"),
    ("editor@paper.example.cn:", "没有写服务器上的文件夹"), ("paper.example.cn:~", "没有写服务器上的文件夹"),
    ("editor@paper.example.cn:~/", "没有写服务器上的文件夹"), ("paper.example.cn:.", "没有写服务器上的文件夹"),
    ("editor@paper.example.cn:/", "系统文件夹"), ("editor@paper.example.cn:/home/editor", "主目录"),
    ("www\nsite", "控制字符"),
])
def test_a_dangerous_target_is_refused_and_the_paper_untouched(paper, target, says):
    before = snapshot(paper)
    done = run(paper, "--", target)  # as a shell passes it; "--" so that argparse takes an option-like target
    assert done.returncode == 1 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "已发布" not in done.stdout
    assert snapshot(paper) == before
    assert not (paper / "www").exists() and not (paper / "--log-file=publish.log").exists()


def test_a_home_folder_a_link_to_the_paper_or_another_paper_is_refused(paper, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "记账.xlsx").write_bytes(b"PK\x03\x04 accounts")
    (tmp_path / "kuaijie").symlink_to(paper)
    other = make_paper(tmp_path / "other")
    before, others = snapshot(paper), snapshot(other)
    for target, says in [(str(home), "主目录"), (str(tmp_path / "kuaijie/content"), "报纸文件夹"),
                         (str(other / "content"), "另一份报纸"), (str(paper / "mkdocs.yml"), "报纸文件夹")]:
        done = run(paper, target, home=home)
        assert done.returncode == 1 and says in done.stderr, (target, done.stderr)
    assert snapshot(paper) == before and snapshot(other) == others
    assert (home / "记账.xlsx").exists()


def test_a_first_publish_deletes_nothing_the_next_one_cleans_up(paper, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "2024年财务报表.xlsx").write_bytes(b"PK\x03\x04 not the paper's")
    first = run(paper, str(www))
    assert first.returncode == 0, first.stderr
    assert "只复制，不删除任何文件" in first.stdout
    assert (www / "2024年财务报表.xlsx").exists() and (www / "issues/2025-11/lajifenlei/index.html").exists()
    assert (www / publishing.MARKER).is_file()
    (paper / "site/issues/2025-11/lajifenlei/index.html").unlink()
    sitefolder.record_built(paper / "site")
    second = run(paper, str(www))
    assert second.returncode == 0, second.stderr
    assert "删除 2 个" in second.stdout  # the removed page, and the foreign file (the folder is the paper's now)
    assert not (www / "issues/2025-11/lajifenlei/index.html").exists() and (www / publishing.MARKER).is_file()


def test_nothing_is_published_while_a_build_holds_the_lock(paper, tmp_path):
    fd = os.open(paper / "site.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.pwrite(fd, "进程 4242，开始于 09:30:00".encode(), 0)
        done = run(paper, str(tmp_path / "www"))
    finally:
        os.close(fd)
    assert done.returncode == 1 and "正在生成网站（进程 4242" in done.stderr, done.stderr
    assert not (tmp_path / "www").exists()


def test_only_a_complete_successful_build_is_published(paper, tmp_path):
    (paper / "site.built").unlink()
    missing = run(paper, str(tmp_path / "www"))
    assert missing.returncode == 1 and "不是一次完整、成功的生成" in missing.stderr and "make site" in missing.stderr
    sitefolder.record_built(paper / "site")
    (paper / "site/issues/2025-11/lajifenlei/index.html").write_text("<h1>半</h1>", encoding="utf-8")
    changed = run(paper, str(tmp_path / "www"))
    assert changed.returncode == 1 and "被改动过" in changed.stderr
    assert not (tmp_path / "www").exists()


def test_a_commit_that_fails_half_way_leaves_no_record_of_a_complete_build(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>旧</h1>", encoding="utf-8")
    sitefolder.record_built(site)
    staging = sitefolder.begin(site)
    (staging.folder / "index.html").write_text("<h1>新</h1>", encoding="utf-8")

    def half(*args):
        (site / "index.html").write_text("<h1>新的一半</h1>", encoding="utf-8")
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(sitefolder, "_update", half)
    with pytest.raises(sitefolder.SiteDirError):
        sitefolder.commit(staging)
    assert "不是一次完整" in sitefolder.check_built(site)
    staging = sitefolder.begin(site)
    monkeypatch.undo()
    sitefolder.commit(staging)
    assert sitefolder.check_built(site) is None


def test_rsync_gets_the_target_after_double_dash(paper, tmp_path, monkeypatch):
    seen = []
    real = subprocess.run

    def spy(command, **kwargs):
        seen.append(command)
        return real(command, **kwargs)

    monkeypatch.setattr(publishing.subprocess, "run", spy)
    monkeypatch.chdir(paper)
    publishing.publish(str(tmp_path / "www"), paper / "site", say=lambda text: None)
    command = seen[-1]
    assert command[-4] == "--" and command[-1] == str(tmp_path / "www")


def test_an_endpoint_without_a_scheme_is_https_and_said_so(monkeypatch):
    assert check_endpoint("oss-cn-hangzhou.aliyuncs.com") == (
        "https://oss-cn-hangzhou.aliyuncs.com", "--endpoint 没有写 https:// 或 http://，按 https://oss-cn-hangzhou.aliyuncs.com 连接")
    assert check_endpoint("http://127.0.0.1:9000/") == ("http://127.0.0.1:9000", None)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing-secret")
    client = publishing.s3_client(check_endpoint("oss-cn-hangzhou.aliyuncs.com")[0])  # was a ValueError traceback
    assert client.meta.endpoint_url == "https://oss-cn-hangzhou.aliyuncs.com"
    for wrong in ("oss cn hangzhou", "ftp://oss-cn-hangzhou.aliyuncs.com", "https://oss.aliyuncs.com/桶"):
        with pytest.raises(PublishError, match="不是对象存储的地址"):
            check_endpoint(wrong)


# -- a fuzz of target strings: whatever is accepted harms neither the paper nor a home ----------

FUZZ_PAPER: dict[str, Path] = {}
PIECES = st.sampled_from(["content", "site", ".", "..", "~", "-", "--delete", "www", "wutong-bao", "issues",
                          "user@host", "host", ":", "::", "/", "//", "rsync://", " ", "home", "tmp", "\n", "纸"])


def _accepted_harms(target: str, paper: Path, home: Path) -> str | None:
    """An oracle written apart from targets.py: what an accepted target would harm, or None."""
    if target.startswith("-"):
        return "an option"
    head = target.split("/", 1)[0]
    if target.startswith("rsync://") or ":" in head:
        path = target.split("::", 1)[1] if "::" in head else target.split(":", 1)[1]
        path = os.path.normpath(path) if path else ""
        return "remote home" if path in ("", ".", "~", "/") or path.startswith("~") and "/" not in path else None
    resolved = os.path.realpath(os.path.join(paper, target))
    if resolved == str(paper) or resolved.startswith(f"{paper}/") or str(paper).startswith(resolved.rstrip("/") + "/"):
        return "the paper"
    if resolved in (str(home), "/") or str(home).startswith(resolved.rstrip("/") + "/"):
        return "a home folder"
    return None


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(PIECES, min_size=1, max_size=6).map("".join))
@example("content/")
@example("./content/..")
@example("user@host:")
@example("host::")
@example("rsync://host/")
def test_fuzzed_targets_are_refused_or_harmless(tmp_path_factory, target):
    if "paper" not in FUZZ_PAPER:
        FUZZ_PAPER["paper"] = make_paper(tmp_path_factory.mktemp("fuzz"))
    paper = FUZZ_PAPER["paper"]
    home = Path(os.path.realpath(os.path.expanduser("~")))
    try:
        checked = check_target(target, paper / "site", cwd=paper)
    except PublishError as error:
        assert str(error) and "Traceback" not in str(error)
        return
    assert _accepted_harms(target, paper, home) is None, (target, checked)


def test_a_build_waits_for_a_publish(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    with sitefolder.held_for_publishing(site), pytest.raises(sitefolder.SiteDirError, match="正在发布这个网站（发布中，进程"):
        sitefolder.begin(site)
    sitefolder.abort(sitefolder.begin(site))  # and builds again once the publish is over
