"""Derived files from ``.cache/`` into the built site: hard links where the disk allows.

Renditions, PDFs and the search index are made once and kept in the cache; a build only
links them in (a copy where links cannot be made, e.g. the cache on another disk), so a
ten-year archive's thousands of photos cost no copying. Publish the site with a tool that
writes new files (rsync, scp, a CI artifact), never one that edits ``site/`` in place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def link_or_copy(source, target) -> None:
    """``target`` becomes a hard link to ``source`` (replacing a file there), or a copy of it."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        link_or_copy(source, target)
    except OSError:
        shutil.copyfile(source, target)


def link_files(files: Iterable[tuple[str, str | Path]], site_dir: Path) -> None:
    """``(path in the site, cached file)`` pairs into ``site_dir``."""
    made: set[Path] = set()
    for path, cached in files:
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        link_or_copy(cached, target)


def link_tree(source: Path, target: Path) -> None:
    """A cached folder into the site, replacing what is there."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, copy_function=link_or_copy)
