"""axe-core on every kind of page, with every rule (colour contrast too), in Debian's chromium.

    .venv/bin/python scripts/audit_axe.py [--site site/] [--setting standard|l|xl|contrast ...]

Builds the sample paper into a temporary folder (or uses --site, a built site), serves it on
127.0.0.1 and runs axe (the axe.min.js of the axe-playwright-python wheel, the test extra) on
the 16 kinds of page tests/test_readers.py audits, at 360 and 1280 px, for each reader setting
asked (字号 标准/大/特大, 高对比度; default: standard and xl). Prints one line per page and width
with the serious and critical violations (rule, number of elements, the first elements), then
the totals; exits 1 when there is any. The test leaves out colour contrast to stay fast (the
reader audit of tests/test_browser.py measures it, at 8:1); this script runs every rule.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).parent))

from bench_search import Quiet, build_sample  # noqa: E402 - after the path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SETTINGS = {"standard": "", "l": "localStorage.setItem('sqb-size', 'l');", "xl": "localStorage.setItem('sqb-size', 'xl');",
            "contrast": "localStorage.setItem('sqb-contrast', '1');"}
RUN = """async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 2).map(n => n.target.join(" ")).join(", ")}`)"""


def page_types(site: Path) -> dict[str, str]:
    person = sorted(p.parent.name for p in (site / "people").glob("*/index.html"))[0]
    return {"home": "", "archive": "issues/", "issue": "issues/2025-11/", "ban": "issues/2025-11/1/",
            "article": "issues/2025-09/yanglao-chuangkou/", "brief": "issues/2025-11/yongdian-anquan/",
            "photo-item": "issues/2025-10/zhongqiu-youyuan/", "notice": "issues/2025-09/guoqing-fuwu-anpai/",
            "people": "people/", "person": f"people/{person}/", "gallery": "gallery/", "issue-gallery": "issues/2025-11/gallery/",
            "search": "search/?q=桂花糕", "about": "about/", "wechat": "issues/2025-11/gongzhonghao/", "not-found": "no/such/page/"}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample into a temporary folder)")
    parser.add_argument("--setting", action="append", choices=list(SETTINGS), help="reader settings (default: standard, xl)")
    args = parser.parse_args(argv)
    import http.server

    import axe_playwright_python
    from playwright.sync_api import sync_playwright

    axe = Path(axe_playwright_python.__file__).with_name("axe.min.js")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_sample(Path(tmp))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        total, pages, started = 0, 0, time.monotonic()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for setting in args.setting or ["standard", "xl"]:
                for width in (360, 1280):
                    context = browser.new_context(viewport={"width": width, "height": 800}, locale="zh-CN")
                    context.add_init_script(SETTINGS[setting])
                    context.add_init_script(path=str(axe))
                    page = context.new_page()
                    for kind, url in page_types(site).items():
                        page.goto(base + url)
                        if kind == "search":
                            page.locator(".sqb-result").first.wait_for()
                        found = page.evaluate(RUN)
                        total, pages = total + len(found), pages + 1
                        print(f"{setting:9} {width:5} {kind:14} {'ok' if not found else '; '.join(found)}", flush=True)
                    context.close()
            browser.close()
        server.shutdown()
    print(f"{pages} pages audited in {time.monotonic() - started:.0f} s: {total} serious or critical violations")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
