"""``shequbao import``: turn the extracted plain text of an old issue into draft
articles under ``content/issues/<id>/``.

The CLI wires in the two hooks below; the work is done by ``reading`` (text or PDF →
articles, through ``segment``), ``drafts`` (articles → Markdown files and photos), ``issue``
(issue.yml), ``review`` (what to check) and ``report``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..content.proofpaper import findings, fixed_text
from . import drafts as _drafts
from . import issue as _issue
from . import report as _report
from . import review as _review
from .accounting import leftover_chars
from .originals import NoOriginal, original_files
from .reading import MAX_TEXT_MB, read_issue
from .sections import split_sections

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
    parser.add_argument("file", metavar="FILE", type=Path,
                        help=f"一期报纸的 PDF、Word 文件（.docx），或纯文本（UTF-8、GB18030、Big5 或 UTF-16，至多 {MAX_TEXT_MB} MB）")
    parser.add_argument("--issue", required=True, metavar="ID", help="这一期的文件夹名，如 2012-07（小写字母、数字和连字符）")
    parser.add_argument("--year", type=_year, help="文中“7月2日”这类日期所属的年份（默认取出版日期的年份）")
    parser.add_argument("--page", type=_positive, default=1, help="文本开头所在的版次（默认 1；文中的“第N版”会切换版次）")
    parser.add_argument("--number", type=_positive, help="期号，新建 issue.yml 时使用（默认取报头的“第N期”；文中没有时必须写）")
    parser.add_argument("--date", type=_date, help="出版日期 YYYY-MM-DD，新建 issue.yml 时使用")
    parser.add_argument("--content", type=Path, default=Path("content"), metavar="DIR", help="内容文件夹（默认 content）")
    parser.add_argument("--dry-run", action="store_true", help="只打印报告，不写任何文件")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的稿件文件")
    parser.add_argument("--split", choices=("sections",), help="sections：长文（如工作报告）按一级小标题（年份）分成多篇")


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
    parsed = read_issue(args.file, page=args.page)
    if not parsed.articles and not parsed.leftover:
        raise _issue.UserError(f"{args.file} 里没有找到任何正文。")
    notes = []
    if args.split == "sections" and (added := split_sections(parsed)):
        notes.append(f"--split sections：长文按一级小标题分成了 {added + 1} 篇左右")
    content = Path(args.content)
    folder = content / "issues" / args.issue
    facts = _issue.plan(folder, content, parsed, number=args.number, date=args.date, year=args.year)
    facts.notes += notes
    year = args.year or (facts.date.year if facts.date else None)
    drafts = _drafts.build(parsed, year=year, issue_date=facts.date)
    year_missing = any(d.article is not None and d.article.date and "date" not in d.meta for d in drafts)
    points = _review.collect(parsed, drafts, year_missing)
    if parsed.furniture:
        facts.notes.append(f"报头、报尾、版脚、编辑署名等版面文字 {len(parsed.furniture)} 行不是稿件，没有导入"
                           "（期号、日期、版名、责任编辑已从中读出）")
    if parsed.leftover:
        facts.notes.append(f"未归类文本 {leftover_chars(parsed)} 字：没能放进任何稿件，在 {_drafts.LEFTOVER} 里，请手工处理")
    for line, label in parsed.sections:
        facts.notes.append(f"第{line}{parsed.unit}“{label}”是栏目名，其下各条按短消息或图片新闻处理")
    shown_file = args.file.name
    warnings = [f"{_review.place(shown_file, parsed.unit, line)}: {msg}" for line, msg in points]
    warnings += [f"{folder.as_posix()}/{w}" for w in _issue.add_pages(facts, [d.meta["page"] for d in drafts], parsed.pages)]
    original = _original(args.file, drafts, facts, parsed.scan_pages) if facts.archive else {}
    files = _files(folder, drafts, facts)
    files.update({folder / name: data for name, data in original.items()})
    facts.notes += _proofread(files)
    print(_report.render(drafts, folder.as_posix(), facts.notes, warnings, args.dry_run))
    return _write(files, folder, args)


def _original(path: Path, drafts: list, facts, scan_pages: list) -> dict[str, str | bytes]:
    """The files that keep the PDF's pages as the issue's 数字报 (原报); none, and a web-only
    issue, when the PDF cannot be shown."""
    try:
        original, notes = original_files(path, drafts, list(facts.pages), scan_pages)
    except NoOriginal as exc:
        facts.archive = False
        facts.notes.append(f"原报：{path.name} 能读出文字，但没法把它的版面做成图（{exc}），所以没有保存原报，"
                           "这一期先只上网站（issue.yml 写了 print: false）")
        return {}
    facts.notes += notes
    return original


def _files(folder: Path, drafts: list, facts) -> dict[Path, str | bytes]:
    files: dict[Path, str | bytes] = {folder / d.name: d.text for d in drafts}
    for d in drafts:
        files.update({folder / src: data for src, data in d.pictures.items()})
    if not facts.existing:
        files[folder / "issue.yml"] = _issue.render(facts)
    return files


def _proofread(files: dict[Path, str | bytes]) -> list[str]:
    """The safe 校对 fixes of ``./sqb check --fix`` made in every draft (in place in ``files``);
    what they were, and how many slips are left for the editor, as notes of the report."""
    fixed = left = 0
    for path, text in files.items():
        if isinstance(text, str) and path.suffix == ".md":
            files[path], done = fixed_text(text)
            fixed += len(done)
            left += len(findings(files[path]))
    notes = [f"校对：已把 {fixed} 处标点改成规范写法（半角标点、引号、省略号、破折号、全角数字，和 ./sqb check --fix 一样）"] if fixed else []
    return notes + ([f"校对：还有 {left} 处标点或文字要编辑判断，./sqb check 会逐条列出"] if left else [])


def _write(files: dict[Path, str | bytes], folder: Path, args: argparse.Namespace) -> int:
    existing = [p for p in files if p.exists()]
    if existing and not args.force:
        names = "\n".join(f"  {p}" for p in existing[:20]) + ("\n  …" if len(existing) > 20 else "")
        raise _issue.UserError(
            f"下列文件已经存在，没有写入任何文件：\n{names}\n"
            "这一期可能已经导入过。要覆盖请加 --force，或换一个 --issue。"
        )
    if args.dry_run:
        print("试运行：没有写入任何文件。")
        return 0
    for path, body in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    print(f"已写入 {len(files)} 个文件到 {folder.as_posix()}/")
    return 0
