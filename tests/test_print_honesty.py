"""The print edition never crashes and never hides what it leaves out: many photos in one
story, degenerate photos, headlines no column holds, code in the text (tests/test_print_core's
small issue of 《银杏苑》)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from conftest import make_photo
from pdf_helpers import bare, image_count, page_texts
from test_print_core import paper, render  # noqa: F401  (the fixture)

from shequbao.print import PrintOptions

GALLERY = """---
title: 重阳敬老 邻里同乐
kicker: 活动掠影
page: 2
order: 5
photographers: [徐立新]
images:
{images}
---

重阳节前夕，银杏苑居民区开展“敬老月”系列活动：为八十岁以上老人理发、量血压，志愿者上门擦窗、检修电器，
社区学校的书画班还为老人写福字、画扇面。
"""
CAPTIONS = ("志愿者为老人理发", "社区医生量血压", "书画班写福字", "老少同包饺子", "合唱团演出", "上门擦窗",
            "检修电器", "赠送重阳糕", "老人合影", "剪纸课堂")


def write_gallery(content: Path, count: int, sizes: dict[int, tuple[int, int]] | None = None) -> Path:
    folder = content / "issues/2024-09"
    lines = []
    for index in range(count):
        caption = CAPTIONS[index % len(CAPTIONS)]
        lines.append(f"  - {{src: images/jingl{index}.jpg, caption: {caption}}}")
        size = (sizes or {}).get(index, (900, 600))
        make_photo(folder / f"images/jingl{index}.jpg", (40 + index * 5 % 200, 120, 90), size=size)
    path = folder / "jinglao.md"
    path.write_text(GALLERY.format(images="\n".join(lines)), encoding="utf-8")
    return path


@pytest.mark.parametrize("count", [7, 12])
def test_a_feature_of_many_photos_prints_every_photo_in_a_grid(paper, tmp_path, count):
    write_gallery(paper, count)
    pdf = render(paper, tmp_path, images=False)
    assert not [w for w in pdf.warnings() if "jinglao" in w], pdf.warnings()
    assert image_count(pdf.path) == 4 + count  # the lead's, the three of 中秋游园会, and every one of the feature
    assert "重阳敬老" in bare(page_texts(pdf.path)[1])


def test_forty_photos_print_the_first_that_fit_and_say_so(paper, tmp_path):
    write_gallery(paper, 40)
    pdf = render(paper, tmp_path, images=False)
    [warning] = [w for w in pdf.warnings() if "jinglao" in w]
    assert warning.startswith("issues/2024-09/jinglao.md: images: ") and "《重阳敬老 邻里同乐》的 40 张照片" in warning
    printed = image_count(pdf.path) - 4
    assert 12 <= printed < 40 and f"只印了前 {printed} 张，其余 {40 - printed} 张只在网站上" in warning


@pytest.mark.parametrize("size, says", [((1, 1), "只有 1×1 像素"), ((2, 20000), "只有 2×20000 像素"),
                                        ((60, 2400), "长边超过短边的 8 倍")])
def test_a_degenerate_photo_is_named_with_its_field_and_left_out(paper, tmp_path, size, says):
    write_gallery(paper, 3, {2: size})
    pdf = render(paper, tmp_path, images=False)
    [warning] = [w for w in pdf.warnings() if "jingl2" in w]
    assert warning.startswith("issues/2024-09/jinglao.md: images[2].src: ") and says in warning
    assert image_count(pdf.path) == 4 + 2


def test_a_headline_no_column_holds_is_named_and_the_story_left_out(paper, tmp_path):
    story = paper / "issues/2024-09/tushujiao.md"
    title = "扫码报名" + "yinxingyuanjumin" * 9 + "baomingdengji" * 1  # one 160-character word: no place to break
    story.write_text(story.read_text(encoding="utf-8").replace("kind: brief\n", "").replace(
        "title: 社区图书角添新书", f"title: {title}"), encoding="utf-8")
    pdf = render(paper, tmp_path, images=False)
    [warning] = [w for w in pdf.warnings() if "tushujiao" in w]
    assert len(title) == 161 and warning.startswith("issues/2024-09/tushujiao.md: title: ") and "有 161 个字" in warning
    assert "没有印出（约 " in warning and "图书角" not in bare("".join(page_texts(pdf.path)))


def test_code_spans_code_blocks_and_entities_print_as_typed(paper, tmp_path):
    story = paper / "issues/2024-09/tushujiao.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n借阅规则：`借期<30天` 且 `续借&lt;2次`，A&amp;B 组轮值。\n\n"
                     "```\n登记 <姓名> & <楼号>\n```\n", encoding="utf-8")
    text = bare("".join(page_texts(render(paper, tmp_path, images=False).path)))
    assert "借期<30天" in text and "续借&lt;2次" in text and "A&B组轮值" in text and "登记<姓名>&<楼号>" in text
    assert "&lt;30" not in text and "&amp;" not in text


# -- ./sqb print and ./sqb check --strict say what a strict build says --------------------------------


def test_print_exits_1_naming_the_photo_and_the_count_when_a_photo_is_left_out(tmp_path, capsys):
    from test_print_build import copy_mini

    from shequbao.cli.main import main

    project = copy_mini(tmp_path / "mini")
    make_photo(project / "content/issues/2023-05/images/huayuan.jpg", size=(1, 1))
    assert main(["print", "7", "-o", str(tmp_path / "7.pdf"), "--config", str(project / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert "issues/2023-05/huayuan.md: images[0].src: 《梧桐里》第7期的照片" in err and "只有 1×1 像素" in err
    assert "《梧桐里》第7期的印刷版漏印1 张照片（见上面的提示）" in err
    assert (tmp_path / "7.pdf").is_file()  # the PDF is written all the same, for a proof


def test_print_exits_1_when_the_edition_cannot_be_made(tmp_path, capsys, monkeypatch):
    from test_print_build import copy_mini

    from shequbao.cli.main import main
    from shequbao.print import render

    def broken(*args, **kwargs):
        raise RuntimeError("排版引擎坏了")

    project = copy_mini(tmp_path / "mini")
    monkeypatch.setattr(render, "render_issue", broken)
    monkeypatch.setenv("SHEQUBAO_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["print", "8", "--config", str(project / "mkdocs.yml")]) == 1
    assert "印刷版 《梧桐里》第8期 生成失败：RuntimeError: 排版引擎坏了" in capsys.readouterr().err


def test_check_strict_fails_where_the_strict_build_fails_on_an_overfull_page(tmp_path, capsys, caplog):
    from conftest import FIXTURES, build
    from mkdocs.exceptions import Abort

    from shequbao.cli.main import main

    project = shutil.copytree(FIXTURES / "overfull", tmp_path / "overfull")
    content, config = str(project / "content"), str(project / "mkdocs.yml")
    assert main(["check", content, "--config", config]) == 0  # the content itself is right
    capsys.readouterr()
    assert main(["check", content, "--strict", "--config", config]) == 1
    out = capsys.readouterr()
    [said] = re.findall(r"《梧桐里》第16期第1版超出约 \d+ 字，请删减或移到其他版[^\n]*", out.err)
    assert "make site 会因此停下" in out.out
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.shequbao")
    with pytest.raises(Abort):
        build(project, pdf=True)  # make site: strict, with the print editions
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == [f"shequbao: {said}"]  # the build stops on exactly what check said


def test_check_strict_fails_on_an_underfull_page_unless_the_paper_says_note(tmp_path, capsys):
    from shequbao.cli.main import main
    from test_print_build import copy_mini

    project = copy_mini(tmp_path / "mini")
    config = project / "mkdocs.yml"
    assert main(["check", str(project / "content"), "--strict", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"《梧桐里》第8期第2版还空着约 \d+%（超过 10% 就要补），约 [\d,]+ 字可补满，请补充稿件或照片", err), err
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("paper_publisher:", "print_underfull: note\n      paper_publisher:"), encoding="utf-8")
    assert main(["check", str(project / "content"), "--strict", "--config", str(config)]) == 0  # web first: only said
    config.write_text(text.replace("paper_publisher:", "print_enabled: false\n      paper_publisher:"), encoding="utf-8")
    assert main(["check", str(project / "content"), "--strict", "--config", str(config)]) == 0  # no print edition, no fit


# -- for the print shop --------------------------------------------------------------------------------

MM = 72 / 25.4


def boxes_mm(page) -> dict[str, list[float]]:
    return {name: [round(float(v) / MM, 1) for v in page.obj[f"/{name}"]]
            for name in ("MediaBox", "TrimBox", "BleedBox") if f"/{name}" in page.obj}


def test_a_bleed_pdf_has_trim_and_bleed_boxes_on_every_page_of_every_file(paper, tmp_path):
    import pikepdf

    pdf = render(paper, tmp_path, PrintOptions("A3", bleed=True), images=False)
    for path in (pdf.path, *pdf.page_pdfs):
        with pikepdf.open(path) as doc:
            for page in doc.pages:
                assert boxes_mm(page) == {"MediaBox": [0, 0, 317, 440], "TrimBox": [10, 10, 307, 430],
                                          "BleedBox": [7, 7, 310, 433]}, path
            assert doc.check_pdf_syntax() == [], path  # qpdf finds nothing wrong after the rewrite
    plain = render(paper, tmp_path / "plain", PrintOptions("A3"), images=False)
    with pikepdf.open(plain.path) as doc:
        assert boxes_mm(doc.pages[0]) == {"MediaBox": [0, 0, 297, 420]}  # the web's PDF: the trim size only
    again = render(paper, tmp_path / "again", PrintOptions("A3", bleed=True), images=False)
    assert again.path.read_bytes() == pdf.path.read_bytes()  # post-processed, still the same bytes every time


def painted(pdf_path: Path) -> list[tuple[str, tuple, bool]]:
    """(what was painted: text | stroke | fill | image, its colour, overprint on) for every
    painting operator of every page, following q/Q, k/K and gs as a RIP does."""
    import pikepdf

    out = []
    with pikepdf.open(pdf_path) as doc:
        for page in doc.pages:
            states = page.obj.Resources.get("/ExtGState") or {}
            fill, stroke, op, big_op, stack = (), (), False, False, []
            for instruction in pikepdf.parse_content_stream(page):
                name, args = str(instruction.operator), [v for v in instruction.operands]
                if name == "q":
                    stack.append((fill, stroke, op, big_op))
                elif name == "Q":
                    fill, stroke, op, big_op = stack.pop()
                elif name == "k":
                    fill = tuple(round(float(v), 3) for v in args)
                elif name == "K":
                    stroke = tuple(round(float(v), 3) for v in args)
                elif name == "gs":
                    state = states[str(args[0])]
                    op, big_op = bool(state.get("/op", op)), bool(state.get("/OP", big_op))
                elif name in ("TJ", "Tj", "'", '"'):
                    out.append(("text", fill, op))
                elif name in ("S", "s"):
                    out.append(("stroke", stroke, big_op))
                elif name in ("f", "F", "f*", "B", "b"):
                    out.append(("fill", fill, op))
                elif name == "Do":
                    out.append(("image", (), op or big_op))
    return out


def test_black_text_and_rules_overprint_and_nothing_else_does(paper, tmp_path):
    pdf = render(paper, tmp_path, PrintOptions("A3", bleed=True), images=False)
    marks = painted(pdf.path)
    black = (0.0, 0.0, 0.0, 1.0)
    assert sum(1 for kind, colour, _ in marks if kind == "text" and colour == black) > 20
    assert any(kind == "stroke" and colour == black for kind, colour, _ in marks)
    assert any(kind == "text" and colour not in (black, ()) for kind, colour, _ in marks)  # the red masthead
    assert sum(kind == "image" for kind, _, _ in marks) >= 4
    for kind, colour, overprint in marks:
        assert overprint == (kind != "image" and colour == black), (kind, colour, overprint)
    plain = render(paper, tmp_path / "plain", PrintOptions("A3"), images=False)
    assert not any(overprint for _, _, overprint in painted(plain.path))


def test_every_print_ends_with_a_preflight_line(tmp_path, capsys):
    import subprocess

    from test_print_build import copy_mini

    from shequbao.cli.main import main

    project = copy_mini(tmp_path / "mini")
    make_photo(project / "content/issues/2023-05/images/huayuan.jpg", size=(1800, 1200))
    out = tmp_path / "7.pdf"
    assert main(["print", "7", "--bleed", "-o", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    rows = [row.split() for row in subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                                                  check=True).stdout.splitlines()[2:]]
    lowest = min(int(row[12]) for row in rows)  # x-ppi as poppler reads the PDF
    found = re.fullmatch(r"印前检查：字体 (\d) 种，全部嵌入；照片 2 张，最低 (\d+) ppi（issues/2023-05/images/dianti\.jpg，"
                         r"第1版(，低于 180 ppi 印出来会发虚，请换更大的原图或把照片排小)?）；颜色：黑色文字和线条 100% K 叠印，"
                         r"照片 RGB（由印刷厂转 CMYK）；TrimBox/BleedBox 已写入（出血 3 毫米，裁切线在出血之外）", line)
    assert found, line
    assert abs(int(found.group(2)) - lowest) <= 1 and int(found.group(1)) >= 2


def test_an_internal_papers_colophon_carries_every_field_the_regulation_names(paper, tmp_path):
    from dataclasses import replace

    from shequbao.content.load import load_archive
    from shequbao.print import build_editions
    from test_print_core import PAPER

    yml = paper / "issues/2024-09/issue.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("total: 96\n", "total: 96\nprinted: 2024-09-16\n"), encoding="utf-8")
    archive, _ = load_archive(paper, replace(PAPER, recipients="本街道居民、驻区单位"))
    [pdf] = build_editions(archive, paper, tmp_path / "cache", PrintOptions(), workers=1, images=False)
    last = bare(page_texts(pdf.path)[-1])
    for words in ("准印证号：K-0002", "编印单位：银杏街道宣传科", "印刷单位：某印刷厂", "印数：3000份",
                  "发送对象：本街道居民、驻区单位", "印刷日期：2024年9月16日"):
        assert words in last, words
    assert not [w for w in pdf.warnings() if "内部资料" in w]


def test_an_internal_paper_without_a_field_is_told_which_option_to_fill(paper, tmp_path):
    pdf = render(paper, tmp_path, images=False)  # 银杏苑: internal, no paper_recipients
    [warning] = [w for w in pdf.warnings() if "内部资料" in w]
    assert warning.startswith("mkdocs.yml: paper_recipients: 《银杏苑》第12期是内部资料，") and "发送对象" in warning
    assert "印刷日期：2024年9月18日" in bare(page_texts(pdf.path)[-1])  # the date when issue.yml has no printed


def test_paper_sizes_are_accepted_under_the_trades_names_too():
    assert PrintOptions("对开").page_size == "4开" and PrintOptions("四开").page_size == "8开"
    assert PrintOptions("四开").size_mm == (270, 390) and PrintOptions("对开").size_mm == (390, 543)
    with pytest.raises(ValueError, match=r"不认识的纸张大小“16开”。是不是 A4（210×297 毫米）？"):
        PrintOptions("16开")
    with pytest.raises(ValueError, match=r"“五开”。是不是 4开（对开，390×543 毫米）？可用的有：.*8开（四开，270×390 毫米）"):
        PrintOptions("五开")


def test_mkdocs_yml_takes_the_trade_names_and_suggests_for_a_wrong_one():
    from shequbao.mkdocs.plugin import ShequbaoPlugin

    plugin = ShequbaoPlugin()
    errors, _ = plugin.load_config({"print_page_size": "对开"})
    assert errors == [] and plugin.config.print_page_size == "4开"
    errors, _ = plugin.load_config({"print_page_size": "四开"})
    assert errors == [] and plugin.config.print_page_size == "8开"
    errors, _ = plugin.load_config({"print_page_size": "16开"})
    assert "不认识的纸张大小“16开”。是不是 A4（210×297 毫米）？" in str(errors[0][1])
    errors, _ = plugin.load_config({"print_underfull": "sometimes"})
    assert errors and "print_underfull" in errors[0][0]


def test_a_photo_that_cannot_be_decoded_names_the_article_and_the_photo(paper, tmp_path):
    from shequbao.print import PrintError

    photo = paper / "issues/2024-09/images/shitang.jpg"
    photo.write_bytes(photo.read_bytes()[:1000])  # the header reads (its size is known), the pixels do not
    with pytest.raises(PrintError) as caught:
        render(paper, tmp_path, images=False)
    message = str(caught.value)
    assert message.startswith("issues/2024-09/shitang.md: images: 印刷版 《银杏苑》第12期 的照片 issues/2024-09/images/shitang.jpg")
    assert "无法制成印刷用图" in message and "请换一个完好的原图" in message
