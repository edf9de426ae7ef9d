"""Pagefind's output made reproducible: two builds of the same paper, in any folder, publish
byte-identical ``pagefind/`` (knows nothing of MkDocs).

Pagefind 1.x writes each filter (``filter/*.pf_filter``: a filter's values and their pages)
and the list of filters in its metadata (``pagefind.*.pf_meta``) in the order of a Rust
``HashMap``, which is random in every process, and names every file after a hash of its bytes:
the same index came out with other filter files, another metadata file and another
``pagefind-entry.json`` on every build. Everything else (words, fragments) is already stable.

:func:`normalise` sorts what was in hash order and names the rewritten files after their new
bytes. The files are gzip'd CBOR behind a ``pagefind_dcd`` signature; the codec below reads and
writes exactly the part of CBOR Pagefind uses, and a file whose bytes would not survive a
round trip unchanged is left alone (a future Pagefind then costs reproducibility, not search).
The browser finds every file through the names in the entry file and the metadata, which are
rewritten with them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
FILTERS_AT = 3  # the metadata's fields: version, index chunks, fragments…, filters, sorts, meta fields


def normalise(folder: Path) -> bool:
    """Rewrite the index in ``folder`` (``pagefind-entry.json`` at its top) in a stable order.
    Returns False (and changes nothing) when its files are not in the expected shape."""
    entry_file = folder / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        plans = [_language_plan(folder, language) for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False
    if any(plan is None for plan in plans):
        return False
    for language, plan in zip(entry["languages"].values(), plans):
        writes, removals, meta_hash = plan
        for path in removals:
            path.unlink()
        for path, data in writes:
            path.write_bytes(data)
        language["hash"] = meta_hash
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def _language_plan(folder: Path, language: dict):
    """The files to write and remove for one language, and its new metadata hash (or None)."""
    old_meta = folder / f"pagefind.{language['hash']}.pf_meta"
    meta = _read(old_meta)
    if meta is None or not isinstance(meta, list) or len(meta) <= FILTERS_AT:
        return None
    prefix = language["hash"].split("_")[0]
    writes, removals, filters = [], [old_meta], []
    for name, old_hash in meta[FILTERS_AT]:
        path = folder / "filter" / f"{old_hash}.pf_filter"
        data = _read(path)
        if data is None:
            return None
        data = [data[0], sorted(data[1], key=lambda value: _key(value[0]))]
        new = _pack(data)
        new_hash = f"{prefix}_{hashlib.sha256(new).hexdigest()[:7]}"
        removals.append(path)
        writes.append((folder / "filter" / f"{new_hash}.pf_filter", new))
        filters.append([name, new_hash])
    meta[FILTERS_AT] = sorted(filters, key=lambda pair: _key(pair[0]))
    packed = _pack(meta)
    meta_hash = f"{prefix}_{hashlib.sha256(packed).hexdigest()[:13]}"
    writes.append((folder / f"pagefind.{meta_hash}.pf_meta", packed))
    return writes, removals, meta_hash


def _key(value) -> tuple:
    return (str(type(value)), value)


def _read(path: Path):
    """The CBOR value of a Pagefind file, or None when it is not one we can write back unchanged."""
    try:
        raw = gzip.decompress(path.read_bytes())
        if not raw.startswith(SIGNATURE):
            return None
        value, end = _decode(raw, len(SIGNATURE))
    except (OSError, ValueError, EOFError, IndexError, struct.error, UnicodeDecodeError):
        return None
    if end != len(raw) or _encode(value) != raw[len(SIGNATURE):]:
        return None
    return value


def _pack(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _decode(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 31
    pos += 1
    if major == 7:
        if info in (20, 21, 22):
            return {20: False, 21: True, 22: None}[info], pos
        size = {25: 2, 26: 4, 27: 8}[info]
        raw = data[pos:pos + size]
        return Float(raw, struct.unpack({2: ">e", 4: ">f", 8: ">d"}[size], raw)[0]), pos + size
    if info < 24:
        arg = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        arg, pos = int.from_bytes(data[pos:pos + size], "big"), pos + size
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        chunk = data[pos:pos + arg]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _decode(data, pos)
            value, pos = _decode(data, pos)
            pairs.append((key, value))
        return Map(pairs), pos
    raise ValueError(f"CBOR major type {major}")


class Map(list):
    """A CBOR map, kept as its pairs in their order."""


class Float:
    """A CBOR float, kept as its bytes."""

    def __init__(self, raw: bytes, value: float):
        self.raw, self.value = raw, value


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large")


def _encode(value) -> bytes:
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else 0xF5 if value else 0xF4])
    if isinstance(value, Float):
        return bytes([0xE0 | {2: 25, 4: 26, 8: 27}[len(value.raw)]]) + value.raw
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    if isinstance(value, Map):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise ValueError(f"cannot encode {type(value).__name__}")
