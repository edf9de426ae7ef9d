"""数字报: every 版 of the sample as its printed page with a link region over every story,
checked in Chromium and against the PDF's own text layer."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, build
from test_browser import DESKTOP, PHONE, Visit, base_url, browser  # noqa: F401 (fixtures)

from shequbao.content.load import load_archive
from shequbao.model import Paper


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The sample paper built with its print edition (page images, per-版 PDFs)."""
    return build(ROOT, pdf=True, site_dir=str(tmp_path_factory.mktemp("pageview") / "site"))


@pytest.fixture(scope="module")
def archive():
    return load_archive(ROOT / "content", Paper("桂园"))[0]


def bans(archive):
    return [(issue, section) for issue in archive.issues for section in issue.sections]


def regions(page) -> list[dict]:
    return page.eval_on_selector_all(".sqb-ban__region", """els => els.map(a => {
        const r = a.getBoundingClientRect();
        return {href: a.getAttribute('href'), id: a.id, title: a.textContent.trim(), continued: a.classList.contains('sqb-ban__region--continued'),
                x: r.x, y: r.y, w: r.width, h: r.height};
    })""")


def image_box(page) -> dict:
    return page.eval_on_selector(".sqb-ban__page img", "img => { const r = img.getBoundingClientRect(); "
                                 "return {x: r.x, y: r.y, w: r.width, h: r.height, loaded: img.complete && img.naturalWidth > 0}; }")


def test_every_ban_shows_its_page_with_one_region_per_story(site, archive, browser, base_url):
    visit = Visit(browser, DESKTOP)
    try:
        for issue, section in bans(archive):
            visit.page.goto(f"{base_url}issues/{issue.id}/{section.page}/")
            assert image_box(visit.page)["loaded"], (issue.id, section.page)
            found = regions(visit.page)
            own = [r for r in found if not r.get("continued")]
            on_ban = [a for a in issue.articles if a.page == section.page and printed(site, issue, a)]
            assert sorted({r["href"] for r in own}) == sorted(f"../{a.slug}/" for a in on_ban), (issue.id, section.page)
            for region in own:  # the region's centre is its own link: a tap there opens the story
                hit = visit.page.eval_on_selector(f"#{region['id']}", """a => {
                    a.scrollIntoView({block: 'center'});
                    const r = a.getBoundingClientRect();
                    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                    return top && top.closest('a') ? top.closest('a').getAttribute('href') : null; }""")
                assert hit == region["href"], (issue.id, section.page, region["title"])
            first = own[0]
            box = visit.page.eval_on_selector(f"#{first['id']}", "a => { a.scrollIntoView({block: 'center'}); "
                                              "const r = a.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }")
            visit.page.mouse.click(*box)
            visit.page.wait_for_url(re.compile("/" + re.escape(first["href"].split("/")[-2]) + "/$"))
        assert visit.outside() == [] and visit.errors == []
    finally:
        visit.close()


def printed_lines(page, title: str) -> list[tuple[float, float]]:
    """The middle of each printed line of ``title`` on a PDF page, as fractions of the page: its
    characters found in the text layer (the largest print, not a mention in 导读), split into
    lines where a character starts above its predecessor or left of it (a column's top)."""
    def visible(text: str) -> str:  # a word joiner of a display line may come glued to its character
        return "".join(ch for ch in text if ch.strip() and unicodedata.category(ch) not in ("Cf", "Zs", "Cc"))

    chars = [c for c in page.chars if len(visible(c["text"])) == 1]
    text = "".join(visible(c["text"]) for c in chars)
    wanted = re.sub(r"\s", "", title)
    found = [m.start() for m in re.finditer(re.escape(wanted), text)]
    assert found, f"{title} is not in the PDF's text"
    first = max(found, key=lambda at: chars[at]["size"])
    lines: list[list[dict]] = []
    for char in chars[first:first + len(wanted)]:
        if lines and abs(char["top"] - lines[-1][-1]["top"]) < 2 and char["x0"] >= lines[-1][-1]["x0"]:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [((line[0]["x0"] + line[-1]["x1"]) / 2 / page.width,
             (min(c["top"] for c in line) + max(c["bottom"] for c in line)) / 2 / page.height) for line in lines]


def printed(site, issue, article) -> bool:
    """Whether the print edition holds ``article``: a 备用稿 (print: filler) only where its 版 had room."""
    if not article.print.filler:
        return True
    with pdfplumber.open(site / f"issues/{issue.id}/gui-yuan-{issue.id}-{article.page}.pdf") as document:
        text = "".join(ch for ch in document.pages[0].extract_text() if ch.strip() and unicodedata.category(ch) != "Cf")
    return re.sub(r"\s", "", article.display_title.replace("|", "")) in text


@pytest.fixture(scope="module")
def headlines(site, archive) -> dict[tuple[str, int], list[tuple[str, tuple[float, float]]]]:
    """Per 版: each story printed on it, with the middle of every line of its printed headline."""
    found = {}
    for issue, section in bans(archive):
        with pdfplumber.open(site / f"issues/{issue.id}/gui-yuan-{issue.id}-{section.page}.pdf") as document:
            page = document.pages[0]
            found[issue.id, section.page] = [(article.slug, point) for article in issue.articles
                                             if article.page == section.page and printed(site, issue, article)
                                             for point in printed_lines(page, article.display_title)]
    return found


TAP = """([fx, fy]) => {  // what a tap at this point of the page image would open
    const img = document.querySelector('.sqb-ban__page img');
    let r = img.getBoundingClientRect();
    window.scrollTo(0, window.scrollY + r.top + fy * r.height - innerHeight / 2);
    r = img.getBoundingClientRect();
    const x = r.left + fx * r.width, y = r.top + fy * r.height;
    const hit = document.elementFromPoint(x, y), link = hit && hit.closest('a');
    return [link ? link.getAttribute('href') : null, x, y]; }"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_a_tap_on_a_printed_headline_opens_its_story(site, archive, headlines, browser, base_url, viewport):
    """Readers tap what they read: the middle of every line of every printed headline (placed by
    the PDF's text, scaled to the page image) lies on that story's link, on every 版; on a phone
    a real tap on the last line of each issue's last 短消息 title opens that brief."""
    visit = Visit(browser, viewport)
    briefs = {a.slug for issue in archive.issues for a in issue.articles if a.kind == "brief"}
    tapped = set()
    try:
        for (issue_id, number), lines in headlines.items():
            visit.page.goto(f"{base_url}issues/{issue_id}/{number}/", wait_until="domcontentloaded")
            for slug, point in lines:
                href, *_ = visit.page.evaluate(TAP, list(point))
                assert href == f"../{slug}/", (issue_id, number, slug, point, href)
            last = [(slug, point) for slug, point in lines if slug in briefs][-1:]
            if viewport is PHONE and last and issue_id not in tapped:
                tapped.add(issue_id)
                slug, point = last[0]
                _, x, y = visit.page.evaluate(TAP, list(point))
                visit.page.mouse.click(x, y)
                visit.page.wait_for_url(f"{base_url}issues/{issue_id}/{slug}/")
        assert visit.errors == [] and (viewport is DESKTOP or tapped)
    finally:
        visit.close()


TARGETS = """() => {  // each region's box, and its entry in the tap list under the page
    const img = document.querySelector('.sqb-ban__page img').getBoundingClientRect();
    const list = document.querySelector('.sqb-ban__stories').getBoundingClientRect();
    const entries = {};
    for (const a of document.querySelectorAll('.sqb-ban__stories a')) {
        const r = a.getBoundingClientRect();
        entries[a.getAttribute('href')] = [r.width, r.height];
    }
    const between = list.top - img.bottom;
    return [between, Array.from(document.querySelectorAll('.sqb-ban__region')).map(a => {
        const r = a.getBoundingClientRect();
        return [a.id, a.getAttribute('href'), r.width, r.height, entries[a.getAttribute('href')] || null]; })]; }"""


def test_every_region_has_a_tap_target_of_44_px_on_a_phone(site, archive, browser, base_url):
    """At 360 px a 短消息's region is a few pixels tall: each story on the page image is a target of
    at least 44 × 44 px, its region or its entry in the tap list right under the image."""
    visit = Visit(browser, PHONE)
    small = 0
    try:
        for issue, section in bans(archive):
            visit.page.goto(f"{base_url}issues/{issue.id}/{section.page}/", wait_until="domcontentloaded")
            between, found = visit.page.evaluate(TARGETS)
            assert 0 <= between <= 60, (issue.id, section.page, between)  # the list follows the image
            for slug, href, width, height, entry in found:
                small += width < 44 or height < 44
                assert (width >= 44 and height >= 44) or (entry and entry[0] >= 44 and entry[1] >= 44), (
                    issue.id, section.page, slug, width, height, entry)
        assert small > 0  # the sample has regions too small to tap: the list is what is measured
    finally:
        visit.close()


def test_every_page_links_to_the_page_view(site, archive):
    for issue in archive.issues:
        index = (site / f"issues/{issue.id}/index.html").read_text(encoding="utf-8")
        for section in issue.sections:
            assert f'href="{section.page}/"' in index, (issue.id, section.page)  # the issue links every 版
        for article in issue.articles:
            page = (site / f"issues/{issue.id}/{article.slug}/index.html").read_text(encoding="utf-8")
            if printed(site, issue, article):
                assert f'<a class="sqb-printed-on__ban" href="../{article.page}/#{article.slug}">' in page  # near the top
            else:  # a 备用稿 left out of print says so, and points at no 版 it is not on
                assert "本篇没有刊登在印刷版上" in page and "sqb-printed-on__ban" not in page
        walked, at = [], issue.sections[0].page
        while at is not None:  # 上一版/下一版 walk every 版 in order, both ways
            walked.append(at)
            html = (site / f"issues/{issue.id}/{at}/index.html").read_text(encoding="utf-8")
            nxt = re.search(r'<a rel="next" href="\.\./(\d+)/">下一版', html)
            prev = re.search(r'<a rel="prev" href="\.\./(\d+)/">‹ 上一版', html)
            assert (prev is None) == (at == issue.sections[0].page)
            at = int(nxt.group(1)) if nxt else None
        assert walked == [s.page for s in issue.sections]


def test_on_a_phone_the_page_fits_and_zoom_keeps_every_region_on_its_story(site, archive, browser, base_url):
    visit = Visit(browser, PHONE)
    try:
        issue, section = bans(archive)[1]
        visit.page.goto(f"{base_url}issues/{issue.id}/{section.page}/")
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        box = image_box(visit.page)
        content = visit.page.eval_on_selector(".sqb-ban__scroller", "e => e.clientWidth")
        assert box["w"] >= content - 1 and box["w"] >= PHONE["width"] - 40  # the page fills the width
        before = {r["id"]: r for r in regions(visit.page)}
        visit.page.click("[data-sqb-zoom='1']")
        assert visit.page.inner_text(".sqb-ban__level") == "150%"
        zoomed = image_box(visit.page)
        assert zoomed["w"] == pytest.approx(1.5 * box["w"], abs=2)
        for region in regions(visit.page):  # regions scale with the page: same place on it, 1.5 times the size
            old = before[region["id"]]
            assert (region["x"] - zoomed["x"]) == pytest.approx(1.5 * (old["x"] - box["x"]), abs=2)
            assert region["w"] == pytest.approx(1.5 * old["w"], abs=2)
        target = max(regions(visit.page), key=lambda r: r["w"] * r["h"])
        point = visit.page.eval_on_selector(f"#{target['id']}", """a => {
            a.scrollIntoView({block: 'center', inline: 'center'});
            const r = a.getBoundingClientRect();
            const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
            const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
            return [(left + right) / 2, (top + bottom) / 2]; }""")
        visit.page.mouse.click(*point)  # a tap on the story, on the zoomed page
        visit.page.wait_for_url(re.compile("/" + re.escape(target["href"].split("/")[-2]) + "/$"))
        assert visit.outside() == []
    finally:
        visit.close()


def test_an_article_opens_its_ban_with_its_region_marked(site, archive, browser, base_url):
    visit = Visit(browser, DESKTOP)
    try:
        issue = archive.issues[0]
        article = next(a for a in issue.articles if a.kind == "news")
        visit.page.goto(f"{base_url}issues/{issue.id}/{article.slug}/")
        visit.page.click(f".sqb-printed-on a[href='../{article.page}/#{article.slug}']")
        visit.page.wait_for_url(re.compile(f"/issues/{issue.id}/{article.page}/#{article.slug}$"))
        outline = visit.page.eval_on_selector(f"#{article.slug}", "a => getComputedStyle(a).outlineStyle")
        assert outline == "double"  # :target: the story the reader came from is marked on the page
    finally:
        visit.close()


def continued_stories(site: Path, archive) -> list:
    """The sample's stories continued on another 版 (下转第N版), with every 版 they are on."""
    found = []
    for issue, section in bans(archive):
        html = (site / f"issues/{issue.id}/{section.page}/index.html").read_text(encoding="utf-8")
        for slug in re.findall(r'id="([a-z0-9-]+)-continued"', html):
            article = next(a for a in issue.articles if a.slug == slug)
            found.append((issue, article, [article.page, section.page]))
    return found


SPOTS = """() => Array.from(document.querySelectorAll('.sqb-printed-on__ban')).map(a => {
    const img = a.querySelector('img'), page = img.getBoundingClientRect();
    return {href: a.getAttribute('href'), top: a.getBoundingClientRect().top, loaded: img.complete && img.naturalWidth > 0,
            page: [page.width, page.height],
            marks: Array.from(a.querySelectorAll('.sqb-printed-on__mark')).map(m => { const r = m.getBoundingClientRect();
                return [(r.left - page.left) / page.width, (r.top - page.top) / page.height, r.width / page.width, r.height / page.height]; })};
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_an_article_shows_every_ban_it_is_on_with_its_place_marked(site, archive, browser, base_url, viewport):
    """Near the top of a story continued on another 版: a thumbnail of each 版 it is on, its
    region marked where the 数字报 page has it; each leads to that 版 with the story marked."""
    stories = continued_stories(site, archive)
    assert stories, "the sample has a story continued on another 版"
    visit = Visit(browser, viewport)
    try:
        for issue, article, pages in stories:
            visit.page.goto(f"{base_url}issues/{issue.id}/{article.slug}/")
            visit.page.wait_for_load_state("load")
            spots = visit.page.evaluate(SPOTS)
            anchors = [f"{article.slug}", f"{article.slug}-continued"]
            assert [s["href"] for s in spots] == [f"../{p}/#{anchor}" for p, anchor in zip(pages, anchors)], spots
            body = visit.page.eval_on_selector(".sqb-article__body", "e => e.getBoundingClientRect().top")
            for spot, page_number, anchor in zip(spots, pages, anchors):
                assert spot["loaded"] and spot["top"] < body and spot["top"] < 700, spot  # above the text, on the first screen
                assert spot["page"][0] >= 44 and spot["page"][1] >= 44
                ban = (site / f"issues/{issue.id}/{page_number}/index.html").read_text(encoding="utf-8")
                style = re.search(rf'id="{anchor}"[^>]*style="left:([\d.]+)%;top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%"', ban)
                region = [float(v) / 100 for v in style.groups()]
                assert spot["marks"][0] == pytest.approx(region, abs=0.02), (anchor, spot["marks"], region)
            visit.page.click(f".sqb-printed-on a[href='{spots[1]['href']}']")
            visit.page.wait_for_url(re.compile(f"/issues/{issue.id}/{pages[1]}/#{anchors[1]}$"))
            outline = visit.page.eval_on_selector(f"#{anchors[1]}", "a => getComputedStyle(a).outlineStyle")
            assert outline == "double"  # :target: the continued part is marked on its 版
        assert visit.errors == []
    finally:
        visit.close()


def test_the_zoom_buttons_show_a_focus_ring_and_work_from_the_keyboard(site, browser, base_url):
    visit = Visit(browser, PHONE)
    try:
        visit.page.goto(f"{base_url}issues/2025-11/1/")
        button = "[data-sqb-zoom='1']"
        assert visit.page.eval_on_selector(button, "el => getComputedStyle(el).outlineStyle") == "none"
        visit.page.focus(button)
        style, width = visit.page.eval_on_selector(button, "el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
        assert style != "none" and width >= 2
        visit.page.keyboard.press("Enter")
        assert visit.page.inner_text(".sqb-ban__level") == "150%"
        assert visit.page.is_enabled("[data-sqb-zoom='-1']")
    finally:
        visit.close()


SHARPNESS = """img => new Promise(done => { const file = new Image(); file.onload = () =>
    done([file.naturalWidth, img.getBoundingClientRect().width * devicePixelRatio, img.currentSrc]); file.src = img.currentSrc; })"""
# the file's own width (naturalWidth of a srcset image is divided by its density: a copy without srcset)

PINCH = """([from, to]) => {  // two fingers on the page, moved apart from ``from`` to ``to`` px
    const el = document.querySelector('.sqb-ban__scroller'), r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + 100;
    const fingers = d => [new Touch({identifier: 1, target: el, clientX: x - d / 2, clientY: y}),
                          new Touch({identifier: 2, target: el, clientX: x + d / 2, clientY: y})];
    const send = (type, touches) => el.dispatchEvent(new TouchEvent(type, {touches, changedTouches: touches, bubbles: true, cancelable: true}));
    send('touchstart', fingers(from));
    for (let d = from; d <= to; d += (to - from) / 5) send('touchmove', fingers(d));
    send('touchend', []);
    return document.querySelector('.sqb-ban__level').textContent; }"""


def sharp_now(page) -> tuple:
    """The page image's file width, the device pixels it is shown on, and its file, once the
    browser has loaded the file it chose (its width is in its name: ban-1600.<hash>.webp)."""
    page.wait_for_function("""() => { const img = document.querySelector('.sqb-ban__page img');
        const width = +(img.currentSrc.match(/-(\\d+)\\.[0-9a-f]+\\.\\w+$/) || [0, 0])[1];
        return img.complete && img.naturalWidth > 0 && width >= img.getBoundingClientRect().width * devicePixelRatio; }""",
                           timeout=20000)
    return page.eval_on_selector(".sqb-ban__page img", SHARPNESS)


@pytest.mark.parametrize("dpr", [1, 2])
def test_zoom_is_sharp_at_every_step_and_after_a_pinch(site, browser, base_url, dpr):
    """放大 step by step, then 缩小, then a pinch, on a phone of devicePixelRatio 1 and 2: the image
    shown is never enlarged (the 1,600-px page image is loaded when the page is zoomed)."""
    visit = Visit(browser, PHONE, device_scale_factor=dpr, has_touch=True)
    try:
        page = visit.page
        page.goto(f"{base_url}issues/2025-11/1/")
        levels = [page.inner_text(".sqb-ban__level")]
        natural, needed, src = sharp_now(page)
        assert natural >= needed, (levels, natural, needed, src)
        while page.is_enabled("[data-sqb-zoom='1']"):
            page.click("[data-sqb-zoom='1']")
            levels.append(page.inner_text(".sqb-ban__level"))
            natural, needed, src = sharp_now(page)
            assert natural >= needed, (levels, natural, needed, src)
        assert 3 <= len(levels) <= 5 and levels[0] == "100%", levels  # 2–4 steps up from the fitted page
        assert int(levels[-1].rstrip("%")) >= 200
        while page.is_enabled("[data-sqb-zoom='-1']"):
            page.click("[data-sqb-zoom='-1']")
        assert page.inner_text(".sqb-ban__level") == "100%"
        pinched = page.evaluate(PINCH, [80, 180])
        assert int(pinched.rstrip("%")) > 150, pinched
        natural, needed, src = sharp_now(page)
        assert natural >= needed, (pinched, natural, needed, src)
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_the_archive_shows_each_issues_first_ban(site, archive, browser, base_url, viewport):
    """往期: each issue is shown by its printed 第1版 (the whole page, upright), not by a photo."""
    visit = Visit(browser, viewport)
    try:
        visit.page.goto(f"{base_url}issues/")
        visit.page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        visit.page.wait_for_function("() => Array.from(document.images).every(i => i.complete)", timeout=20000)
        rows = visit.page.eval_on_selector_all(".sqb-issue-row a", """links => links.map(a => {
            const img = a.querySelector('img'), r = img ? img.getBoundingClientRect() : null;
            return [a.getAttribute('href'), img && img.currentSrc, img && img.complete && img.naturalWidth > 0, r && r.width, r && r.height]; })""")
        assert [href for href, *_ in rows] == [f"{issue.id}/" for issue in archive.issues]
        for (href, src, loaded, width, height), issue in zip(rows, archive.issues):
            assert f"/issues/{issue.id}/{issue.sections[0].page}/ban-" in src and loaded, (href, src)
            assert height > width * 1.3 and width >= 44, (href, width, height)  # the whole page, not a crop
        assert visit.errors == []
    finally:
        visit.close()
