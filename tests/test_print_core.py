"""The print edition's core (shequbao.print) on tiny issues, without MkDocs."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from conftest import make_photo
from pdf_helpers import bare, flat, fonts, image_count, image_objects, info, measure_pdf, page_texts, write_issue

from shequbao.content.load import load_archive
from shequbao.mkdocs.settings import load_settings
from shequbao.model import Paper
from shequbao.print import MarkdownSetup, PrintError, PrintOptions, build_editions, check_fonts
from shequbao.print import fonts as fonts_module
from shequbao.print.lunar import lunar_date

PAPER = Paper("银杏苑", "银杏街道办事处", "准印证号 K-0002", edited_by="银杏街道宣传科", printed_by="某印刷厂",
              copies="3000份", address="银杏路1号", phone="021-0000 0000", internal=True)
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
subtitle: ——街道引入社会组织运营 每餐十二元
page: 1
order: 10
reporters: [陈玲]
correspondents: [小钱@银杏]
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
PHOTOS = """---
title: 中秋游园会
kind: photo
page: 2
photographers: [徐立新]
images:
  - {src: images/a.jpg, caption: 猜灯谜}
  - {src: images/b.jpg, caption: 做月饼}
  - {src: images/c.jpg, caption: 赏月}
---

中秋前夕，银杏苑举办游园会，居民们猜灯谜、做月饼，其乐融融。
"""
PEOPLE = "小钱@银杏:\n  name: 钱多多\n"


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    folder = write_issue(content, "2024-09", ISSUE_YML, {"shitang": LEAD, "tushujiao": BRIEF, "youyuan": PHOTOS})
    make_photo(folder / "images/shitang.jpg", size=(600, 400))
    for name, colour in (("a", (200, 40, 40)), ("b", (40, 200, 40)), ("c", (40, 40, 200))):
        make_photo(folder / f"images/{name}.jpg", colour, size=(450, 300))
    (content / "people.yml").write_text(PEOPLE, encoding="utf-8")
    return content


def render(content: Path, tmp_path: Path, options: PrintOptions = PrintOptions(), **kw):
    archive, _ = load_archive(content, PAPER)
    [pdf] = build_editions(archive, content, tmp_path / "cache", options, workers=1, **kw)
    return pdf


def test_front_page_masthead_story_order_and_people_names(paper, tmp_path):
    pdf = render(paper, tmp_path)
    assert pdf.pages == 2 and pdf.filename == "yin-xing-yuan-2024-09.pdf"
    front, second = page_texts(pdf.path)
    text = flat(front)
    for words in ("银杏苑", "第12期（总第96期）", "2024年9月18日 星期三", "农历甲辰年八月十六", "银杏街道办事处 主办",
                  "准印证号 K-0002", "中秋特刊", "责任编辑：陈晓燕", "内部资料 免费交流"):
        assert flat(words) in text, words
    order = ["为民办实事", "银杏苑“睦邻食堂”开张", "——街道引入社会组织运营", "记者 陈玲 通讯员 钱多多",
             "本报讯", "（来源：银杏街道社区服务中心）"]
    positions = [bare(text).index(bare(words)) for words in order]
    assert positions == sorted(positions)
    assert "————" not in text and "小钱" not in text  # 副题 dash once; people.yml's name, not the key
    assert "第2版 · 邻里 · 2024年9月18日" in second and "短消息" in bare(second)
    assert "社区图书角添新书" in flat(second) and "（■王慧）" in flat(second)


def test_last_page_has_the_colophon_and_page_one_the_guide(paper, tmp_path):
    pdf = render(paper, tmp_path)
    front, second = (bare(t) for t in page_texts(pdf.path))
    assert "本期导读" in front and "2版中秋游园会" in front
    for words in ("编印单位：银杏街道宣传科", "印刷单位：某印刷厂", "印数：3000份", "地址：银杏路1号", "电话：021-00000000"):
        assert bare(words) in second, words


def test_photo_item_prints_its_text_and_every_photo(paper, tmp_path):
    pdf = render(paper, tmp_path)
    second = bare(page_texts(pdf.path)[1])
    assert "中秋前夕，银杏苑举办游园会" in second and "徐立新摄" in second
    assert len(image_objects(pdf.path)) == 4  # each photo its own picture
    assert image_count(pdf.path) == 4
    import pdfplumber

    with pdfplumber.open(pdf.path) as doc:  # each photo's caption right under it, no wider than it
        page = doc.pages[1]
        photos = [i for i in page.images if i["width"] > 40]
        for caption in ("猜灯谜", "做月饼", "赏月"):
            hits = page.search(caption)
            assert any(i["x0"] <= h["x0"] and h["x1"] <= i["x1"] + 1 and 0 <= h["top"] - i["bottom"] < 20
                       for h in hits for i in photos), (caption, hits, [(i["x0"], i["x1"], i["bottom"]) for i in photos])


def test_pdf_metadata_comes_from_the_issue(paper, tmp_path):
    meta = info(render(paper, tmp_path).path)
    assert meta["Title"] == "银杏苑 第12期 · 中秋特刊"
    assert meta["Author"] == "银杏街道办事处"
    assert meta["CreationDate"].startswith("Wed Sep 18 00:00:00 2024")  # the issue's date, not the build's
    assert meta["ModDate"] == meta["CreationDate"]


def test_fonts_are_noto_cjk_embedded_and_subset_with_nothing_else(paper, tmp_path):
    rows = fonts(render(paper, tmp_path).path)
    assert {(row["emb"], row["sub"]) for row in rows} == {("yes", "yes")}
    assert all(re.match(r"^[A-Z]{6}\+NotoS(erif|ans)CJKsc-(Regular|Bold)", row["name"]) for row in rows), rows
    families = {row["name"].split("+")[1].split("CJK")[0] for row in rows}
    assert families == {"NotoSerif", "NotoSans"}  # body serif, headlines sans; no fallback font (tofu)


def test_text_is_cmyk_black(paper, tmp_path):
    import pdfplumber

    pdf = render(paper, tmp_path)
    with pdfplumber.open(str(pdf.path)) as doc:
        body = [c for c in doc.pages[0].chars if "Serif" in c["fontname"] and c["size"] < 12]
    assert body and {tuple(c["non_stroking_color"]) for c in body} == {(0, 0, 0, 1)}  # 100% K


def test_every_photo_is_a_print_copy_without_metadata(paper, tmp_path):
    from PIL import Image

    pdf = render(paper, tmp_path)
    out = tmp_path / "extracted"
    out.mkdir()
    subprocess.run(["pdfimages", "-j", str(pdf.path), str(out / "img")], check=True)
    extracted = sorted(out.iterdir())
    assert len(extracted) == 4
    for path in extracted:
        with Image.open(path) as image:
            assert not image.getexif() and "icc_profile" not in image.info and "comment" not in image.info
    assert all(photo["shown"] >= 0.9 for photo in pdf.photos if not photo["focus"])


@pytest.mark.parametrize("size, points", [("A3", "841.89 x 1190.55"), ("A4", "595.276 x 841.89")])
def test_page_sizes(paper, tmp_path, size, points):
    assert info(render(paper, tmp_path, PrintOptions(size)).path)["Page size"].startswith(points)


def test_geometry_columns_are_whole_characters():
    for size, columns in (("A3", 4), ("A4", 3), ("4开", 5), ("8开", 4)):
        g = PrintOptions(size).geometry()
        assert g.columns == columns and g.column == g.chars * g.body
        assert g.left > 20 and g.left + g.type_width < g.width - 20


def test_bleed_adds_3mm_and_crop_marks_outside_it(paper, tmp_path):
    import pdfplumber

    pdf = render(paper, tmp_path, PrintOptions("A4", bleed=True))
    width, height = (float(v) for v in info(pdf.path)["Page size"].split()[0:3:2])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (230, 317)  # trim + 3 mm bleed + 7 mm for the marks
    bleed_edge = 7 * 72 / 25.4  # the bleed ends 7 mm inside the media edge
    with pdfplumber.open(str(pdf.path)) as doc:
        marks = [line for line in doc.pages[0].lines if line["x0"] < bleed_edge or line["x1"] > width - bleed_edge
                 or line["top"] < bleed_edge or line["bottom"] > height - bleed_edge]
    assert len(marks) == 8  # two at each corner of the trim
    for line in marks:  # entirely in the slug: none reaches into the bleed
        assert (line["x1"] <= bleed_edge or line["x0"] >= width - bleed_edge
                or line["bottom"] <= bleed_edge or line["top"] >= height - bleed_edge), line


def test_options_say_what_is_wrong():
    with pytest.raises(ValueError, match="可用的有：A3（297×420 毫米）、A4（210×297 毫米）、4开（对开，390×543 毫米）、8开"):
        PrintOptions("A5")
    with pytest.raises(ValueError, match="栏数"):
        PrintOptions(columns=12)
    assert PrintOptions("a4").page_size == "A4" and PrintOptions("4k").page_size == "4开"
    assert PrintOptions("A4", columns=2).column_count == 2


def test_typst_syntax_in_content_comes_out_as_text(paper, tmp_path):
    path = paper / "issues/2024-09/tushujiao.md"
    evil = '#set page(width: 1pt) ] #import "/etc/passwd" <script>$x$'
    path.write_text(path.read_text(encoding="utf-8").replace("title: 社区图书角添新书", f"title: '{evil}'")
                    + "\n\n*斜体* **粗体** `#eval(\"1\")` \\#read(\"x\")\n", encoding="utf-8")
    pdf = render(paper, tmp_path)
    second = bare(page_texts(pdf.path)[1])
    assert bare(evil) in second and bare('#eval("1")') in second
    assert info(pdf.path)["Page size"].startswith("841.89")


def test_a_story_too_long_for_its_page_jumps_to_the_page_with_room(paper, tmp_path):
    long_body = "\n\n".join("居民区党总支书记带领社区工作者逐楼逐户走访，听取居民对老旧小区改造的意见和建议，"
                            f"把大家最关心的停车难、晾晒难、楼道照明不足等问题一一记录在册（第{i}段）。" * 2 for i in range(40))
    (paper / "issues/2024-09/changwen.md").write_text(
        f"---\ntitle: 一份民情日记\npage: 1\norder: 20\nauthors: [吴秀英]\n---\n\n{long_body}\n", encoding="utf-8")
    pdf = render(paper, tmp_path)
    assert pdf.pages == 2  # never more pages than 版
    texts = page_texts(pdf.path)
    assert "（下转第2版）" in bare(texts[0]) and "上接第1版" in bare(texts[1])
    assert any("转至第2版" in m.text for m in pdf.messages)
    every = bare("".join(texts))
    for i in range(40):
        assert f"第{i}段" in every


def test_a_page_that_cannot_hold_its_stories_says_how_much_to_cut(paper, tmp_path):
    long_body = "\n\n".join("今年，居民区先后召开听证会、协调会、评议会共十二场，收集意见三百余条。" * 4 for _ in range(90))
    for page in (1, 2):
        (paper / f"issues/2024-09/chang{page}.md").write_text(
            f"---\ntitle: 三会制度解难题{page}\npage: {page}\nreporters: [郑爽]\n---\n\n{long_body}\n", encoding="utf-8")
    pdf = render(paper, tmp_path)
    assert pdf.pages == 2
    warnings = pdf.warnings()
    assert any(re.search(r"第1版超出约 \d+ 字，请删减或移到其他版", w) for w in warnings), warnings
    assert any("《三会制度解难题1》" in w for w in warnings)


def test_closing_punctuation_never_starts_a_line(paper, tmp_path):
    body = "\n\n".join("今年，居民区先后召开听证会、协调会、评议会共十二场，收集意见三百余条。" * 4 for _ in range(6))
    (paper / "issues/2024-09/tingzheng.md").write_text(
        f"---\ntitle: 三会制度解难题\npage: 2\nreporters: [郑爽]\n---\n\n{body}\n", encoding="utf-8")
    pdf = render(paper, tmp_path)
    figures = measure_pdf(pdf.path, PrintOptions().geometry())
    assert sum(f.body_lines for f in figures) > 20
    assert [line for f in figures for line in f.kinsoku] == []  # nor opening punctuation at a line's end


def test_missing_fonts_fail_with_what_to_install(paper, tmp_path, monkeypatch):
    monkeypatch.setattr(fonts_module, "FONT_DIRS", ("/nowhere",))
    monkeypatch.delenv("SHEQUBAO_FONT_DIR", raising=False)
    fonts_module.find_font.cache_clear()
    try:
        with pytest.raises(PrintError, match="没有安装中文字体 Noto Serif CJK SC、Noto Sans CJK SC.*apt-get install fonts-noto-cjk"):
            check_fonts()
        archive, _ = load_archive(paper, PAPER)
        with pytest.raises(PrintError, match="没有安装中文字体"):
            build_editions(archive, paper, tmp_path / "cache", PrintOptions(), workers=1)
        assert not list((tmp_path / "cache").rglob("*.pdf"))
    finally:
        fonts_module.find_font.cache_clear()


def test_cache_renders_once_then_only_what_changed(paper, tmp_path):
    archive, _ = load_archive(paper, PAPER)
    cache = tmp_path / "cache"
    [first] = build_editions(archive, paper, cache, PrintOptions(), workers=1)
    [again] = build_editions(archive, paper, cache, PrintOptions(), workers=1)
    assert first.rendered and not again.rendered and again.path == first.path
    assert first.filename == "yin-xing-yuan-2024-09.pdf"
    [other_size] = build_editions(archive, paper, cache, PrintOptions("A4"), workers=1)  # options are an input
    assert other_size.rendered and other_size.path != first.path
    make_photo(paper / "issues/2024-09/images/shitang.jpg", colour=(10, 20, 200), size=(600, 400))  # new bytes
    [new_photo] = build_editions(archive, paper, cache, PrintOptions(), workers=1, prune=True)
    assert new_photo.rendered and new_photo.path != first.path


def test_same_input_same_bytes_anywhere(paper, tmp_path):
    import shutil

    first = render(paper, tmp_path / "one")
    moved = tmp_path / "elsewhere" / "content"
    shutil.copytree(paper, moved)
    second = render(moved, tmp_path / "two")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert [p.read_bytes() for p in first.page_pdfs] == [p.read_bytes() for p in second.page_pdfs]


def test_pages_images_and_rectangles_for_the_page_view(paper, tmp_path):
    from PIL import Image

    pdf = render(paper, tmp_path)
    assert len(pdf.page_pdfs) == 2 and all(info(p)["Pages"] == "1" for p in pdf.page_pdfs)
    for kind in ("800.webp", "800.jpg", "1600.webp", "1600.jpg"):
        assert len(pdf.images[kind]) == 2
        with Image.open(pdf.images[kind][0]) as image:
            assert image.width == int(kind.split(".")[0])
    rects = pdf.rects
    assert set(rects) == {"issues/2024-09/shitang.md", "issues/2024-09/tushujiao.md", "issues/2024-09/youyuan.md"}
    for key, found in rects.items():
        for rect in found:
            assert 0 <= rect["x"] < rect["x"] + rect["w"] <= 1 and 0 <= rect["y"] < rect["y"] + rect["h"] <= 1, key
    assert rects["issues/2024-09/shitang.md"][0]["page"] == 1


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
        "plugins:\n  - shequbao:\n      print_page_size: A4\n      internal_publication: true\n"
        "      paper_printed_by: 某印刷厂\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    settings = load_settings(tmp_path / "mkdocs.yml")  # through MkDocs itself: !!python/name and all
    setup = settings.markdown
    assert setup.extensions == ("toc", "tables", "fenced_code", "attr_list", "pymdownx.superfences")
    assert setup.configs["toc"] == {"permalink": True}
    assert settings.print.page_size == "A4" and settings.paper.name == "银杏苑"
    assert settings.paper.internal and settings.paper.printed_by == "某印刷厂"  # 内部资料 and 报尾 options
    assert MarkdownSetup(("toc",), {"x": {"f": print}}).key() == MarkdownSetup(("toc",), {"x": {"f": print}}).key()


def test_photos_in_the_text_are_printed_from_print_copies(paper, tmp_path):
    make_photo(paper / "issues/2024-09/images/xiangqing.jpg", colour=(200, 180, 40), size=(300, 200))
    path = paper / "issues/2024-09/shitang.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![借书的居民](images/xiangqing.jpg)\n\n"
                    "![外网图片](https://example.com/a.jpg) ![越界](../../../../etc/hosts)\n", encoding="utf-8")
    pdf = render(paper, tmp_path)
    assert image_count(pdf.path) == 5  # four photos of the front matter and this one; nothing fetched
    assert "借书的居民" in bare("".join(page_texts(pdf.path)))


def test_editors_print_hints_are_read_and_checked(paper, tmp_path):
    from shequbao.problems import ContentError

    path = paper / "issues/2024-09/shitang.md"
    text = path.read_text(encoding="utf-8")
    good = text.replace("page: 1\n", "page: 1\nprint:\n  weight: lead\n  columns: 3\n  photo_columns: 2\n  jump: false\n")
    good = good.replace("credit: 李卫东}", "credit: 李卫东, focus: [0.5, 0.3]}")
    path.write_text(good, encoding="utf-8")
    archive, _ = load_archive(paper, PAPER)
    article = next(a for a in archive.issues[0].articles if a.slug == "shitang")
    assert (article.print.weight, article.print.columns, article.print.photo_columns, article.print.jump) == ("lead", 3, 2, False)
    assert article.images[0].focus == (0.5, 0.3)
    pdf = render(paper, tmp_path)
    [rect] = pdf.rects["issues/2024-09/shitang.md"]
    assert abs(rect["w"] - (3 * 178.5 + 2 * 15.75) / 841.89) < 0.01  # three columns wide, as asked

    bad = text.replace("page: 1\n", "page: 1\nprint:\n  weight: big\n  colums: 2\n  jump: maybe\n")
    bad = bad.replace("credit: 李卫东}", "credit: 李卫东, focus: [2, 0.3]}")
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_archive(paper, PAPER)
    messages = [p.format("content") for p in error.value.problems]
    assert any("print.weight: “big”不是可用的分量" in m and "weight: lead" in m for m in messages), messages
    assert any("print.colums: 不认识的字段“colums”，是不是想写 columns？" in m for m in messages), messages
    assert any("print.jump: 应当是 true 或 false，例如 jump: false" in m for m in messages), messages
    assert any("images[1].focus: 应当是两个 0 到 1 之间的数" in m and "[0.5, 0.3]" in m for m in messages), messages


def test_a_ban_without_items_says_so(paper, tmp_path):
    (paper / "issues/2024-09/tushujiao.md").unlink()
    (paper / "issues/2024-09/youyuan.md").unlink()
    pdf = render(paper, tmp_path)
    assert pdf.pages == 2 and "本版暂无稿件" in bare(page_texts(pdf.path)[1])
    assert any("第2版没有稿件" in w for w in pdf.warnings())


def test_each_brief_has_its_own_rectangle(paper, tmp_path):
    (paper / "issues/2024-09/tushujiao2.md").write_text(BRIEF.replace("社区图书角添新书", "社区食堂推出新菜"), encoding="utf-8")
    pdf = render(paper, tmp_path)
    one = pdf.rects["issues/2024-09/tushujiao.md"][0]  # (a brief over two columns has a rectangle in each)
    two = pdf.rects["issues/2024-09/tushujiao2.md"][0]
    assert one["page"] == two["page"] == 2 and one != two
    assert one["y"] + one["h"] <= two["y"] + 1e-3 or one["x"] + one["w"] <= two["x"] + 1e-3  # one below or beside the other
