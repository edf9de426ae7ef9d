"""Safe output: failed builds keep the old site, builds are reproducible, links resolve,
the HTML parses, and nothing private is published."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from conftest import build, tree_digest
from PIL import Image

from shequbao.build import sitefolder as sitedir


def shequbao(project: Path, *args: str) -> subprocess.CompletedProcess:
    console = Path(sys.executable).with_name("shequbao")
    return subprocess.run([str(console), *args], cwd=project, capture_output=True, text=True, timeout=600)


def test_failed_build_leaves_the_previous_site(sample):
    first = shequbao(sample, "build")
    assert first.returncode == 0, first.stderr
    before = tree_digest(sample / "site")
    assert "issues/index.html" in before
    broken = sorted((sample / "content/issues").glob("*/*.md"))[0]
    broken.write_text(broken.read_text(encoding="utf-8").replace("page:", "page: 9\nold_page:", 1), encoding="utf-8")
    second = shequbao(sample, "build")
    assert second.returncode != 0
    assert "site/ 仍是上一次成功生成的网站" in second.stderr
    assert "Traceback" not in second.stderr
    assert tree_digest(sample / "site") == before
    assert not (sample / "site.building").exists()


def files_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_site_is_updated_in_place_files_becoming_folders_and_back(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "gone/deep").mkdir(parents=True)
    (site / "gone/deep/index.html").write_text("不再生成的页面", encoding="utf-8")
    (site / "news").mkdir()
    (site / "news/index.html").write_text("旧的文件夹", encoding="utf-8")
    (site / "feed.xml").write_text("旧的文件", encoding="utf-8")
    (site / "same.txt").write_text("旧内容", encoding="utf-8")
    cached = tmp_path / "cache-file"
    cached.write_text("缓存里的文件", encoding="utf-8")
    staging = sitedir.begin(site)
    (staging.folder / "news").write_text("文件夹变成了文件", encoding="utf-8")
    (staging.folder / "feed.xml").mkdir()
    (staging.folder / "feed.xml/index.html").write_text("文件变成了文件夹", encoding="utf-8")
    (staging.folder / "same.txt").write_text("新内容", encoding="utf-8")
    sitedir.commit(staging, [("images/a-480.webp", cached), ("same.txt", cached)])  # a cached file wins, as it always has
    assert files_of(site) == {"news": "文件夹变成了文件", "feed.xml/index.html": "文件变成了文件夹",
                              "images/a-480.webp": "缓存里的文件", "same.txt": "缓存里的文件"}
    assert (site / "images/a-480.webp").stat().st_ino == cached.stat().st_ino
    assert not (tmp_path / "site.building").exists() and not (tmp_path / "site.old").exists()
    staging = sitedir.begin(site)
    linked = []
    monkeypatch.setattr(sitedir, "link_or_copy", lambda source, target: linked.append(target))
    sitedir.commit(staging, [("images/a-480.webp", cached)])  # already there: not linked again
    assert files_of(site) == {"images/a-480.webp": "缓存里的文件"} and linked == []


def test_a_site_updated_under_a_strict_umask_is_readable_by_a_web_server(mini, tmp_path):
    env = {**os.environ, "SHEQUBAO_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    console = Path(sys.executable).with_name("shequbao")
    config = mini / "mkdocs.yml"  # the PDFs too; the small paper's 版 are far from full: a note, not a warning
    config.write_text(config.read_text(encoding="utf-8").replace("      paper_publisher:", "      print_underfull: note\n      paper_publisher:"),
                      encoding="utf-8")
    for step in range(2):  # made, then updated in place with a new story
        if step:
            (mini / "content/issues/2023-06/xinwen.md").write_text(
                "---\ntitle: 梧桐里新设快递柜\npage: 1\nreporters: [郑爽]\n---\n\n本报讯 小区新设了两组快递柜。\n", encoding="utf-8")
        done = subprocess.run(["bash", "-c", f"umask 077 && exec '{console}' build"], cwd=mini, capture_output=True,
                              text=True, env=env, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        site = mini / "site"
        assert {oct(p.stat().st_mode & 0o777) for p in site.rglob("*") if p.is_dir()} == {"0o755"}
        assert {oct(p.stat().st_mode & 0o777) for p in site.rglob("*") if p.is_file()} == {"0o644"}
    assert (site / "issues/2023-06/xinwen/index.html").is_file()


def test_a_cache_on_another_disk_is_copied_in_once(tmp_path, monkeypatch):
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system to hold the cache")
    cached = shm / f"sqb-test-{os.getpid()}.webp"
    cached.write_bytes(b"rendition")
    try:
        site = tmp_path / "site"
        site.mkdir()
        sitedir.commit(sitedir.begin(site), [("issues/x/images/a-480.webp", cached)])
        assert (site / "issues/x/images/a-480.webp").read_bytes() == b"rendition"
        copied = []
        monkeypatch.setattr(sitedir, "link_or_copy", lambda source, target: copied.append(target))
        sitedir.commit(sitedir.begin(site), [("issues/x/images/a-480.webp", cached)])
        assert copied == [] and (site / "issues/x/images/a-480.webp").read_bytes() == b"rendition"
    finally:
        cached.unlink()


def test_an_update_that_runs_out_of_room_leaves_the_site_as_it_was(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old/index.html").write_text("旧页面", encoding="utf-8")
    (site / ".feed.xml.sqb-new").write_text("上次中断留下的", encoding="utf-8")
    sources = []
    for n in range(3):
        sources.append(tmp_path / f"cached-{n}")
        sources[-1].write_text(f"缓存{n}", encoding="utf-8")
    before = files_of(site)
    made = []

    def full_disk(source, target):
        if made:
            raise OSError(28, "No space left on device", str(target))
        made.append(target)
        os.link(source, target)

    monkeypatch.setattr(sitedir, "link_or_copy", full_disk)
    staging = sitedir.begin(site)
    (staging.folder / "index.html").write_text("新首页", encoding="utf-8")
    with pytest.raises(sitedir.SiteDirError, match="磁盘空间不足"):
        sitedir.commit(staging, [(f"new/{n}/index.html", source) for n, source in enumerate(sources)])
    assert files_of(site) == {k: v for k, v in before.items() if not k.endswith(".sqb-new")}
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["old", "old/index.html"]
    assert not (tmp_path / "site.building").exists()


def test_a_site_that_is_a_link_is_replaced_whole(tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "old.html").write_text("旧网站", encoding="utf-8")
    (tmp_path / "site").symlink_to(target)
    staging = sitedir.begin(tmp_path / "site")
    (staging.folder / "index.html").write_text("新网站", encoding="utf-8")
    sitedir.commit(staging)
    assert not (tmp_path / "site").is_symlink() and files_of(tmp_path / "site") == {"index.html": "新网站"}
    assert files_of(target) == {"old.html": "旧网站"}  # what the link pointed at is left alone


def test_a_site_folder_in_a_folder_not_made_yet_is_built(mini, tmp_path):
    """`mkdocs build -d new/folder/site` works as with MkDocs alone (the lock sits beside the site)."""
    built = build(mini, site_dir=str(tmp_path / "new" / "folder" / "site"))
    assert (built / "index.html").is_file()
    assert not (tmp_path / "new" / "folder" / "site.building").exists()


def test_two_builds_are_byte_identical_pdfs_included(sample, tmp_path):
    one = build(sample, pdf=True, site_dir=str(tmp_path / "one"))
    two = build(sample, pdf=True, site_dir=str(tmp_path / "two"))
    digest = tree_digest(one)
    assert any(name.endswith(".pdf") for name in digest) and any(name.startswith("pagefind/") for name in digest)
    assert digest == tree_digest(two)


def test_a_broken_link_fails_the_strict_build(mini, caplog):
    article = mini / "content/issues/2023-06/wuyue.md"
    article.write_text(article.read_text(encoding="utf-8") + '\n<a href="../../2023-05/no-such-article/">旧文</a>\n'
                       '<a href="../zongzi/#no-such-anchor">粽子</a>\n<A HREF=nowhere.html>无引号</A>\n', encoding="utf-8")
    with pytest.raises(Exception):
        build(mini)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("issues/2023-06/wuyue/index.html 里的链接 ../../2023-05/no-such-article/ 打不开" in w for w in warnings)
    assert any("../zongzi/#no-such-anchor 打不开" in w for w in warnings)
    assert any("wuyue/index.html 里的链接 nowhere.html 打不开" in w for w in warnings)  # unquoted, upper case


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> tuple[Path, Path]:
    """The sample paper with stray files an editor's computer leaves behind, built once."""
    import shutil

    from conftest import ROOT

    project = tmp_path_factory.mktemp("private") / "sample"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("content", "theme_overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    issue = sorted((project / "content/issues").iterdir())[-1]
    (issue / "Thumbs.db").write_bytes(b"\0thumbnail cache")
    (issue / ".DS_Store").write_bytes(b"\0mac")
    (issue / "采访笔记.docx").write_bytes(b"PK private notes")
    (issue / "images" / "unused-original.jpg").write_bytes((issue / "images").glob("*.jpg").__next__().read_bytes())
    return project, build(project)


def test_published_html_parses_without_errors(sample_site):
    _, site = sample_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(page.read_bytes())
        assert parser.errors == [], (page.relative_to(site), parser.errors[:3])


def test_nothing_private_is_published(sample_site):
    project, site = sample_site
    published = [p for p in site.rglob("*") if p.is_file()]
    names = {p.name for p in published}
    assert not names & {"issue.yml", "people.yml", "Thumbs.db", ".DS_Store", "采访笔记.docx"}
    originals = {p.read_bytes() for p in (project / "content").rglob("images/*") if p.is_file()}
    images = [p for p in published if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif")
              and "assets" not in p.relative_to(site).parts]
    assert images
    for path in images:
        assert path.read_bytes() not in originals, path
        with Image.open(path) as img:
            assert not img.getexif(), path
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp", "comment"} & set(img.info), (path, img.info.keys())
