"""Page weight and first paint of the pages readers open most, measured in Debian's chromium.

    .venv/bin/python scripts/bench_pages.py [--site site/] [--runs 3] [--width 360]

Builds the sample paper into a temporary folder (or uses --site, a built site), serves it on
127.0.0.1 as examples/nginx.conf would (text gzipped) and opens each page in a fresh browser
context (nothing cached) on Chromium's emulated slow 4G (1.6 Mbps down, 750 kbps up, 150 ms
round trip) with the CPU slowed down 4×, through the DevTools protocol. For the home page, an
issue, an article and the search page (with a query) it prints:

- requests: every request the page made until the network was idle (the search page: until its
  results are shown; Pagefind's worker fetches the index, which the emulated network does not slow);
- KiB raw / KiB gz: the bytes of every response as files and on the wire (gzipped text, with headers);
- without photos: the same without images (an article's photos depend on the article);
- first paint: the median over --runs of the first contentful paint, in ms.

Pages other than the sample's can be given as --page NAME=PATH (repeatable).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import ARGS, Quiet, build_sample  # noqa: E402  (the same gzip host and sample build)

PAGES = {
    "home": "",
    "issue": "issues/2025-11/",
    "article": "issues/2025-09/yanglao-chuangkou/",  # with a photo
    "search": "search/?q=%E5%85%BB%E8%80%81",  # 养老
}
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
FIRST_PAINT = """() => new Promise(done => {
  const find = () => performance.getEntriesByName('first-contentful-paint')[0];
  if (find()) return done(find().startTime);
  new PerformanceObserver(() => find() && done(find().startTime)).observe({type: 'paint', buffered: true});
})"""


def measure(browser, url: str, width: int) -> dict:
    """One cold load of ``url``: requests, bytes (raw and on the wire, with and without images), first paint."""
    context = browser.new_context(viewport={"width": width, "height": 740 if width < 700 else 800},
                                  is_mobile=width < 700, has_touch=width < 700, locale="zh-CN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    requests: list[dict] = []  # Playwright's events see the search worker's requests too (CDP's page session does not)

    def finished(request):
        response = request.response()
        if response is None:
            return
        try:
            raw = len(response.body())
        except Exception:  # a redirect has no body
            raw = 0
        sizes = request.sizes()
        requests.append({"url": request.url, "type": request.resource_type, "raw": raw,
                         "wire": sizes["responseBodySize"] + sizes["responseHeadersSize"]})

    page.on("requestfinished", finished)
    page.goto(url, wait_until="load")
    paint = page.evaluate(FIRST_PAINT)
    page.wait_for_load_state("networkidle")
    if "search/" in url:
        page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
        page.wait_for_load_state("networkidle")
    context.close()
    items = requests
    text = [r for r in items if r["type"] != "image"]
    return {
        "requests": len(items),
        "raw": sum(r["raw"] for r in items), "wire": sum(r["wire"] for r in items),
        "raw_text": sum(r["raw"] for r in text), "wire_text": sum(r["wire"] for r in text),
        "paint": paint, "urls": [(r["url"], r["raw"], r["wire"]) for r in items],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample into a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="loads per page; first paint is their median")
    parser.add_argument("--width", type=int, default=360, help="viewport width (360: a phone, 1280: a desktop)")
    parser.add_argument("--page", action="append", default=[], metavar="NAME=PATH", help="measure this page instead")
    parser.add_argument("--requests", action="store_true", help="list every request of each page")
    args = parser.parse_args(argv)
    pages = dict(p.split("=", 1) for p in args.page) if args.page else PAGES
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_sample(Path(tmp) / "site")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        print(f"slow 4G (1.6 Mbps, 150 ms RTT), CPU {CPU_SLOWDOWN}x slower, {args.width} px wide, "
              f"first paint = median of {args.runs} cold loads")
        print(f"{'page':<8} {'requests':>8} {'KiB raw':>8} {'KiB gz':>7} {'no photos raw':>13} {'no photos gz':>12} "
              f"{'first paint ms':>14}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, path in pages.items():
                runs = [measure(browser, base + path, args.width) for _ in range(max(1, args.runs))]
                r = runs[0]
                paint = statistics.median(run["paint"] for run in runs)
                print(f"{name:<8} {r['requests']:>8} {r['raw'] / 1024:>8.1f} {r['wire'] / 1024:>7.1f} "
                      f"{r['raw_text'] / 1024:>13.1f} {r['wire_text'] / 1024:>12.1f} {paint:>14.0f}")
                if args.requests:
                    for url, raw, wire in r["urls"]:
                        print(f"    {raw / 1024:8.1f} {wire / 1024:7.1f}  {url.removeprefix(base)}")
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
