"""Hostile content and a hostile environment (issue 21): what leaves content/, raw HTML, the
print edition's metadata, builds that share a folder, the cache. The bad-content cases
themselves (file, line, field, message) are in tests/bad_content/cases.py."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bad_content.cases import HTML_CASES_FILES, SECRET, exif_jpeg
from conftest import FIXTURES, build, make_photo, tree_digest
from mkdocs.exceptions import Abort, PluginError
from PIL import Image

from shequbao.build import sitefolder as sitedir
from shequbao.markdown.sanitize import clean_html


def paper(root: Path, name: str = "mini") -> Path:
    site = root / name
    shutil.copytree(FIXTURES / "mini", site)
    make_photo(site / "content/issues/2023-05/images/dianti.jpg")
    make_photo(site / "content/issues/2023-05/images/huayuan.jpg", (60, 140, 80))
    return site


def published_bytes(site: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in site.rglob("*") if p.is_file()]


# -- raw HTML ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory) -> Path:
    """Every raw-HTML case in one paper, built without --strict (the preview's view)."""
    site = paper(tmp_path_factory.mktemp("html"))
    for rel, text in HTML_CASES_FILES.items():
        (site / "content" / rel).write_text(text, encoding="utf-8")
    return build(site, strict=False)


DANGEROUS = ("<script", "<iframe", "onclick", "javascript:", "http-equiv", "tracker.example.com", "background-image",
             'rel="attachment"', "rel=attachment")


def test_raw_html_is_sanitised_and_the_text_kept(hostile_html):
    for rel in HTML_CASES_FILES:
        page = (hostile_html / rel.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        body = re.split(r'<div class="sqb-article__body"[^>]*>', page, maxsplit=1)[1].split('<div class="sqb-search-meta"', 1)[0]
        for word in DANGEROUS:
            assert word not in body, (rel, word)
        assert "本报讯" in body


def test_raw_html_trusted_is_published_as_typed(tmp_path):
    site = paper(tmp_path)
    (site / "mkdocs.yml").write_text((site / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "paper_publisher: 梧桐街道办事处", "paper_publisher: 梧桐街道办事处\n      raw_html: trusted"), encoding="utf-8")
    article = site / "content/issues/2023-05/xinren.md"
    article.write_text("---\ntitle: 新人\npage: 1\n---\n\n本报讯\n\n<span onclick=\"go()\">按钮</span>\n", encoding="utf-8")
    out = build(site)
    assert 'onclick="go()"' in (out / "issues/2023-05/xinren/index.html").read_text(encoding="utf-8")


def test_sanitiser_keeps_what_markdown_and_our_photos_need():
    html = ('<p><a class="glightbox sqb-lightbox" href="a-1500.jpg" data-type="image" data-title="图"><picture>'
            '<source type="image/webp" srcset="a-480.webp 480w, a-960.webp 960w" sizes="100vw">'
            '<img src="a-960.jpg" srcset="a-960.jpg 960w" sizes="100vw" width="960" height="640" alt="图" loading="lazy" '
            'decoding="async"></picture></a></p><table><tr><th style="text-align: center;">列</th></tr></table>'
            '<h2 id="xiao-biao-ti">小标题</h2><ol start="3"><li>一</li></ol><del>删</del><a href="../x/#y">链</a>')
    cleaned = clean_html(html)
    for kept in ('data-type="image"', 'srcset="a-480.webp 480w, a-960.webp 960w"', 'loading="lazy"', 'width="960"',
                 'style="text-align:center"', 'id="xiao-biao-ti"', 'start="3"', "<del>", 'href="../x/#y"'):
        assert kept in cleaned, kept


# -- what leaves content/ ---------------------------------------------------------------


def test_only_pages_renditions_and_assets_leave_content(tmp_path):
    """Stray files at the top and in issues stay; assets/ is published; about.md's photo is
    published as renditions without its GPS position, never as the original."""
    site = paper(tmp_path)
    content = site / "content"
    (content / "采访笔记.docx").write_bytes(b"PK " + SECRET.encode())
    (content / "Thumbs.db").write_bytes(SECRET.encode())
    (content / "env.txt").write_text(SECRET, encoding="utf-8")
    (content / "notes").mkdir()
    (content / "notes/draft.md").write_text(f"---\ntitle: x\n---\n\n{SECRET}\n", encoding="utf-8")
    (content / "images").mkdir()
    exif_jpeg(content / "images/tuandui.jpg", site)
    (content / "about.md").write_text("---\ntitle: 关于本报\n---\n\n梧桐里社区报。\n\n![编辑部合影](images/tuandui.jpg)\n",
                                      encoding="utf-8")
    (content / "assets").mkdir()
    (content / "assets/paper.css").write_text("body { color: #222; }\n", encoding="utf-8")
    Image.new("RGB", (16, 16), (200, 0, 0)).save(content / "assets/logo.png")
    out = build(site)
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert "assets/paper.css" in names and "assets/logo.png" in names
    assert not {"采访笔记.docx", "Thumbs.db", "env.txt", "images/tuandui.jpg", "people.yml"} & names
    assert not any(n.startswith("notes/") for n in names)
    for path, data in published_bytes(out):
        assert SECRET.encode() not in data and b"SQB-Camera" not in data, path
    about = (out / "about/index.html").read_text(encoding="utf-8")
    assert "tuandui-" in about and "tuandui.jpg" not in about  # renditions, not the original
    with Image.open(next(out.glob("images/tuandui-*.jpg"))) as rendition:
        assert not rendition.getexif() and "comment" not in rendition.info


def test_pdf_carries_pixels_only(tmp_path):
    """The print edition embeds no photo metadata (EXIF/GPS, XMP, JPEG comments), attaches no
    file and reads nothing of content/ but the checked photos, whatever the body tries."""
    pypdf = pytest.importorskip("pypdf")
    site = paper(tmp_path)
    issue = site / "content/issues/2023-05"
    exif_jpeg(issue / "images/gps.jpg", site)
    (issue / "issue.yml").write_text((issue / "issue.yml").read_text(encoding="utf-8").replace("title:", "title:"), encoding="utf-8")
    (issue / "jinshu.md").write_text(
        "---\ntitle: 照片里的秘密\npage: 1\nimages:\n  - {src: images/gps.jpg, caption: 现场, credit: 孙涛}\n---\n\n本报讯 正文。\n\n"
        "<IMG SRC=images/gps.jpg>\n\n<div style=\"background-image:url(images/gps.jpg)\">背景</div>\n\n"
        "<a rel=attachment href=issue.yml>附件</a> <a rel=\"attachment\" href=\"images/gps.jpg\">原图</a>\n\n"
        "<link rel=attachment href=issue.yml>\n", encoding="utf-8")
    out = build(site, pdf=True, strict=False)
    pdf_path = next((out / "issues/2023-05").glob("*.pdf"))
    reader = pypdf.PdfReader(pdf_path)
    assert not reader.attachments
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    raw = pdf_path.read_bytes()
    streams = [raw]
    for number in range(1, len(reader.xref_objStm) + 2000):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001 - not every number is an object
            continue
        if hasattr(obj, "get_data"):
            try:
                streams.append(obj.get_data())
            except Exception:  # noqa: BLE001 - an image codec pypdf cannot decode: its raw bytes are in raw
                pass
    for data in streams:
        for marker in (SECRET.encode(), b"SQB-Camera", b"Exif\x00\x00", b"number: 7"):
            assert marker not in data, marker


# -- builds that share a folder -----------------------------------------------------------


def test_a_second_build_stops_while_one_is_running(tmp_path, caplog):
    site = paper(tmp_path)
    build(site)
    before = tree_digest(site / "site")
    running = sitedir.begin(site / "site")  # another build holds the site folder
    try:
        with pytest.raises((PluginError, Abort)):
            build(site)
        assert any("另一个构建正在进行" in r.getMessage() for r in caplog.records), caplog.text
    finally:
        sitedir.abort(running)
    assert tree_digest(site / "site") == before
    build(site)  # free again


def test_lock_message_names_the_running_build(tmp_path):
    running = sitedir.begin(tmp_path / "site")
    try:
        with pytest.raises(sitedir.SiteDirError, match="另一个构建正在进行（进程 "):
            sitedir.begin(tmp_path / "site")
    finally:
        sitedir.abort(running)


def test_a_full_disk_is_named_and_the_old_site_kept(tmp_path, monkeypatch, caplog):
    site = paper(tmp_path)
    build(site)
    before = tree_digest(site / "site")
    import mkdocs.utils

    def full(content, output_path):
        raise OSError(errno.ENOSPC, "No space left on device", output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    with pytest.raises(PluginError, match="磁盘空间不足：写入 .*site.building"):
        build(site)
    assert tree_digest(site / "site") == before
    assert not (site / "site.building").exists()


def test_a_full_disk_while_rendering_a_photo_is_not_a_damaged_photo(tmp_path, monkeypatch):
    from shequbao.photos.render import ImageSettings, Job, render

    photo = make_photo(tmp_path / "a.jpg")
    (tmp_path / "out").mkdir()

    def no_space(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out"))

    monkeypatch.setattr(Image.Image, "save", no_space)
    with pytest.raises(OSError) as info:
        render(Job(str(photo), str(tmp_path / "out"), ImageSettings()))
    assert "磁盘空间不足" in sitedir.describe_os_error(info.value)


def test_a_damaged_rendition_is_rebuilt_with_a_note(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(tmp_path / "cache"))
    site = paper(tmp_path)
    first = tree_digest(build(site))
    rendition = next((tmp_path / "cache/images").rglob("*.webp"))
    data = rendition.read_bytes()
    rendition.write_bytes(data[: len(data) // 2])  # a truncated copy (a tiny WebP may be under 100 bytes whole)
    caplog.set_level("INFO")
    assert tree_digest(build(site)) == first
    assert any("已损坏" in r.getMessage() and "重新生成" in r.getMessage() for r in caplog.records)


def test_a_damaged_search_index_is_rebuilt(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(tmp_path / "cache"))
    site = paper(tmp_path)
    first = tree_digest(build(site))
    entry = next((tmp_path / "cache/pagefind").rglob("pagefind-entry.json"))
    entry.write_text("{}", encoding="utf-8")
    caplog.set_level("INFO")
    assert tree_digest(build(site)) == first  # rebuilt, and the same (the index is reproducible)
    assert any("已损坏" in r.getMessage() for r in caplog.records)


def test_a_damaged_pdf_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(tmp_path / "cache"))
    site = paper(tmp_path)
    first = tree_digest(build(site, pdf=True, strict=False))  # a small paper leaves its 版 underfull: warnings
    cached = next((tmp_path / "cache").rglob("*.pdf"))
    cached.write_bytes(cached.read_bytes()[:2000])
    assert tree_digest(build(site, pdf=True, strict=False)) == first


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(re.search(r"^PPid:\s+(\d+)", (entry / "status").read_text(), re.M).group(1))
            except (OSError, AttributeError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_stops_every_worker_and_keeps_the_old_site(tmp_path):
    site = paper(tmp_path)
    build(site)
    before = tree_digest(site / "site")
    for n in range(24):  # enough photos that the pool is busy when Ctrl-C comes
        make_photo(site / f"content/issues/2023-05/images/p{n}.jpg", (n * 20, 90, 90), size=(2400, 1600))
    lines = "".join(f"  - {{src: images/p{n}.jpg, caption: 图{n}}}\n" for n in range(24))
    (site / "content/issues/2023-05/duotu.md").write_text(f"---\ntitle: 多图\npage: 1\nimages:\n{lines}---\n\n正文。\n",
                                                          encoding="utf-8")
    console = Path(sys.executable).with_name("shequbao")
    env = {**os.environ, "SHEQUBAO_CACHE_DIR": str(tmp_path / "cold-cache"), "PATH": "/usr/bin:/bin"}
    process = subprocess.Popen([str(console), "build"], cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 4:  # mkdocs, the forkserver, two photo workers
        workers = _descendants(process.pid)
        time.sleep(0.05)
    cache = tmp_path / "cold-cache"
    while time.monotonic() < deadline and not any(cache.rglob("*.webp")):  # the photo workers have written a rendition
        time.sleep(0.02)
    assert any(cache.rglob("*.webp")), "no photo worker started rendering"
    workers = _descendants(process.pid)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "已中断" in err and "Traceback" not in err, err
    stopped = time.monotonic() + 10
    while time.monotonic() < stopped and [pid for pid in workers if _alive(pid)]:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]
    assert tree_digest(site / "site") == before
    assert not (site / "site.building").exists()


# -- reproducible search index ------------------------------------------------------------


def test_two_clean_builds_in_different_folders_have_the_same_search_index(tmp_path, monkeypatch):
    """Pagefind writes its filters in a random (hash map) order; the published index is sorted,
    so two clean builds (own caches, own folders) give byte-identical pagefind/ (the browser
    tests search this index)."""
    digests = []
    for name in ("one", "two"):
        monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(tmp_path / f"cache-{name}"))
        out = build(paper(tmp_path / name))
        digests.append({k: v for k, v in tree_digest(out).items() if k.startswith("pagefind/")})
    assert any(k.startswith("pagefind/") and "/filter/" in k for k in digests[0])
    assert digests[0] == digests[1]
