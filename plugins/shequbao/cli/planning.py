"""``./sqb plan ISSUE``: propose which story goes on which 版, tried with the print build's
own fit (``print.assign``, ``print.trial``), and with ``--write`` write it into the drafts and
issue.yml (``plan_write``). Without ``--write`` nothing is written.

Which stories are planned: in an issue with ``print: false`` (an import nobody has laid out)
every story, since the importer's ``page: 1`` is only a placeholder; in a printed issue each
story keeps its ``page:`` unless ``--replan``. Drafts only with ``--drafts`` (as ``./sqb print``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_PAGES = 4  # 版 an imported issue may get when --pages is not given


def add_plan(commands) -> None:
    plan = commands.add_parser("plan", help="排版建议：按印刷版的实际排法，建议每篇稿件排在第几版；加 --write 才写进稿件")
    plan.add_argument("issue", help="哪一期：文件夹名（如 2012-07）或期号（如 36）")
    plan.add_argument("--pages", type=int, metavar="N",
                      help=f"最多几个版（默认：issue.yml 里的版数；只上网站的导入期默认 {DEFAULT_PAGES}）。用得少时只用排得下的最少版数")
    plan.add_argument("--spare", action="store_true",
                      help="版不够时，把排不下的稿件改为备用稿（print: {filler: true}：网站照登，印刷版有空才上），最多三成文字")
    plan.add_argument("--replan", action="store_true", help="已出印刷版的一期也全部重排（默认每篇保留已写的 page）")
    plan.add_argument("--write", action="store_true",
                      help="把建议写进去：每篇稿件的 page、order，issue.yml 的版面和版名；导入的一期删掉 print: false")
    plan.add_argument("--size", help="按哪种纸张排：A3、A4、4开（即对开）、8开（即四开）（默认按 mkdocs.yml；印时 ./sqb print 也要写同样的 --size）")
    plan.add_argument("--drafts", action="store_true", help="草稿也排进去（默认只排 draft: false 的稿件，和 ./sqb print 一样）")
    plan.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml）")
    plan.set_defaults(run=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    """0: the plan fits (and is written with --write); 1: it does not fit, or could not be
    written; 2: no such issue or settings."""
    from ..print import PrintError
    from ..print.archive import is_archive
    from .printing import load_for_print

    if args.pages is not None and not 1 <= args.pages <= 32:
        print(f"--pages {args.pages}：版数应当在 1 到 32 之间", file=sys.stderr)
        return 2
    loaded = load_for_print(args)
    if isinstance(loaded, int):
        return loaded
    settings, options, archive = loaded
    issue = _find_issue(archive, args.issue)
    if issue is None:
        return 2
    if is_archive(settings.content_dir, issue):
        print(f"第{issue.number}期是原报（从 PDF 导入，文件夹里有 original.yml）：数字报和 PDF 用的是原报的版面，"
              "不重新排版，也就不用分版。想按自己的版式重排这一期，先删掉它的 original.yml", file=sys.stderr)
        return 1
    if not issue.articles:
        print(f"第{issue.number}期没有可以排的稿件：导入的稿件都是草稿，核对后改为 draft: false，或加 --drafts", file=sys.stderr)
        return 1
    try:
        return _plan(args, settings, options, archive, issue)
    except PrintError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 — never a bare traceback, never a silent 0
        print(f"第{issue.number}期排版建议失败：{type(error).__name__}: {error}。请把这段话报告给维护网站的人", file=sys.stderr)
        return 1


def _find_issue(archive, wanted: str):
    issues = (*archive.issues, *archive.held_back)
    issue = next((i for i in issues if wanted in (i.id, str(i.number))), None)
    if issue is None:
        have = "、".join(f"{i.id}（第{i.number}期）" for i in issues) or "没有任何一期"
        print(f"找不到“{wanted}”这一期。现有：{have}", file=sys.stderr)
    return issue


def _plan(args, settings, options, archive, issue) -> int:
    from ..print.assign import is_underfull, page_names, plan_pages, plan_with_spares, read_stories
    from ..print.trial import Trier

    trier = Trier(archive, issue, settings.content_dir, options, settings.markdown)
    keep = issue.print and not args.replan
    stories = read_stories(issue, trier.content(issue), keep_pages=keep)
    most = args.pages or (len(issue.sections) if issue.print else DEFAULT_PAGES)
    most = max(most, *(s.pinned or 1 for s in stories))
    proposal = plan_pages(stories, most, trier.trial, trier.page_chars())
    spare: list = []
    if proposal is not None and not proposal.fits and args.spare:
        proposal, spare = plan_with_spares(stories, most, trier.trial) or (proposal, [])
    if proposal is None:
        news = sum(s.can_head for s in stories)
        print(f"第{issue.number}期的消息（kind: news）只有 {news} 篇，不够每版一篇头条：请用较少的版（--pages），"
              "或把长一些的稿件改为 kind: news", file=sys.stderr)
        return 1
    names = page_names(proposal.pages, {s.page: s.name for s in issue.sections})
    messages = trier.confirm(proposal.assignment(), names, frozenset(s.src for s in spare))
    lost = sum(m.lost_chars for m in messages), sum(m.lost_photos for m in messages)
    fits = proposal.fits and not any(lost)
    label = f"《{archive.paper.name}》第{issue.number}期"
    _print_table(label, proposal, names, fits, trier.count, keep)
    print_spares(spare, f"排不下的 {len(spare)} 篇改为备用稿（网站照登，印刷版有空才上）")
    for message in messages:  # what ./sqb print will say of this plan: 版 with room, an odd number of 版
        print(f"  提示：{message.text}")
    if fits and proposal.count > 1 and is_underfull(proposal):
        replan = " --replan" if not keep and (args.write or issue.print) else ""  # the 版 written no longer bind it
        print_underfull(args, proposal, plan_with_spares(stories, proposal.count - 1, trier.trial), replan)
    if not fits:
        if args.spare and not spare:
            print(f"--spare：{most} 个版要把三成以上的文字改为备用稿才排得下，没有这样做", file=sys.stderr)
        _print_misfit(proposal, most, lost[0], keep)
        return 1
    if not args.write:
        size = f" --size {args.size}" if args.size else ""
        print(f"这只是建议，什么都没有改。确认后运行 ./sqb plan {args.issue} --pages {most}{size} --write 写进稿件"
              + ("和 issue.yml" if not issue.print or proposal.count > len(issue.sections) else ""))
        return 0
    return _write(settings.content_dir, issue, proposal, names, spare)


def _print_table(label, proposal, names, fits, trials, keep) -> None:
    verdict = "排得下" if fits else "排不下"
    kept = "（每篇保留已写的版次）" if keep else ""
    print(f"{label}：{proposal.count} 个版{verdict}{kept}（按印刷版的实际排法试排了 {trials} 次）")
    kinds = {"news": "消息", "brief": "短消息", "notice": "公告", "photo": "图片新闻"}
    for page, stories in sorted(proposal.pages.items()):
        fill = proposal.trial.fill(page)
        state = "排不下" if fill.over else f"约 {round(fill.fill * 100)}% 满"
        print(f"\n第{page}版  {names[page]}  {state}  {len(stories)} 篇  {sum(s.chars for s in stories)} 字")
        for story in stories:
            head = "头条" if story.src == proposal.heads.get(page) else "    "
            photos = f"、{story.photos} 张照片" if story.photos else ""
            title = story.title if len(story.title) <= 22 else story.title[:22] + "…"
            print(f"  {head}  {kinds.get(story.kind, story.kind):<4}  {title}（{story.chars} 字{photos}）  {Path(story.src).name}")
    print()


def _print_misfit(proposal, most: int, lost: int, keep: bool) -> None:
    """Which 版 are over, and what to do: more 版, or cut (by what the confirming print left out)."""
    for fill in (p for p in proposal.trial.pages if p.over):
        stories = sorted((s for s in proposal.pages[fill.page] if not s.pinned), key=lambda s: -s.load)[:3]
        names = "、".join(f"《{s.title[:16]}》" for s in stories)
        print(f"第{fill.page}版排不下" + (f"（最长的：{names}）" if names else ""), file=sys.stderr)
    chars = lost or sum(p.over for p in proposal.trial.pages)
    more = most + 2 if most % 2 == 0 else most + 1
    replan = "，或加 --replan 重新分版（现在每篇都留在已写的版上）" if keep else ""
    print(f"{most} 个版放不下这些稿件。怎么办：加版（--pages {more}）{replan}，或删减约 {chars} 字"
          "（长稿删段落，或把短稿留到下一期），再运行 ./sqb plan。什么都没有写", file=sys.stderr)


def _write(content_dir: Path, issue, proposal, names, spare) -> int:
    from .plan_write import WriteError, mark_spare, set_front_matter, update_issue_yml, used_pages

    changed = 0
    try:
        for story in spare:
            changed += mark_spare(content_dir / story.src)
        beyond = {s.src for s in spare} | {a.src for a in issue.articles if a.print.filler and a.page > proposal.count}
        for src in sorted(beyond):  # 备用稿 on the last 版 (each tries its own first): no 版 beyond the plan's is left
            changed += set_front_matter(content_dir / src, {"page": proposal.count})
        for page, stories in sorted(proposal.pages.items()):
            for index, story in enumerate(stories):
                changed += set_front_matter(content_dir / story.src, {"page": page, "order": (index + 1) * 10})
        folder = content_dir / "issues" / issue.id
        done = update_issue_yml(folder / "issue.yml", names, proposal.count, used_pages(folder))
    except (WriteError, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已写入：{changed} 篇稿件的 page 和 order" + (f"（{len(spare)} 篇改为备用稿）" if spare else "") + ("；issue.yml " + "，".join(done) if done else ""))
    print(f"下一步：./sqb print {issue.id} 生成印刷版 PDF 看一看")
    return 0


def print_spares(spare, heading: str) -> None:
    if spare:
        print(f"{heading}，共 {sum(s.chars for s in spare)} 字：")
        for story in spare:
            print(f"        《{story.title[:22]}》（{story.chars} 字）  {Path(story.src).name}")


def print_underfull(args, proposal, fewer, replan: str) -> None:
    """A plan that fits but leaves 版 more than 10% empty: say how full, and the two ways out
    a 美编 takes (fill it, or one 版 fewer with named stories as 备用稿)."""
    fills = [p.fill for p in proposal.trial.pages]
    room = sum(p.room for p in proposal.trial.pages)
    count = proposal.count
    print(f"\n注意：文字只够排满这 {count} 个版的约 {round(sum(fills) / len(fills) * 100)}%（还空约 {room:,} 字），"
          "这样付印版面会有大片空白（空着超过一成的版，make site 会停下）。可以：")
    print(f"  ① 补满：加稿约 {room:,} 字；或在本期加备用稿（文件头写 print: {{filler: true}}），"
          "在 content/fillers/posters.yml 放公益广告，./sqb print 会拿它们补空")
    size = f" --size {args.size}" if args.size else ""
    if fewer is None:
        print(f"  ② 排成 {count - 1} 个版：要删掉三成以上的文字，不建议")
        return
    smaller, spare = fewer
    full = min(p.fill for p in smaller.trial.pages)
    print_spares(spare, f"  ② 排成 {count - 1} 个版（最空的版也约 {round(full * 100)}% 满）：把下面 {len(spare)} 篇改为备用稿"
                        "（网站照登，印刷版有空才上）")
    print(f"     这样做：./sqb plan {args.issue} --pages {count - 1}{size}{replan} --spare --write")
