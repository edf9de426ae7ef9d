"""What leaves content/ (content/sources.py): the folder listed without following a link,
special files refused before anything is opened, and the verdict on every file MkDocs finds."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from shequbao.content.assettypes import picture_metadata
from shequbao.content.sources import Verdict, scan_content

ISSUE = "issues/2025-09"


def write(root: Path, rel: str, data: str | bytes = "") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def clean_png(path: Path, **save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 32), (200, 30, 30)).save(path, "PNG", **save)
    return path


def camera_jpeg(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010F] = "Canon"  # Make
    exif[0x0110] = "EOS 5D"  # Model
    Image.new("RGB", (32, 32), (30, 120, 30)).save(path, "JPEG", exif=exif.tobytes())
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A paper's content folder: two issues, people.yml, the editors' pages and assets/."""
    root = tmp_path / "content"
    write(root, "index.md", "---\ntitle: 首页\n---\n")
    write(root, "about.md", "---\ntitle: 关于本报\n---\n")
    write(root, "people.yml", "陈玲:\n  title: 本报记者\n")
    write(root, f"{ISSUE}/issue.yml", "number: 128\ndate: 2025-09-25\n")
    write(root, f"{ISSUE}/fanghuo.md", "---\ntitle: 桂园街道召开秋季防火动员会\npage: 1\n---\n")
    camera_jpeg(root / f"{ISSUE}/images/dongyuanhui.jpg")  # straight from the camera
    write(root, "issues/2025-08/issue.yml", "number: 127\ndate: 2025-08-25\n")
    write(root, "assets/extra.css", ".sqb-masthead { color: #b22; }\n")
    clean_png(root / "assets/logo.png")
    return root


def test_every_file_and_folder_is_listed_with_content_relative_paths(content):
    listing = scan_content(content)
    assert listing.problems == []
    assert listing.files == {"index.md", "about.md", "people.yml", f"{ISSUE}/issue.yml", f"{ISSUE}/fanghuo.md",
                             f"{ISSUE}/images/dongyuanhui.jpg", "issues/2025-08/issue.yml", "assets/extra.css",
                             "assets/logo.png"}
    assert listing.folders == {"issues", ISSUE, f"{ISSUE}/images", "issues/2025-08", "assets"}
    assert listing.children("") == (["about.md", "index.md", "people.yml"], ["assets", "issues"])
    assert listing.children(ISSUE) == ([f"{ISSUE}/fanghuo.md", f"{ISSUE}/issue.yml"], [f"{ISSUE}/images"])
    assert listing.descendants("issues") == (
        ["issues/2025-08/issue.yml", f"{ISSUE}/fanghuo.md", f"{ISSUE}/images/dongyuanhui.jpg", f"{ISSUE}/issue.yml"],
        ["issues/2025-08", ISSUE, f"{ISSUE}/images"])
    assert listing.children("issues/2099-01") == ([], [])
    assert listing.is_file(f"{ISSUE}/./fanghuo.md") and not listing.is_file(ISSUE)


def test_a_link_to_a_secret_outside_content_is_refused_and_never_followed(content, tmp_path):
    secret = write(tmp_path, "home/.ssh/id_rsa", "-----BEGIN PRIVATE KEY-----")
    (content / f"{ISSUE}/images/huodong.jpg").symlink_to(secret)
    (content / "assets/home").symlink_to(secret.parent, target_is_directory=True)
    listing = scan_content(content)
    assert not any("id_rsa" in path for path in listing.files)
    assert {p.path for p in listing.problems} == {f"{ISSUE}/images/huodong.jpg", "assets/home"}
    message = next(p.message for p in listing.problems if p.path == "assets/home")
    assert message.startswith(f"这是符号链接（快捷方式，指向 {secret.parent}）：网站不跟随链接")
    assert "assets/home" not in listing.folders


def test_a_broken_link_says_its_target_is_missing(content):
    (content / "about-old.md").symlink_to("/nonexistent/about.md")
    [problem] = scan_content(content).problems
    assert problem.path == "about-old.md"
    assert "指向 /nonexistent/about.md，而且它指向的文件不存在" in problem.message


def test_a_fifo_and_a_socket_are_problems_and_never_opened(content):
    os.mkfifo(content / f"{ISSUE}/pipe.md")  # opening it to read would hang the build
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(content / "assets/sock.css"))
        listing = scan_content(content)
    finally:
        server.close()
    found = {p.path: p.message for p in listing.problems}
    assert found == {f"{ISSUE}/pipe.md": "这里是命名管道（FIFO），不是普通文件：网站不读它，请把它删掉",
                     "assets/sock.css": "这里是套接字（socket），不是普通文件：网站不读它，请把它删掉"}
    assert f"{ISSUE}/pipe.md" not in listing.files and "assets/sock.css" not in listing.files


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_that_cannot_be_read_is_a_problem_and_the_rest_is_listed(content):
    os.chmod(content / "issues/2025-08", 0)
    try:
        listing = scan_content(content)
    finally:
        os.chmod(content / "issues/2025-08", 0o755)
    assert [p.path for p in listing.problems] == ["issues/2025-08"] and "没有权限读取" in listing.problems[0].message
    assert f"{ISSUE}/fanghuo.md" in listing.files


@pytest.mark.parametrize("src, verdict", [
    ("about.md", Verdict.PUBLISH),  # a page of the registry
    (f"{ISSUE}/fanghuo.md", Verdict.PUBLISH),
    ("assets/extra.css", Verdict.PUBLISH),  # the paper's own stylesheet
    ("assets/logo.png", Verdict.PUBLISH),
    (f"{ISSUE}/images/dongyuanhui.jpg", Verdict.ORIGINAL),  # a photo: renditions only
    (f"{ISSUE}/images/dongyuanhui.HEIC", Verdict.ORIGINAL),
    ("people.yml", Verdict.KEEP),
    (f"{ISSUE}/issue.yml", Verdict.KEEP),
    (f"{ISSUE}/caifang.docx", Verdict.KEEP),  # the interview notes stay at home
    ("Thumbs.db", Verdict.KEEP),
    ("issues/index.md", Verdict.KEEP),  # a page the registry makes, not a file of content/
    ("assets/ditu.svg", Verdict.KEEP),  # SVG can carry scripts
    ("assets/.env", Verdict.KEEP),
    (f"{ISSUE}/assets/extra.css", Verdict.KEEP),  # only assets/ at the top is published as it is
])
def test_what_the_site_publishes_of_each_content_file(content, src, verdict):
    for rel in ("assets/ditu.svg", "assets/.env", f"{ISSUE}/assets/extra.css", f"{ISSUE}/caifang.docx", "Thumbs.db"):
        write(content, rel, "x")
    listing = scan_content(content)
    pages = {"index.md", "about.md", f"{ISSUE}/fanghuo.md", "issues/index.md"}
    assert listing.verdict(src, pages) is verdict


def test_a_page_source_that_is_not_in_the_listing_is_not_published(content):
    """A file MkDocs found through a link is not in the listing, page or not."""
    listing = scan_content(content)
    assert listing.verdict("tougao.md", {"tougao.md"}) is Verdict.KEEP
    assert listing.verdict("assets/new.css", set()) is Verdict.KEEP


def test_pictures_in_assets_that_would_publish_their_metadata_are_refused(content):
    camera_jpeg(content / "assets/banner.jpg")
    info = PngInfo()
    info.add_text("Title", "桂园街道 2025 年工作照")
    clean_png(content / "assets/icon.png", pnginfo=info)
    write(content, "assets/ditu.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    write(content, "assets/broken.png", b"\x89PNG not really")
    found = {p.path: p.message for p in scan_content(content).problems}
    assert set(found) == {"assets/banner.jpg", "assets/icon.png", "assets/ditu.svg", "assets/broken.png"}
    assert found["assets/banner.jpg"].startswith("这张图片带有拍摄信息（EXIF")
    assert found["assets/icon.png"].startswith("这张图片带有拍摄信息（")  # a PNG text chunk
    assert found["assets/broken.png"].startswith("文件名是 .png，内容却不是图片")
    assert found["assets/ditu.svg"].startswith("网站不发布 SVG 图片")


def test_photos_outside_assets_may_carry_metadata_their_renditions_drop_it(content):
    assert "EXIF" in picture_metadata(content / f"{ISSUE}/images/dongyuanhui.jpg")[0]
    assert scan_content(content).problems == []


def test_a_camera_photo_is_said_to_carry_exif_and_no_comment_it_does_not_have(content):
    kinds = picture_metadata(content / f"{ISSUE}/images/dongyuanhui.jpg")[0]
    assert kinds.startswith("EXIF") and "注释" not in kinds


def test_a_picture_without_metadata_has_none(content):
    assert picture_metadata(content / "assets/logo.png")[0] == ""


def test_the_stamp_of_a_folder_changes_with_any_write_inside_and_only_there(content):
    before = scan_content(content)
    article = content / f"{ISSUE}/fanghuo.md"
    info = article.stat()
    time.sleep(0.05)  # past the file system's clock tick
    article.write_text(article.read_text(encoding="utf-8").replace("秋季", "冬季"), encoding="utf-8")  # same size
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns))  # and its time put back
    after = scan_content(content)
    assert after.stamp(ISSUE) != before.stamp(ISSUE)
    assert after.stamp("issues/2025-08") == before.stamp("issues/2025-08")
    assert scan_content(content).stamp(ISSUE) == after.stamp(ISSUE)  # nothing changed: the same stamp


def test_the_stamp_of_a_folder_changes_when_a_file_is_renamed_or_a_folder_added(content):
    stamp = scan_content(content).stamp(ISSUE)
    (content / f"{ISSUE}/fanghuo.md").rename(content / f"{ISSUE}/fang-huo.md")
    renamed = scan_content(content).stamp(ISSUE)
    (content / f"{ISSUE}/images/old").mkdir()
    assert len({stamp, renamed, scan_content(content).stamp(ISSUE)}) == 3
