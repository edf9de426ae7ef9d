"""Reading content files: encodings, front matter, and YAML that is safe by construction and
remembers its lines.

- A file is checked by type before it is opened (a FIFO would block the build forever, a
  symlink may lead out of the paper) and by size (``MAX_TEXT_BYTES``).
- YAML aliases (``*name``) are refused, and so are documents of more than ``MAX_NODES`` nodes
  or ``MAX_DEPTH`` levels: an alias bomb or a deeply nested document is an error naming its
  line, in milliseconds, never minutes of work and a MemoryError.
- Keys are strings (``null:``, ``true:`` or ``1:`` as a key is an error naming it).
- Control characters and Unicode noncharacters are refused in fields (one problem per field,
  in :attr:`Document.problems`) and taken out of a Markdown body with a warning naming the line.

Dates stay strings here (the loader checks them itself, so ``2012-02-30`` is a clear
content error instead of a crash inside PyYAML).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import BaseHandler

from .yamlerrors import explain

MAX_TEXT_BYTES = 4 * 1024 * 1024  # an article, issue.yml or people.yml (the longest real article is ~50 KB)
MAX_NODES = 100_000  # keys, values and list items of one YAML document (people.yml of 10,000 people: ~60,000)
MAX_DEPTH = 20  # levels of nesting (the content model has at most 4)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_STR = "tag:yaml.org,2002:str"
_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # the --- lines around front matter (as Jekyll and MkDocs read them)
_FULLWIDTH_KEY = re.compile(r"^\s*-?\s*([A-Za-z_]+)\s*：")
# C0 controls but tab and newline, DEL, C1 controls (U+0085 too), lone surrogates, and the
# Unicode noncharacters (U+FDD0–U+FDEF and the last two code points of every plane): XML
# (feeds, sitemaps) cannot carry them, and no editor means to type them.
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
BAD_CHARACTERS = re.compile(f"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")


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
class Note:
    """A problem found while reading that does not stop the reading: a field with a control
    character (an error), or one taken out of the body (a warning)."""

    line: int | None
    field: str
    message: str
    severity: str = "error"


@dataclass(frozen=True)
class Document:
    """Parsed YAML data plus the line (1-based, in the file) of every key and list item."""

    data: Any
    lines: dict[tuple, int]
    problems: list[Note] = field(default_factory=list)

    def line(self, *path: Any) -> int | None:
        """Line of ``path`` (e.g. ``("images", 0, "src")``), or of its nearest parent."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM is accepted), any line endings. A file that is not a
    regular file (a symlink, a folder, a FIFO, a device), is too large or cannot be read is
    a :class:`ReadError` saying what to do; nothing but a regular file is ever opened."""
    raw = read_bytes(path, MAX_TEXT_BYTES)
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


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see :func:`read_text`)."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise ReadError(os_problem(exc, path)) from None
    kind = file_kind(info.st_mode)
    if kind:
        raise ReadError(f"这里是{kind}，不是普通文件：网站只读普通文件，请换成文件本身")
    if info.st_size > limit:
        raise ReadError(f"文件太大（{info.st_size / 1024 / 1024:.1f} MB，上限 {limit // 1024 // 1024} MB）："
                        "请检查是不是放错了文件，长文请拆成几篇")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReadError(os_problem(exc, path)) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced meanwhile
            raise ReadError("这里不是普通文件：网站只读普通文件，请换成文件本身")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"文件太大（上限 {limit // 1024 // 1024} MB）：请检查是不是放错了文件，长文请拆成几篇")
    return data


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words (``""`` for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISLNK(mode):
        return "符号链接（快捷方式）"
    if stat.S_ISDIR(mode):
        return "一个文件夹"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字（socket）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


def os_problem(exc: OSError, path: Path | str) -> str:
    """An error of the file system, as an editor can act on it."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return (f"没有权限读取（{exc.strerror}）：请让文件的主人运行 chmod a+r '{path}'"
                "（文件夹用 chmod a+rx），或用有权限的账号生成网站")
    if exc.errno == errno.ELOOP:
        return "这是符号链接（快捷方式），网站不跟随链接：请把文件本身放在这里"
    if exc.errno == errno.ENOENT:
        return "文件不见了（可能是失效的链接，或生成时被删除了）：请检查这个文件"
    return f"读不出这个文件（{exc.strerror or exc}）：请检查这个文件，或重新拷贝一份"


def parse_yaml(text: str, first_line: int = 1) -> Document:
    """Parse ``text`` whose first line is line ``first_line`` of its file."""
    _check_fullwidth_colons(text, first_line)
    _check_events(text, first_line)  # aliases, size and depth, before anything is built
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        notes: list[Note] = []
        if node is not None:
            _collect_lines(node, (), first_line, lines, notes)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, first_line, text) from None
    finally:
        loader.dispose()
    return Document(data, lines, notes)


class SafeYAMLHandler(BaseHandler):
    """python-frontmatter's handler for our files: its ``---`` boundaries and split, our safe YAML
    (:func:`parse_yaml`: no aliases, capped nodes and depth, string keys, every key's line)."""

    FM_BOUNDARY = _BOUNDARY
    START_DELIMITER = END_DELIMITER = "---"

    def load(self, fm: str, first_line: int = 2) -> Document:  # type: ignore[override]
        return parse_yaml(fm, first_line)

    def export(self, metadata, **kwargs) -> str:  # our files are written by their own templates
        raise NotImplementedError("shequbao reads front matter; it never writes it through python-frontmatter")


FRONT_MATTER = SafeYAMLHandler()


def split_front_matter(text: str) -> tuple[Document, str, int]:
    """Split a Markdown file into (front matter, body, line where the body starts), through
    python-frontmatter with :class:`SafeYAMLHandler`. Control characters are taken out of the
    body, each with a warning in the document's problems."""
    if not FRONT_MATTER.detect(text):
        raise ReadError("文件开头没有 front matter：第一行应当是 ---，接着写 title: 等字段，再用一行 --- 结束", 1)
    try:
        fm, body = FRONT_MATTER.split(text)
    except ValueError:  # no second boundary
        raise ReadError("front matter 没有结束：在字段之后、正文之前加一行 ---", 1) from None
    first_line = text.count("\n", 0, _BOUNDARY.match(text).end()) + 1
    doc = FRONT_MATTER.load(fm, first_line)
    start = len(text) - len(body)  # where the body starts: after the closing ---
    doc.problems.extend(body_notes(text, start))
    return doc, clean_body(body).lstrip("\n"), text.count("\n", 0, start) + 2


def body_notes(text: str, start: int = 0) -> list[Note]:
    """A warning for every line of ``text`` after ``start`` with a control character (which
    :func:`clean_body` takes out)."""
    notes: list[Note] = []
    for match in BAD_CHARACTERS.finditer(text, start):
        line = text.count("\n", 0, match.start()) + 1
        if not notes or notes[-1].line != line:  # one warning a line
            notes.append(Note(line, "正文", f"正文里有看不见的控制字符（编码 U+{ord(match.group()):04X}），"
                                           "网站已去掉它；请在编辑器里删掉这个字符", "warning"))
    return notes


def clean_body(text: str) -> str:
    """A Markdown body without control characters and noncharacters (as every page, feed and
    PDF gets it)."""
    return BAD_CHARACTERS.sub("", text)


def _check_events(text: str, first_line: int) -> None:
    """Refuse aliases, too many nodes and too deep nesting, reading only the parser's events."""
    loader = _Loader(text)
    nodes = depth = 0
    try:
        while (event := loader.get_event()) is not None:
            line = first_line + event.start_mark.line if event.start_mark is not None else None
            if isinstance(event, yaml.AliasEvent):
                raise ReadError(f"YAML 里不能用别名（*{event.anchor}）：请把内容直接写出来", line)
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise ReadError(f"YAML 太大（超过 {MAX_NODES} 项）：请检查是不是放错了文件", line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ReadError(f"YAML 嵌套太深（超过 {MAX_DEPTH} 层）：请检查缩进和括号", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, first_line, text) from None
    finally:
        loader.dispose()


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
    # An unclosed quote or bracket is reported where the text ends, a line without its colon at
    # the next one: point at where the quote or bracket opened, at the line itself.
    opened = any(words in context for words in ("quoted scalar", "simple key", "flow sequence", "flow mapping"))
    mark = exc.context_mark if opened else getattr(exc, "problem_mark", None)
    line = first_line + mark.line if mark is not None else None
    bad = text.split("\n")[mark.line] if mark is not None and mark.line < text.count("\n") + 1 else ""
    tab_indent = "\t" in bad[:len(bad) - len(bad.lstrip())]  # libyaml just says "cannot start any token"
    if tab_indent or "\t" in problem or "'\\t'" in problem or "tab character" in problem:
        return ReadError("YAML 格式错误：这一行用了 Tab 缩进，请改用空格", line)
    return ReadError(f"YAML 格式错误：{explain(problem, context)}", line)


def _describe(path: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _collect_lines(node: yaml.Node, path: tuple, first_line: int, lines: dict, notes: list[Note]) -> None:
    if isinstance(node, yaml.ScalarNode):
        bad = BAD_CHARACTERS.search(node.value)
        if bad:
            notes.append(Note(first_line + node.start_mark.line, _describe(path),
                              f"有看不见的控制字符或非字符（编码 U+{ord(bad.group()):04X}），"
                              "请删掉这个字段里多余的字符（可以删掉后重新输入）"))
    elif isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = first_line + key.start_mark.line
            if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
                written = key.value if isinstance(key, yaml.ScalarNode) else ""
                where = _describe(path + (written,)) if written else _describe(path)
                what = "列表或表" if not isinstance(key, yaml.ScalarNode) else f"“{written}”（YAML 把它读成了{_tag_name(key.tag)}）"
                raise ReadError(f"字段名不能是{what}：字段名应当是文字，例如 title；"
                                f"要用它作文字请加引号，例如 \"{written or '字段名'}\":", line, where)
            if key.value in seen:  # PyYAML would silently keep the last one
                raise ReadError(f"“{key.value}”写了两次（第{seen[key.value]}行和第{line}行），请删掉其中一个",
                                line, _describe(path + (key.value,)))
            seen[key.value] = line
            child = path + (key.value,)
            lines.setdefault(child, line)
            _collect_lines(key, child, first_line, lines, notes)
            _collect_lines(value, child, first_line, lines, notes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = first_line + item.start_mark.line
            _collect_lines(item, path + (index,), first_line, lines, notes)


def _tag_name(tag: str) -> str:
    return {"tag:yaml.org,2002:null": "空值", "tag:yaml.org,2002:bool": "真假值", "tag:yaml.org,2002:int": "数字",
            "tag:yaml.org,2002:float": "数字"}.get(tag, "非文字")


def body_first_line(path: Path, body: str) -> int:
    """The line of its file where ``body`` (the text after the front matter) starts."""
    try:
        text = read_text(path)
    except ReadError:
        return 1
    return text[: len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1
