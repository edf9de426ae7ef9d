"""The ``shequbao`` command: work on the paper without building the site."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .. import importer
from ..content.completeness import held_back_message, is_published
from ..content.dates import parse_date
from ..content.load import load_archive
from ..content.proofpaper import paper_problems
from ..model import ROLES, Paper
from ..problems import ContentError
from . import argzh
from .planning import add_plan
from .printing import PRINT_FOLDER, check_print, run_print
from .proofing import fix_paper
from .scaffold import ScaffoldError, new_article, new_issue

ROLE_FLAGS = {"authors": ("--author", "署名"), "reporters": ("--reporter", "记者"), "correspondents": ("--correspondent", "通讯员"),
              "interns": ("--intern", "实习生"), "photographers": ("--photographer", "摄影")}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


def build_parser() -> argparse.ArgumentParser:
    """Every command and option of ``shequbao`` (``./sqb``), with Chinese help."""
    argzh.install()  # argparse's own words (usage, options, errors) in Chinese
    prog = os.environ.get("SHEQUBAO_PROG") or "shequbao"  # ./sqb says "./sqb"
    parser = argzh.ChineseParser(prog=prog, description="社区报网站工具。在报纸的文件夹里用 ./sqb 运行，例如 ./sqb check")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令")

    check = commands.add_parser("check", help="检查 content/ 里的每一期和每篇文章，不生成网站")
    check.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    check.add_argument("--drafts", action="store_true", help="草稿也当作要发布的内容检查（默认也检查，只是不发布）")
    check.add_argument("--strict", action="store_true",
                       help="也按 make site 的方式排一遍印刷版；有提醒（排不下、漏印、空着的版）也算不通过，和 make site 一样严格")
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml；--strict 用它排印刷版）")
    check.add_argument("--fix", action="store_true",
                       help="校对：把能自动改正的标点（半角逗号、引号、省略号、破折号、全角数字等）直接改在稿件里，并列出每一处改动")
    check.set_defaults(run=_run_check)

    build = commands.add_parser("build", help="生成网站：先生成到 site.building/，成功后才替换 site/（一次只能有一个构建）")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml）")
    build.add_argument("--no-strict", dest="strict", action="store_false", help="有警告也照样生成")
    build.set_defaults(run=_run_build)

    imports = commands.add_parser("import", help="把旧报纸（PDF，或从中提取的纯文本）导入为草稿稿件（见 docs/importing.md）")
    importer.add_arguments(imports)
    imports.set_defaults(run=importer.run)

    new = commands.add_parser("new", help="新建一期或一篇稿件（不会覆盖已有文件）")
    kinds = new.add_subparsers(dest="what", required=True, metavar="issue|article")
    issue = kinds.add_parser("issue", help="新建下一期：期号、总期号加一，版面照上一期")
    issue.add_argument("--number", type=int, help="期号（默认：最近一期加一）")
    issue.add_argument("--date", type=_date_argument, help="出版日期 YYYY-MM-DD（默认：按出版节奏推算，或今天）")
    issue.add_argument("--content", default="content", help="内容文件夹（默认 content）")
    issue.set_defaults(run=_run_new_issue)
    article = kinds.add_parser("article", help="在一期里新建一篇稿件，文件名是标题的拼音")
    article.add_argument("title", help="标题，例如 \"垃圾分类新规实施首月\"")
    article.add_argument("--issue", help="哪一期（文件夹名，默认最近一期）")
    article.add_argument("--page", type=int, default=1, help="第几版（默认 1）")
    article.add_argument("--kind", default="news", help="news 消息 | brief 短消息 | photo 图片新闻 | notice 通知")
    for role in ROLES:
        flag, label = ROLE_FLAGS[role]
        article.add_argument(flag, dest=role, nargs="+", default=[], metavar="姓名", help=f"{label}，可写多个")
    article.add_argument("--draft", action="store_true", help="作为草稿（预览时显示，发布时不出现）")
    article.add_argument("--content", default="content", help="内容文件夹（默认 content）")
    article.set_defaults(run=_run_new_article)

    _add_print(commands)
    add_plan(commands)

    _add_publish(commands)
    _add_init(commands)
    return parser


def _add_print(commands) -> None:
    printing = commands.add_parser("print", aliases=["pdf"],
                                   help="生成一期的印刷版 PDF，不生成网站；有文字或照片没印出来、或生成失败时退出码为 1")
    printing.add_argument("issue", help="哪一期：文件夹名（如 2025-09）或期号（如 101）")
    printing.add_argument("-o", "--output", type=Path,
                          help=f"PDF 存到哪里（默认：报纸文件夹里的 {PRINT_FOLDER}/，文件名同网站上的；这个文件夹不放进 git）")
    printing.add_argument("--size", help="纸张：A3、A4、4开（即对开）、8开（即四开）（默认按 mkdocs.yml，或 A3）")
    printing.add_argument("--columns", type=int, help="每版分几栏（默认 A3 4 栏、A4 3 栏）")
    printing.add_argument("--bleed", action="store_true", default=None,
                          help="给印刷厂：加 3 毫米出血、出血外的裁切线，写入 TrimBox/BleedBox，黑色文字和线条叠印")
    printing.add_argument("--output-intent", type=Path, metavar="印厂.icc",
                          help="把印刷厂给的 CMYK ICC 配置文件作为输出意图写进 PDF（例如 Japan Color 2001 Coated；和 --bleed 一起用）")
    printing.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml）")
    printing.add_argument("--drafts", action="store_true", help="草稿也排进去（标“草稿”）")
    printing.set_defaults(run=run_print)


def _add_publish(commands) -> None:
    publish = commands.add_parser("publish", help="把生成好的 site/ 发布到对象存储（s3://存储桶/路径）或服务器（用户@主机:/路径）")
    publish.add_argument("target", metavar="目标", help="s3://存储桶/路径（阿里云 OSS、腾讯云 COS 等），或 用户@主机:/var/www/paper/，或本机文件夹")
    publish.add_argument("--endpoint", metavar="网址", help="对象存储的 S3 接口地址，例如 https://oss-cn-hangzhou.aliyuncs.com、https://cos.ap-guangzhou.myqcloud.com")
    publish.add_argument("--dry-run", action="store_true", help="只列出会上传、会删除哪些文件，不做任何改动")
    publish.add_argument("--delete", action=argparse.BooleanOptionalAction, default=True,
                         help="删除目标上网站已经没有的文件（默认删除；--no-delete 不删）")
    publish.add_argument("--site", type=Path, default=Path("site"), metavar="文件夹", help="生成好的网站（默认 site）")
    publish.set_defaults(run=_run_publish)


def _add_init(commands) -> None:
    init = commands.add_parser("init", help="新建一份报纸：设置、首页、关于、第一期、Makefile 和 ./sqb（不覆盖已有文件）")
    init.add_argument("folder", metavar="文件夹", help="新报纸的文件夹，例如 ~/guiyuan-bao（可以已经存在，但里面的同名文件不会被覆盖）")
    init.add_argument("--name", help="报名（默认用文件夹名）")
    init.add_argument("--publisher", default="", help="主办单位，例如 桂园街道办事处")
    init.set_defaults(run=_run_init)
    upgrade = commands.add_parser("upgrade", help="把一份报纸升级到这个 shequbao（在新版 shequbao 的文件夹里运行，写报纸的文件夹）")
    upgrade.add_argument("folder", metavar="报纸文件夹", help="要升级的报纸，例如 ~/guiyuan-bao")
    upgrade.add_argument("--wheel", type=Path, help="用别人发来的 shequbao .whl 文件升级（默认用运行这个命令的 shequbao）")
    upgrade.add_argument("--force", action="store_true", help="报纸里有没提交的改动也升级（你改过的工具文件不动，新版写在旁边的 .new 里）")
    upgrade.set_defaults(run=_run_upgrade)


def _run_publish(args: argparse.Namespace) -> int:
    from .publish import PublishError, publish

    try:
        publish(args.target, args.site, endpoint=args.endpoint, dry_run=args.dry_run, delete=args.delete)
    except PublishError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _run_init(args: argparse.Namespace) -> int:
    from .init import init_paper

    had_git = (Path(args.folder).expanduser() / ".git").exists()
    try:
        written = init_paper(Path(args.folder), name=args.name, publisher=args.publisher)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"已新建 {path}")
    print("这个文件夹原来就是 git 仓库，新文件还没有提交：请 git add -A && git commit -m 创刊" if had_git else
          "已建好 git 仓库并提交了第一版。vendor/ 里是这份报纸用的 shequbao，同事 git clone 以后 make site 就能生成")
    print(f"下一步：cd {args.folder}，然后 make site（第一次会安装需要的软件），再 ./sqb new article \"标题\" --page 1")
    return 0


def _run_upgrade(args: argparse.Namespace) -> int:
    from .upgrade import upgrade_paper

    try:
        changes = upgrade_paper(Path(args.folder), force=args.force, wheel=args.wheel)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    if not changes:
        print(f"{args.folder} 用的已经是这个版本的 shequbao，不用升级")
        return 0
    print("已升级：\n" + "\n".join(f"  {line}" for line in changes))
    print(f"下一步：cd {args.folder}，make site（会自动装上新版），看过网站没问题再 git add -A && git commit -m 升级shequbao")
    return 0


def _run_build(args: argparse.Namespace) -> int:
    from .build import build_site  # MkDocs is imported only for a build (check starts fast)

    return build_site(args.config, strict=args.strict)


def _date_argument(text: str) -> dt.date:
    day, problem = parse_date(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


def _run_check(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not (content / "issues").is_dir():
        print(f"{content}/issues 不存在：请在报纸的文件夹里运行，或写明内容文件夹，例如 ./sqb check", file=sys.stderr)
        return 2
    if args.fix:
        fixed = fix_paper(content, sys.stdout)
        print(f"校对：改正了 {fixed} 处" if fixed else "校对：没有可以自动改正的地方")
    try:
        archive, warnings = load_archive(content, Paper(name=""), drafts=True)
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(content.as_posix()), file=sys.stderr)
        errors = sum(p.severity == "error" for p in error.problems)
        print(f"发现 {errors} 处错误，请按提示修改后再运行 ./sqb check")  # the problems alone go to stderr
        return 1
    for problem in warnings:
        print(problem.format(content.as_posix()), file=sys.stderr)
    for issue in archive.issues:
        if not is_published(issue):
            print(f"{content.as_posix()}/{held_back_message(issue)}", file=sys.stderr)  # a note, not a warning
    proofs = paper_problems(content)
    for problem in proofs:
        print(problem.format(content.as_posix()), file=sys.stderr)
    reminders = len(warnings)
    if args.strict:
        reminders += check_print(args.config) or 0
    if args.strict and reminders:
        print(f"有 {reminders} 条提醒：make site 会因此停下，请按提示修改后再运行 ./sqb check --strict")
        return 1
    print(f"检查通过：{len(archive.issues)} 期，{archive.article_count} 篇" + (f"，{reminders} 条提醒" if reminders else "")
          + _proof_summary(proofs))
    return 0


def _proof_summary(proofs: list) -> str:
    if not proofs:
        return ""
    fixable = sum("--fix" in p.message for p in proofs)
    how = f"，其中 {fixable} 处 ./sqb check --fix 可以自动改正" if fixable else ""
    return f"；校对发现 {len(proofs)} 处标点或文字问题{how}（不影响 make site，发布前请改好）"


def _run_new_issue(args: argparse.Namespace) -> int:
    try:
        path = new_issue(Path(args.content), number=args.number, date=args.date)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已新建 {path}")
    print("下一步：核对日期和版面，然后给每一版写稿件：./sqb new article \"标题\" --page 1")
    print("这一期有了可发布的稿件（不是草稿）才会出现在网站上；每一版都要有稿件，空着的版 make site 会提醒并停下")
    return 0


def _run_new_article(args: argparse.Namespace) -> int:
    people = {role: getattr(args, role) for role in ROLES}
    try:
        path = new_article(Path(args.content), args.title, issue=args.issue, page=args.page, kind=args.kind,
                           draft=args.draft, **people)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已新建 {path}")
    if args.kind == "photo":
        print("图片新闻需要照片：把照片放进这一期的 images/ 文件夹，再在 images 里写上 src、caption、credit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
