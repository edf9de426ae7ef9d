"""Benchmark of the print edition: seconds to render a 4-版 A3 issue, and a warm rebuild.

    .venv/bin/python scripts/bench_pdf.py [--issues 3] [--workers 1] [--sample] [--keep DIR]

Generates a paper of ``--issues`` issues (4 版 each: stories with photos, 短消息, a photo item;
text made up here from a phrase bank), or takes the bundled sample (``--sample``). Prints:

- the render time of one 4-版 A3 issue on one core with no cache, best of 3 (each run a
  different issue, in one process: the fonts are loaded once, as in a build's worker),
  for the PDFs alone (the whole issue and one per 版) and with the page images;
- the first issue's time, which includes starting Typst and loading the fonts;
- every issue rendered cold on ``--workers`` processes, then again warm (must render 0).

On a shared machine wall times vary by a quarter; compare code by CPU time, interleaved:
``--against ../main/plugins --rounds 5`` runs the one-issue measure (PDFs only) in a fresh
process for this checkout's code and for the other's, alternately, and prints each round and
the least and median best-of-3 CPU time of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from shequbao.content.load import load_archive
from shequbao.model import Paper
from shequbao.print import PrintOptions, build_editions

ROOT = Path(__file__).resolve().parents[1]

PLACES = ["丹桂居民区", "银杏苑", "东风新村", "桂园小区", "梧桐里", "滨河花园", "长青坊", "新华一村"]
PEOPLE = ["陈玲", "王晓峰", "张志举", "李秀兰", "周敏", "赵建国", "孙涛", "吴秀英", "郑爽", "钱多多"]
SUBJECTS = ["居委会", "物业公司", "社区志愿者", "楼组长", "社区卫生服务站", "老年协会", "街道城管中队", "业委会"]
ACTIONS = [
    "开展了垃圾分类入户宣传", "组织居民对加装电梯方案进行意见征询", "为独居老人上门测量血压",
    "清理了楼道堆物和小区死角", "举办了邻里节文艺汇演", "完成了雨污分流改造的最后一段管道铺设",
    "走访了辖区内的困难家庭", "开设了智能手机使用课堂", "修缮了小区里年久失修的休闲长廊",
    "启动了“美丽楼道”评比活动", "为辖区儿童开办了暑期托管班", "排查了电动自行车违规充电隐患",
]
DETAILS = [
    "不少居民表示，这样的活动办到了大家的心坎上", "据介绍，这项工作将在年底前覆盖全部楼栋",
    "参加活动的居民有老有少，现场气氛十分热烈", "工作人员耐心解答了居民提出的各类问题",
    "下一步，居民区还将听取更多居民的意见和建议", "七十多岁的老党员也主动报名加入了志愿者队伍",
    "活动现场还设置了咨询台，发放宣传资料三百余份", "居民们纷纷点赞，希望今后多开展类似的活动",
]
TITLES = [
    "{place}“撤桶并点”见成效", "{place}老楼加装电梯顺利开工", "{place}邻里节唱响和谐曲",
    "小楼道里的大变化", "{place}智能手机课堂开课", "{place}雨污分流改造完工", "银发志愿者守护平安",
    "{place}休闲长廊焕然一新", "社区食堂开进{place}", "{place}美丽楼道评比揭晓",
]
KICKERS = ["为民办实事", "聚焦社区治理", "文明创建进行时", "", ""]
SECTIONS = ["要闻", "社区", "民生", "文苑"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}，{rng.choice(DETAILS)}。"


def paragraph(rng: random.Random, sentences: int) -> str:
    return "".join(sentence(rng) for _ in range(sentences))


def make_photo(path: Path, rng: random.Random, size=(3000, 2000)) -> None:
    """A camera-sized JPEG: a gradient with a few shapes (compresses like a photo, roughly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    base = tuple(rng.randrange(60, 200) for _ in range(3))
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    overlay = Image.new("RGB", size, base)
    image = Image.blend(image, overlay, 0.6)
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(80, 400)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image.save(path, "JPEG", quality=90)


def write_article(folder: Path, slug: str, meta: dict, body: str) -> None:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            if value and isinstance(value[0], dict):
                lines.append(f"{key}:")
                lines.extend("  - {" + ", ".join(f"{k}: {v}" for k, v in item.items()) + "}" for item in value)
            else:
                lines.append(f"{key}: [{', '.join(value)}]")
        else:
            lines.append(f"{key}: {value}")
    lines += ["---", "", body, ""]
    (folder / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")


def make_issue(content: Path, number: int, date: dt.date, seed: int) -> None:
    """One 4-版 issue: per 版 a lead story with a photo, 2 more stories, 短消息; a photo item on 版2
    (~3,000 characters a 版, about what a community paper prints on A3)."""
    rng = random.Random(seed)
    folder = content / "issues" / date.strftime("%Y-%m")
    folder.mkdir(parents=True)
    pages = "\n".join(f"  - {{page: {i + 1}, name: {name}, editor: {rng.choice(PEOPLE)}}}" for i, name in enumerate(SECTIONS))
    (folder / "issue.yml").write_text(f"number: {number}\ndate: {date}\ntotal: {number + 300}\npages:\n{pages}\n", encoding="utf-8")
    n = 0
    for page in range(1, 5):
        stories = 3
        for k in range(stories):
            n += 1
            lead = k == 0
            meta = {
                "title": rng.choice(TITLES).format(place=rng.choice(PLACES)), "page": page, "order": k * 10 + 10,
                "reporters": [rng.choice(PEOPLE)], "correspondents": rng.sample(PEOPLE, 2),
            }
            kicker = rng.choice(KICKERS) if lead else ""
            if kicker:
                meta["kicker"] = kicker
            if lead and page != 2:  # 版2's picture is its photo item
                meta["subtitle"] = f"{rng.choice(PLACES)}探索居民自治新路子"
                make_photo(folder / f"images/p{n}.jpg", rng)
                meta["images"] = [{"src": f"images/p{n}.jpg", "caption": "居民在活动现场", "credit": rng.choice(PEOPLE)}]
            paragraphs = rng.randint(4, 5) if lead else rng.randint(2, 3)
            body = "\n\n".join(("本报讯 " if i == 0 else "") + paragraph(rng, rng.randint(2, 3)) for i in range(paragraphs))
            write_article(folder, f"a{n}", meta, body)
        for k in range(3 if page != 4 else 2):
            n += 1
            write_article(folder, f"b{n}", {
                "title": f"{rng.choice(PLACES)}{rng.choice(['举办', '开展', '启动'])}{rng.choice(['健康讲座', '消防演练', '读书会', '义诊'])}",
                "kind": "brief", "page": page, "order": 100 + k, "authors": [rng.choice(PEOPLE)],
            }, paragraph(rng, 2))
        if page == 2:
            n += 1
            make_photo(folder / f"images/p{n}.jpg", rng)
            write_article(folder, f"f{n}", {
                "kind": "photo", "page": page, "order": 50, "photographers": [rng.choice(PEOPLE)],
                "images": [{"src": f"images/p{n}.jpg", "caption": "孩子们在新建成的口袋公园里嬉戏", "credit": rng.choice(PEOPLE)}],
            }, "孩子们在新建成的口袋公园里嬉戏。")


def one_issue(archive, content: Path, root: Path, options, four: list, images: bool) -> tuple[list, list]:
    """Wall and CPU seconds of rendering each of the first three 4-版 issues, one after the other."""
    times, cpu = [], []
    for index, issue in enumerate(four[:3]):
        start, start_cpu = time.perf_counter(), time.process_time()
        build_editions(archive, content, root / f"cache-one-{images}-{index}", options, issues=(issue,),
                       workers=1, images=images)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return times, cpu


def compare(args) -> int:
    """This checkout's code against ``args.against``, interleaved, by best-of-3 CPU time (PDFs only)."""
    mine = ROOT / "plugins"
    best: dict[str, list[float]] = {"this": [], "other": []}
    for round_ in range(1, args.rounds + 1):
        for label, plugins in (("this", mine), ("other", args.against.resolve())):
            command = [sys.executable, str(Path(__file__).resolve()), "--one", "--issues", str(args.issues),
                       "--size", args.size, *(["--sample"] if args.sample else [])]
            env = {**os.environ, "PYTHONPATH": str(plugins)}
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            best[label].append(min(figures["cpu"][1:] or figures["cpu"]))
            print(f"round {round_} {label:5s} ({plugins}): CPU {', '.join(f'{t:.2f}' for t in figures['cpu'])} s, "
                  f"wall {', '.join(f'{t:.2f}' for t in figures['wall'])} s", flush=True)
    for label, values in best.items():
        print(f"{label:5s}: best-of-3 CPU (the first run left out: it starts Typst) least {min(values):.2f} s, "
              f"median {statistics.median(values):.2f} s over {len(values)} rounds")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--size", default="A3")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it (default: a temporary one)")
    parser.add_argument("--sample", action="store_true", help="the bundled sample paper instead of generated issues")
    parser.add_argument("--against", type=Path, help="another checkout's plugins/ folder: compare, interleaved")
    parser.add_argument("--rounds", type=int, default=5, help="with --against: rounds of (this, other)")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # a process of --against
    args = parser.parse_args(argv)
    if args.against:
        return compare(args)

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    for i in range(args.issues):
        make_issue(content, 100 + i, dt.date(2025, 1 + i % 12, 25), seed=i)
    if args.sample:
        content = ROOT / "content"
    paper = Paper("桂园", "桂园街道办事处", "准印证号（示例）K-0000")
    archive, _ = load_archive(content, paper)
    options = PrintOptions(args.size)
    four = [issue for issue in archive.issues if len(issue.sections) == 4]

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    for images in (False, True):
        times, cpu = one_issue(archive, content, root, options, four, images)
        if args.one:
            print(json.dumps({"wall": times, "cpu": cpu}))
            if not args.keep:
                shutil.rmtree(root)
            return 0
        what = "PDF + one PDF per 版 + page images" if images else "PDF + one PDF per 版"
        print(f"one 4-版 {args.size} issue, one core, no cache ({what}): best {min(times):.2f} s wall, "
              f"{min(cpu):.2f} s CPU (runs: {', '.join(f'{t:.2f}' for t in times)} s wall; the first starts Typst "
              f"and loads the fonts)")

    cache = root / ".cache"
    start = time.perf_counter()
    pdfs = build_editions(archive, content, cache, options, workers=args.workers)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    again = build_editions(archive, content, cache, options, workers=args.workers)
    warm = time.perf_counter() - start
    for pdf in pdfs:
        notes = "；".join(m.text for m in pdf.messages)
        print(f"{pdf.filename}: {pdf.pages} 页, {pdf.size_text}{'  ' + notes if notes else ''}")
    print(f"cold: {len(pdfs)} issues on {args.workers} worker(s): {cold:.2f} s, {cold / len(pdfs):.2f} s per issue")
    print(f"warm: rendered {sum(p.rendered for p in again)} PDFs in {warm:.2f} s")
    if not args.keep:
        shutil.rmtree(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
