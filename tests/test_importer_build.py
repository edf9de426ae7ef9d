"""Imported drafts of the real corpus issues build strictly once ``draft`` is flipped."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURES, ROOT, broken_links, build

from shequbao.cli.main import main

CORPUS = ROOT.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")


def test_corpus_drafts_build_strict(tmp_path, monkeypatch, capsys):
    site = tmp_path / "paper"
    (site / "content/issues").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini/mkdocs.yml", site)
    (site / "content/index.md").write_text("---\ntitle: 首页\n---\n", encoding="utf-8")
    monkeypatch.chdir(site)
    issues = []
    for number, text in enumerate(sorted(CORPUS.glob("*.txt")), start=1):
        year = re.search(r"(19|20)\d\d", text.stem).group(0)
        issue = f"{re.sub(r'[^a-z]', '', text.stem)}-{year}"
        argv = ["import", str(text), "--issue", issue, "--year", year]
        assert main(argv) == 1 and "--number" in capsys.readouterr().err  # no 期号 in the text
        assert main([*argv, "--number", str(number)]) == 0, capsys.readouterr().err
        issues.append(issue)
    # 版 names the text does not give are left empty: check names each one, the editor fills it in
    assert main(["check", "content"]) == 1
    assert "name: 不能为空" in capsys.readouterr().err
    for yml in (site / "content/issues").glob("*/issue.yml"):
        yml.write_text(yml.read_text(encoding="utf-8").replace('name: ""', "name: 要闻"), encoding="utf-8")
    drafts = list((site / "content/issues").glob("*/*.md"))
    assert len(drafts) >= 25
    for draft in drafts:
        text = draft.read_text(encoding="utf-8")
        assert "draft: true" in text
        draft.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    assert main(["check", "content"]) == 0
    built = build(site)
    for issue in issues:
        assert (built / "issues" / issue / "index.html").is_file()
    assert broken_links(built) == []
