"""``./sqb plan --write``: the plan written into the drafts and issue.yml, and nothing else.

Each article gets ``page:`` and ``order:`` lines in its front matter: an existing line is
replaced in place, a missing one added after ``kind:`` (or ``title:``); every other byte of
the file (BOM, line endings, comments, the body) stays as it was, and the file is replaced
whole (as ``check --fix`` does). The front matter must still read as the same YAML but for
those two fields, or the file is left alone and named.

issue.yml: a 版 the plan uses that issue.yml lacks is added under ``pages:``; a 版 without a
name gets the proposed one (a name the editors wrote is kept); ``print: false`` (and the
importer's comment above it) is removed, so the issue gets its print edition; a 版 beyond the
plan's that no article file names any more (a draft counts) is taken out, else it would print empty.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content.reading import ReadError, parse_yaml, read_text
from .proofing import _replace

_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)
_WEB_ONLY_NOTE = re.compile(r"^#[^\n]*print: false[^\n]*\n(?=print:)", re.MULTILINE)


class WriteError(Exception):
    """A file the plan could not be written into, with what to do (in Chinese)."""


def set_front_matter(path: Path, fields: dict[str, object]) -> bool:
    """Write ``fields`` (name → number, or a flow mapping such as ``{"filler": True}`` for
    ``print:``) into the front matter of ``path``; False if already so."""
    raw = path.read_bytes().decode("utf-8")
    bom, body = ("\ufeff", raw[1:]) if raw.startswith("\ufeff") else ("", raw)
    newline = "\r\n" if "\r\n" in body else "\n"
    text = body.replace("\r\n", "\n")
    span = _front_matter(text)
    if span is None:
        raise WriteError(f"{path}: 没有找到开头的 --- 文件头（front matter）：请先按 ./sqb check 的提示改好")
    head = text[span[0]:span[1]]
    new_head = head
    for name, value in fields.items():
        new_head = _set_line(new_head, name, value)
    if new_head == head:
        return False
    _check_same(path, head, new_head, fields)
    text = text[:span[0]] + new_head + text[span[1]:]
    _replace(path, bom + text.replace("\n", newline))
    return True


def mark_spare(path: Path) -> bool:
    """Make an article a 备用稿 (``print: {filler: true}``, keeping its other print hints): it prints
    only where a 版 has room, and stays on the web. False if it already is one."""
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    span = _front_matter(text)
    try:
        data = parse_yaml(text[span[0]:span[1]]).data if span else None
    except ReadError:
        data = None
    hints = data.get("print") if isinstance(data, dict) else None
    return set_front_matter(path, {"print": {**(hints if isinstance(hints, dict) else {}), "filler": True}})


def _yaml(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml(v)}" for k, v in value.items()) + "}"
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _set_line(head: str, name: str, value: object) -> str:
    line = re.compile(rf"^{name}:[^\n]*$", re.MULTILINE)
    if line.search(head):
        return line.sub(lambda m: _keep_comment(m.group(), name, value), head, count=1)
    after = re.search(r"^kind:[^\n]*\n", head, re.MULTILINE) or re.search(r"^title:[^\n]*\n", head, re.MULTILINE)
    at = after.end() if after else (1 if head.startswith("\n") else 0)
    return head[:at] + f"{name}: {_yaml(value)}\n" + head[at:]


def _keep_comment(line: str, name: str, value: object) -> str:
    comment = re.search(r"[ \t]+#.*$", line)
    return f"{name}: {_yaml(value)}" + (comment.group() if comment else "")


def _check_same(path: Path, head: str, new_head: str, fields: dict[str, object]) -> None:
    try:
        old, new = parse_yaml(head).data, parse_yaml(new_head).data
    except ReadError as error:
        raise WriteError(f"{path}: 文件头读不懂（{error}）：请先按 ./sqb check 的提示改好") from error
    if not isinstance(old, dict) or not isinstance(new, dict):
        raise WriteError(f"{path}: 文件头不是“字段: 值”的格式：请先按 ./sqb check 的提示改好")
    rest_old = {k: v for k, v in old.items() if k not in fields}
    rest_new = {k: v for k, v in new.items() if k not in fields}
    if rest_old != rest_new or any(new.get(k) != v for k, v in fields.items()):
        raise WriteError(f"{path}: 文件头的写法特殊（{'、'.join(fields)} 写成了多行？），没有改动它："
                         f"请手工写上 " + "、".join(f"{k}: {_yaml(v)}" for k, v in fields.items()))


def used_pages(folder: Path) -> set[int]:
    """The 版 the issue's article files name (drafts too), read from their ``page:`` lines."""
    pages = set()
    for path in folder.glob("*.md"):
        text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")
        span = _front_matter(text)
        found = re.search(r"^page:[ \t]*(\d+)", text[span[0]:span[1]], re.MULTILINE) if span else None
        if found:
            pages.add(int(found.group(1)))
    return pages


def _front_matter(text: str) -> tuple[int, int] | None:
    """Start and end of the front matter between the two ``---`` lines."""
    opening = _BOUNDARY.match(text)
    closing = _BOUNDARY.search(text, opening.end() + 1) if opening else None
    return (opening.end(), closing.start()) if closing else None


def update_issue_yml(path: Path, names: dict[int, str], count: int, used: set[int] | None = None) -> list[str]:
    """issue.yml with every 版 up to ``count`` listed and named, and printed; a 版 beyond ``count``
    that no article uses (``used``) taken out. Returns what was changed."""
    raw = read_text(path)
    data = parse_yaml(raw).data or {}
    text = raw.replace("\r\n", "\n")
    done: list[str] = []
    if data.get("print") is False:
        text = _WEB_ONLY_NOTE.sub("", text)
        text = re.sub(r"^print:[ \t]*false[^\n]*\n?", "", text, count=1, flags=re.MULTILINE)
        done.append("删掉了 print: false（这一期出印刷版）")
    pages = data.get("pages") or []
    listed = {p.get("page"): p for p in pages if isinstance(p, dict)}
    for page in range(1, count + 1):
        name = names.get(page, "")
        entry = listed.get(page)
        if entry is None:
            text = _add_page(text, page, name)
            done.append(f"加上了第{page}版（{name}）")
        elif not entry.get("name") and name:
            text, named = _name_page(text, page, name)
            if named:
                done.append(f"第{page}版起名“{name}”")
    for page in sorted(p for p in listed if isinstance(p, int) and p > count and p not in (used or set())):
        text, dropped = _drop_page(text, page)
        done.append(f"删掉了没有稿件的第{page}版" if dropped else f"第{page}版没有稿件了，请在 pages 里删掉它（写法特殊，没有自动删）")
    if done:
        check = parse_yaml(text).data
        if not isinstance(check, dict) or len(check.get("pages") or []) < count:
            raise WriteError(f"{path}: pages 的写法特殊，没有改动它：请手工列出第1—{count}版，"
                             f"例如 - {{page: 2, name: {names.get(2, '社区')}}}")
        _replace(path, text.replace("\n", "\r\n") if "\r\n" in raw else text)
    return done


def _add_page(text: str, page: int, name: str) -> str:
    entry = f"  - {{page: {page}" + (f", name: {name}" if name else "") + "}\n"
    block = re.search(r"^pages:[^\n]*\n((?:[ \t-][^\n]*\n|\n)*)", text if text.endswith("\n") else text + "\n", re.MULTILINE)
    if block is None:
        return text.rstrip("\n") + "\npages:\n" + entry
    text = text if text.endswith("\n") else text + "\n"
    at = block.end()
    while at > block.start(1) and text[at - 2:at] == "\n\n":
        at -= 1
    return text[:at] + entry + text[at:]


def _name_page(text: str, page: int, name: str) -> tuple[str, bool]:
    """``- {page: 2}`` → ``- {page: 2, name: 社区}`` (a 版 written another way is left as it is)."""
    pattern = re.compile(rf"^(\s*-\s*\{{\s*page:\s*{page}\s*)(\}})", re.MULTILINE)
    if not pattern.search(text):
        return text, False
    return pattern.sub(lambda m: f"{m.group(1)}, name: {name}{m.group(2)}", text, count=1), True


def _drop_page(text: str, page: int) -> tuple[str, bool]:
    """Without the line ``- {page: N, …}`` (a 版 written another way is left as it is)."""
    pattern = re.compile(rf"^[ \t]*-[ \t]*\{{[ \t]*page:[ \t]*{page}[ \t]*[,}}][^\n]*\n?", re.MULTILINE)
    return (pattern.sub("", text, count=1), True) if pattern.search(text) else (text, False)
