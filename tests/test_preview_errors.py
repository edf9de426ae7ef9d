"""`make serve` while the content is broken: a real `mkdocs serve` (strict, as mkdocs.yml says)
on a free port, Debian's chromium through Playwright. A date that does not exist is saved; the
page the reader had open turns into the Chinese list of problems (file:line: field: message),
any other address too; the file is fixed and the page comes back by itself (live reload)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS

playwright_api = pytest.importorskip("playwright.sync_api")
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


@pytest.fixture
def server(sample):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([MKDOCS, "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"], cwd=sample,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            urllib.request.urlopen(url, timeout=5).close()
            break
        except OSError:
            time.sleep(0.5)
    yield url, process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_a_broken_date_shows_in_the_browser_and_fixing_it_restores_the_page(sample, server):
    url, process = server
    issue_yml = sample / "content/issues/2025-11/issue.yml"
    good = issue_yml.read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text.startswith("date:"))
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(url + "issues/2025-11/")
        title = page.title()
        assert "第103期" in title

        issue_yml.write_text(good.replace(good.splitlines()[line - 1], "date: 2025-02-30"), encoding="utf-8")
        heading = page.get_by_role("heading", name="内容有 1 处问题，预览暂时不能显示")
        heading.wait_for(timeout=120_000)  # the open page reloads by itself
        problem = page.locator("li code").first.inner_text()
        assert problem.startswith(f"content/issues/2025-11/issue.yml:{line}: date:"), problem
        assert "2025-02-30" in problem
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "preview-error-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"

        other = browser.new_page()  # any address the browser asks for shows the same list
        other.goto(url + "people/")
        assert other.get_by_role("heading", name="内容有 1 处问题，预览暂时不能显示").is_visible()
        other.close()

        issue_yml.write_text(good, encoding="utf-8")
        page.wait_for_function("document.title.includes('第103期')", timeout=120_000)
        assert page.locator("h1").first.is_visible()
        assert "内容有" not in page.content()
        browser.close()
    assert process.poll() is None  # the preview kept running throughout
