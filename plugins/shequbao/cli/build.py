"""``shequbao build``: ``mkdocs build --strict``, with Ctrl-C handled for editors.

The plugin itself builds into ``<site>.building/`` and swaps it in only when the whole build
succeeded, with a lock so that only one build at a time writes a site folder
(:mod:`shequbao.sitedir`); a plain ``mkdocs build`` gets that too. This command adds what a
terminal needs: MkDocs runs in its own session, so Ctrl-C reaches only this process, which
passes it on to MkDocs' main process alone; that one stops its workers (photos, PDFs, the scan
process, Pagefind), removes the staging folder, and we print “已中断” instead of a traceback.
An adapter (it reads mkdocs.yml through ``config``).
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from ..mkdocs.settings import load_settings

INTERRUPTED = 130  # the shell's exit status after Ctrl-C


def build_site(config: Path, *, strict: bool = True) -> int:
    """Run MkDocs; 0 when the new site replaced the old one."""
    try:
        site_dir = load_settings(config).site_dir
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config)] + (["--strict"] if strict else [])
    process = subprocess.Popen(command, start_new_session=True)
    interrupted = False

    def forward(signum, frame):
        nonlocal interrupted
        interrupted = True
        process.send_signal(signal.SIGINT)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = process.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if interrupted:
        print(f"已中断：{site_dir.name}/ 仍是上一次成功生成的网站", file=sys.stderr)
        return INTERRUPTED
    if code != 0:
        kept = f"{site_dir.name}/ 仍是上一次成功生成的网站" if site_dir.exists() else f"没有生成 {site_dir.name}/"
        print(f"网站没有生成成功，{kept}。请按上面的提示修改后再试。", file=sys.stderr)
        return code or 1
    return 0
