"""The input file: plain text (UTF-8, GB18030, Big5, UTF-16), a Word file (.docx) or a PDF, within the size limits."""

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
    if magic.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":  # Word 2007 and later: a zip of XML
        from .word import read_docx

        parsed = segment_lines(read_docx(path), page, unit="段")
        parsed.warnings.insert(0, (1, "这是 Word 文件：按段落读取（报告里的位置是第几段），标题样式和单独一段的粗体字当作标题"))
        return parsed
    if magic.startswith(b"\xd0\xcf\x11\xe0") or path.suffix.lower() in (".doc", ".wps"):
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
    data = path.read_bytes()
    encoding = detect(path, data)
    parsed = segment(data.decode(encoding), page)
    if encoding == BIG5:
        parsed.warnings.insert(0, (1, "这个文件是 Big5（繁体中文）编码，已按 Big5 读取：稿件是繁体字，请核对，需要时转成简体"))
    return parsed


def word_file_message(path: Path) -> str:
    """An old Word (.doc) or WPS file: python-docx reads only .docx."""
    return (f"{path} 是旧的 Word（.doc）或 WPS 文件，导入不了。请用 Word 或 WPS 打开它，“文件 → 另存为”，"
            f"保存类型选“Word 文档 (*.docx)”再导入；也可以另存为“纯文本 (*.txt)”（编码选 UTF-8）或 PDF，直接导入。")


def decode(path: Path, data: bytes) -> str:
    return data.decode(detect(path, data))


def detect(path: Path, data: bytes) -> str:
    """The encoding of a text file: UTF-8, GB18030 (GBK, GB2312), or Big5 (traditional, from
    Taiwan or Hong Kong) — Big5 bytes are mostly valid GB18030 too, and read as such they are
    mojibake: rare characters outside GB2312 wherever Big5's second byte is below 0x7F. UTF-16
    with a BOM is Notepad's "Unicode"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data.decode("utf-16")
            return "utf-16"
        except UnicodeDecodeError:
            raise UserError(f"{path} 开头标着 UTF-16（记事本的“Unicode”），但内容不是完整的 UTF-16，"
                            "请用记事本“另存为”，编码选 UTF-8，再导入。") from None
    try:
        data.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    as_gb = _decoded(data, "gb18030")
    if _decoded(data, BIG5) is not None and (as_gb is None or _odd_share(as_gb) > 0.1):
        return BIG5
    if as_gb is not None:
        return "gb18030"
    raise UserError(f"{path} 既不是 UTF-8，也不是 GB18030（GBK）或 Big5 编码，读不出文字：请用文本编辑器另存为 UTF-8 后再导入。")


BIG5 = "cp950"  # Big5 as Windows writes it


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


ODD = ((0x3040, 0x30FF), (0x0370, 0x04FF), (0x2500, 0x257F), (0xFE30, 0xFE6F))  # kana, Greek, Cyrillic, box lines, small forms


def _odd_share(text: str) -> float:
    """The share of the non-ASCII characters of ``text`` that everyday simplified Chinese does
    not use: Chinese characters outside GB2312 (its 6,763), kana, Greek, Cyrillic, box symbols,
    small forms. Big5 read as GB18030 is full of them; a real GB text has next to none."""
    wide = [c for c in text if ord(c) > 0x7F and not c.isspace()]
    if not wide:
        return 0.0
    odd = 0
    for c in wide:
        code = ord(c)
        if any(low <= code <= high for low, high in ODD):
            odd += 1
        elif "\u3400" <= c <= "\u9fff":
            try:
                c.encode("gb2312")
            except UnicodeEncodeError:
                odd += 1
    return odd / len(wide)
