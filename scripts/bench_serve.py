#!/usr/bin/env python3
"""Measure how fast `mkdocs serve` shows an edit to one article.

    python scripts/bench_serve.py /tmp/paper [--preview 3|all]

Starts `mkdocs serve` on a free 127.0.0.1 port in DIR (made by scripts/make_corpus.py),
waits for the first build, then appends a marker sentence to an article of the newest
issue and times until the served page shows it; restores the file afterwards. Prints the
first-build and reload seconds.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", type=Path)
    parser.add_argument("--preview", default="", help="SHEQUBAO_PREVIEW for the server (default: the plugin's)")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    newest = sorted((args.paper / "content/issues").glob("*/issue.yml"))[-1].parent
    article = sorted(newest.glob("*.md"))[0]
    url = f"/issues/{newest.name}/{article.stem}/"
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SHEQUBAO_PREVIEW": args.preview}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    started = time.perf_counter()
    server = subprocess.Popen([str(mkdocs), "serve", "--livereload", "-a", f"127.0.0.1:{port}"], cwd=args.paper,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    original = article.read_bytes()
    try:
        _wait_for(port, url, "", timeout=900)
        print(f"first build and serve: {time.perf_counter() - started:.1f} s ({args.paper}, preview={args.preview or 'default'})")
        for n in range(args.edits):
            marker = f"编辑改动标记{n}号"
            time.sleep(1.5)  # let the watcher settle, as an editor typing would
            article.write_bytes(original + f"\n\n{marker}。\n".encode())
            edited = time.perf_counter()
            _wait_for(port, url, marker, timeout=600)
            print(f"reload after edit {n + 1}: {time.perf_counter() - edited:.1f} s")
    finally:
        article.write_bytes(original)
        server.terminate()
        server.wait(timeout=30)
    return 0


def _wait_for(port: int, path: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{path} did not show {text!r} within {timeout} s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
