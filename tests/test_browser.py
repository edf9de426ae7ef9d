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
import sys
import threading
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import frontmatter
import pytest
from conftest import ROOT, build, sample_with_corpus

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


class _Server(http.server.ThreadingHTTPServer):
    """A browser that moves on drops responses half sent: that is not an error of the site."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


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
def site(built_sample) -> Path:
    return built_sample  # conftest: one build of the sample for every browser test module


@pytest.fixture(scope="module")
def base_url(site):
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
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

    def __init__(self, browser, viewport, **options):
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block", **options)
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


def search(visit: Visit, base_url: str, query: str, **params: str) -> list[str]:
    """The hit list of the /search/ page for ``query`` (and filters), as site paths (all results shown)."""
    page = visit.page
    page.goto(base_url + "search/?" + urlencode({"q": query, **params}))
    status = page.locator(".sqb-search__status")
    page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
    more = page.locator(".sqb-results__more")
    while more.is_visible():
        count = page.locator(".sqb-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.sqb-result').length > {count}")
    assert "没有搜索索引" not in status.inner_text()
    return [local_path(a.evaluate("a => a.href")) for a in page.locator(".sqb-result__title").all()]


def sample_articles():
    """(site path, front matter, body) of every published sample article."""
    for path in sorted((ROOT / "content/issues").glob("*/*.md")):
        post = frontmatter.load(path)
        if not post.get("draft"):
            yield f"/issues/{path.parent.name}/{path.stem}/", post, post.content


def published_with(*words: str) -> set[str]:
    """Site paths of the published sample articles whose text (not title, byline or captions) has every word."""
    return {url for url, _post, body in sample_articles() if all(w in body for w in words)}


def issue_dates() -> dict[str, str]:
    return {p.parent.name: str(yaml_date(p)) for p in (ROOT / "content/issues").glob("*/issue.yml")}


def yaml_date(path: Path):
    return re.search(r"^date:\s*(\S+)", path.read_text(encoding="utf-8"), re.M).group(1)


def test_a_planted_query_shows_the_newest_issue_first_with_clean_snippets(phone, base_url):
    """Newest first; each result with its date and 第N期 · 第N版; snippets of the text only
    (no byline, date or caption), ending with ……; the tab says what was searched."""
    assert published_with(PLANTED) == PLANTED_HITS
    hits = search(phone, base_url, PLANTED)
    assert set(hits) == PLANTED_HITS and len(hits) == len(PLANTED_HITS)
    dates = issue_dates()
    assert hits == sorted(hits, key=lambda url: dates[url.split("/")[2]], reverse=True), "the newest issue first"
    page = phone.page
    assert page.title() == f"{PLANTED} - 搜索 · 桂园社区报"
    posts = {url: post for url, post, _body in sample_articles()}
    for result, url in zip(page.locator(".sqb-result").all(), hits):
        post = posts[url]
        meta = result.locator(".sqb-result__meta").inner_text()
        assert re.fullmatch(r"\d{4}年\d+月\d+日 · 第\d+期 · 第\d版 \S+", meta), meta
        snippet = result.locator(".sqb-result__excerpt").inner_text()
        assert PLANTED in snippet and result.locator(".sqb-result__excerpt mark").count() >= 1
        assert snippet.endswith("……") or snippet.endswith("。")
        names = [n for role in ("authors", "reporters", "correspondents", "interns", "photographers") for n in post.get(role, [])]
        day = post["date"]
        captions = [image["caption"] for image in post.get("images", [])]
        for text in [*names, f"{day.year}年{day.month}月{day.day}日", *captions, "摄"]:
            assert text not in snippet, (url, text)
    page.locator(".sqb-result__title").first.click()
    page.wait_for_load_state()
    assert local_path(page.url) == hits[0]
    assert phone.outside() == [] and phone.errors == []


@pytest.mark.parametrize("words", [("养老",), ("党建",), ("垃圾分类", "志愿者")], ids="+".join)
def test_search_words_and_several_words(desktop, base_url, words):
    hits = search(desktop, base_url, " ".join(words))
    assert hits, words
    assert len(hits) == len(set(hits))
    assert set(hits) == published_with(*words), "exactly the articles whose text has every word"
    assert desktop.outside() == []


def shown_dates(visit: Visit) -> list[tuple[int, ...]]:
    """The dates the results show, in order, as (year, month, day)."""
    metas = [m.inner_text() for m in visit.page.locator(".sqb-result__meta").all()]
    return [tuple(map(int, re.match(r"(\d{4})年(\d+)月(\d+)日", m).groups())) for m in metas]


@pytest.mark.parametrize("query", ["养老", "志愿者", "社区 居民"])
def test_the_dates_of_results_never_go_up_the_list(desktop, base_url, query):
    """最新在前 means what it shows: each result's date (its issue's) is never later than the one above."""
    hits = search(desktop, base_url, query)
    dates = shown_dates(desktop)
    assert len(dates) == len(hits) > 1, query
    assert dates == sorted(dates, reverse=True), dates
    by_issue = issue_dates()
    assert [f"{y}-{m:02d}-{d:02d}" for y, m, d in dates] == [by_issue[url.split("/")[2]] for url in hits]


def test_no_results_advice_fits_what_was_asked(desktop, base_url):
    status = desktop.page.locator(".sqb-search__status")
    assert search(desktop, base_url, "火星基地") == []
    assert status.inner_text() == "没有找到含有“火星基地”的文章。可以换个说法。", "no filter set: nothing to set back"
    search(desktop, base_url, "火星基地 月球")
    assert "少写几个词" in status.inner_text() and "全部" not in status.inner_text()
    search(desktop, base_url, "火星基地", year="2024", section="要闻")
    assert status.inner_text().endswith("可以换个说法，或把年份、版面改为“全部”。"), status.inner_text()
    assert desktop.errors == []


RING = "el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"


def test_every_control_shows_a_focus_ring_and_the_footer_grows_with_the_text_size(browser, base_url):
    """适老化: a reader using a keyboard (or a tap on a field) sees where the focus is; the footer's
    legal lines scale with 字号 like the text."""
    keyboard = open_with(browser, PHONE)
    page = keyboard.page
    page.goto(base_url + "search/?q=养老")
    page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
    for field in (".sqb-search-form input[type=search]", ".sqb-search-box input", "select[name=year]"):
        page.focus(field)
        style, width, colour = page.eval_on_selector(field, RING)
        assert style != "none" and width >= 3, (field, style, width)
    page.goto(base_url + "issues/2025-11/")
    page.keyboard.press("Tab")  # the skip link, then the links and buttons of the page
    seen = 0
    for _ in range(12):
        page.keyboard.press("Tab")
        style, width, colour = page.evaluate(f"({RING})(document.activeElement)")
        if page.evaluate("document.activeElement !== document.body"):
            assert style != "none" and width >= 2, page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
            seen += 1
    assert seen == 12
    keyboard.close()
    sizes = {}
    for setting in ("standard", "xl"):
        visit = open_with(browser, PHONE, setting)
        visit.page.goto(base_url + "issues/2025-11/")
        sizes[setting] = visit.page.eval_on_selector(".md-copyright", "el => parseFloat(getComputedStyle(el).fontSize)")
        visit.close()
    assert sizes["standard"] >= 14 and sizes["xl"] >= sizes["standard"] * 1.4, sizes


def test_a_name_search_leads_with_that_persons_articles(desktop, base_url):
    search(desktop, base_url, "陈玲")
    lead = desktop.page.locator(".sqb-search__person")
    assert lead.is_visible() and "陈玲" in lead.inner_text()
    first = desktop.page.evaluate("""() => [...document.querySelectorAll('.sqb-search__person, .sqb-search__status')]
        .map(el => el.className)[0]""")
    assert first == "sqb-search__person", "the person's articles are offered before 没有找到"
    lead.locator("a").click()
    desktop.page.wait_for_url(re.compile(r"person="))
    desktop.page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
    assert desktop.page.locator(".sqb-result").count() > 0


def test_search_filters_and_relevance_are_controls_on_the_page(desktop, base_url):
    """Year, 版面, kind and person filters built from the index; the person filter alone lists
    everything with that name in its byline; 相关度 is a switch."""
    hits = search(desktop, base_url, "", person="陈玲")
    expected = {url for url, post, _body in sample_articles()
                if any("陈玲" in post.get(role, []) for role in ("authors", "reporters", "correspondents", "interns"))}
    assert set(hits) == expected and len(hits) == len(expected)
    page = desktop.page
    form = page.locator(".sqb-search__options")
    assert form.is_visible()
    for name in ("year", "section", "kind", "person"):
        assert page.locator(f"select[name={name}] option").count() > 2, name
    assert page.locator("select[name=person]").input_value() == "陈玲"
    # The choices (search/filters.json, written at build time) are the values of the index's filters, with their counts.
    # The index has a part per year (pagefind/2025/, pagefind/2024/): merged as search.js does, on a
    # search page that has not loaded Pagefind yet (nothing asked).
    page.goto(base_url + "search/")
    in_index = page.evaluate("""async () => { const p = await import(new URL('../pagefind/2025/pagefind.js', location.href).href);
        await p.options({baseUrl: new URL('..', location.href).pathname});
        await p.mergeIndex(new URL('../pagefind/2024/', location.href).pathname); return await p.filters(); }""")
    choices = page.evaluate("async () => (await fetch('filters.json')).json()")
    assert {name: dict(values) for name, values in choices.items()} == in_index
    assert [v for v, _n in choices["year"]] == ["2025", "2024"] and [v for v, _n in choices["kind"]] == ["消息", "短消息", "图片新闻", "通知"]

    everything = search(desktop, base_url, "志愿者")
    dates = issue_dates()
    years = [dates[url.split("/")[2]][:4] for url in everything]
    assert "2024" in years and "2025" in years, "found in both parts of the index"
    assert everything == sorted(everything, key=lambda url: dates[url.split("/")[2]], reverse=True), "newest first across years"
    page.locator("select[name=year]").select_option("2024")
    page.wait_for_url(re.compile(r"year=2024"))
    page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
    in_2024 = [local_path(a.evaluate("a => a.href")) for a in page.locator(".sqb-result__title").all()]
    assert in_2024 and all(url.startswith("/issues/2024-") for url in in_2024)
    assert len(in_2024) < len(everything)

    search(desktop, base_url, "志愿者")
    assert "最新的在前" in page.locator(".sqb-search__status").inner_text()
    page.get_by_label("按相关度").check()
    page.wait_for_url(re.compile(r"sort=relevance"))
    page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
    assert "按相关度排列" in page.locator(".sqb-search__status").inner_text()
    assert page.get_by_label("按相关度").is_checked()
    by_relevance = search(desktop, base_url, "志愿者", sort="relevance")
    assert sorted(by_relevance) == sorted(everything)
    assert desktop.errors == []


def test_snippets_keep_the_spaces_the_editor_typed(desktop, base_url):
    """发送邮件至 chengjian@example.org: the index spaces Chinese, the snippet shows the text as written."""
    search(desktop, base_url, "邮件")
    snippets = [s.inner_text() for s in desktop.page.locator(".sqb-result__excerpt").all()]
    addresses = [s for s in snippets if "@example.org" in s]
    assert addresses, snippets
    assert all(re.search(r"至 \S+@example\.org", s) for s in addresses), addresses
    assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", s) for s in snippets), "no index spaces between characters"


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
    """One address of each of the 13 kinds of page the site has (and 关于)."""
    person = sorted(p.parent.name for p in (site / "people").glob("*/index.html"))[0]
    kinds = {
        "home": "",
        "archive": "issues/",
        "issue": "issues/2025-11/",
        "article": "issues/2025-09/yanglao-chuangkou/",
        "brief": "issues/2025-11/yongdian-anquan/",
        "photo-item": "issues/2025-10/zhongqiu-youyuan/",
        "notice": "issues/2025-09/guoqing-fuwu-anpai/",
        "people": "people/",
        "person": f"people/{person}/",
        "gallery": "gallery/",
        "issue-gallery": "issues/2025-11/gallery/",
        "search": f"search/?q={PLANTED}",
        "about": "about/",
        "not-found": "no/such/page/",
    }
    for kind, url in kinds.items():
        assert kind == "not-found" or (site / url.split("?")[0] / "index.html").is_file(), (kind, url)
    return kinds


SETTINGS = {"standard": {}, "xl": {"sqb-size": "xl"}, "contrast": {"sqb-contrast": "1"}}
BODY = (".sqb-article__body p, .sqb-article__body li, .sqb-excerpt, .sqb-intro p, .sqb-result__excerpt, "
        ".sqb-text p, .sqb-text li, .sqb-notfound p")
INLINE = ".sqb-article__body p, .sqb-article__body li, .sqb-text p, .sqb-text li, .sqb-notfound p, .sqb-excerpt"
AUDIT = Path(__file__).with_name("reader_audit.js").read_text(encoding="utf-8")
AUDIT = AUDIT[AUDIT.index("\n(") + 1:]  # the function, after the comment that explains it


def open_with(browser, viewport, setting: str = "standard", **options) -> Visit:
    """A browser context whose localStorage holds the reader's 字号/高对比度 before any page loads."""
    visit = Visit(browser, viewport, **options)
    values = SETTINGS[setting]
    if values:
        stored = "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in values.items())
        visit.context.add_init_script(f"try {{ if (!sessionStorage.getItem('sqb-test')) {{ {stored} "
                                      f"sessionStorage.setItem('sqb-test', '1'); }} }} catch (e) {{}}")
    return visit


def load(visit: Visit, base_url: str, kind: str, url: str):
    response = visit.page.goto(base_url + url)
    assert response.status == (404 if kind == "not-found" else 200), (kind, response.status)
    if kind == "search":
        visit.page.locator(".sqb-result").first.wait_for()
    return response


@pytest.mark.parametrize("setting", list(SETTINGS))
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_every_page_type_reads_well(browser, base_url, site, viewport, setting):
    """Sizes, contrast, tap targets, no overflow, no synthetic italic, whole names: computed from
    the styles on the 13 page types, at the standard 字号, on 特大 and in high contrast."""
    ARTIFACTS.mkdir(exist_ok=True)
    visit = open_with(browser, viewport, setting)
    phone = viewport is PHONE
    try:
        problems = []
        for kind, url in page_types(site).items():
            load(visit, base_url, kind, url)
            found = visit.page.evaluate(AUDIT, {"body": BODY, "inline": INLINE, "taps": phone})
            problems += [(kind, *p) for p in found["problems"]]
            if setting == "xl":
                assert visit.page.evaluate("document.documentElement.dataset.sqbSize") == "xl"
            if found["bodySizes"] and setting == "xl":
                assert min(found["bodySizes"]) >= 18 * 1.5 - 0.5, (kind, "特大 makes the text 1.5 times as large")
            shot = ARTIFACTS / f"{kind}-{viewport['width']}-{setting}.png"
            visit.page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            visit.page.wait_for_load_state("networkidle")
            visit.page.screenshot(path=str(shot), full_page=True)
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


def test_the_text_size_survives_navigation_and_applies_before_the_first_paint(browser, base_url):
    visit = open_with(browser, PHONE)
    page = visit.page
    try:
        page.goto(base_url)
        body = "document.querySelector('.sqb-excerpt, .sqb-intro p')"
        standard = page.evaluate(f"parseFloat(getComputedStyle({body}).fontSize)")
        assert standard >= 18
        group = page.get_by_role("group", name="字号和对比度")
        assert [b.inner_text() for b in group.get_by_role("button").all()] == ["标准", "大", "特大", "高对比度"]
        group.get_by_role("button", name="特大").click()
        assert group.get_by_role("button", name="特大").get_attribute("aria-pressed") == "true"
        assert group.get_by_role("button", name="标准").get_attribute("aria-pressed") == "false"
        assert page.evaluate(f"parseFloat(getComputedStyle({body}).fontSize)") == pytest.approx(standard * 1.5, abs=0.5)
        group.get_by_role("button", name="高对比度").click()
        # The next page, as it is parsed: the setting is on <html> before <body> exists (nothing is painted yet).
        visit.context.add_init_script("""new MutationObserver((changes, observer) => {
            if (document.body) { window.sqbAtBody = document.documentElement.getAttribute('data-sqb-size') + ' '
              + document.documentElement.hasAttribute('data-sqb-contrast'); observer.disconnect(); }
          }).observe(document, {childList: true, subtree: true});""")
        page.locator(".sqb-card__title a").first.click()
        page.wait_for_load_state()
        assert "/issues/" in page.url
        assert page.evaluate("window.sqbAtBody") == "xl true"
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sqb-article__body p')).fontSize)") \
            == pytest.approx(18 * 1.5, abs=0.5)
        assert page.evaluate("getComputedStyle(document.querySelector('.sqb-article__body p')).color") == "rgb(0, 0, 0)"
        assert page.evaluate("getComputedStyle(document.querySelector('.sqb-article__body a, .sqb-crumb a'))"
                             ".textDecorationLine") == "underline"
        group.get_by_role("button", name="标准").click()
        group.get_by_role("button", name="高对比度").click()
        page.reload()
        assert page.evaluate("document.documentElement.hasAttribute('data-sqb-size')") is False
        assert page.evaluate("document.documentElement.hasAttribute('data-sqb-contrast')") is False
        assert visit.errors == []
    finally:
        visit.close()


def test_without_javascript_the_page_reads_at_the_standard_size(browser, base_url):
    visit = open_with(browser, PHONE, "xl", java_script_enabled=False)
    try:
        visit.page.goto(base_url + "issues/2025-09/yanglao-chuangkou/")
        size = visit.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sqb-article__body p')).fontSize)")
        assert size == pytest.approx(18, abs=0.1)
        assert not visit.page.locator(".sqb-textsize").is_visible(), "the control needs JavaScript: hidden without it"
    finally:
        visit.close()


def test_the_phones_own_text_size_setting_still_works(browser, base_url):
    """Material sets text-size-adjust: none, which can stop a phone's (or WeChat's) font setting;
    ours must not. And a larger default font in the browser makes the text larger."""
    visit = open_with(browser, PHONE)
    page = visit.page
    try:
        page.goto(base_url + "issues/2025-09/yanglao-chuangkou/")
        adjust = page.evaluate("(() => { const s = getComputedStyle(document.documentElement);"
                               " return [s.textSizeAdjust, s.webkitTextSizeAdjust]; })()")
        assert "none" not in adjust and any(adjust), adjust
        paragraph = "parseFloat(getComputedStyle(document.querySelector('.sqb-article__body p')).fontSize)"
        before = page.evaluate(paragraph)
        cdp = visit.context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 20, "fixed": 16}})
        page.reload()
        assert page.evaluate(paragraph) == pytest.approx(before * 20 / 16, abs=0.5)
    finally:
        visit.close()


def test_desktop_article_lines_are_at_most_40_characters(browser, base_url):
    for setting in ("standard", "xl"):
        visit = open_with(browser, DESKTOP, setting)
        try:
            for url in ("issues/2025-09/yanglao-chuangkou/", "issues/2025-10/jiugai-kaigong/", "about/"):
                visit.page.goto(base_url + url)
                widths = visit.page.evaluate("""() => [...document.querySelectorAll('.sqb-article__body p, .sqb-text p')]
                    .map(p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize))""")
                assert widths and max(widths) <= 40, (url, setting, max(widths))
                if "issues/" in url:
                    side = visit.page.locator(".sqb-side")
                    article = visit.page.locator(".sqb-article")
                    assert side.bounding_box()["x"] > article.bounding_box()["x"] + article.bounding_box()["width"] - 1
                    assert visit.page.locator(".md-sidebar--primary").is_visible() is False, "no left sidebar"
                    photos = visit.page.locator(".sqb-article .sqb-figure img").all()
                    body = visit.page.locator(".sqb-article__body").bounding_box()
                    assert all(img.bounding_box()["width"] <= body["width"] + 1 for img in photos)
        finally:
            visit.close()


def test_the_side_column_lists_this_pages_other_stories_and_the_issues_pages(desktop, base_url):
    page = desktop.page
    page.goto(base_url + "issues/2025-11/lajixiangfang/")
    side = page.locator(".sqb-side")
    others = [local_path(a.evaluate("a => a.href")) for a in side.locator(".sqb-side__list a").all()]
    on_page_2 = {url for url, post, _body in sample_articles() if url.startswith("/issues/2025-11/") and post["page"] == 2}
    assert set(others) == on_page_2 - {"/issues/2025-11/lajixiangfang/"}
    assert [a.inner_text() for a in side.locator(".sqb-side__pages a").all()] == ["第1版 要闻", "第2版 社区", "第3版 民生", "第4版 文苑"]
    assert side.locator("[aria-current]").inner_text() == "第2版 社区"


def test_the_issue_is_a_front_page_in_print_order(desktop, phone, base_url):
    """The lead large over two of three columns on a desktop, one column on a phone; items in
    their `order`: a photo item ordered third stays third."""
    for visit in (desktop, phone):
        page = visit.page
        page.goto(base_url + "issues/2025-11/")
        section = page.locator("#page-2 .sqb-front")
        links = [local_path(a.evaluate("a => a.href")) for a in section.locator(":scope > article .sqb-card__title a, "
                                                                               ":scope > article > .sqb-figure > a").all()]
        firsts = list(dict.fromkeys(links))
        assert firsts[:3] == ["/issues/2025-11/lajixiangfang/", "/issues/2025-11/dianti-kaigong/", "/issues/2025-11/chongyang-jinglao/"]
        lead = section.locator(".sqb-lead").bounding_box()
        width = section.bounding_box()["width"]
        if visit is desktop:
            assert lead["width"] == pytest.approx(width, abs=1)  # across the top
            photo = section.locator(".sqb-lead > .sqb-figure").bounding_box()
            assert 0.6 * width < photo["width"] < 0.75 * width  # over two of three columns, its text beside it
            assert page.locator("#page-2 .sqb-lead .sqb-card__title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") \
                > page.locator("#page-2 .sqb-card:not(.sqb-lead) .sqb-card__title").first.evaluate(
                    "e => parseFloat(getComputedStyle(e).fontSize)")
        else:
            assert lead["width"] == pytest.approx(width, abs=1)


HOLES = """section => {
  const boxes = [...section.children].map(e => e.getBoundingClientRect()).filter(r => r.height > 0);
  const columns = new Map();  // left edge → the boxes that stand in that column
  const lefts = [...new Set(boxes.filter(r => r.width < section.clientWidth * 0.5).map(r => Math.round(r.left)))];
  for (const left of lefts) columns.set(left, boxes.filter(r => r.left <= left + 2 && r.right >= left + 10)
                                                  .sort((a, b) => a.top - b.top));
  let worst = 0;
  for (const column of columns.values())
    for (let i = 1; i < column.length; i++) worst = Math.max(worst, column[i].top - column[i - 1].bottom);
  return worst;
}"""


def test_a_front_page_on_a_desktop_has_no_holes(desktop, base_url):
    """Every story follows the one above it in its column: no screen-high hole under a short
    lead or story beside a tall one."""
    page = desktop.page
    for issue in ("2025-09", "2025-10", "2025-11"):
        page.goto(base_url + f"issues/{issue}/")
        for number, section in enumerate(page.locator(".sqb-front").all(), 1):
            assert section.evaluate(HOLES) < 48, f"{issue} 第{number}版"


def test_the_archive_shows_many_issues_a_screen_with_a_year_and_month_jump(phone, base_url):
    page = phone.page
    page.goto(base_url + "issues/")
    rows = page.locator(".sqb-issue-row").all()
    heights = [r.bounding_box()["height"] for r in rows]
    assert heights and max(heights) <= (740 - 48) / 4, heights
    months = page.locator("#year-2025 .sqb-months a")
    assert [m.inner_text() for m in months.all()] == ["9月", "10月", "11月"]
    months.first.click()
    page.wait_for_url(re.compile(r"#month-2025-9$"))
    target = page.locator("#month-2025-9")
    assert "第101期" in target.inner_text() and 0 <= target.bounding_box()["y"] < 740 - 80


def test_photos_are_sharp_on_a_phone(browser, base_url):
    """Each photo's `sizes` says how wide the CSS shows it: a phone with a 2× screen gets a
    rendition at least as wide as the photo's pixels (or the largest there is)."""
    visit = Visit(browser, PHONE, device_scale_factor=2)
    try:
        for url in ("gallery/", "issues/2025-11/gallery/", "issues/", "issues/2025-11/", "issues/2025-09/yanglao-chuangkou/",
                    "people/chen-kai-ting/"):
            visit.page.goto(base_url + url)
            visit.page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
            visit.page.wait_for_load_state("networkidle")
            blurry = visit.page.evaluate("""() => [...document.querySelectorAll('main img[srcset]')].filter(i => i.clientWidth)
                .map(i => { const widths = i.srcset.split(',').map(s => parseInt(s.trim().split(' ')[1]));
                            const wanted = Math.min(Math.max(...widths), i.clientWidth * devicePixelRatio);
                            const chosen = parseInt(i.currentSrc.match(/-(\\d+)(?:\\.[0-9a-f]+)?\\.\\w+$/)[1]);  // a-960.<hash>.webp
                            return {src: i.currentSrc.split('/').pop(), natural: chosen, wanted}; })
                .filter(i => i.natural < i.wanted * 0.95)""")
            assert blurry == [], url
    finally:
        visit.close()


def test_lightbox_back_gesture_counter_and_labels(phone, base_url):
    page = phone.page
    page.goto(base_url + "issues/2025-11/gallery/")
    url = page.url
    links = page.locator("a.glightbox")
    total = links.count()
    assert total > 2
    links.nth(2).click()
    page.locator(".gslide.current img").wait_for(state="visible", timeout=10_000)
    counter = page.locator(".sqb-lightbox__counter")
    assert counter.inner_text() == f"3/{total}"
    close = page.get_by_role("button", name="关闭图片")
    box = close.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    assert page.get_by_role("button", name="下一张").count() == 1 and page.get_by_role("button", name="上一张").count() == 1
    caption = page.locator(".gslide.current .gslide-title")
    assert caption.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    page.get_by_role("button", name="下一张").click()
    page.wait_for_function(f"document.querySelector('.sqb-lightbox__counter').textContent === '4/{total}'")
    page.go_back()  # the phone's back gesture
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5_000)
    assert page.url == url and page.locator("h1").is_visible()
    links.nth(0).click()  # and closing with the button leaves no entry in the history behind
    page.locator(".gslide.current img").wait_for(state="visible", timeout=10_000)
    close.click()
    page.locator(".glightbox-container").wait_for(state="detached", timeout=5_000)
    page.go_back()
    page.wait_for_load_state()
    assert page.url != url, "back goes to the page before the gallery"
    assert phone.errors == []


def test_menu_skip_link_and_back_to_top(phone, base_url):
    page = phone.page
    page.goto(base_url + "issues/2025-11/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "sqb-main"
    menu = page.get_by_role("button", name="打开菜单")
    assert "菜单" in menu.inner_text()
    menu.click()
    assert page.get_by_role("button", name="关闭菜单").get_attribute("aria-expanded") == "true"
    drawer = page.locator(".md-sidebar--primary .md-nav__link").filter(has_text="往期").first
    drawer.wait_for(state="visible")
    page.wait_for_timeout(400)  # the drawer slides in
    box = drawer.bounding_box()
    assert box["x"] >= 0 and box["height"] >= 44
    page.keyboard.press("Escape")
    assert page.get_by_role("button", name="打开菜单").get_attribute("aria-expanded") == "false"
    top = page.locator(".md-top")
    assert top.is_hidden()
    page.mouse.wheel(0, 4000)
    top.wait_for(state="visible")
    top.click()
    page.wait_for_function("window.scrollY === 0")
    assert phone.errors == []


def test_no_request_grows_with_the_archive_and_material_s_bundle_is_not_sent(phone, base_url):
    """sitemap.xml (Material fetched it on every page, for each <link rel=alternate>: our RSS
    links) is not requested, nor Material's script bundle; the RSS link is still there."""
    page = phone.page
    for url in ("", "issues/2025-11/", "issues/2025-09/yanglao-chuangkou/", "people/chen-ling/", f"search/?q={PLANTED}"):
        phone.requests.clear()
        page.goto(base_url + url)
        page.wait_for_load_state("networkidle")
        paths = [local_path(r) for r in phone.requests]
        assert not [p for p in paths if p.endswith("sitemap.xml") or "/bundle." in p], (url, paths)
        assert page.locator("link[rel=alternate][type='application/rss+xml']").count() >= 1, url  # the paper's RSS
    page.goto(base_url)
    assert page.locator("link[rel=alternate][type='application/rss+xml']").count() == 1


@pytest.fixture(scope="module")
def bigger_site(tmp_path_factory) -> Path:
    """The sample with 1,000 more articles (scripts/make_corpus.py: 50 older issues)."""
    project = sample_with_corpus(tmp_path_factory.mktemp("bigger"), articles=1000)
    return build(project, strict=False)  # the corpus's names may share a pinyin with the sample's: a warning


def test_newest_first_across_the_two_parts_of_the_index(browser, bigger_site):
    """The index of the sample with 1,000 older articles is in two parts, 2025 and the years before
    it; results come newest first across both, and a year of the older part alone has only that year."""
    parts = re.search(r'data-pagefind-parts="([^"]*)"', (bigger_site / "search/index.html").read_text(encoding="utf-8"))[1]
    newest, older = parts.split()
    assert newest == "2025" and re.fullmatch(r"\d{4}-2024", older) and (bigger_site / f"pagefind/{older}/pagefind.js").is_file()
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(bigger_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    visit = Visit(browser, DESKTOP)
    try:
        base = f"http://127.0.0.1:{server.server_port}/"

        def numbers(**params) -> list[int]:
            search(visit, base, "邻里", **params)
            metas = [m.inner_text() for m in visit.page.locator(".sqb-result__meta").all()]
            return [int(re.search(r"第(\d+)期", meta)[1]) for meta in metas]

        everything = numbers()
        assert len(everything) > 10 and everything == sorted(everything, reverse=True), "newest issue first"
        assert everything[0] >= 101 and everything[-1] < 90, "from both parts"
        year = str(int(older[:4]) + 1)
        in_year = numbers(year=year)
        assert in_year and in_year == sorted(in_year, reverse=True) and set(in_year) < set(everything)
        dates = [m.inner_text() for m in visit.page.locator(".sqb-result__meta").all()]
        assert all(meta.startswith(f"{year}年") for meta in dates), dates
        assert visit.errors == []
    finally:
        visit.close()
        server.shutdown()
        server.server_close()


def requests_of(browser, site: Path, url: str) -> dict[str, int]:
    """Every request of a page (path → size of the response body as sent, before gzip)."""
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    visit = Visit(browser, PHONE)
    sizes: dict[str, int] = {}
    try:
        def finished(request):
            response = request.response()
            if response is not None:
                sizes[urlsplit(request.url).path + ("?" + urlsplit(request.url).query if urlsplit(request.url).query else "")] \
                    = len(response.body())
        visit.page.on("requestfinished", finished)
        visit.page.goto(f"http://127.0.0.1:{server.server_port}/{url}")
        visit.page.wait_for_load_state("networkidle")
        if "search/" in url:
            visit.page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
        visit.page.mouse.wheel(0, 20000)  # lazy photos too, down to the page's very end
        visit.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        visit.page.wait_for_timeout(300)
        visit.page.wait_for_load_state("networkidle")
    finally:
        visit.close()
        server.shutdown()
        server.server_close()
    sizes.pop("/assets/images/favicon.png", None)  # asked for by the browser when it likes, never larger
    return sizes


def test_no_request_of_a_page_depends_on_the_number_of_articles(browser, site, bigger_site):
    """The same pages of the sample and of the sample with 1,000 more articles request the same
    files, of the same sizes: nothing a page loads (sitemap.xml, a search index, a list of every
    article) grows with the archive. Lists that do grow (往期, 图片, a person) are paginated."""
    assert len(list(bigger_site.glob("issues/*/*/index.html"))) >= len(list(site.glob("issues/*/*/index.html"))) + 1000
    for url in ("", "issues/2025-11/", "issues/2025-09/yanglao-chuangkou/", "issues/2025-11/gallery/", "search/",
                "about/", "no/such/page/"):
        small, big = requests_of(browser, site, url), requests_of(browser, bigger_site, url)
        if url == "search/":  # the search page names the index's two parts: "2025 2024", "2025 2019-2024"
            parts = [re.search(r'data-pagefind-parts="([^"]*)"', (folder / "search/index.html").read_text(encoding="utf-8"))[1]
                     for folder in (site, bigger_site)]
            assert len(parts[0].split()) == len(parts[1].split()) == 2 and parts[1] != parts[0]
            big["/search/"] -= len(parts[1]) - len(parts[0])
        assert big == small, url
    for url in ("issues/", "gallery/"):  # the page itself lists more issues (at most a page of them); nothing else changes
        small, big = requests_of(browser, site, url), requests_of(browser, bigger_site, url)
        document = urlsplit("/" + url).path
        assert {k: v for k, v in big.items() if k != document and "/images/" not in k} == \
            {k: v for k, v in small.items() if k != document and "/images/" not in k}, url


def test_the_footers_legal_lines_read_well_too(browser, sample):
    """With an ICP 备案号, a 公安备案号 and 内部资料 in the footer (mkdocs.yml), at 360 px, standard and high contrast."""
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      paper_permit:", "      icp: 沪ICP备12345678号-1\n      police_record: 沪公网安备31010402000001号\n"
        "      internal_publication: true\n      paper_permit:"), encoding="utf-8")
    site = build(sample)
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for setting in ("standard", "contrast"):
            visit = open_with(browser, PHONE, setting)
            try:
                visit.page.goto(f"http://127.0.0.1:{server.server_port}/")
                assert visit.page.locator(".sqb-footer-line a").count() == 2
                found = visit.page.evaluate(AUDIT, {"body": BODY, "inline": INLINE, "taps": True})
                assert found["problems"] == [], setting
            finally:
                visit.close()
    finally:
        server.shutdown()
        server.server_close()
