"""The site folder a build writes (build/sitefolder.py), without MkDocs: staged beside the
site, locked for one build at a time, put in only on success, updated in place file by file."""

from __future__ import annotations

import errno
import os
import signal
import stat
from pathlib import Path

import pytest

from shequbao.build import sitefolder
from shequbao.build.sitefolder import SiteDirError, abort, begin, commit, describe_os_error


def files_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def write(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cache(tmp_path) -> dict[str, Path]:
    """Files of the cache a build links into the site: a rendition and the print edition."""
    return {"photo": write(tmp_path, "cache/images/ab/huichang-480.webp", "照片"),
            "pdf": write(tmp_path, "cache/print/cd/wu-tong-li-2025-09.pdf", "%PDF 第128期")}


def publish(site: Path, pages: dict[str, str], linked=()) -> None:
    staging = begin(site)
    for rel, text in pages.items():
        write(staging.folder, rel, text)
    commit(staging, linked)


def test_a_build_writes_beside_the_site_and_holds_its_lock(tmp_path):
    site = tmp_path / "site"
    staging = begin(site)
    try:
        assert staging.folder == tmp_path / "site.building" and staging.folder.is_dir()
        assert list(staging.folder.iterdir()) == [] and not site.exists()  # nothing published yet
        holder = (tmp_path / "site.lock").read_text(encoding="utf-8")
        assert holder.startswith(f"进程 {os.getpid()}，开始于 ")
    finally:
        abort(staging)


def test_a_second_build_of_the_same_site_stops_at_once_naming_the_first(tmp_path):
    first = begin(tmp_path / "site")
    try:
        with pytest.raises(SiteDirError) as info:
            begin(tmp_path / "site")
        assert str(info.value).startswith(f"另一个构建正在进行（进程 {os.getpid()}，开始于 ")
        assert "同一个网站文件夹一次只能生成一个" in str(info.value)
        assert (tmp_path / "site.building").is_dir()  # the first build's files are left alone
        other = begin(tmp_path / "another-site")  # another site is another lock
        abort(other)
    finally:
        abort(first)
    abort(begin(tmp_path / "site"))  # released: the next build goes ahead


def test_the_leftover_of_a_killed_build_is_cleared(tmp_path):
    write(tmp_path, "site.building/issues/2025-09/index.html", "被杀掉的构建写了一半")
    staging = begin(tmp_path / "site")
    assert list(staging.folder.iterdir()) == []
    abort(staging)


def test_begin_makes_the_folders_the_site_goes_in(tmp_path):
    staging = begin(tmp_path / "new/folder/site")  # mkdocs build -d new/folder/site
    assert staging.folder == tmp_path / "new/folder/site.building" and staging.folder.is_dir()
    abort(staging)


def test_the_first_build_publishes_its_pages_and_links_the_cached_files(tmp_path, cache):
    site = tmp_path / "site"
    publish(site, {"index.html": "首页", "issues/2025-09/index.html": "第128期"},
            [("issues/2025-09/images/huichang-480.webp", cache["photo"]), ("issues/2025-09/wu-tong-li-2025-09.pdf", cache["pdf"])])
    assert files_of(site) == {"index.html": "首页", "issues/2025-09/index.html": "第128期",
                              "issues/2025-09/images/huichang-480.webp": "照片", "issues/2025-09/wu-tong-li-2025-09.pdf": "%PDF 第128期"}
    assert (site / "issues/2025-09/images/huichang-480.webp").stat().st_ino == cache["photo"].stat().st_ino  # a link, not a copy
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site", "site.built", "site.lock"]  # site.built: the record of a complete build (publish checks it)


def test_an_aborted_build_leaves_the_published_site_exactly_as_it_was(tmp_path):
    site = tmp_path / "site"
    publish(site, {"index.html": "首页", "about/index.html": "关于本报"})
    staging = begin(site)
    write(staging.folder, "index.html", "写了一半的首页")
    abort(staging)
    assert files_of(site) == {"index.html": "首页", "about/index.html": "关于本报"}
    assert not staging.folder.exists()
    abort(begin(site))  # and unlocked


def test_the_next_build_updates_the_site_in_place_and_removes_what_it_no_longer_makes(tmp_path, cache):
    site = tmp_path / "site"
    publish(site, {"index.html": "首页 第127期", "issues/2025-08/index.html": "第127期",
                   "issues/2025-08/chexiao/index.html": "撤下的稿件", "about/index.html": "关于本报"},
            [("issues/2025-08/images/huichang-480.webp", cache["photo"])])
    folder = site.stat().st_ino
    publish(site, {"index.html": "首页 第128期", "issues/2025-08/index.html": "第127期", "about/index.html": "关于本报",
                   "issues/2025-09/index.html": "第128期"},
            [("issues/2025-08/images/huichang-480.webp", cache["photo"])])
    assert site.stat().st_ino == folder  # the same folder: a web server serving it never sees it missing
    assert files_of(site) == {"index.html": "首页 第128期", "issues/2025-08/index.html": "第127期",
                              "about/index.html": "关于本报", "issues/2025-09/index.html": "第128期",
                              "issues/2025-08/images/huichang-480.webp": "照片"}
    assert not (site / "issues/2025-08/chexiao").exists()  # its folder goes with its page
    assert not (tmp_path / "site.building").exists() and not (tmp_path / "site.old").exists()


def test_a_cached_file_already_in_the_site_is_left_alone(tmp_path, cache, monkeypatch):
    site = tmp_path / "site"
    linked = [("issues/2025-09/images/huichang-480.webp", cache["photo"])]
    publish(site, {"index.html": "首页"}, linked)
    placed, real = [], sitefolder.link_or_copy
    monkeypatch.setattr(sitefolder, "link_or_copy", lambda source, target: (placed.append(target), real(source, target)))
    publish(site, {"index.html": "首页"}, linked + [("issues/2025-09/wu-tong-li-2025-09.pdf", cache["pdf"])])
    assert [Path(p).name for p in placed] == [".wu-tong-li-2025-09.pdf.sqb-new"]  # only the new file is linked
    assert files_of(site)["issues/2025-09/wu-tong-li-2025-09.pdf"] == "%PDF 第128期"


def test_a_page_becoming_a_folder_and_a_folder_becoming_a_file(tmp_path):
    site = tmp_path / "site"
    publish(site, {"tongzhi": "旧的文件", "feed/index.html": "旧的文件夹", "feed/2025/index.html": "旧的下一层"})
    publish(site, {"tongzhi/index.html": "通知成了文件夹", "feed": "文件夹成了文件"})
    assert files_of(site) == {"tongzhi/index.html": "通知成了文件夹", "feed": "文件夹成了文件"}


def test_what_an_interrupted_update_left_under_temporary_names_is_removed(tmp_path):
    site = tmp_path / "site"
    publish(site, {"index.html": "首页"})
    write(site, f"issues/.index.html{sitefolder.TEMPORARY}", "上次中断留下的")
    publish(site, {"index.html": "首页", "issues/index.html": "往期"})
    assert files_of(site) == {"index.html": "首页", "issues/index.html": "往期"}


def test_a_site_that_is_a_link_is_replaced_whole_and_the_folder_it_pointed_to_kept(tmp_path):
    elsewhere = tmp_path / "releases/2025-08"
    write(elsewhere, "index.html", "八月的网站")
    (tmp_path / "site").symlink_to(elsewhere, target_is_directory=True)
    publish(tmp_path / "site", {"index.html": "九月的网站"})
    assert not (tmp_path / "site").is_symlink() and files_of(tmp_path / "site") == {"index.html": "九月的网站"}
    assert files_of(elsewhere) == {"index.html": "八月的网站"}
    assert not (tmp_path / "site.old").exists()


@pytest.mark.parametrize("existing", [False, True])
def test_whatever_the_umask_a_web_server_can_read_every_file(tmp_path, existing):
    site = tmp_path / "site"
    if existing:
        publish(site, {"index.html": "旧首页"})
    staging = begin(site)
    page = write(staging.folder, "issues/2025-09/index.html", "第128期")
    page.chmod(0o600)
    page.parent.chmod(0o700)
    commit(staging)
    assert stat.S_IMODE((site / "issues/2025-09/index.html").stat().st_mode) == 0o644
    assert {stat.S_IMODE(p.stat().st_mode) for p in site.rglob("*") if p.is_dir()} == {0o755}


def test_ctrl_c_while_the_site_is_updated_takes_effect_when_it_is_whole(tmp_path, monkeypatch):
    site = tmp_path / "site"
    publish(site, {"index.html": "首页 第127期", "issues/2025-08/index.html": "第127期"})
    real = sitefolder._update

    def interrupted(*args):
        os.kill(os.getpid(), signal.SIGINT)  # the editor presses Ctrl-C in the middle
        real(*args)

    monkeypatch.setattr(sitefolder, "_update", interrupted)
    staging = begin(site)
    write(staging.folder, "index.html", "首页 第128期")
    write(staging.folder, "issues/2025-09/index.html", "第128期")
    with pytest.raises(KeyboardInterrupt):
        commit(staging)
    assert files_of(site) == {"index.html": "首页 第128期", "issues/2025-09/index.html": "第128期"}
    assert not staging.folder.exists()
    abort(begin(site))  # unlocked


def test_an_update_that_fails_half_way_is_taken_back(tmp_path, cache, monkeypatch):
    site = tmp_path / "site"
    publish(site, {"index.html": "首页"})
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    done = []

    def quota(source, target):
        if done:
            raise OSError(errno.EDQUOT, "Disk quota exceeded", str(target))
        done.append(target)
        os.link(source, target)

    monkeypatch.setattr(sitefolder, "link_or_copy", quota)
    staging = begin(site)
    write(staging.folder, "index.html", "新首页")
    with pytest.raises(SiteDirError, match="磁盘空间不足"):
        commit(staging, [("issues/2025-09/images/huichang-480.webp", cache["photo"]),
                         ("issues/2025-09/wu-tong-li-2025-09.pdf", cache["pdf"])])
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before  # no new folder, no temporary file
    assert files_of(site) == {"index.html": "首页"}
    assert not staging.folder.exists()
    abort(begin(site))


@pytest.mark.parametrize("code, words", [
    (errno.ENOSPC, "磁盘空间不足：写入 {folder} 时磁盘满了"),
    (errno.EDQUOT, "磁盘空间不足：写入 {folder} 时磁盘满了"),
    (errno.EROFS, "{folder} 所在的磁盘是只读的"),
    (errno.EACCES, "没有权限写入 {path}：请运行 sudo chown -R $(id -un) '{folder}'"),
    (errno.EPERM, "没有权限写入 {path}"),
])
def test_a_file_system_error_is_told_as_an_editor_can_act_on_it(tmp_path, code, words):
    path = tmp_path / "site.building/issues/2025-09/index.html"  # a file that was being written
    message = describe_os_error(OSError(code, os.strerror(code), str(path)))
    assert words.format(folder=path.parent, path=path) in message


def test_a_full_disk_without_a_file_name_still_says_what_happened():
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")).startswith(
        "磁盘空间不足：写入 网站文件夹 时磁盘满了")


@pytest.mark.parametrize("error", [OSError(errno.ENOENT, "No such file or directory", "/x"), ValueError("坏"), KeyboardInterrupt()])
def test_other_errors_are_not_dressed_up(error):
    assert describe_os_error(error) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes everywhere")
def test_a_read_only_site_stops_the_build_before_it_starts(tmp_path):
    site = tmp_path / "site"
    publish(site, {"issues/index.html": "往期"})
    (site / "issues").chmod(0o555)
    try:
        with pytest.raises(SiteDirError, match="是只读的"):
            begin(site)
    finally:
        (site / "issues").chmod(0o755)
