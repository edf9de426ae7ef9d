"""``shequbao check``: validation without a build."""

from __future__ import annotations

import subprocess
import sys

from shequbao.cli.main import main


def test_check_passes_on_good_content(mini, capsys):
    assert main(["check", str(mini / "content")]) == 0
    assert "检查通过：2 期，7 篇" in capsys.readouterr().out


def test_check_reports_each_problem_on_one_line_and_fails(mini, capsys):
    issue = mini / "content/issues/2023-05"
    lead = issue / "jiazhuang-dianti.md"
    lead.write_text(lead.read_text(encoding="utf-8").replace("order: 10", "order: 10\ndate: 2023-04-31"), encoding="utf-8")
    brief = issue / "xiaofang-yanlian.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("page: 2", "page: 4"), encoding="utf-8")
    photo = issue / "huayuan.md"
    photo.write_text(photo.read_text(encoding="utf-8").replace("images/huayuan.jpg", "images/huayuan2.jpg"), encoding="utf-8")
    assert main(["check", str(mini / "content")]) == 1
    output = capsys.readouterr()
    lines = output.err.splitlines()
    content = (mini / "content").as_posix()
    assert lines[:3] == [
        f"{content}/issues/2023-05/huayuan.md:6: images[1].src: 找不到图片文件 issues/2023-05/images/huayuan2.jpg，请检查文件名（区分大小写）。是不是 huayuan.jpg？2023-05/images/ 里有：dianti.jpg、huayuan.jpg",
        f"{content}/issues/2023-05/jiazhuang-dianti.md:7: date: “2023-04-31”不是有效日期，请写成 YYYY-MM-DD，例如 2025-09-25",
        f"{content}/issues/2023-05/xiaofang-yanlian.md:4: page: 这一期没有第4版（issue.yml 里有：1、2），请改 page 或在 issue.yml 的 pages 里加上这一版",
    ]
    assert len(lines) == 3
    assert output.out.startswith("发现 3 处错误")


def test_console_script_runs_from_the_paper_folder(mini):
    done = subprocess.run([sys.executable, "-m", "shequbao", "check"], cwd=mini, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "检查通过" in done.stdout


def test_check_outside_a_paper_says_what_to_do(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 2
    assert "issues 不存在" in capsys.readouterr().err
