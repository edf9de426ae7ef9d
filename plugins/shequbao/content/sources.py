"""The one policy of what leaves ``content/``: which files there are, found without following
any link, and which of them may be published as they are.

- The content folder is listed with ``lstat`` only: a symlink is never followed (it could lead
  to ``/proc/self/environ`` or someone's home folder); every symlink, FIFO, socket or device
  is a content problem naming its path, found before anything is opened.
- Published as they are: the pages of the registry (the plugin's business), and the files of
  ``assets/`` at the top of ``content/`` (the paper's stylesheet, logo, a form to download),
  which the paper lists there on purpose, judged by their content (:mod:`.assettypes`): only
  published types, never a page, a script or SVG, never a picture carrying EXIF/XMP/comments,
  whatever its name. Photos elsewhere are published only as renditions
  (``photos/``); everything else (issue.yml, people.yml, Thumbs.db, an interview .docx) stays.

Knows nothing of MkDocs: the plugin applies :meth:`Listing.verdict` to MkDocs' files.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ..model import ORIGINAL_SUFFIXES
from ..problems import Problem
from .assettypes import judge
from .reading import file_kind, os_problem

ASSETS = "assets"  # the folder of content/ whose files are published as they are
REFUSED_SUFFIXES = (".svg", ".svgz")  # scripts inside pictures: refused everywhere they would be published


class Verdict(Enum):
    PUBLISH = "publish"  # copied into the site as it is
    ORIGINAL = "original"  # a photo: only its renditions are published
    KEEP = "keep"  # stays in content/


@dataclass
class Listing:
    """Every regular file and folder of the content folder (content-relative POSIX paths), and
    the problems found listing it."""

    root: Path
    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    entries: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # folder → (files, folders)
    stamps: dict[str, str] = field(default_factory=dict)  # file → its size, times and inode
    refused: set[str] = field(default_factory=set)  # files of assets/ that may not be published

    def stamp(self, folder: str) -> str:
        """A digest of the names of everything inside ``folder`` and the size, modification and
        change times and inode of each file: any write to a file changes its change time, which
        no tool can set back, so the same stamp means the same files."""
        files, folders = self.descendants(folder)
        digest = hashlib.sha256("\n".join(folders).encode())
        for path in files:
            digest.update(f"\n{path}\0{self.stamps.get(path)}".encode())
        return digest.hexdigest()

    def children(self, folder: str) -> tuple[list[str], list[str]]:
        """``(files, folders)`` directly inside ``folder`` ("" for the top), sorted."""
        files, folders = self.entries.get(folder, ([], []))
        return sorted(files), sorted(folders)

    def descendants(self, folder: str) -> tuple[list[str], list[str]]:
        """``(files, folders)`` anywhere inside ``folder``, sorted."""
        files, folders, todo = [], [], [folder]
        while todo:
            inner_files, inner_folders = self.entries.get(todo.pop(), ([], []))
            files += inner_files
            folders += inner_folders
            todo += inner_folders
        return sorted(files), sorted(folders)

    def is_file(self, path: str) -> bool:
        return posixpath.normpath(path) in self.files

    def verdict(self, src: str, pages) -> Verdict:
        """What becomes of the content file ``src`` (as MkDocs names it): ``pages`` are the sources
        of the registry's pages."""
        if src in pages and src in self.files:
            return Verdict.PUBLISH
        if src in self.files and is_asset(src) and src not in self.refused \
                and posixpath.splitext(src)[1].lower() not in REFUSED_SUFFIXES:
            return Verdict.PUBLISH
        if posixpath.splitext(src)[1].lower() in ORIGINAL_SUFFIXES:
            return Verdict.ORIGINAL
        return Verdict.KEEP


def is_asset(src: str) -> bool:
    parts = src.split("/")
    return len(parts) > 1 and parts[0] == ASSETS and not any(part.startswith(".") for part in parts)


def scan_content(root: Path) -> Listing:
    """List ``root`` without following links; symlinks, special files and folders that cannot
    be read are problems, and so are files of ``assets/`` that may not be published."""
    listing = Listing(Path(root))
    stack = [""]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(root / folder if folder else root) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError as exc:
            listing.problems.append(Problem(folder or ".", None, "", os_problem(exc, root / folder)))
            continue
        for entry in entries:
            path = f"{folder}/{entry.name}" if folder else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
                mode = info.st_mode
            except OSError as exc:
                listing.problems.append(Problem(path, None, "", os_problem(exc, entry.path)))
                continue
            here = listing.entries.setdefault(folder, ([], []))
            if stat.S_ISDIR(mode):
                listing.folders.add(path)
                here[1].append(path)
                stack.append(path)
            elif stat.S_ISREG(mode):
                listing.files.add(path)
                listing.stamps[path] = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"
                here[0].append(path)
                if is_asset(path):
                    _check_asset(listing, path)
            elif stat.S_ISLNK(mode):
                listing.problems.append(Problem(path, None, "", _link_message(entry.path)))
            else:
                listing.problems.append(Problem(path, None, "", f"这里是{file_kind(mode)}，不是普通文件：网站不读它，请把它删掉"))
    return listing


def _link_message(path: str) -> str:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    broken = "" if os.path.exists(path) else "，而且它指向的文件不存在"
    return (f"这是符号链接（快捷方式，指向 {target}{broken}）：网站不跟随链接，以免把 content/ 以外的文件发布出去。"
            "请删掉这个链接，把文件本身放在这里")


def _check_asset(listing: Listing, path: str) -> None:
    """A file of assets/ is published as it is: it must be readable and of a published type,
    judged by its content (:mod:`.assettypes`: no page, script or SVG, no picture with metadata)."""
    full = listing.root / path
    if not os.access(full, os.R_OK):
        listing.problems.append(Problem(path, None, "", os_problem(PermissionError(13, "Permission denied"), full)))
        listing.refused.add(path)
        return
    try:
        why = judge(full, path)
    except OSError as exc:
        why = os_problem(exc, full)
    if why:
        listing.problems.append(Problem(path, None, "", why))
        listing.refused.add(path)
