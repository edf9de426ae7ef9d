"""``shequbao import FILE.pdf``.

- Round trip: every sample issue printed as the build prints it (the project's own print
  engine, ``shequbao.print.build_editions``, with mkdocs.yml's settings) and imported again
  gives back its articles: segmentation F1 ≥ 0.95 (first and last characters), byline names
  F1 ≥ 0.95, every photo, no printed body character lost; also on A4 and 8开 with 内部资料 and
  a 报尾. The engine's features: 下转/上接 rejoined, the 导读 left out, boxed 短消息, a photo
  grid's captions.
- Synthetic layouts made by hand with Typst (as another paper's PDF might be): modules side
  by side, several columns, a story continued on another page, a photo with its caption, a
  scan without text.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
from collections import Counter
from pathlib import Path

import pytest
import yaml
from PIL import Image

from shequbao.importer import add_arguments, run
from shequbao.importer.reading import read_issue
from shequbao.importer.reflow import squeeze

ROOT = Path(__file__).parents[1]
_spec = importlib.util.spec_from_file_location("eval_import", ROOT / "scripts" / "eval_import.py")
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)


def invoke(*argv):
    parser = argparse.ArgumentParser(prog="shequbao import")
    add_arguments(parser)
    return run(parser.parse_args([str(a) for a in argv]))


# -- the round trip through the project's print engine ---------------------------------------

@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """(issue, PDF path, source items) of every sample issue, printed as the build prints it
    (the project's engine, with mkdocs.yml's paper, print options and Markdown extensions)."""
    cache = tmp_path_factory.mktemp("pdf-cache")
    content = ROOT / "content"
    return [(issue, pdf, ev.source_items(issue, content)) for issue, pdf, _ in ev.print_issues(content, cache)]


def scores(pdf, items) -> tuple[float, float, dict]:
    r = ev.evaluate_pdf(pdf, items)
    seg = ev.f1(r["match"] / r["pred"], r["match"] / r["truth"])
    names = ev.f1(r["name_tp"] / max(r["name_pred"], 1), r["name_tp"] / max(r["name_truth"], 1))
    return seg, names, r


def test_round_trip_of_every_sample_issue(printed):
    assert len(printed) >= 4
    for issue, pdf, items in printed:
        seg, names, r = scores(pdf, items)
        assert seg >= 0.95, (issue.id, ev.pdf_line(issue.id, r))
        assert names >= 0.95, (issue.id, ev.pdf_line(issue.id, r))
        assert r["photos_got"] == r["photos"], (issue.id, ev.pdf_line(issue.id, r))
        assert r["lost"] == 0, (issue.id, r["lost_chars"])
        assert r["unprinted"] == 0  # the sample fits its pages: every character was printed and is judged


def test_round_trip_on_other_page_sizes_with_a_colophon(tmp_path_factory):
    """The reader is not tuned to one page: A4 (three columns) and 8开, with 内部资料 and a 报尾."""
    content = ROOT / "content"
    for size in ("A4", "8开"):
        cache = tmp_path_factory.mktemp(f"pdf-{size}")
        for issue, pdf, _ in ev.print_issues(content, cache, size=size, furniture=True):
            seg, names, r = scores(pdf, ev.source_items(issue, content))
            # At A4 the A3 sample overflows and the engine leaves text out (reported, exit 1): the one story it cuts
            # loses its 本报讯 to the importer (a known gap, issue 29); any other character lost fails
            cut = r["unprinted"] and set(r["lost_chars"]) <= set("本报讯") and r["lost"] <= 3
            assert seg >= 0.95 and names >= 0.95 and (r["lost"] == 0 or cut), (size, issue.id, ev.pdf_line(issue.id, r))
            parsed = read_issue(pdf)
            texts = "".join(a.title + a.body_text + "".join(a.captions) for a in parsed.articles)
            assert "内部资料" not in texts and "印数" not in texts and "责任编辑" not in texts


def test_story_continued_on_another_page_is_rejoined(printed):
    """下转第3版 … 上接第1版 with the title printed again: one article, its text whole."""
    issue, pdf, items = next(p for p in printed if p[0].id == "2025-10")
    parsed = read_issue(pdf)
    title = "桂园新村成套改造项目开工"
    parts = [a for a in parsed.articles if a.title == title]
    assert len(parts) == 1 and parts[0].page == 1
    (want,) = [i for i in items if i["title"] == title]
    assert squeeze(parts[0].body_text) == want["body"]
    assert not any("转到" in message for _, message in parts[0].warnings)


def test_guide_briefs_and_photo_grid(printed):
    """Page 1's 导读 is furniture; each boxed 短消息 is a brief with its byline; a photo item's
    three photos each get their own caption and credit."""
    issue, pdf, items = next(p for p in printed if p[0].id == "2025-10")
    parsed = read_issue(pdf)
    assert not any(a.title.startswith(("2版", "本期导读")) for a in parsed.articles)
    source = {a.title: a for a in issue.articles}
    briefs = [a for a in parsed.articles if a.kind == "brief"]
    assert {a.title for a in briefs} == {a.title for a in issue.articles if a.kind == "brief"}
    for brief in briefs:
        people = source[brief.title].correspondents + source[brief.title].interns + source[brief.title].reporters
        assert set(brief.byline.names) == {key.split("@")[0] for key in people}  # 王芳@香樟 prints 王芳
    (grid,) = [a for a in parsed.articles if a.title == "秋日桂园"]
    assert grid.kind == "photo" and grid.kicker == "摄影"
    assert [p.caption for p in grid.photos] == [img.caption for img in source["秋日桂园"].images]
    assert all(p.credit == "潘建国" and p.picture is not None for p in grid.photos)


def test_masthead_pages_and_bylines_from_the_pdf(printed):
    issue, pdf, _ = next(p for p in printed if p[0].id == "2025-09")
    parsed = read_issue(pdf)
    assert (parsed.number, parsed.total, parsed.date) == (issue.number, issue.total, issue.date)
    assert parsed.pages == {s.page: s.name for s in issue.sections}
    assert all(not a.subtitle.startswith("—") for a in parsed.articles)
    assert all(a.paras[0].text.startswith("本报讯") for a in parsed.articles if a.lead)


def test_import_writes_photos_into_images(printed, tmp_path, capsys):
    issue, pdf, _ = next(p for p in printed if p[0].id == "2025-09")
    content = tmp_path / "content"
    assert invoke(pdf, "--issue", "2025-09", "--content", content) == 0
    folder = content / "issues" / "2025-09"
    photos = sorted((folder / "images").iterdir())
    assert len(photos) == sum(len(a.images) for a in issue.articles)
    for photo in photos:
        Image.open(photo).verify()
    texts = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.md"))
    assert texts.count("src: images/") == len(photos)
    meta = yaml.safe_load((folder / "issue.yml").read_text(encoding="utf-8"))
    assert meta["number"] == issue.number and meta["pages"][1] == {"page": 2, "name": "社区", "editor": "钱卫东"}


# -- synthetic layouts with Typst --------------------------------------------------------------

SANS, SERIF = "Noto Sans CJK SC", "Noto Serif CJK SC"


def module(item: dict, cols: int = 2) -> str:
    """One story as Typst: 引题, title, 副题, byline, body in ``cols`` columns, photo."""
    parts = []
    if item.get("kicker"):
        parts.append(f'#block(text(font: "{SANS}", size: 12pt)[{item["kicker"]}])')
    parts.append(f'#block(text(font: "{SANS}", size: {item.get("size", 20)}pt, weight: "bold")[{item["title"]}])')
    if item.get("subtitle"):
        parts.append(f'#block(text(font: "{SANS}", size: 12pt)[——{item["subtitle"]}])')
    if item.get("byline"):
        parts.append(f'#block(text(font: "{SANS}", size: 8.5pt)[{item["byline"]}])')
    if item.get("photo"):
        parts.append(f'#block(image("{item["photo"]}", width: 100%))')
        parts.append(f'#block(text(font: "{SANS}", size: 8pt)[{item["caption"]}])')
    body = "\n\n".join(item["paras"])
    parts.append(f"#columns({cols}, gutter: 1.4em)[{body}]")
    return "\n".join(parts)


def typst_pdf(pages: list[list[list[dict]]], tmp: Path, name: str = "t.pdf", photos: dict | None = None) -> Path:
    """A PDF of ``pages``; a page is a list of rows, a row a list of modules side by side."""
    import typst

    for photo, colour in (photos or {}).items():
        Image.new("RGB", (400, 260), colour).save(tmp / photo, quality=90)
    doc = [
        '#set page(paper: "a3", margin: 1.6cm)',
        f'#set text(font: "{SERIF}", size: 9.5pt, lang: "zh")',
        "#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 0.75em, spacing: 0.75em)",
    ]
    for n, rows in enumerate(pages, start=1):
        if n > 1:
            doc.append("#pagebreak()")
        doc.append(f'#block(text(font: "{SANS}", size: 8pt, weight: "bold")[第{n}版 · 社区 · 2025年9月25日])')
        for row in rows:
            cells = ", ".join(f"[{module(m, m.get('cols', 2))}]" for m in row)
            doc.append(f"#block(above: 2.6em, grid(columns: {len(row)} * (1fr,), gutter: 2em, {cells}))")
    (tmp / "doc.typ").write_text("\n".join(doc), encoding="utf-8")
    target = tmp / name
    target.write_bytes(typst.compile(str(tmp / "doc.typ")))
    return target


PARA_A = "本报讯 九月下旬，银杏坊居民区召开议事会，围绕楼道整治和停车管理两件事听取居民意见，二十多位居民代表先后发言，会议持续了两个多小时。"
PARA_B = "会后，居民区把大家的建议整理成清单，逐条明确责任人和完成时限，并在公告栏公示，接受居民监督。"
PARA_C = "夜幕降临，社区广场上的灯亮了起来，跳广场舞的阿姨们排好了队形，孩子们在一旁追逐嬉戏，一派热闹景象。"
PARA_D = "负责管理广场的志愿者老周说，今年新装了路灯和座椅，来活动的居民比往年多了一倍，大家都说好。"


def test_modules_side_by_side_in_columns(tmp_path):
    rows = [
        [{"title": "银杏坊议事会商定两件实事", "kicker": "居民的事居民议", "byline": "记者 陈玲 通讯员 张志举",
          "paras": [PARA_A, PARA_B]},
         {"title": "广场夜色", "subtitle": "社区广场添新灯", "byline": "■薛明珠", "paras": [PARA_C, PARA_D]}],
        [{"title": "第三篇稿件在下面一整行", "byline": "记者 王晓峰", "paras": [PARA_B, PARA_C, PARA_D], "cols": 4}],
    ]
    parsed = read_issue(typst_pdf([rows], tmp_path))
    arts = parsed.articles
    assert [a.title for a in arts] == ["银杏坊议事会商定两件实事", "广场夜色", "第三篇稿件在下面一整行"]
    assert (arts[0].kicker, arts[1].subtitle) == ("居民的事居民议", "社区广场添新灯")
    assert arts[0].byline.people == {"reporters": ["陈玲"], "correspondents": ["张志举"]}
    assert arts[1].byline.people == {"authors": ["薛明珠"]}
    assert [squeeze(p.text) for p in arts[0].paras] == [squeeze(PARA_A), squeeze(PARA_B)]
    assert [squeeze(p.text) for p in arts[2].paras] == [squeeze(PARA_B), squeeze(PARA_C), squeeze(PARA_D)]
    assert parsed.pages == {1: "社区"}


def test_story_continued_on_another_page_is_one_article(tmp_path):
    first = {"title": "旧改项目进展顺利", "byline": "记者 李思远", "paras": [PARA_A, PARA_B + "（下转第2版）"]}
    rest = {"title": "旧改项目进展顺利", "paras": ["（上接第1版）", PARA_C, PARA_D], "size": 14}
    other = {"title": "另一篇稿件", "byline": "■薛明珠", "paras": [PARA_D]}
    parsed = read_issue(typst_pdf([[[first]], [[other], [rest]]], tmp_path))
    titles = [a.title for a in parsed.articles]
    assert titles == ["旧改项目进展顺利", "另一篇稿件"]
    body = squeeze(parsed.articles[0].body_text)
    assert body == squeeze(PARA_A + PARA_B + PARA_C + PARA_D)
    assert not parsed.articles[0].warnings or all("转到" not in w for _, w in parsed.articles[0].warnings)


def test_photo_with_caption_and_credit(tmp_path):
    story = {"title": "口袋公园建成开放", "byline": "记者 陈玲", "photo": "park.jpg",
             "caption": "建成开放的口袋公园 徐立新 摄", "paras": [PARA_C, PARA_D]}
    parsed = read_issue(typst_pdf([[[story]]], tmp_path, photos={"park.jpg": (90, 150, 90)}))
    (art,) = parsed.articles
    (photo,) = art.photos
    assert (photo.caption, photo.credit) == ("建成开放的口袋公园", "徐立新")
    assert photo.picture is not None and photo.picture.ext == "jpg"
    assert Image.open(io.BytesIO(photo.picture.data)).size == (400, 260)


def test_scan_without_text_layer_is_refused_with_a_message(tmp_path, capsys, monkeypatch):
    scan = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(scan)
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract
    assert invoke(scan, "--issue", "2012-07", "--number", 5, "--content", tmp_path / "content") == 1
    err = capsys.readouterr().err
    assert "没有文字层" in err and "tesseract-ocr-chi-sim" in err


def test_scan_is_read_by_ocr_when_tesseract_is_there(tmp_path, capsys, monkeypatch):
    from PIL import ImageDraw, ImageFont

    from shequbao.importer.pdf.ocr import OCR_DPI

    page = Image.new("L", (1600, 2200), "white")  # drawn at the resolution the page is read at
    draw = ImageDraw.Draw(page)
    tsv = tmp_path / "page.tsv"  # tesseract's TSV: one word (here one character) a row, with its box
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    for line, (text, top, size) in enumerate([("社区开展消夏晚会", 100, 60), ("本报讯演出持续了两个小时，", 220, 30),
                                              ("居民们纷纷叫好。■薛明珠", 270, 30)], start=1):
        font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", size)
        for i, c in enumerate(text):
            draw.text((60 + i * size, top), c, font=font, fill=0)
        rows += [f"5\t1\t1\t1\t{line}\t{i + 1}\t{60 + i * size}\t{top}\t{size - 2}\t{size - 2}\t95\t{c}"
                 for i, c in enumerate(text)]
    scan = tmp_path / "scan.pdf"
    page.save(scan, resolution=float(OCR_DPI))
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo eng; echo chi_sim; exit 0; fi\n"
                    f"cat '{tsv}'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")
    assert invoke(scan, "--issue", "2012-07", "--number", 5, "--date", "2012-07-25", "--dry-run",
                  "--content", tmp_path / "content") == 0
    out = capsys.readouterr().out
    assert "社区开展消夏晚会" in out and "OCR" in out
    assert invoke(scan, "--issue", "2012-07", "--number", 5, "--date", "2012-07-25", "--content", tmp_path / "content") == 0
    original = yaml.safe_load((tmp_path / "content" / "issues" / "2012-07" / "original.yml").read_text(encoding="utf-8"))
    (region,) = next(iter(original["regions"].values()))  # the story's 数字报 region, from the OCR'd letters
    assert region["page"] == 1 and region["x"] < 60 / 1600 + 0.01 and region["y"] < 220 / 2200 + 0.01
    assert region["w"] > 0.2 and region["y"] + region["h"] > 290 / 2200 and region["y"] + region["h"] < 0.2


def test_no_character_of_a_synthetic_pdf_is_lost(tmp_path):
    rows = [[{"title": "居民议事", "byline": "记者 陈玲", "paras": [PARA_A, PARA_B, PARA_C]}]]
    pdf = typst_pdf([rows], tmp_path)
    parsed = read_issue(pdf)
    kept = Counter(squeeze("".join(a.kicker + a.title + a.subtitle + a.body_text for a in parsed.articles)))
    assert not Counter(squeeze(PARA_A + PARA_B + PARA_C)) - kept
