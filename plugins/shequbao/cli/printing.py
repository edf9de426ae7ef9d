"""``./sqb print`` and the print fit of ``./sqb check --strict``: both make the edition through
``print.build_editions``, the build's own code path (and cache). ``print`` exits 1 when text or
photos are left out (or nothing could be made); ``check --strict`` fails on every warning a
strict build fails on (also an empty or underfull 版)."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..content.load import load_archive
from ..problems import ContentError
from ..site.registry import pdf_filename

PRINT_FOLDER = "print"  # ./sqb print's PDFs, listed in the paper's .gitignore (a PDF is made again, not kept)


def load_for_print(args: argparse.Namespace, columns: int | None = None, bleed: bool = False):
    """What ``./sqb print`` and ``./sqb plan`` start from: (settings, print options, archive) as
    mkdocs.yml and ``--size``/``--drafts`` say; or, having said why, the exit code (2: no such
    settings, 1: the content has problems)."""
    from ..mkdocs.settings import load_settings
    from ..print import PrintOptions

    if not args.config.is_file():
        print(f"找不到 {args.config}：请在报纸的文件夹里运行，或用 --config 写明 mkdocs.yml 的位置", file=sys.stderr)
        return 2
    try:
        settings = load_settings(args.config)
        base = settings.print
        options = PrintOptions(args.size or base.page_size, columns or base.columns, bleed or base.bleed, base.underfull)
        archive, _ = load_archive(settings.content_dir, settings.paper, drafts=args.drafts)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    except ContentError as error:
        for problem in error.problems:
            print(problem.format(settings.content_dir.name), file=sys.stderr)
        print("内容有问题，请先按提示修改（./sqb check 可以列出全部问题）", file=sys.stderr)
        return 1
    return settings, options, archive


def run_print(args: argparse.Namespace) -> int:
    """The print edition of one issue, with the settings of mkdocs.yml (as a build makes it).
    0: every character and photo printed; 1: the PDF leaves text or photos out, or could not be made."""
    loaded = load_for_print(args, args.columns, args.bleed)
    if isinstance(loaded, int):
        return loaded
    settings, options, archive = loaded
    profile = _profile(args)
    if isinstance(profile, int):
        return profile
    issue = next((i for i in archive.issues if args.issue in (i.id, str(i.number))), None)
    if issue is None:
        have = "、".join(f"{i.id}（第{i.number}期）" for i in archive.issues) or "没有任何一期"
        print(f"找不到“{args.issue}”这一期。现有：{have}", file=sys.stderr)
        return 2
    if not issue.print:
        print(f"content/issues/{issue.id}/issue.yml: print: 这一期写了 print: false（只上网站，不出印刷版）。"
              "排好各版（每版的稿件和版名）后，把这一行删掉或改为 print: true，再印；"
              f"./sqb plan {issue.id} --pages 4 --write 可以按印刷版的排法分好版并写好这些", file=sys.stderr)
        return 1
    pdf = _edition(archive, issue, settings, options)
    if pdf is None:
        return 1
    output = args.output or args.config.parent / PRINT_FOLDER / pdf_filename(settings.paper, issue)
    if output.is_dir():
        output = output / pdf_filename(settings.paper, issue)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if profile is None or pdf.original:  # an original (a scan) is delivered as it was
            shutil.copyfile(pdf.path, output)
        else:
            from ..print.intent import with_output_intent

            output.write_bytes(with_output_intent(pdf.path.read_bytes(), profile))
    except OSError as error:
        print(f"PDF 没能存到 {output}：{error.strerror or error}。请换一个位置（-o）", file=sys.stderr)
        return 1
    if pdf.original:
        print(f"{output}：{pdf.pages} 页，{pdf.size_text}（原报：导入时的 PDF，去掉了文件属性；这一期不重新排版）")
        return 0
    for message in pdf.messages:
        print(message.text, file=sys.stderr)
    width, height = options.size_mm
    print(f"{output}：{pdf.pages} 页，{pdf.size_text}（{options.size_label}，{width}×{height} 毫米，{options.column_count} 栏）")
    print(pdf.preflight_line())
    if profile is not None:
        print(intent_line(profile, options.bleed))
    return verdict(pdf)


def _profile(args: argparse.Namespace):
    """The ``--output-intent`` profile (None without it), or 2 after saying why it cannot be used."""
    from ..print import PrintError
    from ..print.intent import read_profile

    if getattr(args, "output_intent", None) is None:
        return None
    try:
        return read_profile(args.output_intent)
    except PrintError as error:
        print(error, file=sys.stderr)
        return 2


def intent_line(profile, bleed: bool) -> str:
    """``输出意图：Japan Color 2001 Coated（…）已写入 …``: what the PDF now says, and what it is not."""
    boxes = "" if bleed else "；没有加 --bleed，PDF 里没有成品框（TrimBox），给印刷厂的文件请加 --bleed"
    return (f"输出意图：{profile.name}（{profile.path.name}，CMYK）已写入 PDF；这不是 PDF/X-4 文件："
            f"照片仍是 RGB，由印刷厂按这份配置文件转 CMYK{boxes}")


def _edition(archive, issue, settings, options):
    """The issue's PdfFile, or None after saying why it could not be made."""
    from ..print import PrintError, build_editions

    try:
        [pdf] = build_editions(archive, settings.content_dir, settings.cache_root, options, settings.markdown,
                               issues=(issue,), images=False)
    except PrintError as error:
        print(error, file=sys.stderr)
        return None
    except Exception as error:  # noqa: BLE001 — never exit 0, never a bare traceback
        print(f"印刷版第{issue.number}期生成失败：{type(error).__name__}: {error}。请把这段话报告给维护网站的人", file=sys.stderr)
        return None
    return pdf


def verdict(pdf) -> int:
    """1 (with a line saying how much) when the edition leaves out text or photos, else 0;
    other warnings (an empty or underfull 版) are said, as a strict build would stop on them."""
    lost = pdf.lost()
    if lost:
        print(f"{lost}（见上面的提示）：请删减、换版或调整后再印", file=sys.stderr)
        return 1
    warnings = pdf.warnings()
    if warnings:
        print(f"{pdf.label}的印刷版有 {len(warnings)} 条提醒（见上面）：PDF 已生成，但 make site 会因此停下", file=sys.stderr)
    return 0


def check_print(config: Path) -> int | None:
    """The print fit of every issue, as ``make site`` makes it (the same call, options and
    cache entries): the number of warnings, each printed; None when there is no print edition
    to check (no mkdocs.yml, or print_enabled: false)."""
    from ..mkdocs.settings import load_settings
    from ..print import PrintError, build_editions

    if not config.is_file():
        print(f"没有 {config}：没有检查印刷版（用 --config 写明 mkdocs.yml 的位置）", file=sys.stderr)
        return None
    try:
        settings = load_settings(config)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    if settings.print_enabled is False:
        return None
    try:
        archive, _ = load_archive(settings.content_dir, settings.paper, drafts=bool(settings.drafts))
        pdfs = build_editions(archive, settings.content_dir, settings.cache_root, settings.print, settings.markdown,
                              workers=settings.print_workers)
    except ContentError:
        return None  # the content check above has said what is wrong
    except (PrintError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    warnings = [text for pdf in pdfs for text in pdf.warnings()]
    for text in warnings:
        print(text, file=sys.stderr)
    for pdf in pdfs:
        if pdf.lost():
            print(pdf.lost(), file=sys.stderr)
    return len(warnings)
