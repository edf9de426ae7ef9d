"""Branding: the paper's colour (``paper_colour``), its 报头 image (题字, ``paper_masthead_image``)
and its logo, on the web (chromium) and in the print edition (the PDF's page 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, build, make_photo

from shequbao.photos.brand import check_colour, read_masthead

COLOUR = "#1d4e89"  # a deep blue, where the default is the masthead red
RGB = "rgb(29, 78, 137)"


def draw_baotou(path: Path) -> Path:
    """A 题字-like 报头: dark blue strokes on a transparent ground, 900×300 px."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for i in range(3):  # three "characters" of brush strokes
        x = 60 + i * 290
        draw.rectangle((x, 40, x + 40, 260), fill=(29, 78, 137, 255))
        draw.ellipse((x + 60, 60, x + 200, 240), outline=(29, 78, 137, 255), width=28)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def branded_paper(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    images = target / "content/issues/2023-05/images"
    make_photo(images / "dianti.jpg", size=(480, 320))
    make_photo(images / "huayuan.jpg", (60, 140, 80), size=(480, 320))
    draw_baotou(target / "assets/baotou.png")
    make_photo(target / "theme_overrides/assets/logo.png", (230, 180, 40), size=(320, 320))
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  font: false\n", "  font: false\n  custom_dir: theme_overrides\n  logo: assets/logo.png\n")
    config = config.replace("      paper_publisher: 梧桐街道办事处\n", "      paper_publisher: 梧桐街道办事处\n"
                            f"      paper_colour: '{COLOUR}'\n      paper_masthead_image: assets/baotou.png\n")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


@pytest.mark.fast
@pytest.mark.parametrize("value, words", [("red", "不是颜色"), ("#ffee99", "太浅了"), ("1d4e89", "")])
def test_the_colour_is_checked(value, words):
    if words:
        with pytest.raises(ValueError, match=words):
            check_colour(value)
    else:
        assert check_colour(value) == COLOUR


@pytest.mark.fast
def test_an_svg_masthead_is_refused_even_under_another_name(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for name in ("baotou.svg", "baotou.png"):
        (tmp_path / name).write_bytes(svg)
        with pytest.raises(ValueError, match="不能用 SVG"):
            read_masthead(tmp_path / name, name, tmp_path / ".cache")
    (tmp_path / "baotou.gif").write_bytes(b"GIF89a" + b"\0" * 40)
    with pytest.raises(ValueError, match="不是 PNG 或 JPEG"):
        read_masthead(tmp_path / "baotou.gif", "baotou.gif", tmp_path / ".cache")
    with pytest.raises(ValueError, match="找不到这个文件"):
        read_masthead(tmp_path / "none.png", "none.png", tmp_path / ".cache")
    made = read_masthead(draw_baotou(tmp_path / "ok.png"), "ok.png", tmp_path / ".cache")
    assert (made.width, made.height, made.suffix) == (900, 300, "png") and Path(made.file).read_bytes()


@pytest.mark.browser
def test_the_masthead_image_logo_and_colour_show_in_a_browser(tmp_path):
    from test_browser import CHROMIUM, CHROMIUM_ARGS, Visit, _Handler, _Server, playwright_api  # noqa: F401
    import functools
    import threading

    site = build(branded_paper(tmp_path / "paper"))
    server = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with playwright_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            visit = Visit(browser, {"width": 1280, "height": 800})
            visit.page.goto(f"http://127.0.0.1:{server.server_port}/issues/2023-05/")
            found = visit.page.evaluate("""() => {
                const img = document.querySelector('.sqb-masthead__image');
                const logo = document.querySelector('.sqb-header__logo');
                const box = img.getBoundingClientRect();
                return {loaded: img.complete && img.naturalWidth, alt: img.alt, shown: box.width > 100 && box.height > 20,
                        logo: logo && logo.complete && logo.naturalWidth && logo.getBoundingClientRect().width > 0,
                        rule: getComputedStyle(document.querySelector('.sqb-masthead')).borderBottomColor,
                        link: getComputedStyle(document.querySelector('.md-content a[href*="people"], .md-content article a')).color,
                        text: document.querySelector('.sqb-masthead__name').textContent.trim()};
            }""")
            visit.page.screenshot(path=str(tmp_path / "issue.png"))
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert found["loaded"] == 900 and found["shown"] and found["alt"] == "梧桐里", found
    assert found["text"] == "", found  # the image in place of the set-type name
    assert found["logo"], found
    assert found["rule"] == RGB and found["link"] == RGB, found


def test_the_masthead_image_and_colour_are_printed_on_page_one(tmp_path, capsys):
    import pdfplumber

    from shequbao.cli.main import main

    paper = branded_paper(tmp_path / "paper")
    out = tmp_path / "7.pdf"
    assert main(["print", "7", "-o", str(out), "--config", str(paper / "mkdocs.yml")]) in (0, 1)
    with pdfplumber.open(out) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        images = [i for i in first.images if i["srcsize"] == (900, 300)]
        assert images and images[0]["top"] < first.height * 0.15  # the 报头 at the top of page 1
        assert "梧桐里" not in first.extract_text()[:40]  # not also set in type
        colours = {tuple(round(v, 2) for v in line["stroking_color"]) for page in (first, second)
                   for line in page.lines + page.rects if line.get("stroking_color")}
    blue = tuple(round(v, 2) for v in (0.79, 0.43, 0.0, 0.46))
    assert any(all(abs(a - b) <= 0.02 for a, b in zip(c, blue)) for c in colours if len(c) == 4), colours
    assert (0.0, 1.0, 1.0, 0.15) not in colours  # no rule left in the default red
