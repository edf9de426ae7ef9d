"""Reading content files: encodings, front matter, and YAML that remembers its lines.

Dates stay strings here (the loader checks them itself, so ``2012-02-30`` is a clear
content error instead of a crash inside PyYAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # the --- lines around front matter (as Jekyll and MkDocs read them)
_FULLWIDTH_KEY = re.compile(r"^\s*-?\s*([A-Za-z_]+)\s*：")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml's fast parser where PyYAML has it) without implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ReadError(Exception):
    """A file could not be read as content. ``line`` and ``field`` say where, if known."""

    def __init__(self, message: str, line: int | None = None, field: str = ""):
        super().__init__(message)
        self.message, self.line, self.field = message, line, field


@dataclass(frozen=True)
class Document:
    """Parsed YAML data plus the line (1-based, in the file) of every key and list item."""

    data: Any
    lines: dict[tuple, int]

    def line(self, *path: Any) -> int | None:
        """Line of ``path`` (e.g. ``("images", 0, "src")``), or of its nearest parent."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is accepted), any line endings."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gbk")
            hint = "看起来是 GBK 编码（中文 Windows 的默认编码）。"
        except UnicodeDecodeError:
            pass
        raise ReadError(
            f"文件不是 UTF-8 编码。{hint}请用编辑器“另存为 UTF-8”，"
            f"或运行 iconv -f GBK -t UTF-8 旧文件 > 新文件 转换后再试",
            line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, first_line: int = 1) -> Document:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    _check_fullwidth_colons(text, first_line)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, first_line, text) from None
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}
    if node is not None:
        _collect_lines(node, (), first_line, lines)
    return Document(data, lines)


def split_front_matter(text: str) -> tuple[Document, str, int]:
    """Split a Markdown file into (front matter, body, line where the body starts)."""
    boundary = _BOUNDARY
    opening = boundary.match(text)
    if not opening:
        raise ReadError("文件开头没有 front matter：第一行应当是 ---，接着写 title: 等字段，再用一行 --- 结束", 1)
    closing = boundary.search(text, opening.end() + 1)
    if not closing:
        raise ReadError("front matter 没有结束：在字段之后、正文之前加一行 ---", 1)
    first_line = text.count("\n", 0, opening.end()) + 1
    doc = parse_yaml(text[opening.end():closing.start()], first_line)
    body_line = text.count("\n", 0, closing.end()) + 2
    return doc, text[closing.end():].lstrip("\n"), body_line


def _check_fullwidth_colons(text: str, first_line: int) -> None:
    for number, line in enumerate(text.split("\n")):
        match = _FULLWIDTH_KEY.match(line)
        if match:
            raise ReadError(
                "字段名后面用了全角冒号“：”，请改成半角冒号加空格，例如 title: 标题",
                first_line + number,
                match.group(1),
            )


def _yaml_error(exc: yaml.YAMLError, first_line: int, text: str = "") -> ReadError:
    if isinstance(exc, yaml.reader.ReaderError):  # NUL and other control characters (pasted from Word, PDFs…)
        at = text.find(chr(exc.character))  # exc.position counts bytes in libyaml, characters in PyYAML
        line = first_line + text.count("\n", 0, at) if at >= 0 else None
        return ReadError(f"这一行有看不见的控制字符（编码 {exc.character:#06x}），"
                         "请删掉这一行里多余的字符（可以把这一行删除后重新输入）", line)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    # An unclosed quote is reported at the end of the text; point at where it opened.
    mark = exc.context_mark if "quoted scalar" in context else getattr(exc, "problem_mark", None)
    line = first_line + mark.line if mark is not None else None
    bad = text.split("\n")[mark.line] if mark is not None and mark.line < text.count("\n") + 1 else ""
    tab_indent = "\t" in bad[:len(bad) - len(bad.lstrip())]  # libyaml just says "cannot start any token"
    if tab_indent or "\t" in problem or "'\\t'" in problem or "tab character" in problem:
        return ReadError("YAML 格式错误：这一行用了 Tab 缩进，请改用空格", line)
    hint = ""
    if "quoted scalar" in context or "end of stream" in problem:
        hint = "（可能是引号没有成对，检查这一行及上面几行的引号）"
    elif "mapping values" in problem:
        hint = "（值里有“: ”时，请给整个值加上引号）"
    elif "expected ':'" in problem or "could not find expected" in problem:
        hint = "（字段名和值之间要有半角冒号加空格，例如 page: 1）"
    else:
        hint = "（请检查这一行：字段名后面是半角冒号加空格，值里有 : # [ ] { } ! 等符号时给整个值加上引号）"
    return ReadError(f"YAML 格式错误：{problem}{hint}", line)


def _collect_lines(node: yaml.Node, path: tuple, first_line: int, lines: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = first_line + key.start_mark.line
            if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                if key.value in seen:  # PyYAML would silently keep the last one
                    where = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
                    raise ReadError(f"“{key.value}”写了两次（第{seen[key.value]}行和第{line}行），请删掉其中一个",
                                    line, f"{where}.{key.value}" if where else str(key.value))
                seen[key.value] = line
            child = path + (key.value,)
            lines.setdefault(child, first_line + key.start_mark.line)
            _collect_lines(value, child, first_line, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = first_line + item.start_mark.line
            _collect_lines(item, path + (index,), first_line, lines)
