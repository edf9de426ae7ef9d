"""``shequbao build``: build the site beside the published one and swap it in only on success.

A build that fails (bad content, a broken link in strict mode) leaves the previous
``site/`` exactly as it was, so a web server pointed at it never serves a half-built paper.
MkDocs runs in its own process; this is an adapter (it reads mkdocs.yml through ``config``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .cache import make_readable
from .config import load_settings


def build_site(config: Path, *, strict: bool = True) -> int:
    """Build into ``<site_dir>.building`` and, if MkDocs succeeds, replace ``site_dir`` with it."""
    try:
        site_dir = load_settings(config).site_dir.resolve()
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    staging = site_dir.with_name(site_dir.name + ".building")
    retired = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(staging, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(staging)]
    done = subprocess.run(command + (["--strict"] if strict else []))
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"{site_dir.name}/ 仍是上一次成功生成的网站" if site_dir.exists() else f"没有生成 {site_dir.name}/"
        print(f"网站没有生成成功，{kept}。请按上面的提示修改后再试。", file=sys.stderr)
        return done.returncode or 1
    make_readable(staging)  # whatever the umask: a web server's worker reads every file
    shutil.rmtree(retired, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(retired)
    staging.rename(site_dir)
    shutil.rmtree(retired, ignore_errors=True)
    return 0
