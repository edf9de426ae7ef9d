"""The ``shequbao`` command: work on the paper without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import importer
from .load import load_archive
from .model import Paper
from .problems import ContentError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="shequbao", description="社区报网站工具")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = commands.add_parser("check", help="检查 content/ 里的每一期和每篇文章，不生成网站")
    check.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    check.add_argument("--drafts", action="store_true", help="草稿也当作要发布的内容检查（默认也检查，只是不发布）")
    check.set_defaults(run=_run_check)

    imports = commands.add_parser("import", help="把旧报纸提取出的纯文本导入为草稿稿件（见 docs/importing.md）")
    importer.add_arguments(imports)
    imports.set_defaults(run=importer.run)

    args = parser.parse_args(argv)
    return args.run(args)


def _run_check(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not (content / "issues").is_dir():
        print(f"{content}/issues 不存在：请在报纸的文件夹里运行，或写明内容文件夹，例如 shequbao check content", file=sys.stderr)
        return 2
    try:
        archive, warnings = load_archive(content, Paper(name=""), drafts=True)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(content.as_posix()), file=sys.stderr)
        errors = sum(p.severity == "error" for p in error.problems)
        print(f"发现 {errors} 处错误，请按提示修改后再运行 shequbao check", file=sys.stderr)
        return 1
    for problem in warnings:
        print(problem.format(content.as_posix()), file=sys.stderr)
    articles = sum(len(issue.articles) for issue in archive.issues)
    print(f"检查通过：{len(archive.issues)} 期，{articles} 篇" + (f"，{len(warnings)} 条提醒" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
