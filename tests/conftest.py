"""Shared helpers: small fixture sites copied into tmp_path, real MkDocs builds, HTML links."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory):
    """One cache of derived data (PDFs, search index) for the whole run: builds of unchanged
    fixtures redo none of that work. Tests of a cache itself point SHEQUBAO_CACHE_DIR elsewhere."""
    os.environ.setdefault("SHEQUBAO_CACHE_DIR", str(tmp_path_factory.mktemp("shequbao-cache")))


def make_photo(path: Path, colour=(170, 60, 50), size=(96, 64)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/mini (two issues of 《梧桐里》) with its photos."""
    site = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", site)
    images = site / "content/issues/2023-05/images"
    make_photo(images / "dianti.jpg")
    make_photo(images / "huayuan.jpg", (60, 140, 80))
    return site


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the bundled sample paper (mkdocs.yml, content/, theme_overrides/)."""
    site = tmp_path / "sample"
    site.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", site)
    for folder in ("content", "theme_overrides"):
        shutil.copytree(ROOT / folder, site / folder)
    return site


def sample_with_corpus(folder: Path, articles: int) -> Path:
    """The sample paper plus ``articles`` synthetic ones (scripts/make_corpus.py: older issues,
    their own people, no photos) in ``folder``: for tests of what grows with the archive."""
    import subprocess
    import sys

    import yaml

    project = folder / "sample"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "theme_overrides", project / "theme_overrides")
    shutil.copy(ROOT / "mkdocs.yml", project)
    corpus = folder / "corpus"
    subprocess.run([sys.executable, str(ROOT / "scripts/make_corpus.py"), "--articles", str(articles), "--photos", "0",
                    "--jobs", "1", "--out", str(corpus)], check=True, capture_output=True)
    for issue in (corpus / "content/issues").iterdir():
        shutil.copytree(issue, project / "content/issues" / issue.name)
    people = yaml.safe_load((corpus / "content/people.yml").read_text(encoding="utf-8")) or {}
    people.update(yaml.safe_load((project / "content/people.yml").read_text(encoding="utf-8")) or {})
    (project / "content/people.yml").write_text(yaml.safe_dump(people, allow_unicode=True), encoding="utf-8")
    return project


def build(project: Path, *, pdf: bool = False, **overrides) -> Path:
    """Run a real ``mkdocs build`` of ``project`` (strict); return the site folder.
    The print editions (PDFs, seconds per issue) are made only when ``pdf`` (tests/test_print*.py)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    overrides.setdefault("site_dir", str(project / "site"))
    overrides.setdefault("strict", True)
    config = load_config(str(project / "mkdocs.yml"), **overrides)
    if not pdf and "shequbao" in config.plugins:
        config.plugins["shequbao"].config.print_enabled = False
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(overrides["site_dir"])


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory) -> Path:
    """One strict build of the repository's paper for every browser test module of the run
    (test_browser, test_readers): the sample is built once, not once per module."""
    return build(ROOT, site_dir=str(tmp_path_factory.mktemp("browser") / "site"))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def page_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def broken_links(site: Path, base_url: str = "https://example.org/") -> list[str]:
    """Every internal href/src of every page that does not lead to a file in ``site``."""
    broken = []
    base_path = urlsplit(base_url).path
    for page in site.rglob("*.html"):
        page_url = urljoin(base_url, page.relative_to(site).as_posix())
        for link in page_links(page.read_text(encoding="utf-8")):
            if link.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
                continue
            target = urlsplit(urljoin(page_url, link))
            if target.netloc != urlsplit(base_url).netloc:
                continue
            path = unquote(target.path)
            if not path.startswith(base_path):
                broken.append(f"{page.relative_to(site)}: {link}")
                continue
            local = site / path[len(base_path):]
            if path.endswith("/"):
                local = local / "index.html"
            if not local.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
    return broken


def external_references(site: Path, own_host: str = "example.org") -> list[str]:
    """href/src values of every page pointing at a host other than ``own_host``."""
    found = []
    for page in site.rglob("*.html"):
        for link in page_links(page.read_text(encoding="utf-8")):
            host = urlsplit(link).netloc
            if host and host != own_host:
                found.append(f"{page.relative_to(site)}: {link}")
    return found


# Photo renditions are named by their content: issues/x/images/dianti-480.<8 hex of the cache key>.webp.
FINGERPRINTED_RENDITION = re.compile(r"(-\d+)\.[0-9a-f]{8}\.(webp|jpg)\b")
PLAIN_RENDITION = re.compile(r"[a-z0-9]-\d+\.(webp|jpg)\b")


def plain_names(text: str) -> str:
    """``text`` (a page, a listing) with the renditions' fingerprints taken out, after checking
    that every rendition it names has one (``dianti-480.1a2b3c4d.webp`` → ``dianti-480.webp``)."""
    assert not PLAIN_RENDITION.search(text), f"a rendition without its fingerprint: {PLAIN_RENDITION.search(text).group(0)}"
    return FINGERPRINTED_RENDITION.sub(r"\1.\2", text)


def rendition(folder: Path, plain: str) -> Path:
    """The one file of ``folder`` that is the rendition ``plain`` (``dianti-480.webp``) with its fingerprint."""
    stem, _, suffix = plain.rpartition(".")
    found = [p for p in folder.glob(f"{stem}.*.{suffix}") if re.fullmatch(re.escape(stem) + r"\.[0-9a-f]{8}\." + suffix, p.name)]
    assert len(found) == 1, (plain, sorted(p.name for p in folder.iterdir()))
    return found[0]


# -- markers: `make test-fast` leaves out what is marked slow or browser ------------------------

# Modules whose tests run real MkDocs builds, print editions, whole imports, servers (nginx, S3)
# or other users' shells: seconds each. The rest of the suite is unit tests of the modules.
SLOW_MODULES = {
    "test_build", "test_sample", "test_incremental", "test_recipes", "test_print_build", "test_print_sample",
    "test_importer_build", "test_importer_corpus", "test_importer_cli", "test_nginx", "test_publish", "test_hostile",
    "test_scale", "test_examples", "test_handbook", "test_permissions", "test_preview_errors", "test_fingerprints",
    "test_safe_output", "test_images_render", "test_pageview", "test_reader", "test_browser", "test_people",
    "test_site_rules", "test_scaffold", "test_cli", "test_suggest", "test_feeds", "test_search", "test_images",
    "test_bad_content", "test_fuzz", "test_importer_fuzz", "test_importer_pdf", "test_print_core", "test_plan_issue",
    "test_branding", "test_importer_foreign", "test_importer_scan", "test_readers",
}
BROWSER_FIXTURES = {"browser", "phone", "desktop", "chromium"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if module in SLOW_MODULES and not item.get_closest_marker("fast"):
            item.add_marker(pytest.mark.slow)
