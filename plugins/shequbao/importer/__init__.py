"""``shequbao import``: turn the extracted plain text of an old issue into draft
articles under ``content/issues/<id>/``.

The CLI wires in the two hooks below; the work is done by ``segment`` (text → articles),
``drafts`` (articles → Markdown files), ``issue`` (issue.yml) and ``report``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import drafts as _drafts
from . import issue as _issue
from . import report as _report
from .segment import segment

__all__ = ["add_arguments", "run"]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD，例如 2012-07-25，而不是 {text!r}") from None


def _year(text: str) -> int:
    if not (text.isdigit() and 1949 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(f"年份应是四位数字，例如 2012，而不是 {text!r}")
    return int(text)


def _positive(text: str) -> int:
    if not (text.isdigit() and int(text) > 0):
        raise argparse.ArgumentTypeError(f"应是正整数，而不是 {text!r}")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``shequbao import``."""
    parser.add_argument("file", metavar="FILE", type=Path, help="从 PDF 提取出的一期报纸的纯文本（UTF-8 或 GB18030）")
    parser.add_argument("--issue", required=True, metavar="ID", help="这一期的文件夹名，如 2012-07（小写字母、数字和连字符）")
    parser.add_argument("--year", type=_year, help="文中“7月2日”这类日期所属的年份（默认取出版日期的年份）")
    parser.add_argument("--page", type=_positive, default=1, help="文本开头所在的版次（默认 1；文中的“第N版”会切换版次）")
    parser.add_argument("--number", type=_positive, help="期号，新建 issue.yml 时使用（默认取报头的“第N期”）")
    parser.add_argument("--date", type=_date, help="出版日期 YYYY-MM-DD，新建 issue.yml 时使用")
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR", help="内容文件夹（默认 content）")
    parser.add_argument("--dry-run", action="store_true", help="只打印报告，不写任何文件")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的稿件文件")


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _issue.UserError(f"找不到文件 {path}，请检查路径。") from None
    except OSError as exc:
        raise _issue.UserError(f"读不了文件 {path}：{exc}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _issue.UserError(f"{path} 既不是 UTF-8 也不是 GB18030 编码，请先另存为 UTF-8。")


def run(args: argparse.Namespace) -> int:
    """Import ``args.file``; print the report; 0 on success, 1 on a user error."""
    try:
        return _run(args)
    except _issue.UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if not _issue.ISSUE_ID.match(args.issue):
        raise _issue.UserError(
            f"--issue {args.issue!r} 不能用作文件夹名：只能用小写字母、数字和连字符，如 2012-07 或 128。"
        )
    text = _read(args.file)
    parsed = segment(text, page=args.page)
    if not parsed.articles and not parsed.leftover:
        raise _issue.UserError(f"{args.file} 里没有找到任何正文。")
    content = Path(args.content)
    folder = content / "issues" / args.issue
    facts = _issue.plan(folder, content, parsed, number=args.number, date=args.date, year=args.year)
    year = args.year or (facts.date.year if facts.date else None)
    drafts = _drafts.build(parsed, year=year, issue_date=facts.date)

    warnings = [f"第{line}行：{msg}" for line, msg in parsed.warnings]
    if parsed.leftover:
        lines = "、".join(str(p.line) for p in parsed.leftover)
        warnings.append(f"{_drafts.LEFTOVER}：第{lines}行的文字没能归入任何稿件，请手工处理")
    for d in drafts:
        if d.article is not None:
            warnings += [f"{d.name}（第{d.article.line}行起）：{w}" for w in d.article.warnings]
    if any(d.article is not None and d.article.date and "date" not in d.meta for d in drafts):
        warnings.append("文中日期缺年份：请用 --year 指定，日期才能写入稿件")
    warnings += _issue.add_pages(facts, [d.meta["page"] for d in drafts], parsed.pages)

    for line, label in parsed.sections:
        facts.notes.append(f"第{line}行“{label}”是栏目名，其下各条按短消息或图片新闻处理")
    files = {folder / d.name: d.text for d in drafts}
    if not facts.existing:
        files[folder / "issue.yml"] = _issue.render(facts)
    shown = folder.as_posix()
    print(_report.render(drafts, shown, facts.notes, warnings, args.dry_run))

    existing = [p for p in files if p.exists()]
    if existing and not args.force:
        names = "\n".join(f"  {p}" for p in existing)
        raise _issue.UserError(
            f"下列文件已经存在，没有写入任何文件：\n{names}\n"
            "这一期可能已经导入过。要覆盖请加 --force，或换一个 --issue。"
        )
    if args.dry_run:
        print("试运行：没有写入任何文件。")
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for path, body in files.items():
        path.write_text(body, encoding="utf-8")
    print(f"已写入 {len(files)} 个文件到 {shown}/")
    return 0
