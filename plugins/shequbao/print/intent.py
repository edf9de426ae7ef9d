"""The output intent (``./sqb print --output-intent 印厂.icc``): the print shop's CMYK ICC profile
written into the PDF with pikepdf, as PDF/X-4 does it, for the colours the paper is printed in.

- **/OutputIntents** in the catalog: one ``/OutputIntent`` with ``/S /GTS_PDFX``, the profile as
  ``/DestOutputProfile`` (a stream with ``/N 4``), ``/OutputConditionIdentifier`` and ``/Info``
  (the profile's own description, e.g. ``Japan Color 2001 Coated``), ``/RegistryName``.
- **/Trapped /False** in the document info: the PDF is not trapped (PDF/X asks to say so).

We ship no profile (their licences do not allow it): the editor gets one from the print shop.
The PDF does not claim to be PDF/X-4 (no ``GTS_PDFXVersion``): the photos are RGB (Typst writes
them as DeviceRGB, which PDF/X-4 allows only with a matching intent or an ICC profile), the XMP
has no PDF/X identification, and without ``--bleed`` there is no TrimBox. A preflight tool takes
it as an ordinary PDF that names the press condition; the print shop converts the photos to CMYK.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

from .fonts import PrintError

HEADER = 128
SPACES = {b"RGB ": "RGB（显示器、相机用）", b"GRAY": "灰度", b"Lab ": "Lab", b"XYZ ": "XYZ", b"CMY ": "CMY"}
CLASSES = {b"mntr": "显示器", b"scnr": "扫描仪", b"link": "设备链接", b"spac": "色彩空间转换", b"abst": "抽象",
           b"nmcl": "专色"}
REGISTRY = "http://www.color.org"
ASK = "请向印刷厂要他们印这份报纸用的 CMYK 配置文件（.icc，例如 Japan Color 2001 Coated、ISO Coated v2）"


@dataclass(frozen=True)
class Profile:
    """A CMYK output profile read from ``path``: its bytes and its description."""

    path: Path
    data: bytes
    name: str  # the profile's description, or the file name when it has none


def read_profile(path: Path) -> Profile:
    """The CMYK ICC profile at ``path``, or a PrintError naming the file and what to do."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PrintError(f"输出意图的 ICC 配置文件 {path} 读不出来（{error.strerror or error}）：{ASK}") from error
    if len(data) < HEADER + 4 or data[36:40] != b"acsp":
        raise PrintError(f"{path} 不是 ICC 配置文件（文件开头没有 ICC 的标记）：{ASK}")
    declared = struct.unpack(">I", data[:4])[0]
    if declared > len(data):
        raise PrintError(f"{path} 不完整：文件头写的是 {declared} 字节，实际只有 {len(data)} 字节（可能没下载完）：{ASK}")
    space, kind = data[16:20], data[12:16]
    if space != b"CMYK":
        what = SPACES.get(space, space.decode("latin-1").strip() or "未知")
        raise PrintError(f"{path} 是 {what} 的配置文件，印刷要 CMYK 的：{ASK}")
    if kind != b"prtr":
        what = CLASSES.get(kind, kind.decode("latin-1").strip() or "未知")
        raise PrintError(f"{path} 是{what}类的配置文件，不是印刷（输出设备）用的：{ASK}")
    return Profile(path, data[:declared], _description(data[:declared]) or path.stem)


def with_output_intent(pdf_bytes: bytes, profile: Profile) -> bytes:
    """``pdf_bytes`` with ``profile`` as its output intent (replacing any it had) and /Trapped /False."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        stream = pdf.make_stream(profile.data)
        stream.N = 4
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(profile.name), Info=pikepdf.String(profile.name),
            RegistryName=pikepdf.String(REGISTRY), DestOutputProfile=stream)
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        pdf.docinfo[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def _description(data: bytes) -> str:
    """The profile's ``desc`` tag: ICC v2 (``desc``, ASCII) or v4 (``mluc``, UTF-16, the first
    record); "" when it has none that can be read."""
    try:
        count = struct.unpack(">I", data[HEADER:HEADER + 4])[0]
        for index in range(min(count, 200)):
            sig, offset, size = struct.unpack(">4sII", data[HEADER + 4 + 12 * index:HEADER + 16 + 12 * index])
            if sig == b"desc":
                return _text(data[offset:offset + size])
    except struct.error:
        return ""
    return ""


def _text(tag: bytes) -> str:
    if tag[:4] == b"desc" and len(tag) >= 12:
        length = struct.unpack(">I", tag[8:12])[0]
        return tag[12:12 + length].split(b"\0")[0].decode("latin-1").strip()
    if tag[:4] == b"mluc" and len(tag) >= 28:
        length, offset = struct.unpack(">II", tag[20:28])
        return tag[offset:offset + length].decode("utf-16-be", "replace").strip("\0 ")
    return ""
