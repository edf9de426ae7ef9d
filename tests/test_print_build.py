"""The print edition through real ``mkdocs build`` runs of the fixture paper 《梧桐里》, and the CLI."""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

import frontmatter
import pytest
from conftest import FIXTURES, broken_links, build, make_photo, tree_digest
from pdf_helpers import bare, flat, fonts, image_count, info, page_texts

PDFS = {"2023-05": "issues/2023-05/wu-tong-li-2023-05.pdf", "2023-06": "issues/2023-06/wu-tong-li-2023-06.pdf"}


def copy_mini(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    images = target / "content/issues/2023-05/images"
    make_photo(images / "dianti.jpg", size=(480, 320))
    make_photo(images / "huayuan.jpg", (60, 140, 80), size=(480, 320))
    return target


def build_pdf(project: Path, **overrides) -> Path:
    """A build with PDFs, cached in ``.cache/print`` beside the project's mkdocs.yml. Not strict:
    the fixture's pages are nearly empty, and the layout says so in warnings."""
    overrides.setdefault("strict", False)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SHEQUBAO_CACHE_DIR", raising=False)
        return build(project, pdf=True, **overrides)


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[Path, Path]:
    project = copy_mini(tmp_path_factory.mktemp("print") / "mini")
    return project, build_pdf(project)


def test_a_pdf_per_issue_linked_from_its_issue_page(printed):
    project, site = printed
    for issue, rel in PDFS.items():
        assert (site / rel).is_file()
        html = (site / f"issues/{issue}/index.html").read_text(encoding="utf-8")
        size = (site / rel).stat().st_size
        # the PDF opens in the browser (no download attribute: WeChat's browser may not save files)
        assert re.search(rf'<a href="{Path(rel).name}">印刷版 PDF</a> <small>（\d+ KB）</small>', html)
        assert " download" not in html
        assert size > 10_000
    assert broken_links(site) == []
    assert list((project / ".cache/print").rglob("*.pdf")) and not list((project / "content").rglob("*.pdf"))


def test_front_page_masthead_titles_and_bylines_in_order(printed):
    _, site = printed
    pages = page_texts(site / PDFS["2023-05"])
    assert len(pages) == 2  # one page per 版
    front = bare(pages[0])
    order = ["梧桐里", "第7期（总第57期）", "2023年5月20日星期六", "农历癸卯年四月初二", "梧桐街道办事处主办",
             "第1版·要闻", "为民办实事", "老楼加装电梯", "——梧桐新村第三批加装电梯项目竣工",
             "记者郑爽通讯员何建国严丽", "本报讯5月16日上午"]
    positions = [front.index(words) for words in order]
    assert positions == sorted(positions)
    assert "居民试乘新装的电梯孙涛摄" in front
    assert "责任编辑：林小梅" in front and "梧桐里第7期·总第57期" in front  # the foot


def test_second_page_has_the_running_head_photo_and_boxed_briefs(printed):
    _, site = printed
    second = bare(page_texts(site / PDFS["2023-05"])[1])
    assert "第2版·社区·2023年5月20日" in second
    assert "居民在新建成的口袋花园里赏花" in second and "孙涛摄" in second
    briefs = second[second.index("短消息"):]
    assert briefs.index("梧桐新村开展消防演练") < briefs.index("（通讯员严丽）") < briefs.index("社区卫生服务站进楼组义诊")
    assert "（■王慧）" in briefs
    assert "夏令营" not in "".join(page_texts(site / PDFS["2023-05"]))  # drafts are not printed


def test_fonts_embedded_subset_page_size_and_photos(printed):
    _, site = printed
    pdf = site / PDFS["2023-05"]
    rows = fonts(pdf)
    assert rows and all(row["emb"] == "yes" and row["sub"] == "yes" for row in rows)
    assert all(re.match(r"^[A-Z]{6}\+NotoS(erif|ans)CJKsc", row["name"]) for row in rows), rows
    assert info(pdf)["Page size"].startswith("841.89 x 1190.55")  # A3 in points
    assert image_count(pdf) == 2  # the story's photo and the photo item
    assert info(site / PDFS["2023-06"])["Title"] == "梧桐里 第8期 · 端午特刊"


def test_warm_rebuild_renders_nothing(printed, caplog):
    project, site = printed
    before = {rel: (site / rel).read_bytes() for rel in PDFS.values()}
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.shequbao")
    build_pdf(project)
    assert any("印刷版 PDF 2 期（新生成 0 期" in r.getMessage() for r in caplog.records)
    # the small paper's 版 are far from full: a warning (a strict build stops); this build is not strict
    assert any("还空着约" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    assert {rel: (site / rel).read_bytes() for rel in PDFS.values()} == before


def test_another_checkout_gives_identical_bytes_and_redoes_only_what_changed(printed, tmp_path, caplog):
    _, first_site = printed
    project = copy_mini(tmp_path / "elsewhere")  # other path, empty cache
    site = build_pdf(project)
    for rel in PDFS.values():
        assert (site / rel).read_bytes() == (first_site / rel).read_bytes(), rel
    content_before = tree_digest(project / "content")

    # A long story on 版1 of 第8期: only that issue is rendered again, and the editor is told it overflows.
    story = project / "content/issues/2023-06/zongzi.md"
    paragraph = "包粽子的队伍里，有退休多年的老教师，也有刚搬来不久的年轻夫妇，大家边包边聊，笑声不断。" * 4
    story.write_text(story.read_text(encoding="utf-8") + "\n\n".join([paragraph] * 60) + "\n", encoding="utf-8")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.shequbao")
    site = build_pdf(project)
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(re.search(r"《梧桐里》第8期第\d版超出约 \d+ 字，请删减或移到其他版", m) for m in messages), messages
    assert any("印刷版 PDF 2 期（新生成 1 期" in r.getMessage() for r in caplog.records)
    assert (site / PDFS["2023-05"]).read_bytes() == (first_site / PDFS["2023-05"]).read_bytes()
    with pytest.raises(Exception, match="strict"):  # a strict build stops on the print layout's warnings
        build_pdf(project, strict=True)
    assert tree_digest(project / "content") == {**content_before, **tree_digest(project / "content")}
    assert not list((project / "content").rglob("*.pdf"))


def test_pdfs_are_off_under_serve_unless_asked():
    from shequbao.mkdocs.plugin import ShequbaoPlugin

    plugin = ShequbaoPlugin()
    plugin.load_config({})
    plugin.on_startup(command="serve", dirty=False)
    assert not plugin._unless_serving(plugin.config.print_enabled)
    plugin.on_startup(command="build", dirty=False)
    assert plugin._unless_serving(plugin.config.print_enabled)
    plugin.load_config({"print_enabled": True})
    plugin.on_startup(command="serve", dirty=False)
    assert plugin._unless_serving(plugin.config.print_enabled)
    errors, _ = plugin.load_config({"print_page_size": "A5"})
    assert errors and "A3" in str(errors[0][1])


def test_cli_prints_one_issue_with_the_settings_of_mkdocs_yml(tmp_path, capsys):
    from shequbao.cli.main import main

    project = copy_mini(tmp_path / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "paper_publisher:", "print_page_size: A4\n      paper_publisher:"), encoding="utf-8")
    out = tmp_path / "out" / "di8qi.pdf"
    assert main(["print", "8", "-o", str(out), "--config", str(config)]) == 0
    assert "di8qi.pdf：" in capsys.readouterr().out
    assert info(out)["Page size"].startswith("595.276 x 841.89")  # A4, from mkdocs.yml
    assert "邻里同包粽浓浓端午情" in bare("".join(page_texts(out)))
    assert main(["print", "99", "--config", str(config)]) == 2
    assert "找不到“99”这一期。现有：2023-06（第8期）、2023-05（第7期）" in capsys.readouterr().err
    # the command keeps its PDFs where builds do: SHEQUBAO_CACHE_DIR (set for the test run), not beside mkdocs.yml
    assert not (project / ".cache").exists()
    assert list((Path(os.environ["SHEQUBAO_CACHE_DIR"]) / "print").rglob("*.pdf"))


def test_the_pdf_prints_names_as_people_yml_gives_them(tmp_path, capsys):
    """people.yml ``小钱@梧桐: {name: 钱多多}``: the web, the feeds and the PDF all print 钱多多."""
    from shequbao.cli.main import main

    project = copy_mini(tmp_path / "mini")
    (project / "content/people.yml").write_text("小钱@梧桐:\n  name: 钱多多\n  title: 实习生\n", encoding="utf-8")
    story = project / "content/issues/2023-06/zongzi.md"
    story.write_text(story.read_text(encoding="utf-8").replace("interns: [钱多多]", "interns: [小钱@梧桐]"), encoding="utf-8")
    out = tmp_path / "8.pdf"
    assert main(["print", "8", "-o", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    text = flat("".join(page_texts(out)))
    assert "实习生 钱多多" in text and "小钱" not in text


def test_the_overfull_fixture_is_reported_as_overflowing(tmp_path, capsys):
    """tests/fixtures/overfull: one A3 版 of 4 columns with ~9,000 characters and two photos."""
    from shequbao.cli.main import main

    project = shutil.copytree(FIXTURES / "overfull", tmp_path / "overfull")
    items = [frontmatter.load(p) for p in sorted((project / "content/issues/2024-03").glob("*.md"))]
    assert {item["page"] for item in items} == {1} and 6 <= len(items) <= 8
    assert 9000 <= sum(len("".join(item.content.split())) for item in items) <= 10000
    assert sum(len(item.get("images") or []) for item in items) == 2
    out = tmp_path / "out.pdf"
    assert main(["print", "2024-03", "-o", str(out), "--config", str(project / "mkdocs.yml")]) == 1  # text left out
    err = capsys.readouterr().err
    found = re.search(r"《梧桐里》第16期第1版超出约 (\d+) 字，请删减或移到其他版（没有排进去的：《", err)
    assert found, err
    assert f"《梧桐里》第16期的印刷版漏印约 {found.group(1)} 字（见上面的提示）" in err
    assert info(out)["Page size"].startswith("841.89 x 1190.55")  # A3, from its mkdocs.yml
    assert info(out)["Pages"] == "1"  # never more pages than 版


def test_a_typo_on_one_ban_changes_only_that_bans_page_images(printed, tmp_path):
    """A one-word fix on 版2 of 第7期: a publish must upload 版2's page images and nothing else."""
    project, first_site = printed
    copy = tmp_path / "typo"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))  # with its .cache: nothing to render

    def images(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.glob("issues/*/*/ban-*"))}

    before = images(build_pdf(copy))
    assert before == images(first_site)
    brief = copy / "content/issues/2023-05/xiaofang-yanlian.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("八十余名", "九十余名"), encoding="utf-8")
    after = images(build_pdf(copy))
    gone, new = set(before) - set(after), set(after) - set(before)
    assert gone and {name.rsplit("/", 1)[0] for name in gone | new} == {"issues/2023-05/2"}, (gone, new)
    assert len(new) == len(gone)
    assert all(after[name] == data for name, data in before.items() if name in after)  # kept names, same bytes
