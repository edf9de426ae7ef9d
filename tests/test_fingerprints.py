"""Names that change with the content, so long caching is safe: our stylesheet and script
(``shequbao.<hash>.css``) and the photo renditions (``dianti-960.<8 hex of the cache key>.webp``),
built in site/registry.py and photos/process.py; and the one rule that says which files may be cached for a year."""

from __future__ import annotations

import hashlib

import pytest
from conftest import build, make_photo

from shequbao.photos.process import rendition_path
from shequbao.site.registry import ASSET_SOURCES, asset_path, is_fingerprinted


def test_asset_names_carry_the_hash_of_their_content():
    for name in ("shequbao.css", "search.js"):
        digest = hashlib.sha256((ASSET_SOURCES / name).read_bytes()).hexdigest()[:8]
        stem, suffix = name.rsplit(".", 1)
        assert asset_path(name) == f"assets/shequbao/{stem}.{digest}.{suffix}"


def test_rendition_names_carry_the_cache_key():
    assert rendition_path("issues/x/images/dianti", 960, "webp", "0123456789abcdef") == "issues/x/images/dianti-960.01234567.webp"


@pytest.mark.parametrize("path, long", [
    ("assets/shequbao/shequbao.64f4e15c.css", True), ("issues/x/images/dianti-960.abc18077.webp", True),
    ("assets/stylesheets/main.ec1eaa64.min.css", True), ("pagefind/fragment/zh-cn_0e184a9.pf_fragment", True),
    ("pagefind/pagefind.zh-cn_e746cc70f1173.pf_meta", True), ("index.html", False), ("feed.xml", False),
    ("pagefind/pagefind.js", False), ("pagefind/wasm.zh-cn.pagefind", False), ("assets/stylesheets/paper.css", False),
    ("issues/2025-09/gui-yuan-2025-09.pdf", False), ("issues/deadbeef/index.html", False),
])
def test_which_files_may_be_cached_for_a_year(path, long):
    assert is_fingerprinted(path) is long


def test_the_site_uses_fingerprinted_names_and_a_changed_photo_gets_a_new_one(mini):
    site = build(mini)
    css = asset_path("shequbao.css")
    assert (site / css).is_file() and not (site / "assets/shequbao/shequbao.css").exists()
    assert css.split("/")[-1] in (site / "index.html").read_text(encoding="utf-8")
    images = site / "issues/2023-05/images"
    before = sorted(p.name for p in images.iterdir())
    assert before and all(is_fingerprinted(name) for name in before)
    make_photo(mini / "content/issues/2023-05/images/huayuan.jpg", (20, 20, 200))  # a new picture, same file name
    after = sorted(p.name for p in build(mini).joinpath("issues/2023-05/images").iterdir())
    changed = set(before) ^ set(after)
    assert changed and all(name.startswith("huayuan-") for name in changed)
