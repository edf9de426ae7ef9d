"""What the plugin enforces and adds for every paper: its nav, no web fonts, our blocks kept under
a paper's own main.html, the footer lines (内部资料, ICP and 公安备案), and `./sqb init` making a
new paper that passes the check and builds as it is."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build
from mkdocs.exceptions import Abort

from shequbao.cli import main as cli

VENV = Path(sys.executable).parent.parent
PLAIN_PATH = "/usr/local/bin:/usr/bin:/bin"
CJK = re.compile(r"[\u4e00-\u9fff]")


def configure(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def menu(html: str) -> list[str]:
    """The entries of the site's menu (Material's primary nav)."""
    start = html.index("md-nav--primary")
    nav = html[start:html.index("</nav>", start)]
    return re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav, flags=re.S)


def test_footer_shows_the_icp_and_police_records_and_internal_publication(mini):
    configure(mini, "      paper_publisher: 梧桐街道办事处\n",
              "      paper_publisher: 梧桐街道办事处\n      icp: 沪ICP备12345678号-1\n"
              "      police_record: 沪公网安备31010402000001号\n      internal_publication: true\n")
    site = build(mini)
    for page in ("index.html", "issues/2023-05/index.html", "people/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        footer = re.search(r'<footer class="md-footer">.*?</footer>', html, flags=re.S).group(0)
        assert '<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener">沪ICP备12345678号-1</a>' in footer, page
        assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=31010402000001"' in footer
        assert "沪公网安备31010402000001号</a>" in footer and "内部资料 免费交流" in footer


def test_no_footer_lines_when_none_are_set(mini):
    html = (build(mini) / "index.html").read_text(encoding="utf-8")
    assert "sqb-footer-lines" not in html and "beian" not in html


def test_without_a_nav_the_plugin_sets_ours(mini):
    configure(mini, "nav:\n  - 首页: index.md\n  - 往期: issues/index.md\n  - 作者: people/index.md\n  - 图片: gallery/index.md\n", "")
    (mini / "content/about.md").write_text("---\ntitle: 关于本报\n---\n\n梧桐里的社区报。\n", encoding="utf-8")
    html = (build(mini) / "issues/2023-05/index.html").read_text(encoding="utf-8")
    assert menu(html) == ["首页", "往期", "作者", "图片", "关于"]


def test_a_nav_listing_articles_is_refused_in_chinese(mini, caplog):
    configure(mini, "  - 图片: gallery/index.md\n", "  - 图片: gallery/index.md\n  - 电梯: issues/2023-05/jiazhuang-dianti.md\n")
    with pytest.raises(Abort):
        build(mini)
    assert any("nav（网站菜单）里列了期或文章：issues/2023-05/jiazhuang-dianti.md" in r.getMessage() for r in caplog.records)


def test_web_fonts_are_turned_off_with_a_note(mini, caplog):
    configure(mini, "  font: false\n", "")
    with caplog.at_level("INFO"):
        site = build(mini)
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert any("theme.font 设为 false" in record.getMessage() for record in caplog.records)


def test_a_papers_own_main_html_keeps_our_head_search_box_and_footer(mini):
    configure(mini, "  font: false\n", "  font: false\n  custom_dir: theme_overrides\n")
    configure(mini, "      paper_publisher: 梧桐街道办事处\n", "      paper_publisher: 梧桐街道办事处\n      icp: 沪ICP备12345678号-1\n")
    overrides = mini / "theme_overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}本周六上午社区服务站照常开放{% endblock %}\n', encoding="utf-8")
    html = (build(mini) / "issues/2023-05/index.html").read_text(encoding="utf-8")
    assert "本周六上午社区服务站照常开放" in html  # the paper's block
    assert '<meta property="og:title"' in html and 'type="application/rss+xml"' in html  # our head
    assert 'class="sqb-search-form' in html or 'sqb-search' in html  # our search box in the header
    assert "沪ICP备12345678号-1" in html  # our footer line


def test_every_command_and_option_has_chinese_help():
    parsers = []

    def walk(parser: argparse.ArgumentParser) -> None:
        parsers.append(parser)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    assert CJK.search(choice.help or ""), choice.dest
                for sub in dict.fromkeys(action.choices.values()):
                    walk(sub)

    walk(cli.build_parser())
    assert len(parsers) >= 8
    for parser in parsers:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help and CJK.search(action.help), (parser.prog, action.option_strings or action.dest)
        text = parser.format_help()
        assert text.startswith("用法：") and "usage" not in text and "options:" not in text, parser.prog
        assert "选项：" in text and not re.search(r"^\S.*:$", text, flags=re.M), text


def test_init_makes_a_paper_that_checks_and_builds_from_a_plain_shell(tmp_path):
    paper = tmp_path / "x"
    env = {"PATH": PLAIN_PATH, "HOME": os.environ.get("HOME", "/root"), "SHEQUBAO_VENV": str(VENV),
           "SHEQUBAO_CACHE_DIR": os.environ["SHEQUBAO_CACHE_DIR"]}
    if os.environ.get("PYTHONPATH"):  # a checkout testing its own code with a shared .venv
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    init = f"{VENV}/bin/shequbao init {paper} --name 梧桐里 --publisher 梧桐街道办事处"
    done = subprocess.run(["bash", "-c", f"{init} && cd {paper} && ./sqb check --strict && make site"],
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-3000:])
    assert "检查通过：1 期，2 篇" in done.stdout
    site = paper / "site"
    issues = [p.parent.name for p in site.glob("issues/*/index.html")]
    assert len(issues) == 1
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "梧桐里" in home and "第1期" in home and "今天创刊" in home
    assert menu(home) == ["首页", "往期", "作者", "图片", "关于"]
    assert list(site.glob("issues/*/*.pdf"))  # the print edition of the first issue
    for name in ("sqb", "scripts/install-system-deps.sh"):  # the paper's copies are the project's own
        assert (paper / name).read_bytes() == (ROOT / name).read_bytes(), name
        assert os.access(paper / name, os.X_OK)
    assert ".cache/" in (paper / ".gitignore").read_text(encoding="utf-8")
    # never overwrites: a second init names the files and writes nothing
    before = (paper / "content/index.md").read_text(encoding="utf-8")
    (paper / "content/index.md").write_text(before + "\n编辑改过的介绍。\n", encoding="utf-8")
    again = subprocess.run(["bash", "-c", init], env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "没有覆盖" in again.stderr and "mkdocs.yml" in again.stderr
    assert "编辑改过的介绍" in (paper / "content/index.md").read_text(encoding="utf-8")


def test_the_scaffold_copies_of_sqb_and_the_install_script_match_the_project():
    paper = ROOT / "plugins/shequbao/skeletons/paper"
    assert (paper / "sqb").read_bytes() == (ROOT / "sqb").read_bytes(), "copy ./sqb to the scaffold"
    assert (paper / "scripts/install-system-deps.sh").read_bytes() == (ROOT / "scripts/install-system-deps.sh").read_bytes(), \
        "copy scripts/install-system-deps.sh to the scaffold"
    assert shutil.which("bash")
