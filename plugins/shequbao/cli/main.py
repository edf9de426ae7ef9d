"""The ``shequbao`` command: work on the paper without building the site."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

from .. import importer
from ..content.completeness import held_back_message, is_published
from ..content.dates import parse_date
from ..content.load import load_archive
from ..model import ROLES, Paper
from ..problems import ContentError
from ..site.registry import pdf_filename
from . import argzh
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
    check.add_argument("--strict", action="store_true", help="有提醒（例如空着的版）也算不通过，和 make site 一样严格")
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

    printing = commands.add_parser("print", aliases=["pdf"], help="生成一期的印刷版 PDF，不生成网站")
    printing.add_argument("issue", help="哪一期：文件夹名（如 2025-09）或期号（如 101）")
    printing.add_argument("-o", "--output", type=Path, help="PDF 存到哪里（默认：当前文件夹，文件名同网站上的）")
    printing.add_argument("--size", help="纸张：A3、A4、4开、8开（默认按 mkdocs.yml，或 A3）")
    printing.add_argument("--columns", type=int, help="每版分几栏（默认 A3 4 栏、A4 3 栏）")
    printing.add_argument("--bleed", action="store_true", default=None, help="给印刷厂：加 3 毫米出血和裁切线")
    printing.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml）")
    printing.add_argument("--drafts", action="store_true", help="草稿也排进去（标“草稿”）")
    printing.set_defaults(run=_run_print)

    _add_publish(commands)
    _add_init(commands)
    return parser


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

    try:
        written = init_paper(Path(args.folder), name=args.name, publisher=args.publisher)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(f"已新建 {path}")
    print(f"下一步：cd {args.folder}，然后 make site（第一次会安装需要的软件），再 ./sqb new article \"标题\" --page 1")
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
    reminders = len(warnings)
    if args.strict and reminders:
        print(f"有 {reminders} 条提醒：make site 会因此停下，请按提示修改后再运行 ./sqb check --strict")
        return 1
    print(f"检查通过：{len(archive.issues)} 期，{archive.article_count} 篇" + (f"，{reminders} 条提醒" if reminders else ""))
    return 0


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


def _run_print(args: argparse.Namespace) -> int:
    """The print edition of one issue, with the settings of mkdocs.yml (as a build makes it)."""
    from ..mkdocs.options import load_settings
    from ..print import PrintError, PrintOptions, build_editions

    if not args.config.is_file():
        print(f"找不到 {args.config}：请在报纸的文件夹里运行，或用 --config 写明 mkdocs.yml 的位置", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.config)
        base = settings.print
        options = PrintOptions(args.size or base.page_size, args.columns or base.columns, args.bleed or base.bleed)
        archive, _ = load_archive(settings.content_dir, settings.paper, drafts=args.drafts)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except ContentError as error:
        _print_problems(error, settings.content_dir.name)
        print("内容有问题，请先按提示修改（./sqb check 可以列出全部问题）", file=sys.stderr)
        return 1
    issue = next((i for i in archive.issues if args.issue in (i.id, str(i.number))), None)
    if issue is None:
        have = "、".join(f"{i.id}（第{i.number}期）" for i in archive.issues) or "没有任何一期"
        print(f"找不到“{args.issue}”这一期。现有：{have}", file=sys.stderr)
        return 2
    if not issue.print:
        print(f"content/issues/{issue.id}/issue.yml: print: 这一期写了 print: false（只上网站，不出印刷版）。"
              "排好各版（每版的稿件和版名）后，把这一行删掉或改为 print: true，再印", file=sys.stderr)
        return 1
    try:
        [pdf] = build_editions(archive, settings.content_dir, settings.cache_root, options, settings.markdown,
                               issues=(issue,), images=False)
    except PrintError as error:
        print(error, file=sys.stderr)
        return 1
    output = args.output or Path(pdf_filename(settings.paper, issue))
    if output.is_dir():
        output = output / pdf_filename(settings.paper, issue)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf.path, output)
    for message in pdf.messages:
        print(message.text, file=sys.stderr)
    print(f"{output}：{pdf.pages} 页，{pdf.size_text}（{options.page_size}，{options.column_count} 栏）")
    return 0


def _print_problems(error: ContentError, root: str) -> None:
    for problem in error.problems:
        print(problem.format(root), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
