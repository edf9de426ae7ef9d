"""What a link shared in WeChat shows (its title, description and picture), and how a reader
turns from one 版 to the same 版 of the next issue: on the sample paper built with its print
edition (page images)."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, build
from PIL import Image

from shequbao.photos.logo import draw_logo, make_logo

SITE_URL = "https://example.org/"
SITE_DESCRIPTION = "桂园街道社区报 · 网络版"  # mkdocs.yml's, the same on every page: no card shows it

# One page of every kind, with what its title must say and where its picture comes from.
PAGES = {
    "首页": ("", "桂园社区报", "photo"),
    "关于": ("about/", "关于 · 桂园社区报", "logo"),
    "往期": ("issues/", "往期 · 桂园社区报", "logo"),
    "一期": ("issues/2025-11/", "桂园社区报 第103期", "photo"),
    "数字报的一版": ("issues/2025-11/1/", "桂园社区报 第103期 第1版 要闻", "ban"),
    "消息": ("issues/2025-11/fuwuzhan-qiyong/", "首个“15分钟社区生活圈”综合服务站启用 · 桂园社区报 第103期", "photo"),
    "短消息": ("issues/2024-12/shufa-yixie/", "· 桂园社区报 第92期", "logo"),
    "通知": ("issues/2024-12/yibao-jiaofei/", "· 桂园社区报 第92期", "logo"),
    "作者": ("people/", "作者 · 桂园社区报", "logo"),
    "一位作者": ("people/chen-ling/", "陈玲 · 桂园社区报", "logo"),
    "图片": ("gallery/", "图片 · 桂园社区报", "photo"),
    "本期图片": ("issues/2025-11/gallery/", "第103期 图片 · 桂园社区报", "photo"),
    "搜索": ("search/", "搜索 · 桂园社区报", "logo"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(ROOT, pdf=True, site_dir=str(tmp_path_factory.mktemp("share") / "site"))


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def meta(html: str, name: str) -> str | None:
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    assert len(found) <= 1, f"{name} twice"
    return htmllib.unescape(found[0]) if found else None


def title(html: str) -> str:
    return htmllib.unescape(re.search(r"<title>([^<]*)</title>", html).group(1))


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_kind_of_page_has_a_card_that_says_where_it_is(site, kind):
    path, says, picture = PAGES[kind]
    html = page(site, path)
    card_title, description, image = meta(html, "og:title"), meta(html, "og:description"), meta(html, "og:image")
    assert card_title and description and image, (kind, card_title, description, image)
    assert title(html) == card_title and says in card_title, (kind, card_title)
    assert " - 桂园" not in title(html) and "首页" not in title(html)
    assert description not in (SITE_DESCRIPTION, "") and meta(html, "description") == description, (kind, description)
    assert len(description) <= 121
    assert image.startswith(SITE_URL), image
    file = site / urlsplit(image).path.lstrip("/")
    assert file.is_file(), (kind, image)
    with Image.open(file) as shown:
        assert min(shown.size) >= 300, (kind, image, shown.size)  # WeChat skips smaller pictures
        assert (shown.width, shown.height) == (int(meta(html, "og:image:width")), int(meta(html, "og:image:height")))
    name = Path(urlsplit(image).path).name
    if picture == "logo":
        assert re.fullmatch(r"logo\.[0-9a-f]{8}\.png", name), (kind, name)
    elif picture == "ban":
        assert re.fullmatch(r"ban-\d+\.[0-9a-f]+\.jpg", name), (kind, name)
    else:
        assert not name.startswith(("logo.", "ban-")), (kind, name)


def test_descriptions_come_from_what_the_page_shows(site):
    assert "首个“15分钟社区生活圈”综合服务站启用" in meta(page(site, ""), "og:description")
    assert meta(page(site, "issues/2025-11/fuwuzhan-qiyong/"), "og:description").startswith("本报讯 11月18日")
    ban = meta(page(site, "issues/2025-11/2/"), "og:description")
    assert "香樟居民区垃圾箱房“变身”" in ban and "2025年11月26日" in ban
    assert re.search(r"记者 \d+ 篇", meta(page(site, "people/chen-ling/"), "og:description"))
    assert meta(page(site, "about/"), "og:description").startswith("《桂园》（桂园社区报）")


def test_the_drawn_logo_is_the_papers_name_and_a_fit_theme_logo_is_used_instead(tmp_path):
    drawn = make_logo("梧桐里社区报", tmp_path / "cache")
    with Image.open(drawn.file) as image:
        assert image.format == "PNG" and image.size == (600, 600)
        assert len(image.getcolors(600 * 600)) > 2, "the name is drawn on the red square"
    assert draw_logo("梧桐里社区报") != draw_logo("桂园社区报")
    assert make_logo("梧桐里社区报", tmp_path / "cache") == drawn  # kept in the cache

    small, large = tmp_path / "small.png", tmp_path / "large.jpg"
    Image.new("RGB", (120, 120), (20, 90, 160)).save(small)
    Image.new("RGB", (480, 320), (20, 90, 160)).save(large, "JPEG")
    assert make_logo("梧桐里社区报", tmp_path / "cache", small).digest == drawn.digest, "under 300 px: drawn instead"
    given = make_logo("梧桐里社区报", tmp_path / "cache", large)
    assert (given.suffix, given.mime, given.width, given.height) == ("jpg", "image/jpeg", 480, 320)
    assert Path(given.file).read_bytes() == large.read_bytes()


def turns(html: str) -> dict[str, str]:
    """上一期/下一期 on a 版 page: label → href."""
    nav = re.search(r'<nav class="sqb-ban__turn sqb-ban__turn--issue" aria-label="翻期">(.*?)</nav>', html, re.S)
    assert nav, "no 上一期/下一期"
    return {re.sub(r"<[^>]+>|[‹›]", "", label.split("<small>")[0]).strip(): href
            for href, label in re.findall(r'<a class="sqb-ban__(?:older|newer)" href="([^"]*)">(.*?)</a>', nav.group(1), re.S)}


def test_a_ban_turns_to_the_same_ban_of_the_issue_before_and_after(site):
    middle = turns(page(site, "issues/2025-10/2/"))
    assert middle == {"上一期": "../../2025-09/2/", "下一期": "../../2025-11/2/"}
    for href in middle.values():
        assert (site / "issues/2025-10/2" / href / "index.html").resolve().is_file()
    # 第92期 has two 版 only: from 第101期 第3版 上一期 is its 第1版
    assert turns(page(site, "issues/2025-09/3/")) == {"上一期": "../../2024-12/1/", "下一期": "../../2025-10/3/"}
    assert "上一期第92期 第1版 要闻" in re.sub(r"<[^>]+>|‹ ", "", page(site, "issues/2025-09/3/"))
    assert turns(page(site, "issues/2024-12/1/")) == {"下一期": "../../2025-09/1/"}  # the oldest: no 上一期
    assert turns(page(site, "issues/2025-11/4/")) == {"上一期": "../../2025-10/4/"}  # the newest: no 下一期
