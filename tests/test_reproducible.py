"""Pagefind's output made reproducible (outputs/search/reproducible.py): the filters Pagefind
writes in a random order are sorted, the rewritten files named after their new bytes, and an
index not in the expected shape left exactly as it was.

The indexes here are written in Pagefind 1.5's format (gzip'd CBOR behind ``pagefind_dcd``;
the metadata is ``[version, pages, index chunks, filters, sorts, meta fields]``, a filter file
``[name, [[value, [page numbers]], …]]``), as ``pagefind --site`` wrote them for three pages."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path

import cbor2
import pytest

from shequbao.outputs.search.reproducible import SIGNATURE, normalise

FILTERS = {
    "作者": [["陈玲", [0, 1, 2]], ["王芳", [2]], ["张伟@平凉", [1]], ["钱多多", [0]]],
    "年份": [["2023", [0]], ["2024", [1]], ["2025", [2]]],
    "版面": [["第1版 要闻", [2]], ["第2版 社区", [1]], ["第3版 文苑", [0]]],
}
OTHER = {"fragment/zh-cn_2a50853.pf_fragment": b"fragment 1", "index/zh-cn_b48aa6c.pf_index": b"words",
         "pagefind.js": b"// pagefind", "wasm.zh-cn.pagefind": b"\0asm"}


def pack(value, mtime: int = 1758790000) -> bytes:
    """As Pagefind writes a file (with a gzip time, which the rewrite drops)."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=mtime)


def unpack(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE):])


def write_index(folder: Path, seed: int, languages=("zh-cn",)) -> Path:
    """A Pagefind index whose filters and values are in the order of ``seed`` (a HashMap's)."""
    order = random.Random(seed)
    entry = {"version": "1.5.2", "languages": {}, "include_characters": ["_", "＿"]}
    for language in languages:
        filters = []
        for name in order.sample(sorted(FILTERS), len(FILTERS)):
            values = order.sample(FILTERS[name], len(FILTERS[name]))
            data = pack([name, values])
            digest = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"  # named by its bytes, as Pagefind does
            (folder / "filter").mkdir(parents=True, exist_ok=True)
            (folder / "filter" / f"{digest}.pf_filter").write_bytes(data)
            filters.append([name, digest])
        meta = ["1.5.2", [["zh-cn_ce7042c", 20], ["zh-cn_2a50853", 18], ["zh-cn_b1595c2", 31]],
                [["1", "陈", "zh-cn_b48aa6c"]], filters, [], ["title"]]
        data = pack(meta)
        digest = f"{language}_{hashlib.sha256(data).hexdigest()[:13]}"
        (folder / f"pagefind.{digest}.pf_meta").write_bytes(data)
        entry["languages"][language] = {"hash": digest, "wasm": None, "page_count": 3}
    for rel, data in OTHER.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    (folder / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_indexes_of_the_same_pages_become_byte_identical(tmp_path):
    first, second = write_index(tmp_path / "a", seed=1), write_index(tmp_path / "b", seed=7)
    assert tree(first) != tree(second)  # Pagefind's HashMap order differs from run to run
    assert normalise(first) and normalise(second)
    assert tree(first) == tree(second)


def test_filters_and_their_values_are_sorted_and_nothing_else_is_touched(tmp_path):
    folder = write_index(tmp_path, seed=3)
    before = tree(folder)
    assert normalise(folder)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = unpack(folder / f"pagefind.{entry['languages']['zh-cn']['hash']}.pf_meta")
    assert [name for name, _ in meta[3]] == sorted(FILTERS)
    assert meta[:3] == ["1.5.2", [["zh-cn_ce7042c", 20], ["zh-cn_2a50853", 18], ["zh-cn_b1595c2", 31]],
                        [["1", "陈", "zh-cn_b48aa6c"]]] and meta[4:] == [[], ["title"]]
    for name, digest in meta[3]:
        assert unpack(folder / "filter" / f"{digest}.pf_filter") == [name, sorted(FILTERS[name])]
    assert {rel: tree(folder)[rel] for rel in OTHER} == OTHER  # words, fragments and scripts as they were
    assert entry["include_characters"] == ["_", "＿"] and entry["languages"]["zh-cn"]["page_count"] == 3
    assert len(list((folder / "filter").iterdir())) == len(FILTERS)  # the old files are gone
    assert len(list(folder.glob("*.pf_meta"))) == 1 and set(tree(folder)) != set(before)


def test_every_rewritten_file_is_named_after_its_new_bytes(tmp_path):
    """A browser or CDN keeps these files for a year by their names: a name must change with the bytes."""
    folder = write_index(tmp_path, seed=5)
    normalise(folder)
    for path in (folder / "filter").iterdir():
        assert path.stem == "zh-cn_" + hashlib.sha256(path.read_bytes()).hexdigest()[:7]
    [meta] = folder.glob("*.pf_meta")
    assert meta.name == f"pagefind.zh-cn_{hashlib.sha256(meta.read_bytes()).hexdigest()[:13]}.pf_meta"
    assert gzip.decompress(meta.read_bytes()).startswith(SIGNATURE)


def test_normalising_twice_changes_nothing_more(tmp_path):
    folder = write_index(tmp_path, seed=11)
    normalise(folder)
    once = tree(folder)
    assert normalise(folder) and tree(folder) == once


def test_every_language_of_the_index_is_rewritten(tmp_path):
    folder = write_index(tmp_path, seed=2, languages=("zh-cn", "en"))
    assert normalise(folder)
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in ("zh-cn", "en"):
        meta = unpack(folder / f"pagefind.{entry['languages'][language]['hash']}.pf_meta")
        assert entry["languages"][language]["hash"].startswith(f"{language}_")
        assert [name for name, _ in meta[3]] == sorted(FILTERS)
        assert all(digest.startswith(f"{language}_") for _, digest in meta[3])


def damage(folder: Path, how: str) -> None:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_file = folder / f"pagefind.{entry['languages']['zh-cn']['hash']}.pf_meta"
    a_filter = min((folder / "filter").iterdir())
    if how == "no entry file":
        (folder / "pagefind-entry.json").unlink()
    elif how == "entry not json":
        (folder / "pagefind-entry.json").write_text("{", encoding="utf-8")
    elif how == "entry without languages":
        (folder / "pagefind-entry.json").write_text('{"version": "2.0.0"}', encoding="utf-8")
    elif how == "metadata missing":
        meta_file.unlink()
    elif how == "metadata of another shape":
        meta_file.write_bytes(pack(["2.0.0", [], []]))
    elif how == "filter missing":
        a_filter.unlink()
    elif how == "no signature":
        a_filter.write_bytes(gzip.compress(cbor2.dumps(["作者", []])))
    elif how == "not gzip":
        a_filter.write_bytes(b"pagefind_dcd")
    elif how == "bytes that would not survive a round trip":
        # ["作者", [["陈玲", [0]]]] with its 0 written in two bytes: cbor2 would write it in one
        body = b"\x82\x66" + "作者".encode() + b"\x81\x82\x66" + "陈玲".encode() + b"\x81\x18\x00"
        assert cbor2.loads(body) == ["作者", [["陈玲", [0]]]] and cbor2.dumps(cbor2.loads(body)) != body
        a_filter.write_bytes(gzip.compress(SIGNATURE + body))


@pytest.mark.parametrize("how", ["no entry file", "entry not json", "entry without languages", "metadata missing",
                                 "metadata of another shape", "filter missing", "no signature", "not gzip",
                                 "bytes that would not survive a round trip"])
def test_an_index_not_in_the_expected_shape_is_left_exactly_as_it_was(tmp_path, how):
    """A future Pagefind costs reproducibility, never search."""
    folder = write_index(tmp_path, seed=4)
    damage(folder, how)
    before = tree(folder)
    assert normalise(folder) is False
    assert tree(folder) == before


def test_one_damaged_language_leaves_the_others_unchanged_too(tmp_path):
    folder = write_index(tmp_path, seed=9, languages=("zh-cn", "en"))
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    (folder / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").write_bytes(b"\x1f\x8b broken")
    before = tree(folder)
    assert normalise(folder) is False and tree(folder) == before


def test_a_field_a_future_pagefind_adds_to_a_filter_file_is_kept(tmp_path):
    folder = write_index(tmp_path, seed=6)
    for path in (folder / "filter").iterdir():
        data = unpack(path)
        path.write_bytes(pack([*data, {"sort": "alpha"}]))  # the names no longer match the bytes: no matter here
    assert normalise(folder)
    for path in (folder / "filter").iterdir():
        assert unpack(path)[2:] == [{"sort": "alpha"}]
