"""Structural linearity (issue 10), without timing anything: a paper five times larger makes
more pages, not larger ones. No page may list the whole archive, and the nav stays a fixed
handful of entries, so the biggest page and the most links on one page must not grow with
the archive. Speed itself is measured by scripts/bench.py, never asserted here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = """site_name: 合成报
site_url: https://example.org/
docs_dir: content
theme:
  name: material
  language: zh
  font: false
nav:
  - 首页: index.md
  - 往期: issues/index.md
  - 作者: people/index.md
  - 图片: gallery/index.md
  - 关于: about.md
plugins:
  - shequbao:
      print_enabled: false
      search_enabled: false
      archive_per_page: 4
      people_per_page: 10
      images_per_page: 6
  - glightbox:
      manual: true
"""


def _build(tmp: Path, articles: int, photos: int) -> dict[str, str]:
    out = tmp / f"paper-{articles}"
    subprocess.run([sys.executable, str(ROOT / "scripts/make_corpus.py"), "--articles", str(articles), "--photos",
                    str(photos), "--people", "30", "--jobs", "1", "--out", str(out)], check=True, capture_output=True)
    (out / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHEQUBAO_CACHE_DIR": str(tmp / f"cache-{articles}")}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=out, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    site = out / "site"
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    return _build(tmp, 60, 6), _build(tmp, 300, 30)


def _links(html: str) -> int:
    return len(re.findall(r"<a\s", html))


def test_larger_archive_makes_more_pages(sites):
    small, large = sites
    assert len(large) > 4 * len(small) // 2
    assert sum(1 for p in large if re.match(r"issues/page/\d+/", p)) >= 3  # 往期 is paginated
    assert any(re.match(r"gallery/page/\d+/", p) for p in large)  # so is 图片
    assert any(re.match(r"people/[^/]+/page/\d+/", p) for p in large)  # and a person's archive


def test_no_page_grows_with_the_archive(sites):
    small, large = sites
    biggest_small = max(len(h) for h in small.values())
    biggest_large, page = max((len(h), p) for p, h in large.items())
    assert biggest_large <= 1.25 * biggest_small, f"{page} is {biggest_large} bytes (small paper: {biggest_small})"
    most_small = max(_links(h) for h in small.values())
    most_large, page = max((_links(h), p) for p, h in large.items())
    assert most_large <= 1.25 * most_small, f"{page} has {most_large} links (small paper: {most_small})"


def test_nav_is_the_same_handful_of_entries(sites):
    small, large = sites

    def tabs(html: str) -> int:
        return html.count('class="md-nav__item')

    assert {tabs(h) for h in large.values()} <= {tabs(h) for h in small.values()}
    assert max(tabs(h) for h in large.values()) <= 12


def test_lightbox_only_where_there_are_photos(sites):
    _, large = sites
    with_photos = [p for p, h in large.items() if "sqb-lightbox" in h]
    without = [p for p, h in large.items() if "sqb-lightbox" not in h]
    assert with_photos and without
    # No page loads GLightbox itself: shequbao.js fetches it on the first tap on a photo (tests/test_browser.py).
    assert not any(re.search(r'<(?:script|link)[^>]+(?:src|href)="[^"]*glightbox', large[p]) for p in large)
