"""A Word file (.docx) as the importer's lines, read with python-docx.

A Word paragraph is one line of the text reader, numbered by its place (第N段), with what Word
knows and a text file does not:

- a paragraph styled as a heading (标题 1, Heading 2, Title) is a Markdown heading of its level;
- a short paragraph set all in bold, without a sentence's end, stands apart (a headline
  candidate, like a line with blank lines around it in a text file); in a file whose headlines
  are styled as headings it is marked like them (the text reader then trusts the marks alone);
- a picture in a paragraph is a photo, its caption the short paragraph right under it;
- the paragraphs of a table are read cell by cell.

An old Word file (.doc, .wps) is not a .docx: ``reading`` refuses it with what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import furniture, masthead
from .issue import UserError
from .pdf.images import Picture
from .structure import Line
from .reflow import MD_HEADING

MAX_DOCX_BYTES = 64 * 1024 * 1024  # photos make a .docx large; its text is what counts
HEADLINE_MAX = 40  # characters of a bold paragraph that can be a headline
CAPTION_MAX = 80  # characters of the paragraph under a picture that can be its caption
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_SENTENCE_END = tuple("。！？；…")
_CREDIT = re.compile(r"[\u3400-\u9fff·]{2,6}\s*摄\s*$")
_EXT = {"image/jpeg": "jpg", "image/png": "png"}


def read_docx(path: Path) -> list[Line]:
    """The lines of the Word file at ``path``; a :class:`UserError` when it cannot be read."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if path.stat().st_size > MAX_DOCX_BYTES:
        raise UserError(f"{path} 有 {path.stat().st_size // 1024 // 1024} MB，超过了 Word 文件导入的上限 "
                        f"{MAX_DOCX_BYTES // 1024 // 1024} MB。请把照片另外保存，文字另存为 .txt 再导入。")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise UserError(f"{path} 打不开，不是完整的 Word（.docx）文件（{type(exc).__name__}）。"
                        "请用 Word 打开后重新“另存为”.docx，或另存为纯文本（UTF-8）再导入。") from None
    paragraphs = list(_paragraphs(document))
    levels = [_level(p) for p in paragraphs if p.text.strip()]
    top = min((n for n in levels if n), default=0)  # headlines marked by style: a bold one is marked too
    lines: list[Line] = []
    gap = 0
    taken = set()
    for no, para in enumerate(paragraphs, start=1):
        if no in taken:
            continue
        text = para.text.strip()
        pictures = _pictures(para, document)
        if pictures:
            caption, used = _caption(paragraphs, no)
            taken.update(used)
            item = _stands_alone(paragraphs, max(used, default=no))
            lines += [Line(no, caption, gap=2 if item else max(gap, 1), hint="figure", picture=Picture(data, ext, 1))
                      for data, ext in pictures]
            gap = 0
            continue
        if not text:
            gap += 1
            continue
        lines.append(_line(no, text, gap, para, top))
        gap = 0
    return lines


def _paragraphs(document):
    """Every paragraph in reading order, a table's cell by cell."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield block


def _level(para) -> int:
    """The heading level of a paragraph's style (标题 1, Heading 2, Title), else 0."""
    style = ((para.style.name if para.style is not None else "") or "").strip()
    if match := _HEADING_STYLE.match(style):
        return min(int(match[1]), 6)
    return 1 if style.lower() in ("title", "标题") else 0


def _line(no: int, text: str, gap: int, para, top: int) -> Line:
    level = _level(para)
    if not level and top and _headline(para, text):
        level = top
    if level and not MD_HEADING.match(text):
        return Line(no, f"{'#' * level} {text}", gap, level=level)
    if _headline(para, text):
        return Line(no, text, max(gap, 1))  # stands apart, like a headline in a text file
    return Line(no, text, gap)


def _headline(para, text: str) -> bool:
    """A short paragraph all in bold, without a sentence's end."""
    return _bold(para) and len(text) <= HEADLINE_MAX and not text.endswith(_SENTENCE_END)


def _bold(para) -> bool:
    runs = [run for run in para.runs if run.text.strip()]
    return bool(runs) and all(run.bold or (run.style is not None and run.style.font.bold) for run in runs)


def _pictures(para, document=None) -> list[tuple[bytes, str]]:
    """The JPEG and PNG pictures placed in a paragraph (others are left out)."""
    found = []
    for rid in para._element.xpath(".//a:blip/@r:embed"):
        part = (document or para).part.related_parts.get(rid)
        ext = _EXT.get(getattr(part, "content_type", ""))
        if part is not None and ext:
            found.append((part.blob, ext))
    return found


def _caption(paragraphs: list, no: int) -> tuple[str, list[int]]:
    """The short paragraph right under the picture of paragraph ``no`` (not a heading, not bold),
    with the photographer's credit under it (``■许文涛 摄``), and the numbers of the paragraphs used."""
    text, used = "", []
    for after in range(no + 1, min(no + 3, len(paragraphs) + 1)):
        para = paragraphs[after - 1]
        line = para.text.strip()
        if not line or len(line) > CAPTION_MAX or _level(para) or _headline(para, line) or _pictures(para, None):
            break
        if used and not _CREDIT.search(line):
            break
        text, used = f"{text} {line}".strip(), used + [after]
        if _CREDIT.search(line):
            break
    return text, used


def _stands_alone(paragraphs: list, last: int) -> bool:
    """A picture with its caption is a photo item of its own when a headline, the page's end (its
    editor, footer, the next 版) or nothing follows."""
    for para in paragraphs[last:]:
        line = para.text.strip()
        if line:
            return bool(_level(para) or _headline(para, line) or masthead.page_marker(line) or masthead.editor(line)
                        or furniture.editor_line(line) is not None or furniture.is_furniture(line, False))
    return True
