"""``./sqb plan``: from an imported issue of real text to a print edition with nothing left out.

A paper made by ``./sqb init`` imports one real issue (../shared/corpus), the editor sets its
drafts to ``draft: false``; ``plan`` without ``--write`` changes nothing, with too few 版 says
so and what to do, and with ``--pages 4 --write`` writes the 版 into the drafts and issue.yml,
after which ``./sqb print`` leaves nothing out and the measure finds a newspaper's pages.
The front-matter writer keeps every other byte of a file."""

from __future__ import annotations

import sys

import pytest
import yaml
from conftest import ROOT

from shequbao.cli.main import main
from shequbao.cli.plan_write import WriteError, set_front_matter, update_issue_yml

CORPUS = next((p / "shared/corpus" for p in ROOT.parents if (p / "shared/corpus").is_dir()), ROOT.parent / "shared/corpus")
TEXT = CORPUS / "weidong-2015-12.txt"  # nine stories, about 5,800 characters: two A3 版


def measure_issue(paper, issue_id: str):
    """scripts/measure_print.py's figures of one issue's edition (as ./sqb print made it: cached)."""
    from shequbao.content.load import load_archive
    from shequbao.mkdocs.settings import load_settings
    from shequbao.print import build_editions

    sys.path.insert(0, str(ROOT / "scripts"))
    from measure_print import measure_edition

    settings = load_settings(paper / "mkdocs.yml")
    archive, _ = load_archive(settings.content_dir, settings.paper)
    issue = next(i for i in archive.issues if i.id == issue_id)
    [pdf] = build_editions(archive, settings.content_dir, settings.cache_root, settings.print, settings.markdown,
                           issues=(issue,), images=False)
    return measure_edition(pdf, issue, settings.content_dir, settings.print.geometry())


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not TEXT.is_file(), reason="../shared/corpus is not beside the project")
def test_imported_issue_planned_then_printed_whole(tmp_path, monkeypatch, capsys):
    paper = tmp_path / "paper"
    assert main(["init", str(paper), "--name", "卫东社区报"]) == 0
    monkeypatch.chdir(paper)
    assert main(["import", str(TEXT), "--issue", "2015-12", "--year", "2015", "--number", "50"]) == 0
    folder = paper / "content/issues/2015-12"
    for draft in folder.glob("*.md"):  # the editor has checked every draft
        draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    before = snapshot(paper / "content")
    capsys.readouterr()

    assert main(["plan", "2015-12", "--pages", "1"]) == 1  # 5,800 characters do not go on one 版
    err = capsys.readouterr().err
    assert "--pages" in err and "删减" in err
    assert main(["plan", "2015-12", "--pages", "4"]) == 0
    out = capsys.readouterr().out
    assert "排得下" in out and "第1版  要闻" in out and "头条" in out and "--write" in out
    assert snapshot(paper / "content") == before  # without --write nothing is written

    assert main(["plan", "2015-12", "--pages", "4", "--write"]) == 0
    issue = yaml.safe_load((folder / "issue.yml").read_text(encoding="utf-8"))
    assert "print" not in issue and "print: false" not in (folder / "issue.yml").read_text(encoding="utf-8")
    count = len(issue["pages"])
    assert 2 <= count <= 4 and all(p.get("name") for p in issue["pages"])
    assert issue["pages"][0]["name"] == "要闻"
    pages = {}
    for draft in folder.glob("*.md"):
        old, new = before[f"issues/2015-12/{draft.name}"].decode("utf-8").splitlines(), draft.read_text(encoding="utf-8").splitlines()
        assert [a for a, b in zip(old, new) if a != b and not a.startswith(("page:", "order:"))] == []  # only page, order
        pages[draft.name] = yaml.safe_load(draft.read_text(encoding="utf-8").split("---")[1])["page"]
    assert set(pages.values()) == set(range(1, count + 1))  # every 版 has stories
    assert pages["wei-dong-qu-zhuo-li-gou.md"] == 1  # the longest story, 本报讯, heads 第1版

    capsys.readouterr()
    assert main(["print", "2015-12"]) == 0
    err = capsys.readouterr().err
    assert "漏印" not in err and "没有印出" not in err and "排不下" not in err, err

    figures = measure_issue(paper, "2015-12")
    print("measure:", figures.bans, "版", figures.blank_mean, figures.blank_worst, f"{figures.short_share:.1%}",
          [(p.holes_mean, p.holes_worst, p.lead, len(p.stubs), len(p.widows), len(p.orphans)) for p in figures.layout])
    assert figures.pages == figures.bans == count and figures.missing == [] and figures.kinsoku == []
    assert figures.short_share <= 0.03
    assert all(page.faults() == [] or all("空洞" in f or "短条" in f for f in page.faults()) for page in figures.layout), \
        [page.faults() for page in figures.layout]
    assert max(figures.blank_mean) <= 0.15  # the 版 are filled with the issue's own text


@pytest.mark.fast
def test_front_matter_written_byte_for_byte(tmp_path):
    path = tmp_path / "a.md"
    text = "\ufeff---\r\ntitle: 社区食堂开张  # 标题\r\nkind: news\r\npage: 1   # 导入时的版次\r\ndraft: false\r\n---\r\n\r\n正文第一段。\r\n"
    path.write_bytes(text.encode("utf-8"))
    assert set_front_matter(path, {"page": 3, "order": 20})
    after = path.read_bytes().decode("utf-8")
    assert after == text.replace("page: 1   # 导入时的版次", "page: 3   # 导入时的版次").replace(
        "kind: news\r\n", "kind: news\r\norder: 20\r\n")
    assert not set_front_matter(path, {"page": 3, "order": 20})  # already so: the file is not touched
    odd = tmp_path / "b.md"
    odd.write_text("---\ntitle: 标题\npage:\n  3\n---\n正文\n", encoding="utf-8")
    with pytest.raises(WriteError, match="b.md"):
        set_front_matter(odd, {"page": 2})
    assert odd.read_text(encoding="utf-8") == "---\ntitle: 标题\npage:\n  3\n---\n正文\n"


@pytest.mark.fast
def test_issue_yml_gets_its_pages_and_keeps_the_rest(tmp_path):
    path = tmp_path / "issue.yml"
    path.write_text("number: 50\ndate: 2015-12-08\n# 导入的期只上网站（print: false），不出印刷版：…\nprint: false\n"
                    "pages:\n  - {page: 1}\n  - {page: 2, name: 社区, editor: 王丽}\n", encoding="utf-8")
    done = update_issue_yml(path, {1: "要闻", 2: "综合", 3: "服务", 4: "视觉"}, 4)
    assert path.read_text(encoding="utf-8") == (
        "number: 50\ndate: 2015-12-08\npages:\n  - {page: 1, name: 要闻}\n  - {page: 2, name: 社区, editor: 王丽}\n"
        "  - {page: 3, name: 服务}\n  - {page: 4, name: 视觉}\n")
    assert any("print: false" in d for d in done)
