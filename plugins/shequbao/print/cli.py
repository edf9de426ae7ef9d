"""``shequbao print ISSUE``: the print edition of one issue, without building the site.

Reads the paper's settings (``paper_*``, ``print_*``, Markdown extensions, docs_dir) from
``mkdocs.yml`` as plain YAML: the core does not need MkDocs to read them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..cache import cache_root
from ..load import load_archive
from ..model import Paper
from ..problems import ContentError
from ..yamlio import read_site_config
from .blocks import DEFAULT_EXTENSIONS, MarkdownSetup
from .build import build_editions
from .fonts import PrintError
from .options import PAGE_SIZES, PrintOptions


def add_print_command(commands) -> None:
    """Register ``print`` (alias ``pdf``) on the ``shequbao`` command's subparsers."""
    cmd = commands.add_parser("print", aliases=["pdf"], help="生成一期的印刷版 PDF，不生成网站")
    cmd.add_argument("issue", help="哪一期：文件夹名（如 2025-09）或期号（如 101）")
    cmd.add_argument("-o", "--output", type=Path, help="PDF 存到哪里（默认：当前文件夹，文件名同网站上的）")
    cmd.add_argument("--size", help=f"纸张：{'、'.join(PAGE_SIZES)}（默认按 mkdocs.yml，或 A3）")
    cmd.add_argument("--columns", type=int, help="每版分几栏（默认 A3 4 栏、A4 3 栏）")
    cmd.add_argument("--bleed", action="store_true", default=None, help="给印刷厂：加 3 毫米出血和裁切线")
    cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml）")
    cmd.add_argument("--drafts", action="store_true", help="草稿也排进去（标“草稿”）")
    cmd.set_defaults(run=run_print)


def run_print(args: argparse.Namespace) -> int:
    if not args.config.is_file():
        print(f"找不到 {args.config}：请在报纸的文件夹里运行，或用 --config 写明 mkdocs.yml 的位置", file=sys.stderr)
        return 2
    site = read_site_config(args.config)
    plugin = _plugin_config(site)
    root = args.config.resolve().parent
    content = root / str(site.get("docs_dir") or "docs")
    paper = Paper(
        name=str(plugin.get("paper_name") or site.get("site_name") or ""),
        publisher=str(plugin.get("paper_publisher") or ""),
        permit=str(plugin.get("paper_permit") or ""),
        **paper_print_fields(plugin),
    )
    try:
        options = PrintOptions(
            args.size or plugin.get("print_page_size") or "A3",
            args.columns or plugin.get("print_columns"),
            bool(plugin.get("print_bleed")) if args.bleed is None else True,
        )
        archive, _ = load_archive(content, paper, drafts=args.drafts)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(content.name), file=sys.stderr)
        print("内容有问题，请先按提示修改（shequbao check 可以列出全部问题）", file=sys.stderr)
        return 1
    issue = next((i for i in archive.issues if args.issue in (i.id, str(i.number))), None)
    if issue is None:
        have = "、".join(f"{i.id}（第{i.number}期）" for i in archive.issues) or "没有任何一期"
        print(f"找不到“{args.issue}”这一期。现有：{have}", file=sys.stderr)
        return 2
    try:
        [pdf] = build_editions(archive, content, cache_root(root), options, markdown_setup(site), issues=(issue,),
                               images=False)
    except PrintError as error:
        print(error, file=sys.stderr)
        return 1
    output = args.output or Path(pdf.filename)
    if output.is_dir():
        output = output / pdf.filename
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf.path, output)
    for message in pdf.messages:
        print(message.text, file=sys.stderr)
    print(f"{output}：{pdf.pages} 页，{pdf.size_text}（{options.page_size}，{options.column_count} 栏）")
    return 0


def paper_print_fields(plugin: dict) -> dict:
    """The 报尾 and 内部资料 settings (``paper_*`` options) as :class:`Paper` fields."""
    texts = {"edited_by": "paper_edited_by", "printed_by": "paper_printed_by", "copies": "paper_copies",
             "address": "paper_address", "phone": "paper_phone"}
    fields = {name: str(plugin.get(option) or "") for name, option in texts.items()}
    return {**fields, "internal": bool(plugin.get("paper_internal"))}


def markdown_setup(site: dict) -> MarkdownSetup:
    """The extensions MkDocs would use: its own three plus ``markdown_extensions``."""
    names, configs = list(DEFAULT_EXTENSIONS[:3]), {}
    for entry in site.get("markdown_extensions") or ():
        if isinstance(entry, str):
            name, config = entry, None
        elif isinstance(entry, dict) and len(entry) == 1:
            name, config = next(iter(entry.items()))
        else:
            continue
        if name not in names:
            names.append(name)
        if isinstance(config, dict):
            configs[name] = {k: v for k, v in config.items() if v is not None}
    return MarkdownSetup(tuple(names), configs)


def _plugin_config(site: dict) -> dict:
    for entry in site.get("plugins") or ():
        if isinstance(entry, dict) and "shequbao" in entry:
            return entry["shequbao"] or {}
    return {}
