"""An article's Markdown as plain data for the Typst program: blocks of inline runs.

The body goes through the site's own Markdown extensions; the element tree (before it is
serialised to HTML) is walked into a small structure, so that nothing an editor writes is
ever pasted into Typst syntax:

- a block is ``{"t": "p" | "h" | "li" | "quote", "runs": [...], "first": bool}``; ``first``
  is false on a paragraph continued from another 版 (no indent);
- a run is ``{"s": text, "b": bold, "i": italic, "u": link}`` or ``{"br": true}``.

Photos put in the text (``![说明](images/a.jpg)``) are taken out of the flow and returned
apart: the print edition sets them with the story's other photos.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "md_in_html")

_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_SPACES = re.compile(r"[ \t\r\n]+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CODE_BLOCK = re.compile(r"\s*<(pre|div class=\"highlight\")[\s>]")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class MarkdownSetup:
    """The site's Markdown extensions (names or objects) and their settings."""

    extensions: tuple[Any, ...] = DEFAULT_EXTENSIONS
    configs: dict[str, dict] = field(default_factory=dict)

    def key(self) -> str:
        names = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__name__}" for e in self.extensions]
        return json.dumps([names, self.configs], sort_keys=True, ensure_ascii=False, default=_stable)

    def parse(self, text: str) -> tuple[list[dict], list[tuple[str, str]]]:
        """``text`` as (blocks, photos in the text as (src, alt))."""
        names = [e for e in self.extensions if isinstance(e, str)]
        objects = [e for e in self.extensions if not isinstance(e, str)]
        grab = _GrabTree()
        md = markdown.Markdown(extensions=[*names, *objects, grab], extension_configs=self.configs)
        md.convert(text)
        walker = _Walker(md.htmlStash.rawHtmlBlocks)
        walker.walk_blocks(grab.root)
        return walker.blocks, walker.photos


def plain_text(blocks: list[dict]) -> str:
    """The characters of ``blocks``, without breaks (for counting and checks)."""
    return "".join(run.get("s", "") for block in blocks for run in block["runs"])


def split_blocks(blocks: list[dict], keep: int) -> tuple[list[dict], list[dict]]:
    """``blocks`` cut after ``keep`` characters of text (at a block boundary when the cut falls
    there, else inside the block's runs; the tail's first block is marked as continued)."""
    head: list[dict] = []
    for index, block in enumerate(blocks):
        length = len(plain_text([block]))
        if keep <= 0:
            return head, blocks[index:]
        if length <= keep:
            head.append(block)
            keep -= length
            continue
        first, rest = _split_runs(block["runs"], keep)
        head.append({**block, "runs": first})
        return head, [{**block, "runs": rest, "first": False}, *blocks[index + 1:]]
    return head, []


def _split_runs(runs: list[dict], keep: int) -> tuple[list[dict], list[dict]]:
    first: list[dict] = []
    for index, run in enumerate(runs):
        text = run.get("s", "")
        if keep <= 0:
            return first, runs[index:]
        if len(text) <= keep:
            first.append(run)
            keep -= len(text)
            continue
        first.append({**run, "s": text[:keep]})
        return first, [{**run, "s": text[keep:]}, *runs[index + 1:]]
    return first, []


class _GrabTree(Extension):
    """Keeps the element tree after the inline patterns ran (the last tree processor)."""

    def __init__(self):
        super().__init__()
        self.root: ET.Element | None = None

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Keep(md, self), "sqb-keep-tree", -1000)


class _Keep(Treeprocessor):
    def __init__(self, md, owner: _GrabTree):
        super().__init__(md)
        self.owner = owner

    def run(self, root):
        self.owner.root = root
        return None


class _Walker:
    """Element tree → blocks. Raw HTML tags are dropped (their text stays), entities decoded."""

    def __init__(self, stash: list[str]):
        self.stash = stash
        self.blocks: list[dict] = []
        self.photos: list[tuple[str, str]] = []

    def walk_blocks(self, element: ET.Element | None) -> None:
        if element is None:
            return
        for child in element:
            self.walk_block(child)

    def walk_block(self, element: ET.Element, kind: str = "p") -> None:
        tag = element.tag
        code = self.stashed_code(element) if tag == "p" else None
        if code is not None:  # a fenced code block, stashed as HTML
            self.code_lines(code)
        elif tag in ("p", *_HEADINGS):
            self.add(("h" if tag in _HEADINGS else kind), element)
        elif tag in ("ul", "ol"):
            for number, item in enumerate(element.findall("li"), start=1):
                mark = f"{number}. " if tag == "ol" else "• "
                self.add_item(item, mark)
        elif tag == "blockquote":
            for child in element:
                self.walk_block(child, "quote")
        elif tag == "table":
            for row in element.iter("tr"):
                cells = ["".join(self.text_of(cell)) for cell in row]
                self.blocks.append({"t": "row", "runs": [{"s": "　".join(c.strip() for c in cells)}], "first": True})
        elif tag == "pre":  # an indented code block: its text is escaped (&lt;) like a code span's
            self.code_lines(html.unescape("".join(element.itertext())))
        elif tag == "img":
            self.photos.append((element.get("src", ""), element.get("alt", "")))
        elif tag == "hr":
            return
        else:  # div, section, details …: their children
            if (element.text or "").strip():
                self.blocks.append({"t": kind, "runs": [{"s": self.clean(element.text)}], "first": True})
            for child in element:
                self.walk_block(child, kind)

    def code_lines(self, text: str) -> None:
        for line in text.strip("\n").splitlines():
            if line.strip():
                self.blocks.append({"t": "quote", "runs": [{"s": line}], "first": True})

    def stashed_code(self, element: ET.Element) -> str | None:
        """The text of a fenced code block (``fenced_code`` stashes ``<pre><code>…`` as raw HTML
        and leaves a paragraph holding only its placeholder), else None."""
        match = _PLACEHOLDER.fullmatch((element.text or "").strip())
        if match is None or len(element) or int(match.group(1)) >= len(self.stash):
            return None
        raw = self.stash[int(match.group(1))]
        if not _CODE_BLOCK.match(raw):
            return None
        return html.unescape(_TAG.sub("", raw))

    def add_item(self, item: ET.Element, mark: str) -> None:
        nested = [child for child in item if child.tag in ("p", "ul", "ol")]
        if nested and nested[0].tag == "p":
            runs = self.runs(nested[0])
            rest = nested[1:]
        else:
            runs = self.runs(item, skip=("ul", "ol"))
            rest = [child for child in item if child.tag in ("ul", "ol")]
        self.push("li", [{"s": mark}, *runs])
        for child in rest:
            self.walk_block(child, "li")

    def add(self, kind: str, element: ET.Element) -> None:
        self.push(kind, self.runs(element))

    def push(self, kind: str, runs: list[dict]) -> None:
        runs = _trim(runs)
        if any(run.get("s") for run in runs):
            self.blocks.append({"t": kind, "runs": runs, "first": True})

    def runs(self, element: ET.Element, style: dict | None = None, skip: tuple = ()) -> list[dict]:
        style = style or {}
        out: list[dict] = []
        if element.text:
            out.append({"s": self.clean(element.text), **style})
        for child in element:
            if child.tag in skip:
                continue
            out.extend(self.inline(child, style))
            if child.tail:
                out.append({"s": self.clean(child.tail), **style})
        return [run for run in out if run.get("s") or run.get("br")]

    def inline(self, child: ET.Element, style: dict) -> list[dict]:
        tag = child.tag
        if tag == "br":
            return [{"br": True}]
        if tag == "img":
            self.photos.append((child.get("src", ""), child.get("alt", "")))
            return []
        if tag in ("strong", "b"):
            return self.runs(child, {**style, "b": True})
        if tag in ("em", "i"):
            return self.runs(child, {**style, "i": True})
        if tag == "a":
            return self.runs(child, {**style, "u": child.get("href", "")})
        if tag in ("code", "kbd", "samp"):  # Markdown escapes a code span's text (a&lt;b): print it as typed
            return [{"s": html.unescape(self.clean(child.text or "")), **style}] if child.text else []
        return self.runs(child, style)  # span, del, sup …: their text

    def text_of(self, element: ET.Element) -> list[str]:
        return [run.get("s", "") for run in self.runs(element)]

    def clean(self, text: str) -> str:
        text = _PLACEHOLDER.sub(self.unstash, text)
        return _SPACES.sub(" ", text)

    def unstash(self, match: re.Match) -> str:
        index = int(match.group(1))
        raw = self.stash[index] if index < len(self.stash) else ""
        return html.unescape(raw) if raw.startswith("&") else ""


def _trim(runs: list[dict]) -> list[dict]:
    """No space at the start or end of a block, none around a line break."""
    runs = [dict(run) for run in runs]
    for index, run in enumerate(runs):
        if "s" in run and (index == 0 or runs[index - 1].get("br")):
            run["s"] = run["s"].lstrip()
        if "s" in run and (index == len(runs) - 1 or runs[index + 1].get("br")):
            run["s"] = run["s"].rstrip()
    return [run for run in runs if run.get("s") or run.get("br")]


def _stable(value: Any) -> str:
    """A name for a setting JSON cannot write (a function in pymdownx settings) that is the same
    in every run, unlike its repr with a memory address."""
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"
