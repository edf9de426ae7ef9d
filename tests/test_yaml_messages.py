"""YAML mistakes are told in Chinese with the line and the fix; people.yml from ``init`` takes the
handbook's example as it is."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from shequbao.cli.init import init_paper
from shequbao.cli.main import main
from shequbao.content.reading import ReadError, parse_yaml

ENGLISH = re.compile(r"\b(?:expected|found|mapping|scanning|document|token|while|stream)\b")


@pytest.mark.parametrize("text, line, words", [
    ("{}\n陈玲:\n  title: 本报记者\n", 2, "请删掉那一行 {}"),
    ("a: 1\n---\nb: 2\n", 2, "删掉多余的 ---"),
    ("title: 开幕: 千人同乐\n", 1, "请给整个值加上引号"),
    ("title: 开幕\npage 1\nkind: news\n", 2, "缺少“字段名: 值”中间的半角冒号"),
    ("pages:\n  - {page: 1}\n - {page: 2}\n", 3, "对不齐"),
    ("reporters: [陈玲, 张志举\npage: 1\n", 1, "最后用 ] 结束"),
    ("pages:\n  - {page: 1, name: 要闻\n", 2, "最后用 } 结束"),
    ("title: @桂园\n", 1, "特殊符号开头"),
    ("title: !重要通知\n", 1, "值以“!”开头"),
    ("title: *重要*\n", 1, "值以 * 或 & 开头"),
    ('title: "桂园\\q"\n', 1, "反斜杠"),
    ('title: "开幕\npage: 1\n', 1, "引号没有成对"),
    ("reporters: [陈玲, ,]\n", 1, "多了一个逗号"),
    ("title: \"开幕\" 了\n", 1, "引号后面不能再有别的文字"),
    ("- 陈玲\ntitle: 1\n", 2, "列表没有对齐"),
    ("title: |开幕\n", 1, "值以 | 或 > 开头"),
])
def test_each_common_yaml_mistake_is_explained_in_chinese(text, line, words):
    with pytest.raises(ReadError) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert caught.value.message.startswith("YAML 格式错误：") and words in caught.value.message
    assert not ENGLISH.search(caught.value.message), caught.value.message


def handbook_people_example() -> str:
    handbook = (ROOT / "docs/handbook.md").read_text(encoding="utf-8")
    section = handbook[handbook.index("`content/people.yml` 可以"):]
    return re.search(r"```yaml\n(.*?)```", section, flags=re.DOTALL).group(1)


def test_people_yml_from_init_takes_the_handbooks_example(tmp_path, capsys):
    paper = tmp_path / "guiyuan"
    init_paper(paper, name="桂园", git=False, vendor=False)
    people = paper / "content/people.yml"
    text = people.read_text(encoding="utf-8")
    assert parse_yaml(text).data is None and "陈玲:" in text  # a commented example, nothing else
    people.write_text(text + "\n" + handbook_people_example(), encoding="utf-8")
    assert main(["check", str(paper / "content")]) == 0, capsys.readouterr().err
    uncommented = re.sub(r"^# (?=\S+:|  )", "", text, flags=re.MULTILINE)  # the editor takes the comment marks away
    people.write_text(uncommented, encoding="utf-8")
    assert set(parse_yaml(uncommented).data) == {"陈玲", "王芳@丹桂", "王芳@香樟", "张治举"}
    assert main(["check", str(paper / "content")]) == 0, capsys.readouterr().err


def test_the_old_empty_people_yml_says_to_delete_the_braces(mini, capsys):
    (mini / "content/people.yml").write_text("# 作者资料\n{}\n陈玲:\n  title: 本报记者\n", encoding="utf-8")
    assert main(["check", str(mini / "content")]) == 1
    err = capsys.readouterr().err
    assert f"{(mini / 'content').as_posix()}/people.yml:3: YAML 格式错误：上面已经有一段完整的内容（例如一行 {{}} 或 []）" in err
    assert "请删掉那一行 {}" in err and not ENGLISH.search(err)


def test_import_into_an_issue_with_a_broken_issue_yml_says_so_in_chinese(tmp_path, capsys):
    import argparse

    from shequbao.importer import add_arguments, run

    folder = tmp_path / "content/issues/2019-07"
    folder.mkdir(parents=True)
    (folder / "issue.yml").write_text("number: 7\ndate: 2019-07-10\npages:\n  - {page: 1, name: 要闻\n", encoding="utf-8")
    parser = argparse.ArgumentParser(prog="shequbao import")
    add_arguments(parser)
    args = parser.parse_args([str(ROOT / "tests/fixtures/import/markdown.txt"), "--issue", "2019-07",
                              "--content", str(tmp_path / "content")])
    assert run(args) != 0
    err = capsys.readouterr().err
    assert f"{folder / 'issue.yml'}:4: 读不了这个 issue.yml（YAML 格式错误：花括号 {{ }} 没有写完" in err
    assert not ENGLISH.search(err), err


def test_a_yaml_mistake_in_mkdocs_yml_is_told_in_chinese_with_its_line(mini, capsys):
    config = mini / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    lines.insert(1, "site_description: 梧桐里: 社区报")
    config.write_text("\n".join(lines), encoding="utf-8")
    assert main(["print", "8", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"{config}:2: YAML 格式错误：这一行的冒号让 YAML 读不懂" in err and not ENGLISH.search(err), err
