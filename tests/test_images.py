"""Photos: renditions, privacy (no EXIF/GPS), the cache, bad images, galleries — real builds.

Every photo is generated here with Pillow; nothing is copied from anywhere.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import struct
import zlib
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import FIXTURES, broken_links, build, external_references, plain_names, rendition, tree_digest
from mkdocs.exceptions import Abort, PluginError
from PIL import Image, TiffImagePlugin

from shequbao.photos import ImageSettings, PhotoRef, process_photos, target_widths
from shequbao.problems import ContentError


@pytest.fixture(autouse=True, scope="module")
def own_cache():
    """These tests look at the renditions cache itself: keep it beside each project's mkdocs.yml."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SHEQUBAO_CACHE_DIR", raising=False)
        yield

RED, BLUE = (220, 30, 30), (30, 30, 220)
PUBLISHED_IMAGES = (".jpg", ".jpeg", ".webp", ".png", ".gif")


# -- generated photos -------------------------------------------------------------------


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "SecretCam 1.0"  # Software
    gps = {
        1: "N", 2: (TiffImagePlugin.IFDRational(31), TiffImagePlugin.IFDRational(14), TiffImagePlugin.IFDRational(5)),
        3: "E", 4: (TiffImagePlugin.IFDRational(121), TiffImagePlugin.IFDRational(28), TiffImagePlugin.IFDRational(9)),
    }
    exif[0x8825] = gps  # GPSInfo
    return exif


XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="31,14.08N"/></rdf:RDF></x:xmpmeta>'
       b'<?xpacket end="w"?>')


def rotated_photo(path: Path, display=(1000, 1800)) -> None:
    """A portrait photo stored landscape with orientation 6: red on top when shown upright."""
    upright = Image.new("RGB", display, BLUE)
    upright.paste(RED, (0, 0, display[0], display[1] // 2))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # exif_transpose applies ROTATE_270 for 6
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, "JPEG", quality=90, exif=exif_with_gps(6), comment=b"taken at home, Room 301",
                xmp=XMP, icc_profile=b"")


def plain_photo(path: Path, size=(800, 600), colour=(60, 140, 80)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG", exif=exif_with_gps(1))


def bomb_png(path: Path, width=100_000, height=100_000) -> None:
    """A tiny PNG whose header claims ``width``×``height`` pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))


def add_article(issue: Path, slug: str, images: list[str], title: str | None = None, page: int = 2) -> None:
    lines = "".join(f"  - {{src: {src}, caption: 说明{slug}, credit: 孙涛}}\n" for src in images)
    (issue / f"{slug}.md").write_text(
        f"---\ntitle: {title or '图片稿' + slug}\npage: {page}\nimages:\n{lines}---\n\n正文。\n", encoding="utf-8")


@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> Path:
    """The mini paper with real photos: one rotated with GPS, one with a body image, one in June."""
    site = tmp_path_factory.mktemp("images") / "mini"
    shutil.copytree(FIXTURES / "mini", site)
    may = site / "content/issues/2023-05"
    rotated_photo(may / "images/dianti.jpg")
    plain_photo(may / "images/huayuan.jpg", (2400, 1600))
    plain_photo(may / "images/neijing.jpg", (1200, 900), (200, 180, 40))
    article = may / "jiazhuang-dianti.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n![电梯轿厢内景](images/neijing.jpg)\n", encoding="utf-8")
    june = site / "content/issues/2023-06"
    plain_photo(june / "images/zongzi.jpg", (640, 480), (240, 200, 120))
    zongzi = june / "zongzi.md"
    zongzi.write_text(zongzi.read_text(encoding="utf-8").replace(
        "interns: [钱多多]\n", "interns: [钱多多]\nimages:\n  - {src: images/zongzi.jpg, caption: 居民一起包粽子, credit: 资料图片}\n"),
        encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def site(paper) -> Path:
    return build(paper)


def published_images(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix.lower() in PUBLISHED_IMAGES and "assets" not in p.parts)


def read(site: Path, rel: str) -> str:
    """A page, with the renditions' fingerprints taken out (checked to be there)."""
    return plain_names((site / rel).read_text(encoding="utf-8"))


# -- renditions -----------------------------------------------------------------------


def test_renditions_at_each_width_in_webp_and_the_largest_in_jpeg_never_upscaled(site):
    """WebP at every width; one JPEG, the largest, for the lightbox, og:image and browsers without WebP."""
    folder = site / "issues/2023-05/images"
    expected = {
        "dianti": [(480, 864), (833, 1499)],  # portrait after orientation (1000 × 1800): at most 1500 tall
        "huayuan": [(480, 320), (960, 640), (1500, 1000)],
        "neijing": [(480, 360), (960, 720), (1200, 900)],
    }
    for name, sizes in expected.items():
        for width, height in sizes:
            with Image.open(rendition(folder, f"{name}-{width}.webp")) as im:
                assert (im.format, im.size) == ("WEBP", (width, height)), (name, width)
        width, height = sizes[-1]
        with Image.open(rendition(folder, f"{name}-{width}.jpg")) as im:
            assert (im.format, im.size) == ("JPEG", (width, height)), name
    assert sorted(plain_names(p.name) for p in folder.iterdir()) == sorted(
        [f"{name}-{w}.webp" for name, sizes in expected.items() for w, _ in sizes]
        + [f"{name}-{sizes[-1][0]}.jpg" for name, sizes in expected.items()])
    with Image.open(rendition(site / "issues/2023-06/images", "zongzi-640.webp")) as im:
        assert im.size == (640, 480)  # 640 px wide: 480 and 640, no 960 or 1500


def test_target_widths_never_upscale():
    assert target_widths(3000, (480, 960, 1600)) == [480, 960, 1600]
    assert target_widths(1000, (480, 960, 1600)) == [480, 960, 1000]
    assert target_widths(960, (480, 960, 1600)) == [480, 960]
    assert target_widths(300, (480, 960, 1600)) == [300]
    assert target_widths(2000, (480, 960, 1500), height=3000) == [480, 960, 1000]  # portrait: 1500 tall
    assert target_widths(3000, (480, 960, 1500), height=2000) == [480, 960, 1500]  # landscape: 1500 wide


@pytest.mark.parametrize("name", ["dianti-480.webp", "dianti-833.webp", "dianti-833.jpg"])
def test_orientation_is_applied(site, name):
    with Image.open(rendition(site / "issues/2023-05/images", name)) as im:
        im = im.convert("RGB")
        assert im.width < im.height  # portrait
        x = im.width // 2
        top, bottom = im.getpixel((x, 50)), im.getpixel((x, im.height - 50))
    assert top[0] > 180 and top[2] < 80, top  # red on top, as the photographer held the phone
    assert bottom[2] > 180 and bottom[0] < 80, bottom


def test_no_original_is_published(paper, site):
    originals = {p.read_bytes() for p in (paper / "content/issues").rglob("images/*")}
    for path in site.rglob("*"):
        if path.is_file():
            assert path.name not in {"dianti.jpg", "huayuan.jpg", "neijing.jpg", "zongzi.jpg"}, path
            if path.suffix.lower() in PUBLISHED_IMAGES:
                assert path.read_bytes() not in originals, path


def test_no_metadata_in_any_published_image(site):
    files = published_images(site)
    assert len(files) == (2 + 3 + 3 + 2) + 4  # WebP at each width, one JPEG per photo
    for path in files:
        data = path.read_bytes()
        for marker in (b"Exif", b"GPS", b"PhoneMaker", b"SecretCam", b"xmpmeta", b"ns.adobe.com", b"Room 301", b"ICC_PROFILE"):
            assert marker not in data, (path, marker)
        if path.suffix == ".webp":
            assert not {b"EXIF", b"XMP ", b"ICCP"} & {data[i:i + 4] for i in range(12, len(data) - 4)}, path
        with Image.open(path) as im:
            assert not im.getexif(), path
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(im.info), (path, im.info.keys())


# -- HTML ------------------------------------------------------------------------------


IMG = re.compile(r"<img\b[^>]*>")


def test_article_has_picture_with_srcset_sizes_and_dimensions(site):
    html = read(site, "issues/2023-05/jiazhuang-dianti/index.html")
    assert '<source type="image/webp" srcset="../images/dianti-480.webp 480w, ../images/dianti-833.webp 833w"' in html
    # browsers without WebP get the one JPEG
    assert '<img src="../images/dianti-833.jpg" srcset="../images/dianti-833.jpg 833w"' in html
    assert 'width="833" height="1499" alt="居民试乘新装的电梯" loading="lazy"' in html
    # the lightbox opens the largest JPEG, with caption and credit
    assert '<a class="glightbox sqb-lightbox" href="../images/dianti-833.jpg" data-type="image" data-title="居民试乘新装的电梯" data-description="孙涛 摄">' in html
    # the image in the body became a <picture> too
    assert 'srcset="../images/neijing-480.webp 480w, ../images/neijing-960.webp 960w, ../images/neijing-1200.webp 1200w"' in html
    assert 'alt="电梯轿厢内景"' in html and "neijing.jpg" not in html


def test_every_img_has_width_height_lazy_and_alt(site):
    count = 0
    for page in site.rglob("*.html"):
        if page.parent.name == "gongzhonghao":  # 复制到公众号: plain <img src alt style>, what the mp editor keeps
            continue
        for tag in IMG.findall(page.read_text(encoding="utf-8")):
            count += 1
            for attr in ("width=", "height=", 'loading="lazy"', "alt=", "srcset="):
                assert attr in tag, (page, tag)
    assert count > 10


def test_every_link_and_srcset_entry_resolves(site):
    assert broken_links(site) == []
    assert external_references(site) == []
    missing = []
    for page in site.rglob("*.html"):
        url = urljoin("https://example.org/", page.relative_to(site).as_posix())
        for srcset in re.findall(r'srcset="([^"]+)"', page.read_text(encoding="utf-8")):
            for entry in srcset.split(","):
                target = unquote(urlsplit(urljoin(url, entry.split()[0])).path).lstrip("/")
                if not (site / target).is_file():
                    missing.append(f"{page.relative_to(site)}: {entry}")
    assert missing == []


def test_lightbox_assets_are_served_by_the_site(site):
    html = read(site, "issues/2023-05/jiazhuang-dianti/index.html")
    # shequbao.js loads GLightbox on the first tap on a photo (tests/test_browser.py opens it)
    assert 'data-lightbox-script="../../../assets/javascripts/glightbox.min.js"' in html
    assert 'data-lightbox-style="../../../assets/stylesheets/glightbox.min.css"' in html
    assert (site / "assets/javascripts/glightbox.min.js").is_file() and (site / "assets/stylesheets/glightbox.min.css").is_file()


def test_archive_cover_is_a_picture(site):
    html = read(site, "issues/index.html")
    assert '<img src="2023-05/images/dianti-833.jpg"' in html and 'width="833" height="1499"' in html
    assert 'srcset="2023-06/images/zongzi-480.webp 480w, 2023-06/images/zongzi-640.webp 640w"' in html


# -- galleries ------------------------------------------------------------------------


def test_issue_gallery_lists_every_photo_with_caption_credit_and_article(site):
    html = read(site, "issues/2023-05/gallery/index.html")
    assert "第7期图片" in html
    assert html.count('class="sqb-gallery-grid__item"') == 2  # front-matter photos of the issue
    assert "居民试乘新装的电梯" in html and "居民在新建成的口袋花园里赏花" in html
    assert 'href="../../../people/sun-tao/">孙涛</a> 摄' in html
    assert 'href="../jiazhuang-dianti/"' in html and 'href="../huayuan/"' in html
    assert 'data-gallery="issue-2023-05"' in html
    assert 'href="../images/huayuan-1500.jpg"' in html  # lightbox target


def test_issue_index_links_its_gallery_and_shows_photo_items_large(site):
    html = read(site, "issues/2023-05/index.html")
    assert 'href="gallery/">本期图片</a>' in html
    item = html[html.index('class="sqb-photo-item"'):]
    item = item[:item.index("</article>")]
    assert "sqb-figure--large" in item and "huayuan-1500.webp 1500w" in item
    assert 'href="../2023-06/gallery/"' not in html


def test_gallery_is_newest_issue_first_and_in_the_nav(site):
    html = read(site, "gallery/index.html")
    assert html.index("居民一起包粽子") < html.index("居民试乘新装的电梯")  # June before May
    assert "资料图片" in html and "资料图片 摄" not in html  # a credit that is not a person
    assert re.search(r'<span class="md-ellipsis">\s*图片\s*<', html)
    assert 'href="../issues/2023-06/gallery/">本期图片</a>' in html


def test_gallery_paginates(paper, tmp_path):
    copy = tmp_path / "mini"
    shutil.copytree(paper, copy, ignore=shutil.ignore_patterns("site"))
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "paper_publisher:", "images_per_page: 2\n      paper_publisher:"), encoding="utf-8")
    site = build(copy)
    first, second = read(site, "gallery/index.html"), read(site, "gallery/page/2/index.html")
    assert "第 1 / 2 页" in first and 'rel="next" href="page/2/"' in first
    assert "第 2 / 2 页" in second and 'rel="prev" href="../../"' in second
    assert "居民一起包粽子" in first and "（续）" in second  # May continues from page 1
    assert "居民在新建成的口袋花园里赏花" in second
    assert broken_links(site) == []


# -- the cache ------------------------------------------------------------------------


def test_warm_rebuild_decodes_nothing_and_gives_the_same_site(paper, site, monkeypatch, caplog):
    before = tree_digest(site)
    cache = paper / ".cache/images"
    renditions = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.suffix in (".webp", ".jpg")}
    assert renditions and not (paper / "content/.cache").exists()

    def no_decoding(*args, **kwargs):
        raise AssertionError("a warm build opened an image")

    monkeypatch.setattr(Image, "open", no_decoding)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(paper)
    assert any("新生成 0 张，缓存 4 张" in r.getMessage() for r in caplog.records)
    assert tree_digest(site) == before
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.suffix in (".webp", ".jpg")} == renditions


def test_changed_photo_is_redone_and_removed_photo_leaves_nothing(paper, tmp_path, caplog):
    copy = tmp_path / "mini"
    shutil.copytree(paper, copy, ignore=shutil.ignore_patterns("site"))  # keeps the warm cache
    may = copy / "content/issues/2023-05"
    plain_photo(may / "images/huayuan.jpg", (1000, 500), (10, 10, 10))
    article = may / "jiazhuang-dianti.md"
    article.write_text(article.read_text(encoding="utf-8").replace("![电梯轿厢内景](images/neijing.jpg)", ""), encoding="utf-8")
    (may / "images/neijing.jpg").unlink()
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site = build(copy)
    assert any("新生成 1 张，缓存 2 张" in r.getMessage() for r in caplog.records)
    with Image.open(rendition(site / "issues/2023-05/images", "huayuan-1000.jpg")) as im:
        assert im.size == (1000, 500)
    assert not list((site / "issues/2023-05/images").glob("huayuan-1500.*"))
    assert not list(site.rglob("neijing*"))


def test_pool_renders_in_two_processes_then_hits_the_cache(tmp_path):
    content = tmp_path / "content"
    refs = []
    for i in range(4):
        plain_photo(content / f"issues/x/images/p{i}.jpg", (700 + i, 500), (i * 40, 90, 90))
        refs.append(PhotoRef(f"issues/x/a{i}.md", f"issues/x/images/p{i}.jpg", "images[1].src", 0))
    settings = ImageSettings(widths=(320, 640), workers=2)
    cold = process_photos(refs, content, tmp_path / "cache", settings)
    assert (cold.stats.rendered, cold.stats.cached) == (4, 0)
    assert [r.width for r in cold.get("issues/x/images/p3.jpg").webp] == [320, 640]
    assert [r.width for r in cold.get("issues/x/images/p3.jpg").jpeg] == [640]
    warm = process_photos(refs, content, tmp_path / "cache", settings)
    assert (warm.stats.rendered, warm.stats.cached) == (0, 4)
    assert warm.photos == cold.photos
    changed = process_photos(refs, content, tmp_path / "cache", ImageSettings(widths=(320, 640), quality=60, workers=2))
    assert changed.stats.rendered == 4  # other settings, other cache entries


# -- bad photos -----------------------------------------------------------------------


def test_bad_photos_are_all_reported_with_file_line_and_field(mini, caplog):
    may = mini / "content/issues/2023-05"
    images = may / "images"
    (images / "wenben.jpg").write_text("这不是照片", encoding="utf-8")
    (images / "kong.jpg").write_bytes(b"")
    good = io.BytesIO()
    Image.new("RGB", (400, 300), (90, 90, 90)).save(good, "JPEG")
    (images / "banjie.jpg").write_bytes(good.getvalue()[:600])
    bomb_png(images / "zhadan.png")
    Image.new("RGB", (20, 20)).save(images / "weitu.jpg", "BMP")  # a BMP named .jpg
    (images / "shouji.jpg").write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64)
    cases = {
        "wenben": ("images/wenben.jpg", "不是图片文件"),
        "kong": ("images/kong.jpg", "是空的（0 字节）"),
        "banjie": ("images/banjie.jpg", "不完整或已损坏"),
        "zhadan": ("images/zhadan.png", "太大（100000×100000 像素），超过上限 100000000 像素"),
        "weitu": ("images/weitu.jpg", "是 BMP 格式，网站不支持"),
        "shouji": ("images/shouji.jpg", "是 HEIC 格式，网站不支持，请用 JPEG、PNG、WebP 或 GIF（手机的 HEIC 照片请先导出或另存为 JPEG）"),
    }
    for slug, (src, _) in cases.items():
        add_article(may, slug, [src])
    (may / "zhengwen.md").write_text("---\ntitle: 正文图\npage: 2\n---\n\n第一段。\n\n![坏图](images/wenben.jpg)\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build(mini)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    for slug, (_, message) in cases.items():
        prefix = f"content/issues/2023-05/{slug}.md:5: images[1].src: "
        assert any(m.startswith(prefix) and message in m for m in errors), (slug, errors)
    assert any(m.startswith("content/issues/2023-05/zhengwen.md:8: 正文: ") and "不是图片文件" in m for m in errors), errors
    assert not (mini / "site/issues/2023-05/index.html").exists()


def test_loader_problems_name_the_field(mini, caplog):
    may = mini / "content/issues/2023-05"
    add_article(may, "queshi", ["images/queshi.jpg"])
    add_article(may, "yuejie", ["../2023-06/images/x.jpg"])
    with pytest.raises((PluginError, Abort)):
        build(mini)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(m.startswith("content/issues/2023-05/queshi.md:5: images[1].src: 找不到图片文件") for m in errors), errors
    assert any(m.startswith("content/issues/2023-05/yuejie.md:5: images[1].src: ") and "不在这一期的文件夹里" in m for m in errors)


def test_pixel_limit_is_configurable(mini, caplog):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "paper_publisher:", "images_max_pixels: 5000\n      paper_publisher:"), encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build(mini)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(m.startswith("content/issues/2023-05/jiazhuang-dianti.md:") and "images[1].src: 图片 images/dianti.jpg 太大（96×64 像素），超过上限 5000 像素" in m
               for m in errors), errors


def test_missing_body_image_is_reported(mini, caplog):
    article = mini / "content/issues/2023-05/jiazhuang-dianti.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n<img src=\"images/meiyou.png\" alt=\"x\">\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build(mini)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any(m.startswith("content/issues/2023-05/jiazhuang-dianti.md:18: 正文: 找不到图片文件") for m in errors), errors


def test_cache_lives_beside_mkdocs_yml_not_in_content(mini):
    build(mini)
    assert list((mini / ".cache/images").rglob("manifest.json"))
    assert not [p for p in (mini / "content").rglob("*") if ".cache" in p.parts or p.suffix == ".webp"]


@pytest.mark.parametrize("tag", ['<img src="images/neijing.jpg" alt="轿厢内景">', "<IMG SRC=images/neijing.jpg ALT=轿厢内景>"])
def test_a_raw_img_in_the_text_is_shown_like_a_markdown_image(mini, tag):
    """``<img src="images/x.jpg">`` means the file beside the article, as ``![](images/x.jpg)`` does."""
    may = mini / "content/issues/2023-05"
    plain_photo(may / "images/neijing.jpg", (1200, 900), (200, 180, 40))
    article = may / "jiazhuang-dianti.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n<p>{tag}</p>\n", encoding="utf-8")
    site = build(mini)
    page = read(site, "issues/2023-05/jiazhuang-dianti/index.html")
    body = page[page.index('class="sqb-article__body"'):]
    assert "images/neijing.jpg" not in body and not re.search(r"<img\b[^>]*neijing\.jpg", body, re.I)
    assert re.search(r'<picture><source type="image/webp" srcset="\.\./images/neijing-480\.webp 480w', body)
    assert 'data-title="轿厢内景"' in body  # the lightbox link carries the alt text
    assert broken_links(site) == []


def die_rendering(job):
    """A worker that exits while rendering, as one killed for using too much memory does."""
    import os

    os._exit(9)


def test_a_worker_that_dies_is_reported_as_such_not_as_a_corrupt_photo(tmp_path):
    content = tmp_path / "content"
    plain_photo(content / "issues/x/images/p.jpg")
    refs = [PhotoRef("issues/x/a.md", "issues/x/images/p.jpg", "images[1].src", 0)]
    with pytest.raises(ContentError) as raised:
        process_photos(refs, content, tmp_path / "cache", ImageSettings(workers=1), renderer=die_rendering)
    [problem] = raised.value.problems
    assert (problem.path, problem.field) == ("issues/x/a.md", "images[1].src")
    assert "处理图片 images/p.jpg 时进程退出（内存不足？）" in problem.message and "损坏" not in problem.message
    assert not list((tmp_path / "cache").rglob("*.webp"))


@pytest.mark.parametrize("page, path, link", [
    ("issues/2025-11/yanglao/", "issues/2025-11/images/a-480.0123abcd.webp", "../images/a-480.0123abcd.webp"),
    ("gallery/page/2/", "issues/2024-12/images/b-960.0123abcd.webp", "../../../issues/2024-12/images/b-960.0123abcd.webp"),
    ("issues/2025-11/yanglao.html", "issues/2025-11/images/a-480.0123abcd.webp", "images/a-480.0123abcd.webp"),
    ("", "issues/2025-11/images/a-480.0123abcd.webp", "issues/2025-11/images/a-480.0123abcd.webp"),
    # the home page without directory URLs: relpath against "/" gave a path through the build's own folder
    ("index.html", "issues/2025-11/images/a-480.0123abcd.webp", "issues/2025-11/images/a-480.0123abcd.webp"),
])
def test_a_photo_is_linked_relative_to_the_page(page, path, link):
    from shequbao.photos import link_from

    assert link_from(page, path) == link
