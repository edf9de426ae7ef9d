"""Section headings of a long report versus lines broken mid-sentence (and --split sections).

``fixtures/import/long_report.txt`` is a five-year 街道 work report written for this test:
year sections, 一、 sections with commas in them, （一） subsections, every paragraph broken at
26 characters mid-sentence. ``long_report.headings.json`` lists its headings and levels.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import frontmatter

from shequbao.importer import add_arguments, run
from shequbao.importer.headings import section_kind
from shequbao.importer.reflow import squeeze
from shequbao.importer.segment import segment

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def report():
    text = (FIXTURES / "long_report.txt").read_text(encoding="utf-8")
    truth = [tuple(h) for h in json.loads((FIXTURES / "long_report.headings.json").read_text(encoding="utf-8"))]
    return text, truth


def heading_score(parsed, truth) -> tuple[float, list[str]]:
    """Share of the true headings found at their level, and the headings glued to a paragraph."""
    found = [(p.heading, p.text) for a in parsed.articles for p in a.paras if p.heading]
    hits, pos = 0, 0
    for item in truth:  # in order
        while pos < len(found) and found[pos] != item:
            pos += 1
        if pos < len(found):
            hits, pos = hits + 1, pos + 1
    texts = [squeeze(t) for _, t in truth]
    glued = [p.text[:30] for a in parsed.articles for p in a.paras
             if not p.heading and any(t in squeeze(p.text) for t in texts)]
    return hits / len(truth), glued


def test_long_report_keeps_every_section_heading_at_its_level():
    text, truth = report()
    parsed = segment(text)
    assert len(parsed.articles) == 1
    art = parsed.articles[0]
    assert (art.title, art.subtitle) == ("桂园街道五年工作报告", "二〇一三年至二〇一七年工作回顾")
    score, glued = heading_score(parsed, truth)
    assert score >= 0.95, score
    assert glued == []


def test_broken_numbered_line_is_not_a_heading():
    width = "街道多次召开专题会议研究部署相关工作明确责任分工"  # a full line of the column
    text = "工作报告\n\n■街道办\n\n" + "\n".join([width + "。", width + "。", "一、坚持把保障和改善民生放在首位，全年新增"
                                              + "养老床", "位一百张。"] + [width + "。"] * 24) + "\n"
    parsed = segment(text)
    art = parsed.articles[0]
    assert not [p for p in art.paras if p.heading]
    assert any("新增养老床位一百张" in p.text for p in art.paras)


def test_section_kinds():
    assert section_kind("一、注重呼应民生需求,努力扩大公共服务") == "一"
    assert section_kind("（二）做实家庭医生签约") == "(一)"
    assert section_kind("2013年") == section_kind("二〇一五年：稳中求进") == "year"
    assert section_kind("2013年,街道共完成") == ""
    assert section_kind("一、全年新增养老床位一百张。") == ""


def test_split_sections_makes_one_article_per_year(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args([str(FIXTURES / "long_report.txt"), "--issue", "2018-01", "--number", "1",
                              "--date", "2018-01-20", "--split", "sections", "--content", str(tmp_path)])
    assert run(args) == 0
    posts = [frontmatter.load(p) for p in sorted((tmp_path / "issues" / "2018-01").glob("*.md"))]
    titles = sorted(p.metadata["title"] for p in posts)
    assert [t for t in titles if t.startswith("20")] == ["2013年工作回顾", "2014年", "2015年工作回顾", "2016年",
                                                         "2017年工作回顾"]
    year = next(p for p in posts if p.metadata["title"] == "2014年")
    assert year.metadata["kicker"] == "桂园街道五年工作报告" and year.metadata["source"] == "街道办事处"
    assert "\n## 一、" in "\n" + year.content and "### （一）" in year.content
