"""“是不是 …？”: suggestions for a photo file name that does not exist (difflib), and for one that
breaks its address (a backslash; ``#``, ``?``, ``%`` in the name) with the name to use instead."""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from pathlib import Path

from ..model import IMAGE_SUFFIXES

SHOWN_FILES = 12  # the files listed after the suggestion, at most


def missing_photo_message(shown: str, wanted: Path) -> str:
    """The message for a photo ``wanted`` that is not there (``shown`` is its path as the editor
    knows it): the closest file name in the same folder, and the photos that folder has."""
    folder = wanted.parent
    try:
        names = sorted(n for n in os.listdir(folder) if os.path.splitext(n)[1].lower() in IMAGE_SUFFIXES
                       and (folder / n).is_file())
    except (OSError, ValueError):
        names = []
    message = f"找不到图片文件 {shown}，请检查文件名（区分大小写）"
    lowered = {n.lower(): n for n in names}
    close = difflib.get_close_matches(wanted.name.lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        message += f"。是不是 {lowered[close[0]]}？"
    if names:
        listed = "、".join(names[:SHOWN_FILES]) + (f" 等 {len(names)} 个" if len(names) > SHOWN_FILES else "")
        message += f"{'' if close else '。'}{_folder_label(folder)}里有：{listed}"
    elif folder.is_dir():
        message += f"。{_folder_label(folder)}里还没有照片"
    else:
        message += f"。还没有 {folder.name}/ 文件夹：在这一期的文件夹里新建 images/，把照片放进去"
    return message


def _folder_label(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}/ "


URL_BREAKERS = "#?%"  # in a photo's name these break its address (an anchor, a query, an escape)


def photo_name_problem(src: str) -> str | None:
    """Why the photo address ``src`` (as the editor wrote it) cannot be used as it is, with the fix:
    a backslash (Windows' separator), or ``#``, ``?``, ``%`` in the file's name."""
    if "\\" in src:
        return f"图片路径“{src}”里用了反斜杠 \\：请用 / 分隔，写成 {src.replace(chr(92), '/')}"
    name = posixpath.basename(src)
    found = [c for c in URL_BREAKERS if c in name]
    if not found:
        return None
    better = safe_photo_name(name)
    folder = posixpath.dirname(src)
    return (f"照片文件名“{name}”里有“{'”“'.join(found)}”，在网址里有别的意思，网页上的照片会打不开："
            f"请把照片改名为 {better}，这里写成 {posixpath.join(folder, better) if folder else better}")


def safe_photo_name(name: str) -> str:
    """``name`` without the characters that break an address: 3#楼.jpg → 3-楼.jpg, 100%.jpg → 100.jpg."""
    stem, suffix = posixpath.splitext(name)
    stem = re.sub(r"-{2,}", "-", re.sub(f"[{re.escape(URL_BREAKERS)}]", "-", stem)).strip("-")
    return (stem or "zhaopian") + suffix
