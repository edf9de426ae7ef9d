"""Pagefind's output made reproducible: two builds of the same paper, in any folder, publish
byte-identical ``pagefind/`` (knows nothing of MkDocs).

Pagefind 1.x writes each filter (``filter/*.pf_filter``: a filter's values and their pages)
and the list of filters in its metadata (``pagefind.*.pf_meta``) in the order of a Rust
``HashMap``, which is random in every process, and names every file after a hash of its bytes:
the same index came out with other filter files, another metadata file and another
``pagefind-entry.json`` on every build. Everything else (words, fragments) is already stable.

:func:`normalise` sorts what was in hash order and names the rewritten files after their new
bytes. The files are gzip'd CBOR behind a ``pagefind_dcd`` signature, read and written with
cbor2; a file whose bytes would not survive a round trip unchanged is left alone (a future
Pagefind then costs reproducibility, not search).
The browser finds every file through the names in the entry file and the metadata, which are
rewritten with them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

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
        data = [data[0], sorted(data[1], key=lambda value: _key(value[0])), *data[2:]]  # later fields kept as they are
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
        body = raw[len(SIGNATURE):]
        value = cbor2.loads(body)
        if cbor2.dumps(value) != body:
            return None
    except (OSError, ValueError, EOFError, cbor2.CBORError):
        return None
    return value


def _pack(value) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)
