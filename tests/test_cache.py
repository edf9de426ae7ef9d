"""cache/store.py: one memo, one atomic write, verified entries, one prune, links into the site."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from shequbao.cache import store as cache
from shequbao.cache.store import DigestMemo, Store, code_key, link_files, write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_entry_is_sealed_and_read_back(tmp_path):
    store = Store(tmp_path, "things")
    with store.put("abc123", {"pages": 4}) as scratch:
        (scratch / "a.pdf").write_bytes(b"%PDF-1.7 one")
        (scratch / "img").mkdir()
        (scratch / "img" / "p1.png").write_bytes(b"png")
    entry = store.get("abc123")
    assert entry.meta == {"pages": 4} and entry.path == tmp_path / "things/ab/abc123"
    assert entry.file("a.pdf").read_bytes() == b"%PDF-1.7 one"
    assert not [p for p in (tmp_path / "things/ab").iterdir() if p.name.startswith(".")], "no scratch left"
    assert store.get("other") is None


def test_a_failed_write_leaves_no_entry(tmp_path):
    store = Store(tmp_path, "things")
    with pytest.raises(RuntimeError):
        with store.put("k1") as scratch:
            (scratch / "half.pdf").write_bytes(b"half")
            raise RuntimeError("renderer crashed")
    assert store.get("k1") is None and not list((tmp_path / "things").rglob("half.pdf"))


@pytest.mark.parametrize("damage", ["truncate", "rewrite", "delete", "manifest"])
def test_a_damaged_entry_is_not_used_and_is_removed(tmp_path, damage):
    store = Store(tmp_path, "things")
    with store.put("k1") as scratch:
        (scratch / "a.webp").write_bytes(b"x" * 100)
    file = store.path("k1") / "a.webp"
    if damage == "truncate":
        file.write_bytes(b"x" * 50)
    elif damage == "rewrite":  # same size, other bytes (e.g. edited through a hard link in site/)
        time.sleep(0.01)
        file.write_bytes(b"y" * 100)
    elif damage == "delete":
        file.unlink()
    else:
        (store.path("k1") / cache.MANIFEST).write_text("{not json", encoding="utf-8")
    assert store.get("k1") is None
    assert store.damaged == ["k1"] and not store.path("k1").exists()


def test_a_touched_but_unchanged_file_is_still_good(tmp_path):
    store = Store(tmp_path, "things")
    with store.put("k1") as scratch:
        (scratch / "a.webp").write_bytes(b"same")
    file = store.path("k1") / "a.webp"
    os.utime(file, (1, 1))  # mtime changed, bytes the same: hashed again and kept
    assert store.get("k1") is not None


def test_entries_and_published_files_are_world_readable(tmp_path):
    os.umask(0o077)  # as on a server where the build runs with a strict umask
    try:
        store = Store(tmp_path / "c", "pagefind")
        with store.put("k1") as scratch:
            (scratch / "index").mkdir()
            (scratch / "index" / "a.pf_index").write_bytes(b"i")
        site = tmp_path / "site"
        link_files([("pagefind/index/a.pf_index", store.path("k1") / "index" / "a.pf_index")], site)
        write_atomic(tmp_path / "memo.json", "{}")
    finally:
        os.umask(0o022)
    entry = store.path("k1")
    assert mode(entry) == 0o755 and mode(entry / "index") == 0o755  # the cache's folders, whatever the umask
    assert mode(site / "pagefind/index/a.pf_index") == 0o644  # a published file is the entry's file, linked
    assert not (site / "pagefind" / cache.MANIFEST).exists()
    assert mode(tmp_path / "memo.json") == 0o644


def test_write_atomic_replaces_whole_files_only(tmp_path):
    target = tmp_path / "deep" / "hashes.json"
    write_atomic(target, b"one")
    write_atomic(target, "二")
    assert target.read_text(encoding="utf-8") == "二"
    assert [p.name for p in target.parent.iterdir()] == ["hashes.json"]


def test_the_memo_reads_a_file_once_until_it_changes(tmp_path, monkeypatch):
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"photo one")
    memo = DigestMemo(tmp_path / "memo.json")
    first = memo.digest(photo)
    memo.save()
    reads = []
    monkeypatch.setattr(cache, "file_digest", lambda path: reads.append(path) or "fresh")
    again = DigestMemo(tmp_path / "memo.json")
    assert again.digest(photo) == first and reads == []
    photo.write_bytes(b"photo two, longer")
    assert again.digest(photo) == "fresh" and reads == [photo]


def test_prune_keeps_what_this_build_used_and_the_recent(tmp_path):
    store = Store(tmp_path, "pagefind")
    now = time.time()
    for n in range(5):
        with store.put(f"k{n}") as scratch:
            (scratch / "f").write_bytes(b"x")
        os.utime(store.path(f"k{n}") / cache.MANIFEST, (now - 100 + n, now - 100 + n))  # k4 used last
    store.prune(keep=["k0"], recent=3)  # k0 (this build) + the two most recently used others
    assert sorted(p.name for p in (tmp_path / "pagefind").glob("*/*")) == ["k0", "k3", "k4"]
    long_ago = now - 40 * 86400
    os.utime(store.path("k3") / cache.MANIFEST, (long_ago, long_ago))
    store.prune(keep=["k4"])  # k3 unused for longer than KEEP_DAYS; k0 used a minute ago
    assert sorted(p.name for p in (tmp_path / "pagefind").glob("*/*")) == ["k0", "k4"]


def test_code_key_follows_the_code(tmp_path):
    module = tmp_path / "render.py"
    module.write_text("WIDTH = 1", encoding="utf-8")
    first = code_key(module, packages=("Pillow",))
    assert code_key(module, packages=("Pillow",)) == first
    module.write_text("WIDTH = 2", encoding="utf-8")
    assert code_key(module, packages=("Pillow",)) != first


def test_files_are_linked_not_copied(tmp_path):
    cached = tmp_path / "c.webp"
    cached.write_bytes(b"w")
    link_files([("issues/x/images/a-480.webp", cached)], tmp_path / "site")
    assert (tmp_path / "site/issues/x/images/a-480.webp").stat().st_ino == cached.stat().st_ino


def test_a_catalog_spares_opening_manifests_but_not_the_checks(tmp_path):
    store = Store(tmp_path, "images", catalog=True)
    with store.put("k1", {"widths": [480]}) as scratch:
        (scratch / "480.webp").write_bytes(b"rendition")
    assert store.get("k1").meta == {"widths": [480]}
    store.save_catalog()
    entry = store.path("k1")
    (entry / "manifest.json").write_text("not json", encoding="utf-8")  # never opened while the files are as listed
    again = Store(tmp_path, "images", catalog=True)
    assert again.get("k1").meta == {"widths": [480]} and again.damaged == []
    time.sleep(0.01)
    (entry / "480.webp").write_bytes(b"Rendition")  # same size, other bytes: the catalog no longer vouches for it
    third = Store(tmp_path, "images", catalog=True)
    assert third.get("k1") is None and third.damaged == ["k1"] and not entry.exists()
