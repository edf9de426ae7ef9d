"""``./sqb check --fix``: the safe 校对 fixes written into the articles, each change printed.

The one tool that writes into ``content/``, and only when an editor asks for it: a file keeps
its encoding mark (BOM), its line endings and its permissions, and is replaced whole (a
crash never leaves half a file). The rules are :mod:`shequbao.content.proofread`.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..content.proofpaper import article_files, fixed_text
from ..content.reading import MAX_TEXT_BYTES, ReadError, read_bytes


def fix_paper(content: Path, out) -> int:
    """Make every safe fix in the paper's articles; print ``file:line: 旧 → 新`` for each to
    ``out``; return how many were made."""
    count = 0
    for rel in article_files(content):
        path = content / rel
        try:
            raw = read_bytes(path, MAX_TEXT_BYTES).decode("utf-8")
        except (ReadError, UnicodeDecodeError):
            continue  # the check names the file
        bom = raw.startswith("\ufeff")
        crlf = "\r\n" in raw
        text = raw.removeprefix("\ufeff").replace("\r\n", "\n")
        fixed, done = fixed_text(text)
        if not done:
            continue
        if crlf:
            fixed = fixed.replace("\n", "\r\n")
        _replace(path, ("\ufeff" if bom else "") + fixed)
        for item in done:
            print(f"{content.as_posix()}/{rel}:{item.line}: {item.context} → {item.fixed_context}", file=out)
        count += len(done)
    return count


def _replace(path: Path, text: str) -> None:
    mode = os.stat(path).st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".sqb-fix", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
