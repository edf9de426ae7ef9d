"""The site folder a build writes: staged, locked, swapped in only on success (knows nothing
of MkDocs).

A build writes into ``<site>.building/`` beside the published ``<site>/`` and puts it in only
when the whole build succeeded (strict warnings included), so a failed or interrupted build
leaves the previous site exactly as it was; ``mkdocs build`` and ``shequbao build`` both get
this from the plugin. The staging folder holds only what the build wrote (the pages it
rendered, the theme's files); what comes from the cache (pages not rendered again, photos,
PDFs, the search index) is given to :func:`commit` as a list and linked in there. An existing
site is updated in place, file by file, each with one rename (a reader gets the old file or
the new one, never half): files the cache already links there are left alone, files no longer
built are removed, so a warm build of 5,000 articles touches a handful of files instead of
making 7,000 folders again. Ctrl-C waits for that step to end. A site that is not a folder
(a link) is replaced whole, with two renames. One build at a time: ``<site>.lock`` is held (``flock``) for the whole
build, and a second build stops at once with “另一个构建正在进行”. Problems of the folders
(permissions, another user's ``site/``, a full disk) are messages naming the folder and the fix.
A successful commit leaves ``<site>.built`` (the count and a digest of the site's files), which
``shequbao publish`` checks: no record, or a site changed since, is not published.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..cache.store import DIR_MODE, link_files, link_or_copy, make_readable

PUBLISHING = "发布中"  # what ``shequbao publish`` writes in the lock file while it holds it
TEMPORARY = ".sqb-new"  # the end of a file's name while it waits to be renamed into its place
NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)


class SiteDirError(Exception):
    """The site folder cannot be written; the message names it and says what to do."""


@dataclass
class Staging:
    """A build in progress: ``folder`` is written, ``site_dir`` replaced by it on :func:`commit`."""

    site_dir: Path
    folder: Path
    lock: int  # the open lock file (released when closed, or when the process ends)


def begin(site_dir: Path) -> Staging:
    """Lock ``site_dir`` for this build and make a fresh staging folder beside it."""
    site_dir = Path(os.path.abspath(site_dir))
    _check_writable(site_dir)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)  # as MkDocs would: `-d new/folder/site`
    except OSError as error:
        raise SiteDirError(describe_os_error(error) or str(error)) from None
    lock = _lock(site_dir.with_name(site_dir.name + ".lock"))
    folder = site_dir.with_name(site_dir.name + ".building")
    try:
        _remove(folder)  # the leftover of a build that was killed
        folder.mkdir(parents=True)
    except OSError as error:
        os.close(lock)
        raise SiteDirError(describe_os_error(error) or str(error)) from None
    return Staging(site_dir, folder, lock)


def commit(staging: Staging, linked: Iterable[tuple[str, str | Path]] = ()) -> None:
    """Make the site the staging folder plus ``linked`` (``(path in the site, cached file)``),
    then unlock: updated in place when it is a folder, else replaced with two renames (never a
    moment without a site a web server can read from). The record of the last complete build
    (``<site>.built``) is removed first and written again only when the site is whole."""
    retired = staging.site_dir.with_name(staging.site_dir.name + ".old")
    try:
        _forget_built(staging.site_dir)
        _remove(retired)
        if staging.site_dir.is_dir() and not staging.site_dir.is_symlink():
            make_readable(staging.folder)  # whatever the umask: a web server's worker reads every file
            with _deferred_interrupt():
                _update(staging.site_dir, staging.folder, linked)
                _remove(staging.folder)
        else:
            link_files(linked, staging.folder)
            make_readable(staging.folder)
            if os.path.lexists(staging.site_dir):
                staging.site_dir.rename(retired)
            staging.folder.rename(staging.site_dir)
            _remove(retired)
        record_built(staging.site_dir)
    except (OSError, SiteDirError) as error:
        with contextlib.suppress(OSError):
            if staging.site_dir.exists():  # the site is still there: the staged files are of no use
                _remove(staging.folder)
        if isinstance(error, SiteDirError):
            raise
        raise SiteDirError(describe_os_error(error) or str(error)) from None
    finally:
        _unlock(staging)


# -- the record of the last complete build, read by ``shequbao publish`` ---------------------


def built_record(site_dir: Path) -> Path:
    """``site.built`` beside ``site/``: what the last successful build left there."""
    site_dir = Path(os.path.abspath(site_dir))
    return site_dir.with_name(site_dir.name + ".built")


def listing(site_dir: Path) -> dict:
    """What a site folder holds, in short: how many files, and a digest of their paths and sizes."""
    digest = hashlib.sha256()
    count = 0
    for folder, subfolders, files in os.walk(site_dir):
        subfolders.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site_dir)
            digest.update(f"{rel}\0{os.lstat(path).st_size}\n".encode("utf-8", "surrogateescape"))
            count += 1
    return {"files": count, "digest": digest.hexdigest()}


def record_built(site_dir: Path) -> None:
    """Write ``site.built`` for the site as it is now (a commit does; so may a test)."""
    record = built_record(site_dir)
    temporary = record.with_name(record.name + TEMPORARY)
    temporary.write_text(json.dumps(listing(site_dir), sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, record)


def _forget_built(site_dir: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(built_record(site_dir))


def check_built(site_dir: Path) -> str | None:
    """Why ``site_dir`` is not the complete result of a successful build (a message), or None."""
    record = built_record(site_dir)
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return (f"{site_dir} 不是一次完整、成功的生成（没有 {record.name}：生成失败、被中断，或从没生成过）："
                "请先运行 make site，成功后再发布")
    if recorded != listing(site_dir):
        return (f"{site_dir} 在上次成功生成之后被改动过（文件和 {record.name} 记下的不一样）："
                "请重新运行 make site，成功后再发布")
    return None


@contextlib.contextmanager
def held_for_publishing(site_dir: Path) -> Iterator[None]:
    """Hold ``site.lock`` while the site is published, so that no build changes it meanwhile;
    a build in progress is a :class:`SiteDirError` saying to wait."""
    site_dir = Path(os.path.abspath(site_dir))
    path = site_dir.with_name(site_dir.name + ".lock")
    fd, holder = _try_lock(path, f"{PUBLISHING}，进程 {os.getpid()}")
    if fd is None:
        raise SiteDirError(f"正在生成网站（{holder or path.name}），{site_dir.name}/ 还没有生成完："
                           "请等生成结束后再发布")
    staging = Staging(site_dir, site_dir, fd)
    try:
        yield
    finally:
        _unlock(staging)


def _update(site: Path, staged: Path, linked: Iterable[tuple[str, str | Path]]) -> None:
    """Make ``site`` hold exactly the files of ``staged`` (moved in) and ``linked`` (hard links,
    which win, as they were linked over the staged files before). What needs room (new folders,
    links, copies from a cache on another disk) is made first, under temporary names: if that
    fails it is taken away again and the site is as it was. Then, with renames and removals
    only: what must change type (a file where a folder goes, or the other way) is removed,
    files are put in, and last what the build no longer makes is removed."""
    site, staged = str(site), str(staged)
    wanted: dict[str, tuple[str, bool]] = {rel: (f"{staged}/{rel}", True) for rel in _scan(staged)[0]}
    wanted.update((str(rel), (str(source), False)) for rel, source in linked)
    present, folders = _scan(site, check=True)
    for rel in [rel for rel in present if rel.endswith(TEMPORARY)]:  # left by an update that was killed
        os.unlink(f"{site}/{rel}")
        del present[rel]
    device = os.stat(site).st_dev
    needed = {parent for rel in wanted for parent in _parents(rel)}
    todo = {rel for rel, (source, moved) in wanted.items() if not moved and not _already(site, rel, source, present, device)}
    blocked = {rel for rel in (needed | todo) if any(parent in present for parent in _parents(rel))}
    made, ready = _prepare(site, sorted(needed - folders - blocked - present.keys()),
                           {rel: wanted[rel][0] for rel in todo - blocked})
    for rel in sorted(folders & wanted.keys()):  # a folder where a file goes: gone with all it holds
        _remove(Path(site, rel))
        inside = rel + "/"
        present = {path: inode for path, inode in present.items() if not path.startswith(inside)}
        folders = {path for path in folders if path != rel and not path.startswith(inside)}
    for rel in sorted(present.keys() & needed):  # a file where a folder goes
        os.unlink(f"{site}/{rel}")
        del present[rel]
    for rel in sorted(needed - folders - set(made)):
        os.makedirs(f"{site}/{rel}", mode=DIR_MODE, exist_ok=True)
        os.chmod(f"{site}/{rel}", DIR_MODE)
    for rel, (source, moved) in wanted.items():
        if moved or rel in todo:
            os.replace(source if moved else ready.get(rel) or _place(source, f"{site}/{rel}"), f"{site}/{rel}")
    for rel in present.keys() - wanted.keys() - needed:
        os.unlink(f"{site}/{rel}")
    for rel in sorted(folders - needed - wanted.keys(), reverse=True):
        _remove(Path(site, rel))


def _prepare(site: str, folders: list[str], files: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The new ``folders`` (parents first) and each of ``files`` (path → cached file) beside its
    place under a temporary name; on failure, all of it taken away again."""
    made: list[str] = []
    ready: dict[str, str] = {}
    try:
        for rel in folders:
            os.mkdir(f"{site}/{rel}", DIR_MODE)
            os.chmod(f"{site}/{rel}", DIR_MODE)
            made.append(rel)
        for rel, source in files.items():
            ready[rel] = _place(source, f"{site}/{rel}")
    except OSError:
        for temporary in ready.values():
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        for rel in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(f"{site}/{rel}")
        raise
    return made, ready


def _place(source: str, target: str) -> str:
    """``source`` linked (or, from another disk, copied with its time) beside ``target``."""
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}{TEMPORARY}")
    link_or_copy(source, temporary)
    info = os.stat(source)
    if os.stat(temporary).st_ino != info.st_ino or os.stat(temporary).st_dev != info.st_dev:
        os.utime(temporary, ns=(info.st_atime_ns, info.st_mtime_ns))  # a copy: the next build knows it by its time
    return temporary


def _already(site: str, rel: str, source: str, present: dict[str, int], device: int) -> bool:
    """Whether the site's file is already ``source``: the same file, or (a cache on another disk)
    a copy of the same size and time."""
    if rel not in present:
        return False
    try:
        info = os.stat(source)
        if info.st_dev == device:
            return present[rel] == info.st_ino
        there = os.stat(f"{site}/{rel}")
    except OSError:
        return False
    return there.st_size == info.st_size and there.st_mtime_ns == info.st_mtime_ns


def _scan(root: str, check: bool = False) -> tuple[dict[str, int], set[str]]:
    """Every file under ``root`` (relative path → inode) and every folder; with ``check``, a
    folder that cannot be written stops the build before anything is changed."""
    files: dict[str, int] = {}
    folders: set[str] = set()
    pending = [""]
    while pending:
        rel = pending.pop()
        folder = os.path.join(root, rel)
        if check and not os.access(folder, os.W_OK | os.X_OK):
            raise SiteDirError(f"{folder} 是只读的，这次生成无法更新旧网站：请运行 chmod -R u+w '{root}'")
        with os.scandir(folder) as entries:
            for entry in entries:
                path = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(path)
                    pending.append(path)
                else:
                    files[path] = entry.inode()
    return files, folders


def _parents(rel: str) -> Iterator[str]:
    while "/" in rel:
        rel = rel.rsplit("/", 1)[0]
        yield rel


@contextlib.contextmanager
def _deferred_interrupt() -> Iterator[None]:
    """Ctrl-C while the site is being updated takes effect when it is done (never half a site)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def abort(staging: Staging) -> None:
    """Forget the staging folder (a failed or interrupted build) and unlock; the site stays."""
    try:
        _remove(staging.folder)
    finally:
        _unlock(staging)


def describe_os_error(error: BaseException) -> str | None:
    """A file-system error of the build as an editor reads it (full disk, permissions), or None."""
    if not isinstance(error, OSError):
        return None
    path = error.filename or ""
    folder = os.path.dirname(path) if path and not os.path.isdir(path) else path
    if error.errno in NO_SPACE:
        return (f"磁盘空间不足：写入 {folder or '网站文件夹'} 时磁盘满了（这不是照片或稿件的问题）。"
                "请清理磁盘（例如删掉 .cache/ 里的旧文件、site.old/）后再生成")
    if error.errno == errno.EROFS:
        return f"{folder or path} 所在的磁盘是只读的：请把项目放到可以写入的磁盘上再生成"
    if error.errno in DENIED:
        return (f"没有权限写入 {path}：请运行 sudo chown -R $(id -un) '{folder or path}' 把它交给生成网站的账号，"
                "或用有权限的账号生成")
    return None


def _check_writable(site_dir: Path) -> None:
    parent = site_dir.parent
    if not parent.is_dir():
        return  # begin() makes it
    if not os.access(parent, os.W_OK | os.X_OK):
        raise SiteDirError(f"没有权限在 {parent} 里写入（生成网站要在这里建 {site_dir.name}.building/ 并替换 {site_dir.name}/）："
                           f"请运行 sudo chown $(id -un) '{parent}'，或用有权限的账号生成")
    if not site_dir.is_dir():
        return
    owner = site_dir.stat().st_uid
    if owner != os.geteuid() and not os.access(site_dir, os.W_OK):
        raise SiteDirError(f"{site_dir} 属于另一个用户（uid {owner}），这次生成无法替换它："
                           f"请运行 sudo chown -R $(id -un) '{site_dir}'，或用那个用户生成")
    # the site and its first folders now (a whole site made read-only fails before the build);
    # every folder is checked again before the site is updated (commit)
    with os.scandir(site_dir) as entries:
        first = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    for folder in (site_dir, *first):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise SiteDirError(f"{folder} 是只读的，这次生成无法替换旧网站：请运行 chmod -R u+w '{site_dir}'")


def _lock(path: Path) -> int:
    fd, holder = _try_lock(path, f"进程 {os.getpid()}，开始于 {time.strftime('%H:%M:%S')}")
    if fd is None and holder.startswith(PUBLISHING):
        raise SiteDirError(f"正在发布这个网站（{holder}），发布时网站文件夹不能改动：请等发布结束后再生成")
    if fd is None:
        raise SiteDirError(f"另一个构建正在进行（{holder or path.name}），同一个网站文件夹一次只能生成一个："
                           "请等它结束后再生成")
    return fd


def _try_lock(path: Path, note: str) -> tuple[int | None, str]:
    """The lock file open and locked, with ``note`` written in it; or None and what the holder wrote."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise SiteDirError(describe_os_error(error) or str(error)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        os.close(fd)
        return None, holder
    os.ftruncate(fd, 0)
    os.pwrite(fd, note.encode(), 0)
    return fd, ""


def _unlock(staging: Staging) -> None:
    if staging.lock >= 0:
        with contextlib.suppress(OSError):
            os.ftruncate(staging.lock, 0)
        os.close(staging.lock)  # closing releases the flock
        staging.lock = -1


def _remove(folder: Path) -> None:
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
