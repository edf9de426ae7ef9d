#!/usr/bin/env python3
"""Generate a synthetic community paper for benchmarks: deterministic from a seed.

    python scripts/make_corpus.py --articles 2000 --photos 100 --out /tmp/paper

writes DIR/mkdocs.yml and DIR/content/ (issues of ~20 items on 4 版: news, briefs, photo
items; a few hundred recurring people with a long tail; photos as 3000×2000 JPEGs with
EXIF, ~1.3 MB each, rendered on --jobs processes). An issue's text is ~12,000 characters,
about what 4 A3 版 print. Names whose pinyin collide (许兰/徐兰) get a ``slug:`` in a
generated people.yml, as the build's warning asks an editor to do, so strict builds pass.
Refuses to write into a folder that already has content/ unless --force.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing
import os
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ITEMS_PER_ISSUE = 20
PAGES = ("要闻", "社区", "民生", "文苑")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红春梅海燕晓峰立新佳怡慧琴玲"
PLACES = ("丹桂", "金桂苑", "银杏坊", "香樟", "桂园新村", "梧桐里", "枫林", "紫薇", "海棠", "芙蓉")
UNITS = ("社区自治办", "街道党建办", "街道平安办", "街道文明办", "街道社区服务中心", "社区卫生服务中心")
SUBJECTS = ("居民区党总支", "志愿者服务队", "楼组长", "物业公司", "居委会", "社区民警", "家庭医生团队",
            "老年协会", "青年突击队", "睦邻点", "业委会", "党员先锋队")
ACTIONS = ("开展垃圾分类宣传", "组织消防疏散演练", "上门走访独居老人", "召开居民议事会", "清理楼道堆物",
           "举办邻里节", "推进加装电梯意见征询", "开设长者食堂", "开展防范电信诈骗讲座", "组织义诊",
           "修缮非机动车棚", "举办智能手机课堂", "开展文明养犬宣传", "慰问困难家庭", "整治小区停车")
DETAILS = ("活动吸引了{n}余名居民参加。", "共走访{n}户居民，收集意见建议{m}条。", "现场发放宣传资料{n}份。",
           "参与的居民纷纷表示受益匪浅。", "下一步，居民区将把这项工作做成常态化项目。",
           "志愿者们耐心讲解，赢得了居民的点赞。", "整个过程秩序井然，历时{m}个小时。",
           "据统计，今年以来已累计开展类似活动{m}次。", "不少老人拉着志愿者的手，连声道谢。")
TOPICS = ("垃圾分类", "养老服务", "党建引领", "加装电梯", "平安建设", "文明创建", "旧区改造", "为民办实事")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=0)
    parser.add_argument("--people", type=int, default=300, help="distinct names in bylines")
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--force", action="store_true", help="replace an existing DIR/content")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes writing photos")
    args = parser.parse_args(argv)
    content = args.out / "content"
    if content.exists():
        if not args.force:
            print(f"{content} already exists; use --force to replace it", file=sys.stderr)
            return 1
        shutil.rmtree(content)
    written = make_corpus(args.out, args.articles, args.photos, args.people, args.seed, args.jobs)
    print(f"{args.out}: {written['issues']} issues, {written['articles']} articles, {written['photos']} photos")
    return 0


def make_corpus(out: Path, articles: int, photos: int, people: int, seed: int, jobs: int = 1) -> dict[str, int]:
    rnd = random.Random(seed)
    names = _names(rnd, people)
    photo_jobs: list[tuple[Path, int]] = []
    weights = [1 / (rank + 1) for rank in range(len(names))]  # a long tail: a few write most
    content = out / "content"
    (content / "issues").mkdir(parents=True)
    (content / "index.md").write_text("---\ntitle: 首页\n---\n\n《合成报》是用来测速的示例报纸。\n", encoding="utf-8")
    (content / "about.md").write_text("---\ntitle: 关于本报\n---\n\n合成数据。\n", encoding="utf-8")
    _write_config(out)
    _write_people(content, names)
    issue_count = max(1, -(-articles // ITEMS_PER_ISSUE))
    start = dt.date(2016, 1, 10)
    written = photo_no = 0
    for number in range(1, issue_count + 1):
        date = start + dt.timedelta(days=10 * (number - 1))
        folder = content / "issues" / f"{date:%Y-%m-%d}"
        (folder / "images").mkdir(parents=True)
        pages = "".join(f"  - {{page: {p}, name: {name}}}\n" for p, name in enumerate(PAGES, 1))
        (folder / "issue.yml").write_text(
            f"number: {number}\ndate: {date}\ntotal: {number + 300}\npages:\n{pages}", encoding="utf-8")
        for slot in range(min(ITEMS_PER_ISSUE, articles - written)):
            image = ""
            # photos spread evenly over the 版 (slots go round the 4 版): count positions 版 by 版
            pos = written - slot + (slot % len(PAGES)) * -(-ITEMS_PER_ISSUE // len(PAGES)) + slot // len(PAGES)
            if photos and (pos + 1) * photos // articles > pos * photos // articles and photo_no < photos:
                image = f"p{photo_no:05d}.jpg"
                photo_jobs.append((folder / "images" / image, rnd.getrandbits(32)))
                photo_no += 1
            text = _article(rnd, names, weights, date, slot, image)
            (folder / f"a{slot:02d}-{written:05d}.md").write_text(text, encoding="utf-8")
            written += 1
    if jobs > 1 and len(photo_jobs) > 1:
        with multiprocessing.Pool(jobs) as pool:
            pool.starmap(_write_photo, photo_jobs, chunksize=8)
    else:
        for path, photo_seed in photo_jobs:
            _write_photo(path, photo_seed)
    return {"issues": issue_count, "articles": written, "photos": photo_no}


def _names(rnd: random.Random, count: int) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < count:
        names[rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))] = None
    return list(names)


def _article(rnd: random.Random, names: list[str], weights: list[float], date: dt.date, slot: int, image: str) -> str:
    kind = "photo" if image and slot % 3 == 0 else ("brief" if slot % 4 == 3 else "news")
    page = 1 + slot % len(PAGES)
    place = rnd.choice(PLACES)
    action = rnd.choice(ACTIONS)
    day = date - dt.timedelta(days=rnd.randint(1, 9))
    lines = ["---"]
    if kind != "photo":
        lines.append(f"title: {place}居民区{action}")
    if kind == "news" and rnd.random() < 0.4:
        lines.append(f"kicker: {rnd.choice(TOPICS)}")
    lines += [f"kind: {kind}", f"page: {page}", f"order: {slot * 10 + 10}"]
    people = rnd.choices(names, weights, k=3)
    if kind == "photo":
        lines.append(f"photographers: [{people[0]}]")
    else:
        lines.append(f"reporters: [{people[0]}]")
        if people[1] != people[0]:
            lines.append(f"correspondents: [{people[1]}]")
    if rnd.random() < 0.3:
        lines.append(f"source: {rnd.choice(UNITS)}")
    if image:
        lines += ["images:", f"  - {{src: images/{image}, caption: {place}居民区{action}现场, credit: {people[2]}}}"]
    lines += ["---", ""]
    paragraphs = 1 if kind != "news" else rnd.randint(2, 5)  # ~7,000 characters an issue: 4 A3 版 with photos
    body = [f"本报讯 {day.month}月{day.day}日，{place}居民区{rnd.choice(SUBJECTS)}{action}。" + _details(rnd)]
    body += [f"{rnd.choice(SUBJECTS)}负责人介绍，" + _details(rnd) + _details(rnd) for _ in range(paragraphs - 1)]
    return "\n".join(lines) + "\n" + "\n\n".join(body) + "\n"


def _details(rnd: random.Random) -> str:
    return "".join(rnd.choice(DETAILS).format(n=rnd.randint(20, 300), m=rnd.randint(2, 12)) for _ in range(3))


def _write_photo(path: Path, seed: int) -> None:
    """A 3000×2000 JPEG of ~1.3 MB (shapes plus sensor-like noise: it decodes like a photo) with EXIF and GPS."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed)
    base = tuple(rnd.randint(60, 200) for _ in range(3))
    small = Image.new("RGB", (750, 500), base)
    draw = ImageDraw.Draw(small)
    for _ in range(40):
        x, y = rnd.randint(0, 700), rnd.randint(0, 450)
        shape = draw.rectangle if rnd.random() < 0.6 else draw.ellipse
        shape((x, y, x + rnd.randint(12, 150), y + rnd.randint(12, 100)), fill=tuple(rnd.randint(0, 255) for _ in range(3)))
    img = small.resize((3000, 2000), Image.Resampling.BILINEAR)
    img = Image.blend(img, Image.frombytes("RGB", img.size, rnd.randbytes(3000 * 2000 * 3)), 0.10)
    exif = Image.Exif()
    exif[0x010F] = "Synthetic Camera"  # Make
    exif[0x0112] = 1  # Orientation
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85, exif=exif)
    path.write_bytes(buffer.getvalue())


def _write_people(content: Path, names: list[str]) -> None:
    """people.yml: titles for the most frequent bylines, and a slug for every name whose pinyin
    another name already has (许兰/徐兰), which the build would otherwise warn about."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from shequbao.content.slugs import make_person_slug

    lines = ["# 合成数据：常见署名的身份；拼音相同的姓名各有 slug"]
    taken: dict[str, int] = {}
    for rank, name in enumerate(names):
        slug = make_person_slug(name)
        entry = []
        if rank < 12:
            entry.append(f"  title: {'本报记者' if rank < 6 else '通讯员'}")
        if slug in taken:
            taken[slug] += 1
            entry.append(f"  slug: {slug}-{taken[slug]}")
        else:
            taken[slug] = 1
        if entry:
            lines += [f"{name}:", *entry]
    (content / "people.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_config(out: Path) -> None:
    (out / "mkdocs.yml").write_text(
        "site_name: 合成报\nsite_url: https://example.org/\ndocs_dir: content\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "nav:\n  - 首页: index.md\n  - 往期: issues/index.md\n  - 作者: people/index.md\n  - 图片: gallery/index.md\n"
        "  - 关于: about.md\n"
        "plugins:\n  - shequbao\n  - glightbox:\n      manual: true\nextra:\n  generator: false\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
