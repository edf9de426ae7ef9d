"""The input file: plain text (UTF-8 or GB18030) or a PDF, within the size limits."""

from __future__ import annotations

from pathlib import Path

from .issue import UserError
from .segment import segment, segment_lines
from .structure import Parsed

# One issue is 30,000–100,000 characters (0.1–0.3 MB of UTF-8); a whole year of a weekly
# is 5–15 MB. Larger texts are refused before they are read (memory stays flat).
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_TEXT_MB = MAX_TEXT_BYTES // (1024 * 1024)


def read_issue(path: Path, page: int = 1) -> Parsed:
    """Read and cut ``path`` into articles; a :class:`UserError` says what is wrong."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            magic = handle.read(5)
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}，请检查路径。") from None
    except OSError as exc:
        raise UserError(f"读不了文件 {path}：{exc}") from None
    if magic.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or path.suffix.lower() in (".docx", ".doc", ".wps"):
        raise UserError(word_file_message(path))
    if magic == b"%PDF-" or path.suffix.lower() == ".pdf":
        from .pdf import read_pdf

        lines, facts = read_pdf(path)
        parsed = segment_lines(lines, page, unit="页")
        facts.apply(parsed)
        return parsed
    if size > MAX_TEXT_BYTES:
        raise UserError(
            f"{path} 有 {size / 1024 / 1024:.0f} MB，超过了一次导入的上限 {MAX_TEXT_MB} MB"
            f"（一期报纸的文字通常不到 1 MB）。请按期拆成几个文件，每期导入一次。"
        )
    return segment(decode(path, path.read_bytes()), page)


def word_file_message(path: Path) -> str:
    return (f"{path} 是 Word（或 WPS）文件，不是纯文本，导入不了。请用 Word 打开它，"
            f"“文件 → 另存为”，保存类型选“纯文本 (*.txt)”，编码选 UTF-8，再导入那个 .txt 文件；"
            f"也可以先“另存为”PDF，直接导入 PDF。")


def decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM: Notepad's "Unicode"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"{path} 开头标着 UTF-16（记事本的“Unicode”），但内容不是完整的 UTF-16，"
                            "请用记事本“另存为”，编码选 UTF-8，再导入。") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"{path} 既不是 UTF-8 也不是 GB18030 编码，请先另存为 UTF-8。")
