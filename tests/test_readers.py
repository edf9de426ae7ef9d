"""What residents and editors notice in a real browser (Debian's chromium through Playwright), on
the sample paper built once for the run (conftest.built_sample): the 公众号 edition's copy
button, 朗读, tap targets at 特大, and axe on every kind of page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import frontmatter
import pytest
from conftest import ROOT
from test_browser import DESKTOP, PHONE, Visit, base_url, browser  # noqa: F401 - fixtures used by name

ALLOWED_TAGS = {"section", "p", "span", "strong", "em", "br", "img", "h1", "h2", "h3", "blockquote"}


@pytest.fixture(scope="module")
def site(built_sample) -> Path:
    return built_sample


class _Tags(HTMLParser):
    """Every tag and attribute of an HTML fragment, and its text."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.images: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if tag == "img" and name == "src":
                self.images.append(value)

    def handle_data(self, data):
        self.text.append(data)


def paragraphs(markdown: str) -> list[str]:
    """The plain paragraphs of an article's Markdown text (what a reader reads, without marks)."""
    found = []
    for block in re.split(r"\n\s*\n", markdown):
        block = block.strip()
        if not block or block.startswith(("#", "!", "|", "-", "*", ">", "<", "1.")):
            continue
        found.append(re.sub(r"\*\*|__|\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(block.split())))
    return found


def copied_html(visit: Visit, url: str) -> str:
    page = visit.page
    page.goto(url)
    page.get_by_role("button", name="复制到公众号").click()
    page.locator(".sqb-wechat__status").filter(has_text="已复制").wait_for(timeout=5_000)
    return page.evaluate("""async () => {
        const items = await navigator.clipboard.read();
        for (const item of items) if (item.types.includes("text/html")) return await (await item.getType("text/html")).text();
        return "";
    }""")


@pytest.mark.parametrize("slug", ["yanglao-chuangkou", "guoqing-fuwu-anpai"])
def test_the_wechat_copy_is_inline_styled_html_the_mp_editor_keeps(browser, base_url, slug):  # noqa: F811
    """An editor taps 复制到公众号 on an article's page: the clipboard holds the article as HTML
    with only the tags the mp editor keeps, styles inline, photos at absolute addresses."""
    source = next((ROOT / "content/issues").glob(f"*/{slug}.md"))
    post = frontmatter.load(source)
    issue = source.parent.name
    visit = Visit(browser, PHONE, permissions=["clipboard-read", "clipboard-write"])
    try:
        visit.page.goto(f"{base_url}issues/{issue}/{slug}/")
        visit.page.get_by_role("link", name="复制到公众号").click()
        html = copied_html(visit, visit.page.url)
        parsed = _Tags()
        parsed.feed(html)
        assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
        assert {name for tag, name in parsed.attributes} <= {"style", "src", "alt"}
        assert {name for tag, name in parsed.attributes if tag != "img"} == {"style"}
        assert "<script" not in html and "class=" not in html and " id=" not in html
        text = re.sub(r"\s+", "", "".join(parsed.text))
        assert re.sub(r"\s+", "", post["title"]) in text
        for role in ("reporters", "authors", "correspondents"):
            for name in post.get(role, []):
                assert name in text, (role, name)
        for paragraph in paragraphs(post.content):
            assert re.sub(r"\s+", "", paragraph)[:40] in text, paragraph
        if post.get("source"):
            assert f"来源：{post['source']}" in text
        images = [image for image in post.get("images", []) if image.get("src")]
        assert len(parsed.images) >= len(images)
        for src in parsed.images:
            assert src.startswith("https://example.org/"), src  # mkdocs.yml's site_url
            assert visit.page.request.get(base_url + src.removeprefix("https://example.org/")).ok, src
        for image in images:
            assert image.get("caption", "") in text
        # the preview shows the photos from site_url, as the pasted copy will: the paper's own host
        assert [u for u in visit.outside() if not u.startswith("https://example.org/")] == []
        assert visit.errors == []
    finally:
        visit.close()


def test_the_issue_digest_copies_every_article_and_is_hidden_from_search_engines(browser, base_url, site):  # noqa: F811
    issue = "2025-11"
    titles = [frontmatter.load(p).get("title") for p in sorted((ROOT / f"content/issues/{issue}").glob("*.md"))]
    visit = Visit(browser, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        visit.page.goto(f"{base_url}issues/{issue}/")
        visit.page.get_by_role("link", name="本期全部文章复制到公众号").click()
        assert visit.page.locator('meta[name="robots"]').get_attribute("content").startswith("noindex")
        html = copied_html(visit, visit.page.url)
        text = re.sub(r"\s+", "", html)
        for title in filter(None, titles):
            assert re.sub(r"\s+", "", title) in text, title
        assert visit.errors == []
    finally:
        visit.close()
    assert "gongzhonghao" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    page = (site / f"issues/{issue}/gongzhonghao/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in page


# A stand-in for the browser's speech (headless chromium has no voices): it records what it is
# asked to say and at what speed; the test ends an utterance when it likes (window.__speech.end()).
SPEECH_STUB = """
(() => {
  const voices = %s;
  const log = { said: [], rates: [], paused: false, cancels: 0, current: null };
  const stub = {
    getVoices: () => voices,
    speak(u) { log.said.push(u.text); log.rates.push(u.rate); log.current = u; },
    pause() { log.paused = true; }, resume() { log.paused = false; },
    cancel() { log.cancels += 1; const u = log.current; log.current = null;
               if (u && u.onerror) u.onerror({ type: "error", error: "interrupted" }); },
    addEventListener() {}, removeEventListener() {},
    get speaking() { return !!log.current; }, get paused() { return log.paused; },
  };
  class Utterance { constructor(text) { Object.assign(this, { text, lang: "", voice: null, rate: 1, onend: null, onerror: null }); } }
  window.__speech = { log, end() { const u = log.current; log.current = null; if (u && u.onend) u.onend({ type: "end" }); } };
  Object.defineProperty(window, "speechSynthesis", { value: stub, configurable: true });
  Object.defineProperty(window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true });
})();
"""
ZH_VOICE = '[{"lang": "zh-CN", "name": "婷婷", "voiceURI": "zh", "default": true, "localService": true}]'


def test_read_aloud_reads_highlights_pauses_and_stops(browser, base_url):  # noqa: F811
    slug, issue = "yanglao-chuangkou", "2025-09"
    post = frontmatter.load(ROOT / f"content/issues/{issue}/{slug}.md")
    visit = Visit(browser, PHONE)
    visit.context.add_init_script(SPEECH_STUB % ZH_VOICE)
    page = visit.page
    try:
        page.goto(f"{base_url}issues/{issue}/{slug}/")
        controls = page.get_by_role("group", name="朗读")
        controls.get_by_role("button", name="朗读全文").click()
        said = lambda: page.evaluate("window.__speech.log.said")  # noqa: E731
        reading = lambda: page.locator(".sqb-reading").inner_text()  # noqa: E731
        assert said() == [reading()] and post["title"].replace(" ", "") in said()[0].replace(" ", "")
        page.evaluate("window.__speech.end()")
        assert any(name in said()[1] for name in post.get("reporters", []) + post.get("authors", []))  # the byline
        while not page.locator(".sqb-article__body .sqb-reading").count():  # the photo's caption, then the text
            page.evaluate("window.__speech.end()")
        first = paragraphs(post.content)[0]
        assert said()[-1].replace(" ", "")[:30] == first.replace(" ", "")[:30]
        assert page.locator(".sqb-reading").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
        assert page.locator(".sqb-reading").count() == 1

        controls.get_by_role("button", name="暂停").click()
        assert page.evaluate("window.__speech.log.paused")
        controls.get_by_role("button", name="继续").click()
        assert not page.evaluate("window.__speech.log.paused")

        controls.get_by_role("combobox").select_option(label="快")  # the paragraph again, faster
        assert page.evaluate("window.__speech.log.rates").pop() > 1 and said()[-1] == said()[-2]

        count = len(said())
        controls.get_by_role("button", name="停止").click()
        page.evaluate("window.__speech.end()")
        assert len(said()) == count and page.locator(".sqb-reading").count() == 0
        assert controls.get_by_role("button", name="朗读全文").is_visible()
        assert visit.errors == []
    finally:
        visit.close()


def test_read_aloud_is_hidden_without_a_chinese_voice(browser, base_url):  # noqa: F811
    visit = Visit(browser, PHONE)
    visit.context.add_init_script(SPEECH_STUB % '[{"lang": "en-US", "name": "Sam", "voiceURI": "en"}]')
    try:
        visit.page.goto(f"{base_url}issues/2025-09/yanglao-chuangkou/")
        assert visit.page.locator("[data-sqb-readaloud]").is_hidden()
        assert visit.errors == []
    finally:
        visit.close()


# Every control and link a reader can tap, with its box; links inside running text are left out
# (WCAG 2.5.8's inline exception: they grow with the text itself).
TARGETS = """(least) => {
  const found = [];
  let count = 0;
  const taps = "a[href], button, input:not(.md-toggle), select, textarea, summary, label, [role=button], [tabindex]:not([tabindex='-1'])";
  for (const e of document.querySelectorAll(taps)) {
    const box = e.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(e).visibility === "hidden") continue;
    if (e.closest(".sqb-article__body p, .sqb-article__body li, .sqb-text p, .sqb-text li")) continue;
    if (e.closest(".sqb-ban__page")) continue;  // a 版's story regions: the list of its stories is their target
    count += 1;
    if (box.width < least || box.height < least)
      found.push(`${e.tagName} "${(e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return { count, found };
}"""


def test_at_the_largest_text_size_every_target_is_at_least_60_px(browser, base_url):  # noqa: F811
    """适老化 (MIIT): at 特大 every target of the home page, an article's page and a 版 (header
    buttons, menu, links to 版 and people, 朗读, 查看大图 and the PDFs) is at least 60 × 60 px on a
    360-px phone."""
    visit = Visit(browser, PHONE)
    visit.context.add_init_script("localStorage.setItem('sqb-size', 'xl');" + SPEECH_STUB % ZH_VOICE)
    try:
        for url in ("", "issues/2025-11/2/", "issues/2025-09/yanglao-chuangkou/", "issues/2025-11/yongdian-anquan/"):
            visit.page.goto(base_url + url)
            assert visit.page.evaluate("document.documentElement.dataset.sqbSize") == "xl"
            measured = visit.page.evaluate(TARGETS, 60)
            assert measured["count"] > 20, url  # the measure sees the page's targets
            assert measured["found"] == [], url
        visit.page.get_by_role("button", name="朗读全文").click()  # the 朗读 controls while reading
        assert visit.page.evaluate(TARGETS, 60)["found"] == []
        assert visit.errors == []
    finally:
        visit.close()


AXE_SCRIPT = None


def axe_script() -> str:
    """axe-core's axe.min.js, as the axe-playwright-python wheel ships it (pyproject's test extra)."""
    axe = pytest.importorskip("axe_playwright_python")
    return str(Path(axe.__file__).with_name("axe.min.js"))


def axe_page_types(site: Path) -> dict[str, str]:
    """One address of each kind of page a reader or an editor opens (the 13 of test_browser and
    the 数字报's 版 and the 公众号 edition)."""
    from test_browser import page_types

    kinds = {kind: url for kind, url in page_types(site).items() if kind != "not-found"}
    return {**kinds, "ban": "issues/2025-11/1/", "wechat": "issues/2025-11/gongzhonghao/", "not-found": "no/such/page/"}


# Colour contrast is measured by test_browser's audit (≥ 8:1 for text, stricter than axe's 4.5:1),
# and by scripts/audit_axe.py with every rule: here it would take most of the time.
AXE_RUN = """async () => (await axe.run(document, { resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } }))
  .violations.filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`)"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_axe_finds_nothing_serious_on_any_kind_of_page(browser, base_url, site, viewport):  # noqa: F811
    visit = Visit(browser, viewport)
    visit.context.add_init_script(path=axe_script())
    try:
        found = {}
        kinds = axe_page_types(site)
        if viewport is DESKTOP:  # the kinds whose desktop layout differs most (scripts/audit_axe.py: all 16 at both widths)
            kinds = {kind: kinds[kind] for kind in ("home", "issue", "ban", "article", "archive", "gallery", "search", "wechat")}
        for kind, url in kinds.items():
            visit.page.goto(base_url + url)
            if kind == "search":
                visit.page.locator(".sqb-result").first.wait_for()
            found[kind] = visit.page.evaluate(AXE_RUN)
        assert {kind: v for kind, v in found.items() if v} == {}
        assert len(found) == (16 if viewport is PHONE else 8) and visit.errors == []
    finally:
        visit.close()


def test_a_search_fetches_older_parts_of_the_index_only_when_the_results_need_them(browser, base_url, site):  # noqa: F811
    """A word found often in the newest year costs its part of the index alone; 更多结果 fetches
    the older parts when the newest is used up, and the dates still never go up the list.
    (scripts/bench_search.py measures the bytes at 10,000 articles.)"""
    from test_browser import shown_dates

    parts = re.search(r'data-pagefind-parts="([^"]*)"', (site / "search/index.html").read_text(encoding="utf-8"))[1].split()
    newest, older = parts[0], parts[1:]
    assert older, "the sample has articles of two years"
    visit = Visit(browser, DESKTOP)
    page = visit.page
    try:
        page.goto(f"{base_url}search/?q=社区")
        page.locator(".sqb-search[data-state=done]").wait_for(state="attached")
        fetched = lambda part: any(f"/pagefind/{part}/" in url for url in visit.requests)  # noqa: E731
        assert page.locator(".sqb-result").count() == 10 and fetched(newest)
        assert not any(fetched(part) for part in older)
        assert f"{newest}年以来" in page.locator(".sqb-search__status").inner_text()
        while page.locator(".sqb-results__more").is_visible():
            count = page.locator(".sqb-result").count()
            page.locator(".sqb-results__more").click()
            page.wait_for_function(f"document.querySelectorAll('.sqb-result').length > {count} || "
                                   "document.querySelector('.sqb-results__more').hidden")
        assert all(fetched(part) for part in older)
        dates = shown_dates(visit)
        assert dates == sorted(dates, reverse=True) and dates[-1][0] < int(newest)
        assert "以来" not in page.locator(".sqb-search__status").inner_text()
        assert visit.errors == []
    finally:
        visit.close()
