"""The print edition's core (shequbao.print) on tiny issues, without MkDocs."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from conftest import make_photo
from pdf_helpers import flat, fonts, image_count, info, page_texts, write_issue
from shequbao.load import load_archive
from shequbao.model import Paper
from shequbao.print import (
    MarkdownSetup, PrintError, PrintOptions, build_editions, check_fonts, make_edition, render_pdf,
)
from shequbao.print import render as render_module
from shequbao.config import load_settings
from shequbao.print.lunar import lunar_date

PAPER = Paper("银杏苑", "银杏街道办事处", "准印证号 K-0002")
ISSUE_YML = """number: 12
date: 2024-09-18
total: 96
title: 中秋特刊
pages:
  - {page: 1, name: 要闻, editor: 陈晓燕}
  - {page: 2, name: 邻里}
"""
LEAD = """---
title: 银杏苑“睦邻食堂”开张 老人吃上热乎饭
kicker: 为民办实事
subtitle: 街道引入社会组织运营 每餐十二元
page: 1
order: 10
reporters: [陈玲]
correspondents: [张志举]
source: 银杏街道社区服务中心
images:
  - {src: images/shitang.jpg, caption: 老人们在睦邻食堂用餐, credit: 李卫东}
---

本报讯 9月10日中午，银杏苑睦邻食堂正式开张。八十一岁的周老伯端着餐盘找了个靠窗的位子，说：“两荤两素一碗汤，比自己烧的还合胃口。”

据了解，食堂由街道引入的社会组织运营，六十岁以上的老人凭卡用餐，每餐十二元。
"""
BRIEF = """---
title: 社区图书角添新书
kind: brief
page: 2
authors: [王慧]
---

近日，银杏苑图书角新添图书两百余册，居民可凭借阅卡免费借阅。
"""


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    folder = write_issue(content, "2024-09", ISSUE_YML, {"shitang": LEAD, "tushujiao": BRIEF})
    make_photo(folder / "images/shitang.jpg", size=(600, 400))
    return content


def render(content: Path, tmp_path: Path, options: PrintOptions = PrintOptions(), name="out.pdf"):
    archive, _ = load_archive(content, PAPER)
    edition = make_edition(PAPER, archive.issues[0], content, options, image_dir=tmp_path / "img")
    target = tmp_path / name
    return edition, render_pdf(edition, target), target


def test_front_page_has_the_masthead_and_the_story_in_print_order(paper, tmp_path):
    edition, result, pdf = render(paper, tmp_path)
    assert result.pages == 2 and result.overflow == ()
    front, second = page_texts(pdf)
    text = flat(front)
    for words in ("银杏苑", "第12期", "总第96期", "2024年9月18日 星期三", "农历甲辰年八月十六",
                  "银杏街道办事处 主办", "准印证号 K-0002", "中秋特刊", "责任编辑：陈晓燕"):
        assert flat(words) in text, words
    order = ["为民办实事", "银杏苑“睦邻食堂”开张 老人吃上热乎饭", "——街道引入社会组织运营 每餐十二元",
             "记者 陈玲 通讯员 张志举", "老人们在睦邻食堂用餐", "李卫东 摄", "本报讯 9月10日中午",
             "（来源：银杏街道社区服务中心）"]
    positions = [text.index(flat(words)) for words in order]
    assert positions == sorted(positions)
    assert "第2版 · 邻里 · 2024年9月18日" in second and "短消息" in flat(second)
    assert "社区图书角添新书" in flat(second) and "（■王慧）" in flat(second)


def test_pdf_metadata_comes_from_the_issue(paper, tmp_path):
    _, _, pdf = render(paper, tmp_path)
    meta = info(pdf)
    assert meta["Title"] == "银杏苑 第12期 · 中秋特刊"
    assert meta["Author"] == "银杏街道办事处"
    assert meta["CreationDate"].startswith("Tue Sep 17 16:00:00 2024")  # 2024-09-18 00:00 +08:00, in UTC
    assert meta["ModDate"] == meta["CreationDate"]


def test_fonts_are_noto_cjk_embedded_and_subset_with_nothing_else(paper, tmp_path):
    _, _, pdf = render(paper, tmp_path)
    rows = fonts(pdf)
    assert {(row["emb"], row["sub"]) for row in rows} == {("yes", "yes")}
    assert all(re.match(r"^[A-Z]{6}\+Noto-(Serif|Sans)-CJK-SC", row["name"]) for row in rows), rows
    families = {row["name"].split("+")[1].split("-CJK")[0] for row in rows}
    assert families == {"Noto-Serif", "Noto-Sans"}  # body serif, headlines sans; no fallback font (tofu)


def test_every_photo_is_in_the_pdf_as_a_print_copy_without_metadata(paper, tmp_path):
    from PIL import Image

    edition, _, pdf = render(paper, tmp_path)
    assert image_count(pdf) == 1
    [(original, copy)] = edition.images
    with Image.open(copy) as image:
        assert image.size == (600, 400) and not image.getexif()


@pytest.mark.parametrize("size, columns, points", [
    ("A3", 4, "841.89 x 1190.55"),
    ("A4", 3, "595.276 x 841.89"),
    ("4开", 5, "1105.51 x 1539.21"),
])
def test_page_sizes_and_columns(paper, tmp_path, size, columns, points):
    options = PrintOptions(size)
    assert options.column_count == columns and f"columns: {columns};" in options.page_css()
    if size == "4开":  # the layout is the same; checking the @page rule is enough
        assert "size: 390mm 543mm;" in options.page_css()
        return
    _, _, pdf = render(paper, tmp_path, options)
    assert info(pdf)["Page size"].startswith(points)


def test_bleed_adds_3mm_and_crop_marks(paper, tmp_path):
    _, _, pdf = render(paper, tmp_path, PrintOptions("A4", bleed=True))
    meta = info(pdf)
    width, height = (float(v) for v in meta["Page size"].split()[0:3:2])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) > (210, 297)  # bleed and marks around the trim
    trim = [float(v) for v in meta["TrimBox"].split()]
    assert round((trim[2] - trim[0]) / 72 * 25.4) == 210 and round((trim[3] - trim[1]) / 72 * 25.4) == 297


def test_options_say_what_is_wrong():
    with pytest.raises(ValueError, match="可用的有：A3、A4、4开、8开"):
        PrintOptions("A5")
    with pytest.raises(ValueError, match="栏数"):
        PrintOptions(columns=12)
    assert PrintOptions("a4").page_size == "A4" and PrintOptions("4k").page_size == "4开"
    assert PrintOptions("A4", columns=2).column_count == 2


def test_script_in_a_title_comes_out_as_text(paper, tmp_path):
    path = paper / "issues/2024-09/tushujiao.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: 社区图书角添新书", "title: '图书角<script>alert(1)</script>&amp;'"), encoding="utf-8")
    edition, _, pdf = render(paper, tmp_path)
    assert "<script>alert(1)" not in edition.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;" in edition.html
    assert "图书角<script>alert(1)</script>&amp;" in flat(page_texts(pdf)[1])


def test_an_overflowing_page_is_named(paper, tmp_path):
    long_body = "\n\n".join("居民区党总支书记带领社区工作者逐楼逐户走访，听取居民对老旧小区改造的意见和建议，"
                            "把大家最关心的停车难、晾晒难、楼道照明不足等问题一一记录在册。" * 3 for _ in range(40))
    (paper / "issues/2024-09/changwen.md").write_text(
        f"---\ntitle: 一份民情日记\npage: 2\nauthors: [吴秀英]\n---\n\n{long_body}\n", encoding="utf-8")
    _, result, _ = render(paper, tmp_path)
    assert result.overflow == ("第2版 邻里",)
    assert result.pages >= 3


def test_closing_punctuation_never_starts_a_line(paper, tmp_path):
    body = "\n\n".join("今年，居民区先后召开听证会、协调会、评议会共十二场，收集意见三百余条。" * 4 for _ in range(6))
    (paper / "issues/2024-09/tingzheng.md").write_text(
        f"---\ntitle: 三会制度解难题\npage: 2\nreporters: [郑爽]\n---\n\n{body}\n", encoding="utf-8")
    _, _, pdf = render(paper, tmp_path)
    lines = [line.strip() for page in page_texts(pdf) for line in page.splitlines() if line.strip()]
    assert len(lines) > 40
    assert not [line for line in lines if line[0] in "，。、；：？！”’）》」』"]


def test_missing_fonts_fail_with_what_to_install(paper, tmp_path, monkeypatch):
    with pytest.raises(PrintError, match="apt-get install fonts-noto-cjk"):
        check_fonts(("Noto Serif CJK QQ",))
    monkeypatch.setattr(render_module, "font_installed", lambda family: False)
    archive, _ = load_archive(paper, PAPER)
    with pytest.raises(PrintError, match="没有安装中文字体 Noto Serif CJK SC、Noto Sans CJK SC"):
        build_editions(archive, paper, tmp_path / "cache", PrintOptions())
    assert not list((tmp_path / "cache").glob("*.pdf"))


def test_cache_renders_once_then_only_what_changed(paper, tmp_path):
    archive, _ = load_archive(paper, PAPER)
    cache = tmp_path / "cache"
    [first] = build_editions(archive, paper, cache, PrintOptions())
    [again] = build_editions(archive, paper, cache, PrintOptions())
    assert first.rendered and not again.rendered and again.path == first.path
    assert first.filename == "yin-xing-yuan-2024-09.pdf"
    [other_size] = build_editions(archive, paper, cache, PrintOptions("A4"))  # options are an input
    assert other_size.rendered
    make_photo(paper / "issues/2024-09/images/shitang.jpg", colour=(10, 20, 200), size=(600, 400))  # new bytes
    [new_photo] = build_editions(archive, paper, cache, PrintOptions(), prune=True)
    assert new_photo.rendered and new_photo.path != first.path
    assert not first.path.exists()  # the old PDF of this issue is gone from the cache
    assert len(list((cache / "img").glob("*.jpg"))) == 1


@pytest.mark.parametrize("day, text", [
    ("2023-05-20", "农历癸卯年四月初二"),
    ("2023-03-22", "农历癸卯年闰二月初一"),
    ("2024-02-10", "农历甲辰年正月初一"),
    ("2025-01-28", "农历甲辰年腊月廿九"),
])
def test_lunar_dates(day, text):
    assert lunar_date(dt.date.fromisoformat(day)) == text


def test_cli_settings_come_from_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 银杏苑\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
        "plugins:\n  - shequbao:\n      print_page_size: A4\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    settings = load_settings(tmp_path / "mkdocs.yml")  # through MkDocs itself: !!python/name and all
    setup = settings.markdown
    assert setup.extensions == ("toc", "tables", "fenced_code", "attr_list", "pymdownx.superfences")
    assert setup.configs["toc"] == {"permalink": True}
    assert settings.print.page_size == "A4" and settings.paper.name == "银杏苑"
    assert settings.cache_root == Path(os.environ["SHEQUBAO_CACHE_DIR"])  # one cache_root() for every command
    assert MarkdownSetup(("toc",), {"x": {"f": print}}).key() == MarkdownSetup(("toc",), {"x": {"f": print}}).key()


def test_photos_in_the_text_are_printed_from_print_copies(paper, tmp_path):
    make_photo(paper / "issues/2024-09/images/xiangqing.jpg", colour=(200, 180, 40), size=(300, 200))
    path = paper / "issues/2024-09/tushujiao.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![借书的居民](images/xiangqing.jpg)\n\n"
                    "![外网图片](https://example.com/a.jpg) ![越界](../../../../etc/hosts)\n", encoding="utf-8")
    edition, _, pdf = render(paper, tmp_path)
    assert 'src="images/xiangqing.jpg"' not in edition.html
    assert len(edition.images) == 2 and image_count(pdf) == 2  # the lead photo and this one; nothing fetched
