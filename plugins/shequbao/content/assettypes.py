"""Which files of ``content/assets/`` may be published as they are, judged by their content.

A file there is copied into the site byte for byte, at the paper's own address: what runs in a
reader's browser there (a page, a script, an SVG) could read and change everything on the
paper's site, and a photo carries where and with what it was taken. So:

- refused by name, with the reason: pages and scripts (``.html .htm .xhtml .shtml .js .mjs
  .cjs .xml .xsl``) and SVG;
- a picture is found by its first bytes, whatever its name (``.jfif``, ``.jpe``, ``.tif``,
  ``.jpg.bak``, none): any EXIF (GPS position, camera), XMP, IPTC or comment is refused naming
  what it carries; HEIC/HEIF (a phone's photos, which browsers do not show) and TIFF too;
- everything else must be of a published type (:data:`PUBLISHED`) and be what its name says
  (a ``.pdf`` starts like a PDF, a ``.docx`` is a zip …); a text (``.css .txt .csv``) must not
  be a web page under another name.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

SCRIPTS = {".html": "网页", ".htm": "网页", ".xhtml": "网页", ".xht": "网页", ".shtml": "网页", ".xml": "XML 文件",
           ".xsl": "XML 样式表", ".xslt": "XML 样式表", ".js": "脚本", ".mjs": "脚本", ".cjs": "脚本"}
SVG = (".svg", ".svgz")
# what assets/ publishes, by suffix → what the content must be
PUBLISHED = {
    ".css": "text", ".txt": "text", ".csv": "text",
    ".woff": "woff", ".woff2": "woff2", ".ttf": "truetype", ".otf": "opentype",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".gif": "image", ".webp": "image", ".avif": "image",
    ".ico": "image", ".bmp": "image",
    ".pdf": "pdf", ".rtf": "rtf",
    ".doc": "ole", ".xls": "ole", ".ppt": "ole", ".wps": "ole", ".et": "ole", ".dps": "ole",
    ".docx": "zip", ".xlsx": "zip", ".pptx": "zip", ".odt": "zip", ".ods": "zip", ".odp": "zip", ".zip": "zip",
    ".7z": "7z", ".rar": "rar",
}
KIND_NAMES = {"text": "文字", "woff": "WOFF 字体", "woff2": "WOFF2 字体", "truetype": "TrueType 字体",
              "opentype": "OpenType 字体", "image": "图片", "pdf": "PDF", "rtf": "RTF 文档", "ole": "Office 文档",
              "zip": "Office 文档或 zip 压缩包", "7z": "7z 压缩包", "rar": "RAR 压缩包", "markup": "HTML/XML 网页",
              "heif": "HEIC/HEIF 照片"}
LIST = "样式表 .css，字体 .woff2 .woff .ttf .otf，图片 .jpg .png .gif .webp .avif .ico .bmp（不带拍摄信息），" \
       "PDF，Office/WPS 文档 .doc .docx .xls .xlsx .ppt .pptx .wps .et .odt .ods .rtf，文字 .txt .csv，压缩包 .zip .7z .rar"
MAGIC = [  # (offset, bytes, kind)
    (0, b"\xff\xd8\xff", "image"), (0, b"\x89PNG\r\n\x1a\n", "image"), (0, b"GIF87a", "image"), (0, b"GIF89a", "image"),
    (0, b"II*\x00", "image"), (0, b"MM\x00*", "image"), (0, b"BM", "image"), (0, b"\x00\x00\x01\x00", "image"),
    (0, b"\x00\x00\x00\x0cjP  ", "image"), (0, b"\xff\x4f\xff\x51", "image"),
    (0, b"wOFF", "woff"), (0, b"wOF2", "woff2"), (0, b"\x00\x01\x00\x00", "truetype"), (0, b"true", "truetype"),
    (0, b"ttcf", "truetype"), (0, b"OTTO", "opentype"), (0, b"{\\rtf", "rtf"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"), (0, b"PK\x03\x04", "zip"), (0, b"PK\x05\x06", "zip"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"), (0, b"Rar!\x1a\x07", "rar"),
]
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1", b"avif", b"avis"}
MARKUP = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\s*(?:[!?]|html|head|body|script|svg|iframe|meta|div|a\s|img|xml)", re.IGNORECASE)
TEXT_LIMIT = 16 * 1024 * 1024
NOT_A_PICTURE = "not a picture"


def sniff(head: bytes) -> str | None:
    """What the first bytes of a file say it is (a key of :data:`KIND_NAMES`), or None."""
    for offset, magic, kind in MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return kind
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "image" if head[8:12] in (b"avif", b"avis") else "heif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if MARKUP.match(head):
        return "markup"
    return None


def judge(path: Path, name: str) -> str | None:
    """Why the file ``path`` (shown as ``name``) may not be published as it is, or None."""
    suffix = Path(name).suffix.lower()
    if suffix in SVG:
        return "网站不发布 SVG 图片（SVG 里可以藏脚本）：请另存为 PNG 后再放进 assets/"
    if suffix in SCRIPTS:
        return (f"网站不发布 assets/ 里的{SCRIPTS[suffix]}（{suffix}）：它会在本报的网址下运行脚本，能读取、篡改读者看到的网页。"
                f"要发布的文字请写成稿件（.md）；需要的功能请交给技术人员加进网站的主题")
    with open(path, "rb") as file:
        head = file.read(4096)
    kind = sniff(head)
    if kind == "heif":
        return ("这是 HEIC/HEIF 照片（手机拍的原图，通常带拍摄地点）：浏览器显示不了，也不能原样发布。"
                "照片请放进某一期的 images/ 文件夹并写进稿件；图标、标志请另存为不带信息的 PNG 或 JPEG")
    if kind == "image":
        verdict = _judge_picture(path, name)
        if verdict is not NOT_A_PICTURE:
            return verdict
        kind = None
    expected = PUBLISHED.get(suffix)
    if expected is None:
        return f"assets/ 只原样发布这些类型的文件：{LIST}。“{suffix or '没有扩展名'}”不在其中：请换成上面的格式，或不要放在 assets/ 里"
    if expected == "text":
        return _judge_text(path, kind, suffix)
    if kind != expected and not (expected == "truetype" and kind == "opentype"):
        said = f"像是{KIND_NAMES[kind]}" if kind else "认不出是什么文件"
        return (f"文件名是 {suffix}，内容却不是{KIND_NAMES[expected]}（{said}）：请用原来的软件重新导出或另存，"
                "再放进 assets/")
    return None


def _judge_text(path: Path, kind: str | None, suffix: str) -> str | None:
    if kind == "markup":
        return (f"文件名是 {suffix}，内容却是 HTML/XML 网页：网站不原样发布网页（它会在本报的网址下运行脚本）。"
                "要发布的文字请写成稿件（.md）")
    if kind is not None:
        return f"文件名是 {suffix}，内容却是{KIND_NAMES[kind]}：请改成正确的扩展名，或换成{KIND_NAMES['text']}文件"
    data = Path(path).read_bytes()[:TEXT_LIMIT]
    if b"\x00" in data:
        return f"文件名是 {suffix}，内容却不是文字（有二进制数据）：请换成正确的文件"
    encodings = ("utf-8-sig",) if suffix == ".css" else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            data.decode(encoding)
            return None
        except UnicodeDecodeError:
            continue
    return f"{suffix} 文件不是 UTF-8 编码：请用文本编辑器另存为 UTF-8"


def _judge_picture(path: Path, name: str) -> str | None:
    """A picture (found by its content): no metadata, a format browsers show, a picture's name;
    :data:`NOT_A_PICTURE` when it only began like one."""
    suffix = Path(name).suffix.lower()
    found, image_format = picture_metadata(path)
    if not image_format:
        if PUBLISHED.get(suffix) == "image":
            return "这张图片已损坏或无法识别：请用图片软件打开，另存为 PNG 或 JPEG 后再放进 assets/"
        return NOT_A_PICTURE
    if found:
        return (f"这张图片带有拍摄信息（{found}），assets/ 里的文件原样发布，会把它们一起发布出去：照片请放进某一期的 images/ "
                "文件夹并写进稿件（网站会生成去掉信息的版本）；图标、标志请用图片软件另存为不带信息的 PNG")
    if image_format in ("TIFF", "JPEG2000"):
        return f"这是 {image_format} 图片，浏览器显示不了：请用图片软件另存为 PNG 或 JPEG"
    if PUBLISHED.get(suffix) != "image":
        better = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp",
                  "ICO": ".ico", "AVIF": ".avif"}.get(image_format, ".png")
        return (f"这是一张 {image_format or '无法识别的'} 图片，文件名却以“{suffix or '（没有扩展名）'}”结尾："
                f"请改名为 {_stem(name)}{better}")
    return None


def _stem(name: str) -> str:
    """The name without its suffixes: xianchang.jpg.bak → xianchang, my.photo.jfif → my.photo."""
    stem = Path(name).stem
    return Path(stem).stem if PUBLISHED.get(Path(stem).suffix.lower()) == "image" else stem


STRUCTURE_TAGS = {254, 255, 256, 257, 258, 259, 262, 266, 273, 274, 277, 278, 279, 280, 281, 282, 283, 284, 296, 317,
                  318, 319, 320, 322, 323, 324, 325, 338, 339, 340, 341, 529, 530, 531, 532}
_INFO_KEYS = {"exif": "EXIF", "xmp": "XMP", "XML:com.adobe.xmp": "XMP", "photoshop": "IPTC", "iptc": "IPTC",
              "comment": "注释", "Comment": "注释", "Description": "注释"}


def picture_metadata(path: Path) -> tuple[str, str]:
    """The kinds of metadata a picture file carries (``"EXIF、GPS 位置、XMP"``, ``""`` for none),
    and its format as Pillow names it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a damaged EXIF block is still EXIF: say so, not Pillow's warning
            with Image.open(path) as image:
                return "、".join(dict.fromkeys(_metadata_of(image))), image.format or ""
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, Image.DecompressionBombError):
        return "无法识别的内容", ""


def _metadata_of(image) -> list[str]:
    found = []
    exif = image.getexif()
    if set(exif) - STRUCTURE_TAGS or image.info.get("exif"):
        found.append("EXIF")
    if 0x8825 in exif:
        found.append("GPS 位置")
    camera = exif.get(0x0110) or exif.get(0x010F)
    if camera:
        found.append(f"相机 {str(camera).strip()[:40]}")
    found += [name for key, name in _INFO_KEYS.items() if image.info.get(key)]
    if 700 in exif:
        found.append("XMP")
    if getattr(image, "text", None):
        found.append("文字注释")
    return found
