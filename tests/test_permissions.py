"""Permission faults, as a user who is not root (root reads and writes everything, so these
faults never show for it). `make test` runs this file a second time as such a user
(scripts/test-as-user.sh); run as root, the tests are skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, build, make_photo, tree_digest


def _permissions_bind() -> bool:
    """Whether file modes bind this process (not root with CAP_DAC_OVERRIDE)."""
    import tempfile

    with tempfile.NamedTemporaryFile() as handle:
        os.chmod(handle.name, 0)
        try:
            open(handle.name, "rb").close()
        except PermissionError:
            return True
    return False


pytestmark = pytest.mark.skipif(not _permissions_bind(), reason="root ignores permissions: run by scripts/test-as-user.sh")


def paper(root: Path) -> Path:
    site = root / "mini"
    shutil.copytree(FIXTURES / "mini", site)
    config = site / "mkdocs.yml"  # the small paper's 版 are far from full: a note, so `shequbao build` fails only on permissions
    config.write_text(config.read_text(encoding="utf-8").replace("      paper_publisher:", "      print_underfull: note\n      paper_publisher:"),
                      encoding="utf-8")
    make_photo(site / "content/issues/2023-05/images/dianti.jpg")
    make_photo(site / "content/issues/2023-05/images/huayuan.jpg", (60, 140, 80))
    return site


def run(site: Path, *args: str) -> subprocess.CompletedProcess:
    console = Path(sys.executable).with_name("shequbao")
    env = {**os.environ, "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(console), *args], cwd=site, capture_output=True, text=True, env=env, timeout=300)


def test_an_unreadable_article_is_named_with_the_fix(tmp_path):
    site = paper(tmp_path)
    article = site / "content/issues/2023-05/huayuan.md"
    article.chmod(0)
    try:
        checked = run(site, "check")
        assert checked.returncode == 1 and "Traceback" not in checked.stderr
        assert "content/issues/2023-05/huayuan.md: 没有权限读取" in checked.stderr and "chmod a+r" in checked.stderr
        built = run(site, "build")
        assert built.returncode == 1 and "Traceback" not in built.stderr and "没有权限读取" in built.stderr
    finally:
        article.chmod(0o644)


def test_an_unreadable_issue_folder_is_named(tmp_path):
    site = paper(tmp_path)
    folder = site / "content/issues/2023-06"
    folder.chmod(0)
    try:
        checked = run(site, "check")
        assert checked.returncode == 1 and "Traceback" not in checked.stderr
        assert "content/issues/2023-06: 没有权限读取" in checked.stderr
    finally:
        folder.chmod(0o755)


def test_a_read_only_site_is_named_and_kept(tmp_path):
    site = paper(tmp_path)
    build(site)
    before = tree_digest(site / "site")
    for folder in [site / "site", *[p for p in (site / "site").rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    try:
        built = run(site, "build")
        assert built.returncode == 1 and "Traceback" not in built.stderr
        assert "是只读的" in built.stderr and "chmod -R u+w" in built.stderr
        assert tree_digest(site / "site") == before
        assert not (site / "site.building").exists()
    finally:
        for folder in [site / "site", *[p for p in (site / "site").rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)


def test_a_read_only_folder_deep_in_the_site_stops_the_build_before_anything_changes(tmp_path):
    site = paper(tmp_path)
    build(site)
    (site / "content/issues/2023-05/jiazhuang-dianti.md").write_text(
        (site / "content/issues/2023-05/jiazhuang-dianti.md").read_text(encoding="utf-8") + "\n补记：电梯已通过验收。\n",
        encoding="utf-8")
    before = tree_digest(site / "site")
    deep = site / "site/issues/2023-06/zongzi"
    deep.chmod(0o555)
    try:
        built = run(site, "build")
        assert built.returncode == 1 and "Traceback" not in built.stderr
        assert "是只读的" in built.stderr and "chmod -R u+w" in built.stderr
        assert tree_digest(site / "site") == before  # the edited story is not half put in
        assert not (site / "site.building").exists()
    finally:
        deep.chmod(0o755)


def test_a_read_only_project_folder_is_named(tmp_path):
    site = paper(tmp_path)
    build(site)
    before = tree_digest(site / "site")
    site.chmod(0o555)
    try:
        built = run(site, "build")
        assert built.returncode == 1 and "Traceback" not in built.stderr
        assert "没有权限在" in built.stderr and "写入" in built.stderr
        assert tree_digest(site / "site") == before
    finally:
        site.chmod(0o755)


def test_a_site_of_another_user_is_named_with_the_fix(tmp_path):
    site = paper(tmp_path)
    build(site)
    before = tree_digest(site / "site")
    try:
        os.chown(site / "site", 65534, 65534)  # nobody's (root without CAP_DAC_OVERRIDE keeps CAP_CHOWN)
    except PermissionError:
        pytest.skip("only root can give a folder to another user")
    try:
        built = run(site, "build")
        assert built.returncode == 1 and "Traceback" not in built.stderr
        assert "属于另一个用户（uid 65534）" in built.stderr and "chown -R" in built.stderr
        assert tree_digest(site / "site") == before
        assert not (site / "site.building").exists() and not (site / "site.old").exists()
    finally:
        os.chown(site / "site", os.getuid(), os.getgid())
