"""The cache of derived files (``.cache/``): photo renditions, print editions, page images, the
search index. One content-hash memo, one atomic write, verified entries, one prune, and the
links from the cache into the built site. Knows nothing of MkDocs.

Every artefact is an *entry*: a folder ``.cache/<kind>/<key[:2]>/<key>/`` written in a
scratch folder and renamed into place, sealed with ``manifest.json`` (each file's size and
SHA-256). The key is a hash of everything the artefact is made of, including
:func:`code_key` of the code that makes it, so a change of that code makes new entries
without anyone bumping a version by hand. An entry whose files no longer match their
manifest (a truncated copy, a file edited through a hard link in ``site/``) is not used:
it is removed and made again.

Files and folders are created world-readable (0644/0755), whatever the umask of a temporary
file: the site links them in, and a web server must be able to read them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

MANIFEST = "manifest.json"
FINGERPRINT_HEX = 8
CATALOG = "catalog.json"  # a store's entries the last build used (Store(catalog=True))
FILE_MODE = 0o644
DIR_MODE = 0o755
KEEP_DAYS = 30  # entries no build used for this long are removed
SCRATCH_HOURS = 1  # an older scratch folder is the leftover of an interrupted build


def cache_root(project_dir: Path) -> Path:
    """``.cache/`` beside mkdocs.yml (never inside the content); ``SHEQUBAO_CACHE_DIR`` overrides."""
    configured = os.environ.get("SHEQUBAO_CACHE_DIR")
    return Path(configured) if configured else Path(project_dir) / ".cache"


def file_digest(path: Path) -> str:
    """SHA-256 of a file, hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def code_key(*sources: str | Path, packages: Iterable[str] = ()) -> str:
    """A version key of the code that makes an artefact: the bytes of its source files (files,
    or folders read whole) and the versions of the ``packages`` it uses."""
    digest = hashlib.sha256()
    for source in sources:
        path = Path(source)
        files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if path.is_dir() else [path]
        for file in files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    for name in packages:
        digest.update(f"{name}={package_version(name)}\0".encode())
    return digest.hexdigest()[:16]


def tree_stamp(folder: Path) -> str:
    """A version key of an installed folder (a theme's templates) from every file's name, size and
    modification time: any changed, added or removed file changes it, none of Material's 15,000 is read."""
    digest = hashlib.sha256()
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        rel = os.path.relpath(root, folder)
        for name in sorted(names):
            info = os.stat(os.path.join(root, name))
            digest.update(f"{rel}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def template_cache(root: Path):
    """Jinja's cache of compiled templates under ``.cache/jinja/`` (keyed by each template's source)."""
    from jinja2 import FileSystemBytecodeCache

    folder = Path(root) / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``path`` through a temporary file beside it: readers see the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class DigestMemo:
    """SHA-256 of source files, remembered by (size, mtime, ctime, inode) in a JSON file, so a warm
    build reads no unchanged photo (a same-size edit whose mtime was put back still changes the
    ctime, which no tool can set). Entries of files not asked for in a run are dropped when it is saved."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._known = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._known = {}
        self._used: dict[str, list] = {}

    def digest(self, file: Path) -> str:
        stat = os.stat(file)
        name = str(Path(file).absolute())
        known = self._known.get(name) or self._used.get(name)
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        digest = known[-1] if known and known[:-1] == stamp else file_digest(file)
        self._used[name] = [*stamp, digest]
        return digest

    def save(self) -> None:
        if self._used != self._known:
            write_atomic(self.path, json.dumps(self._used, sort_keys=True, indent=0))
            self._known = dict(self._used)


@dataclass(frozen=True)
class Entry:
    """A sealed cache entry: its folder and the ``meta`` its maker stored with it."""

    path: Path
    meta: dict

    def file(self, name: str) -> Path:
        return self.path / name


class Store:
    """The entries of one kind of artefact (``images``, ``print``, ``pagefind`` …).

    With ``catalog``, the store keeps ``catalog.json``: the entries the last build used, each
    with its files' sizes and modification times and its ``meta``. An entry found there whose
    files are unchanged is used without opening its manifest (a warm build of 2,500 photos
    opens one file, not 2,500); any other entry is checked against its manifest as before.
    """

    def __init__(self, root: Path, kind: str, *, catalog: bool = False):
        self.folder = Path(root) / kind
        self.damaged: list[str] = []  # keys of entries found damaged (and removed) by get()
        self.catalog = catalog
        self._known: dict[str, dict] | None = None  # the catalog, read on the first get()
        self._used: dict[str, dict] = {}  # entry → {"files": {name: [size, mtime]}, "meta": …} this build
        self._pruned = 0.0  # when the catalog's store was last pruned

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Entry | None:
        """The entry of ``key`` if it is there and intact (every file as sealed); a damaged
        entry is removed and reported in :attr:`damaged`."""
        entry = self.path(key)
        known = self._catalog().get(key) if self.catalog else None
        if known is not None and known.get("files") and _stamps(entry, known["files"]) == known["files"]:
            self._used[key] = known
            return Entry(entry, known["meta"])
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return self._discard(key, entry)
        files = manifest.get("files", {})
        if not _intact(entry, files):
            return self._discard(key, entry)
        with contextlib.suppress(OSError):
            os.utime(entry / MANIFEST)  # used now: kept by prune
        stamps = _stamps(entry, files) if self.catalog else None
        if stamps is not None:  # (a file gone meanwhile: not in the catalog)
            self._used[key] = {"files": stamps, "meta": manifest.get("meta", {})}
        return Entry(entry, manifest.get("meta", {}))

    def save_catalog(self, keys: Iterable[str] | None = None, *, days: float = KEEP_DAYS) -> None:
        """Write the catalog of the entries this build used (those it got, or ``keys``); once a
        day, entries no build used for ``days`` are removed."""
        used = dict(self._used) if keys is None else {}
        for key in keys or ():
            if key not in self._used:
                self.get(key)  # made by this build (or elsewhere): checked against its manifest
            if key in self._used:
                used[key] = self._used[key]
        now = time.time()
        self._catalog()  # (when it was last pruned)
        if now - self._pruned > 86400:
            for key in used:  # the entries the catalog spared opening are used all the same
                with contextlib.suppress(OSError):
                    os.utime(self.path(key) / MANIFEST)
            self.prune(keep=used, days=days)
            self._pruned = now
        elif used == self._known:
            return
        write_atomic(self.folder / CATALOG, json.dumps({"entries": used, "pruned": self._pruned}, ensure_ascii=False))
        self._known = used

    def _catalog(self) -> dict[str, dict]:
        if self._known is None:
            try:
                data = json.loads((self.folder / CATALOG).read_text(encoding="utf-8"))
                self._known, self._pruned = dict(data["entries"]), float(data["pruned"])
            except (OSError, ValueError, TypeError, KeyError):
                self._known = {}
        return self._known

    @contextlib.contextmanager
    def put(self, key: str, meta: dict | None = None) -> Iterator[Path]:
        """Write an entry: files go into the yielded scratch folder, sealed and renamed into
        place when the block ends without an error."""
        scratch = self.begin(key)
        try:
            yield scratch
            self.commit(key, scratch, meta or {})
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def begin(self, key: str) -> Path:
        """A scratch folder beside the entry of ``key``, to write its files into (see :meth:`commit`)."""
        entry = self.path(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(dir=entry.parent, prefix=f".{key}-"))

    def commit(self, key: str, scratch: Path, meta: dict) -> Entry:
        """Seal ``scratch`` and make it the entry of ``key`` (if another build sealed the same
        key meanwhile, theirs is kept and ``scratch`` removed)."""
        entry = self.path(key)
        seal(scratch, meta)
        try:
            os.replace(scratch, entry)
        except OSError:  # the entry exists (another build, or a damaged leftover)
            if (entry / MANIFEST).is_file():
                shutil.rmtree(scratch, ignore_errors=True)
            else:
                shutil.rmtree(entry, ignore_errors=True)
                os.replace(scratch, entry)
        return Entry(entry, meta)

    def abort(self, scratch: Path) -> None:
        """Forget a scratch folder from :meth:`begin` that will not be committed."""
        shutil.rmtree(scratch, ignore_errors=True)

    def prune(self, keep: Iterable[str] = (), *, days: float = KEEP_DAYS, recent: int | None = None) -> None:
        """Remove entries no build used for ``days`` (or beyond the ``recent`` most recently used),
        except ``keep``, and scratch folders of interrupted builds."""
        keep = {self.path(key) for key in keep}
        now = time.time()
        entries = []
        for prefix in _folders(self.folder):
            for entry in _folders(prefix):
                if entry in keep:
                    continue
                used = _mtime(entry / MANIFEST) or _mtime(entry)
                if entry.name.startswith("."):
                    if used < now - SCRATCH_HOURS * 3600:
                        shutil.rmtree(entry, ignore_errors=True)
                    continue
                entries.append((used, entry))
        entries.sort(reverse=True)
        room = None if recent is None else max(0, recent - len(keep))
        for index, (used, entry) in enumerate(entries):
            if used < now - days * 86400 or (room is not None and index >= room):
                shutil.rmtree(entry, ignore_errors=True)

    def _discard(self, key: str, entry: Path) -> None:
        self.damaged.append(key)
        _DAMAGED.append(f"缓存 {self.folder.name}/{key[:12]}… 已损坏（文件和封存时记下的大小或校验值不符），已删除并重新生成")
        shutil.rmtree(entry, ignore_errors=True)
        return None


_DAMAGED: list[str] = []  # notes of damaged entries found by any Store in this process


def damage_notes() -> list[str]:
    """The notes of damaged cache entries found (and rebuilt) since the last call."""
    notes = list(dict.fromkeys(_DAMAGED))
    _DAMAGED.clear()
    return notes


def seal(folder: Path, meta: dict) -> None:
    """Write ``folder``'s manifest: size, mtime and SHA-256 of every file, and ``meta``;
    make the folder and its files world-readable."""
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        os.chmod(path, FILE_MODE)
        stat = path.stat()
        files[path.relative_to(folder).as_posix()] = [stat.st_size, stat.st_mtime_ns, file_digest(path)]
    for path in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        os.chmod(path, DIR_MODE)
    data = json.dumps({"files": files, "meta": meta}, ensure_ascii=False, sort_keys=True)
    (folder / MANIFEST).write_text(data, encoding="utf-8")
    os.chmod(folder / MANIFEST, FILE_MODE)


def _stamps(entry: Path, files: dict) -> dict[str, list[int]] | None:
    """``[size, mtime]`` of each of the entry's ``files`` now (None when one is missing)."""
    stamps = {}
    for name in files:
        try:
            info = os.stat(os.path.join(entry, name))
        except OSError:
            return None
        stamps[name] = [info.st_size, info.st_mtime_ns]
    return stamps


def _intact(entry: Path, files: dict) -> bool:
    """Every sealed file is there with its size; one whose mtime changed is hashed again."""
    for name, (size, mtime, digest) in files.items():
        try:
            stat = (entry / name).stat()
        except OSError:
            return False
        if stat.st_size != size:
            return False
        if stat.st_mtime_ns != mtime and file_digest(entry / name) != digest:
            return False
    return bool(files)


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """``target`` becomes a hard link to ``source`` (replacing a file there), or a copy of it
    where links cannot be made (the cache on another disk)."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        link_or_copy(source, target)
    except OSError:
        shutil.copyfile(source, target)
        os.chmod(target, FILE_MODE)


def link_files(files: Iterable[tuple[str, str | Path]], site_dir: Path) -> None:
    """``(path in the site, cached file)`` pairs into ``site_dir``. Renditions, PDFs and the search
    index are made once in the cache; a build only links them in. Publish the site with a tool
    that writes new files (rsync, object storage), never one that edits ``site/`` in place."""
    made: set[Path] = set()
    for path, cached in files:
        target = Path(site_dir) / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        link_or_copy(cached, target)


def _folders(path: Path) -> list[Path]:
    try:
        return [p for p in path.iterdir() if p.is_dir()]
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def package_version(name: str) -> str:
    """The installed version of the distribution ``name`` ("-" when it is not installed)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def make_readable(folder: Path) -> None:
    """Every folder 0755 and file 0644 under ``folder`` (a built site: MkDocs writes pages with the
    process's umask, and a web server's worker must read every file whatever that was)."""
    os.chmod(folder, DIR_MODE)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), DIR_MODE)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path) and os.stat(path).st_mode & 0o777 != FILE_MODE:
                os.chmod(path, FILE_MODE)
