"""The sample paper in a real browser: Debian's chromium driven by Playwright.

One strict build of the repository's paper, served on 127.0.0.1; every request the
browser makes is recorded and must stay on this machine. Screenshots of the issue page
are saved under tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import frontmatter
import pytest

from conftest import ROOT, build

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PLANTED = "桂花糕"  # planted in exactly two sample articles (a photo item and a photo news)
PLANTED_HITS = {"/issues/2025-10/zhongqiu-youyuan/", "/issues/2024-12/dongzhi-huntun/"}

if not os.path.exists(CHROMIUM):
    message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium (scripts/install-system-deps.sh --test)"
    if os.environ.get("CI"):
        raise RuntimeError(message)
    pytest.skip(message, allow_module_level=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; unknown addresses get the site's 404.html, as on a real host."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(ROOT, site_dir=str(tmp_path_factory.mktemp("browser") / "site"))


@pytest.fixture(scope="module")
def base_url(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Visit:
    """A browser context at one viewport that records every request and console error."""

    def __init__(self, browser, viewport):
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block")
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname in ("127.0.0.1",) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            route.abort()  # recorded, and never sent: the test fails below

    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))]

    def close(self):
        self.context.close()


@pytest.fixture
def phone(browser):
    visit = Visit(browser, PHONE)
    yield visit
    visit.close()


@pytest.fixture
def desktop(browser):
    visit = Visit(browser, DESKTOP)
    yield visit
    visit.close()


def local_path(url: str) -> str:
    return urlsplit(url).path


def test_reader_goes_from_home_to_a_reporters_page(desktop, base_url):
    page = desktop.page
    page.goto(base_url)
    page.locator(".sqb-latest-note a").click()
    page.wait_for_url(re.compile(r"/issues/2025-11/$"))
    assert page.locator(".sqb-masthead").is_visible()

    page.locator(".sqb-pages a", has_text="第2版").click()
    page.wait_for_url(re.compile(r"#page-2$"))
    section = page.locator("#page-2")
    assert section.locator(".sqb-section__name").inner_text() == "社区"

    story = section.locator(".sqb-card__title a").first
    title = story.inner_text()
    story.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(title)
    assert "第2版 社区" in page.locator(".sqb-crumb").inner_text()
    article_url = local_path(page.url)

    person = page.locator(".sqb-article__meta a.sqb-person").first
    name = person.inner_text()
    person.click()
    page.wait_for_url(re.compile(r"/people/[a-z0-9-]+/$"))
    assert page.locator("h1").inner_text().startswith(name)
    listed = [local_path(a.evaluate("a => a.href")) for a in page.locator(".sqb-person-items a").all()]
    assert article_url in listed
    assert desktop.outside() == [] and desktop.errors == []


def search(visit: Visit, base_url: str, query: str) -> list[str]:
    """The hit list of the /search/ page for ``query``, as site paths (all results shown)."""
    page = visit.page
    page.goto(base_url + "search/?q=" + query)
    status = page.locator(".sqb-search__status")
    page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
    more = page.locator(".sqb-results__more")
    while more.is_visible():
        count = page.locator(".sqb-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.sqb-result').length > {count}")
    assert "没有搜索索引" not in status.inner_text()
    return [local_path(a.evaluate("a => a.href")) for a in page.locator(".sqb-result__title").all()]


def published_with(*words: str) -> set[str]:
    """Site paths of the published sample articles whose file contains every word."""
    found = set()
    for path in sorted((ROOT / "content/issues").glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        if frontmatter.loads(text).get("draft") or not all(w in text for w in words):
            continue
        found.add(f"/issues/{path.parent.name}/{path.stem}/")
    return found


def test_search_finds_exactly_the_articles_with_the_planted_word(phone, base_url):
    assert published_with(PLANTED) == PLANTED_HITS
    hits = search(phone, base_url, PLANTED)
    assert set(hits) == PLANTED_HITS and len(hits) == len(PLANTED_HITS)
    first = phone.page.locator(".sqb-result").first
    assert re.search(r"第\d+期 · 第\d版 \S+ · \d{4}年\d+月\d+日", first.locator(".sqb-result__meta").inner_text())
    excerpt = first.locator(".sqb-result__excerpt")
    assert PLANTED in excerpt.inner_text() and excerpt.locator("mark").count() >= 1
    phone.page.locator(".sqb-result__title").first.click()
    phone.page.wait_for_load_state()
    assert local_path(phone.page.url) in PLANTED_HITS
    assert phone.outside() == [] and phone.errors == []


@pytest.mark.parametrize("words", [("养老",), ("党建",), ("陈玲",), ("垃圾分类", "志愿者")], ids="+".join)
def test_search_words_names_and_several_words(desktop, base_url, words):
    hits = search(desktop, base_url, " ".join(words))
    assert hits, words
    assert len(hits) == len(set(hits))
    assert set(hits) == published_with(*words), "exactly the articles that contain every word"
    assert desktop.outside() == []


def test_search_box_in_the_header_opens_the_results(phone, base_url):
    page = phone.page
    page.goto(base_url + "issues/")
    box = page.locator("header .sqb-search-box input[name=q]")
    box.fill(PLANTED)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.locator(".sqb-result").first.wait_for()
    assert page.locator(".sqb-result").count() == len(PLANTED_HITS)
    assert phone.outside() == []


def test_a_gallery_photo_opens_in_the_lightbox(desktop, base_url, site):
    if not (site / "gallery/index.html").is_file():
        pytest.fail("no /gallery/ page: the photo gallery has not landed")
    page = desktop.page
    page.goto(base_url + "gallery/")
    link = page.locator("a.glightbox").first
    caption = link.get_attribute("data-title") or ""
    link.click()
    slide = page.locator(".gslide.current img")
    slide.wait_for(state="visible", timeout=10_000)
    page.wait_for_function("(() => { const i = document.querySelector('.gslide.current img');"
                           " return i && i.complete && i.naturalWidth > 0; })()")
    if caption:
        assert page.locator(".gslide.current .gslide-title").inner_text().strip() != ""
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5_000)
    assert desktop.outside() == [] and desktop.errors == []


def page_types(site: Path) -> dict[str, str]:
    """One address of each kind of page the site has."""
    person = sorted(p.parent.name for p in (site / "people").glob("*/index.html"))[0]
    kinds = {
        "home": "",
        "archive": "issues/",
        "issue": "issues/2025-11/",
        "article": "issues/2025-09/hongse-wuye/",
        "photo-item": "issues/2025-10/zhongqiu-youyuan/",
        "brief": next(f"issues/{p.parent.name}/{p.stem}/" for p in sorted((ROOT / "content/issues").glob("*/*.md"))
                      if frontmatter.load(p).get("kind") == "brief"),
        "people": "people/",
        "person": f"people/{person}/",
        "gallery": "gallery/",
        "issue-gallery": "issues/2025-11/gallery/",
        "search": f"search/?q={PLANTED}",
        "about": "about/",
        "not-found": "no/such/page/",
    }
    return {name: url for name, url in kinds.items() if name == "not-found" or (site / url.split("?")[0] / "index.html").is_file()
            or url.startswith("search/")}


NO_OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > root.clientWidth + 1 && getComputedStyle(e).position !== 'fixed'
      && !e.closest('.sqb-strip, .md-sidebar, .md-nav, [hidden]');
  }).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5)};
}"""

# Controls a thumb must hit on a phone: at least 40 px tall (and the header's 40 px wide).
TAP_TARGETS = """() => [...document.querySelectorAll(`header .md-header__button, .sqb-search-box input,
    .sqb-search-box button, .sqb-pages a, .sqb-issue-nav a, .sqb-article-nav a, .sqb-pager a, .sqb-years a,
    .sqb-card__title a, .sqb-briefs__title, .sqb-people-list a, .sqb-person-items a, .sqb-result__title,
    .sqb-article__meta a.sqb-person, .sqb-search-form button, .sqb-search-form input, .sqb-notfound__links a`)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect(); return {what: e.className || e.tagName, text: e.textContent.trim().slice(0, 12),
      h: Math.round(r.height), w: Math.round(r.width)}; })
  .filter(t => t.h < 40 || t.w < 40)"""

BODY_TEXT = """() => [...document.querySelectorAll('.sqb-article__body p, .sqb-excerpt, .sqb-intro p, .sqb-result__excerpt')]
  .filter(e => e.getClientRects().length).map(e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360x740", "1280x800"])
def test_every_page_type_fits_the_screen(browser, base_url, site, viewport):
    visit = Visit(browser, viewport)
    try:
        problems = []
        for kind, url in page_types(site).items():
            response = visit.page.goto(base_url + url)
            assert response.status == (404 if kind == "not-found" else 200), (kind, response.status)
            if kind == "search":
                visit.page.locator(".sqb-result").first.wait_for()
            overflow = visit.page.evaluate(NO_OVERFLOW)
            if overflow["scroll"] > overflow["client"] or overflow["wide"]:
                problems.append((kind, overflow))
            if viewport is PHONE:
                small = visit.page.evaluate(TAP_TARGETS)
                if small:
                    problems.append((kind, "tap targets under 40 px", small[:4]))
                sizes = visit.page.evaluate(BODY_TEXT)
                if any(size < 16 for size in sizes):
                    problems.append((kind, "body text under 16 px", sorted(set(sizes))))
            missing_alt = visit.page.evaluate("() => [...document.querySelectorAll('main img')]"
                                              ".filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src)")
            if missing_alt:
                problems.append((kind, "photos without alt text", missing_alt))
        assert problems == []
        assert visit.outside() == [], "requests to other hosts"
        assert visit.errors == []
    finally:
        visit.close()


def test_issue_page_screenshots(browser, base_url):
    ARTIFACTS.mkdir(exist_ok=True)
    for viewport, name in ((PHONE, "issue-360.png"), (DESKTOP, "issue-1280.png")):
        visit = Visit(browser, viewport)
        try:
            visit.page.goto(base_url + "issues/2025-11/")
            visit.page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            visit.page.wait_for_load_state("networkidle")
            path = ARTIFACTS / name
            visit.page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
            assert visit.outside() == []
        finally:
            visit.close()


def test_issue_and_article_pages_print(browser, base_url, tmp_path):
    """Printing from the browser: no header, no search box, no navigation; photos kept."""
    visit = Visit(browser, DESKTOP)
    try:
        for url in ("issues/2025-11/", "issues/2025-09/hongse-wuye/"):
            visit.page.goto(base_url + url)
            visit.page.emulate_media(media="print")
            hidden = visit.page.evaluate("""() => ['.md-header', '.sqb-search-box', '.sqb-pages', '.sqb-issue-nav',
                '.sqb-article-nav', '.md-footer'].filter(s => document.querySelector(s))
                .filter(s => getComputedStyle(document.querySelector(s)).display !== 'none')""")
            assert hidden == [], url
            pdf = visit.page.pdf(path=str(tmp_path / "print.pdf"), format="A4")
            assert pdf[:4] == b"%PDF"
            visit.page.emulate_media(media="screen")
        assert visit.outside() == []
    finally:
        visit.close()
