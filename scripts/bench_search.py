"""Bytes a reader downloads per search, measured in Debian's chromium.

    .venv/bin/python scripts/bench_search.py [--site site/] [QUERY ...]

Builds the sample paper into a temporary folder (or uses --site, a built site with its
pagefind/ index), serves it on 127.0.0.1 as examples/nginx.conf would (scripts and other
text gzipped; Pagefind's index files are gzipped by Pagefind itself) and opens
/search/?q=QUERY in a fresh browser context for each query (nothing cached), counting the
bytes on the wire of every response under pagefind/ and of the search script until the first
screen of results is shown. Prints one line per query (with the parts of the index it fetched:
search.js fetches the older parts only while the results need them) and the index size on
disk; exits 1 when a query costs more than --budget KiB (400, issue 32's goal at 10,000 articles).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
GZIPPED = (".js", ".css", ".json", ".xml", ".svg", ".html")  # gzip_types of examples/nginx.conf
SEARCH_JS = re.compile(r"/search(\.[0-9a-f]+)?\.js$")  # search.js, fingerprinted or not
QUERIES = ["养老", "党建", "陈玲", "垃圾分类 志愿者", "桂花糕", "群租"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    """A static host as examples/nginx.conf sets one up: text gzipped (Pagefind's own files
    are gzipped already and go as they are)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and os.path.isfile(os.path.join(path, "index.html")) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")  # a page: its index.html, gzipped like every page
        if (not path.endswith(GZIPPED) or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not os.path.isfile(path) or os.path.getsize(path) < 1024):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build_sample(target: Path) -> Path:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(target), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample into a temporary folder)")
    parser.add_argument("--files", action="store_true", help="list the files each query fetched")
    parser.add_argument("--budget", type=float, default=400, help="KiB a query may cost on the wire (default 400)")
    parser.add_argument("queries", nargs="*", default=QUERIES)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_sample(Path(tmp) / "site")
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*.pf_*"))
        pages = sum(1 for p in site.rglob("*.html") if b"data-pagefind-body" in p.read_bytes())
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        print(f"site: {pages} indexed articles, index files {index_bytes / 1024:.0f} KiB on disk")
        print("KiB total: pagefind.js, its worker and wasm, search.js, the filters' choices and the index files the query fetched;"
              " KiB index: the index files only (bytes on the wire, text gzipped as examples/nginx.conf does)")
        print(f"{'query':<16} {'hits':>4} {'requests':>8} {'KiB total':>9} {'KiB index':>9} {'ms':>6}  parts fetched")
        over = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for query in args.queries:
                context = browser.new_context()
                page = context.new_page()
                sizes: dict[str, int] = {}

                def count(response, sizes=sizes):
                    path = urlsplit(response.url).path
                    if path.startswith("/pagefind/") or path.endswith("/search/filters.json") or SEARCH_JS.search(path):
                        try:
                            response.finished()
                            sizes[path] = response.request.sizes()["responseBodySize"]  # bytes on the wire
                        except Exception:  # redirects and the like have no body
                            pass

                page.on("response", count)
                started = time.perf_counter()
                page.goto(base + "search/?q=" + quote(query))
                page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
                page.wait_for_load_state("networkidle")
                elapsed = (time.perf_counter() - started) * 1000
                hits = page.locator(".sqb-result").count()
                total = sum(sizes.values())
                index = sum(v for k, v in sizes.items() if k.endswith((".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta")))
                parts = sorted({k.split("/")[2] for k in sizes if k.startswith("/pagefind/") and k.count("/") > 2}, reverse=True)
                print(f"{query:<16} {hits:>4} {len(sizes):>8} {total / 1024:>9.1f} {index / 1024:>9.1f} {elapsed:>6.0f}  {' '.join(parts)}")
                if total / 1024 > args.budget:
                    over.append(query)
                if args.files:
                    for path, size in sorted(sizes.items(), key=lambda item: -item[1]):
                        print(f"    {size / 1024:8.1f}  {path}")
                context.close()
            browser.close()
        server.shutdown()
    print(f"over {args.budget:.0f} KiB: {'、'.join(over) if over else 'none'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
