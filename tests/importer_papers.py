"""Random issues of a paper, printed by the project's own print engine, for the importer's
tests: hypothesis draws the items (news with 引题/副题, bylines of every role, photos with
captions and credits, section headings, lists, 短消息, photo items, notices, sources) and
the pages; ``print_paper`` writes them as content and makes the PDF with
``shequbao.print.build_editions``, as a build does."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st
from PIL import Image

# Common characters of community news, and a few sentence patterns: text that reads like
# the paper's own, in random order.
WORDS = (
    "居民 社区 街道 小区 楼组 志愿者 老人 孩子 活动 服务 中心 工作 项目 改造 电梯 垃圾 分类 绿化 停车 安全 "
    "党员 议事会 物业 健康 文化 广场 食堂 助餐 门诊 消防 演练 培训 讲座 课堂 邻里 节日 春节 中秋 重阳 "
    "健身 步道 公园 花坛 楼道 车棚 充电 维修 检查 走访 慰问 登记 报名 开放 启用 签约 征询 评议 表彰"
).split()
VERBS = "组织 开展 举办 召开 推出 完成 建成 走进 参加 听取 收集 落实 整理 安排 提醒".split()
PLACES = "银杏坊 丹桂 香樟 金桂苑 桂园新村 枫林路 银杏路 桂园路".split()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰建华志红玉萍德荣春梅海燕晓峰玲琴云飞鹏"
ORGS = ["街道社区服务中心", "香樟居民区党支部", "街道平安办", "社区自治办", "丹桂居民区居委会"]
ROLES = ("reporters", "correspondents", "interns", "authors", "photographers")


@st.composite
def sentences(draw, least: int = 1, most: int = 4) -> str:
    out = []
    for _ in range(draw(st.integers(least, most))):
        place, word, verb, other = (draw(st.sampled_from(pool)) for pool in (PLACES, WORDS, VERBS, WORDS))
        place += draw(st.sampled_from(["", "", f"{draw(st.integers(1, 120))}号楼", f"{draw(st.integers(1, 30))}弄"]))
        count = draw(st.integers(1, 3000))
        end = draw(st.sampled_from("。。。！？"))
        shape = draw(st.integers(0, 3))
        if shape == 0:
            out.append(f"{place}{word}{verb}{other}，{count}名{draw(st.sampled_from(WORDS))}参加{end}")
        elif shape == 1:
            out.append(f"“{word}{verb}了{other}，{place}的{draw(st.sampled_from(WORDS))}更好了。”{place}的居民说。")
        elif shape == 2:
            out.append(f"{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日，{place}{verb}{word}和{other}{end}")
        else:
            out.append(f"下一步，{place}还将{verb}{word}，让{other}{draw(st.sampled_from(WORDS))}落到实处{end}")
    return "".join(out)


names = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), st.text(GIVEN, min_size=1, max_size=2))
short_text = st.builds(lambda a, b: a + b, st.sampled_from(PLACES), st.sampled_from(WORDS))


@st.composite
def headline(draw) -> str:
    parts = [draw(st.sampled_from(PLACES)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(WORDS))]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(WORDS)) + draw(st.sampled_from(["", "新", "“" + draw(st.sampled_from(WORDS)) + "”"])))
    return "".join(parts)


@st.composite
def bodies(draw, most: int) -> list[str]:
    paras = [draw(sentences(1, 5)) for _ in range(draw(st.integers(1, most)))]
    if len(paras) >= 3 and draw(st.integers(0, 3)) == 0:  # a section heading inside the story
        paras.insert(draw(st.integers(1, len(paras) - 1)), "### " + draw(short_text))
    if len(paras) >= 2 and draw(st.integers(0, 4)) == 0:  # a list
        paras.insert(1, "\n".join(f"{n}. {draw(sentences(1, 1))}" for n in range(1, draw(st.integers(2, 4)))))
    return paras


@st.composite
def items(draw, pages: int) -> dict:
    kind = draw(st.sampled_from(["news", "news", "news", "brief", "brief", "photo", "notice"]))
    item = {"kind": kind, "page": draw(st.integers(1, pages)), "title": draw(headline())}
    if kind == "notice":
        item["title"] = f"关于{item['title']}的通知"
    if kind == "news" and draw(st.booleans()):
        item["kicker"] = draw(short_text)
    if kind == "news" and draw(st.booleans()):
        item["subtitle"] = draw(headline())
    roles = ["photographers"] if kind == "photo" else draw(st.lists(st.sampled_from(ROLES), min_size=0, max_size=3, unique=True))
    item["people"] = {role: draw(st.lists(names, min_size=1, max_size=2, unique=True)) for role in roles}
    if kind in ("news", "notice", "brief") and draw(st.integers(0, 2)) == 0:
        item["source"] = draw(st.sampled_from(ORGS))
    most = {"news": 9, "notice": 5, "brief": 2, "photo": 1}[kind]
    item["body"] = draw(bodies(most))
    photos = draw(st.integers(1, 3)) if kind == "photo" else draw(st.sampled_from([0, 0, 1, 1, 2])) if kind == "news" else 0
    item["photos"] = [{"caption": draw(sentences(1, 1)).rstrip("。！？"), "credit": draw(st.one_of(st.none(), names)),
                       "size": draw(st.sampled_from([(400, 260), (300, 300), (260, 390), (480, 270)]))}
                      for _ in range(photos)]
    if kind == "photo" and draw(st.booleans()):
        item["title"] = ""
    return item


@st.composite
def papers(draw, most_pages: int = 4, most_items: int = 9) -> dict:
    pages = draw(st.integers(1, most_pages))
    chosen = draw(st.lists(items(pages), min_size=pages, max_size=most_items))
    for page in range(1, pages + 1):  # every 版 holds something
        if not any(i["page"] == page for i in chosen):
            chosen[page - 1]["page"] = page
    return {"pages": pages, "items": chosen}


def _front(item: dict, slug: str, order: int) -> str:
    lines = [f"title: {item['title']}"] if item["title"] else []
    lines += [f"{key}: {item[key]}" for key in ("kicker", "subtitle") if item.get(key)]
    lines += [f"kind: {item['kind']}", f"page: {item['page']}", f"order: {order}"]
    lines += [f"{role}: [{', '.join(people)}]" for role, people in item["people"].items()]
    if item.get("source"):
        lines.append(f"source: {item['source']}")
    if item["photos"]:
        lines.append("images:")
        for n, photo in enumerate(item["photos"]):
            credit = f", credit: {photo['credit']}" if photo["credit"] else ""
            lines.append(f"  - {{src: images/{slug}-{n}.jpg, caption: {photo['caption']}{credit}}}")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + "\n\n".join(item["body"]) + "\n"


def write_paper(content: Path, paper: dict, issue_id: str = "2025-01") -> Path:
    folder = content / "issues" / issue_id
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "images").mkdir(parents=True)
    yml = "number: 7\ndate: 2025-01-15\ntotal: 107\npages:\n" + "".join(
        f"  - {{page: {n}, name: 版面{n}, editor: 周敏}}\n" for n in range(1, paper["pages"] + 1))
    (folder / "issue.yml").write_text(yml, encoding="utf-8")
    for order, item in enumerate(paper["items"], start=1):
        slug = f"item-{order}"
        (folder / f"{slug}.md").write_text(_front(item, slug, order * 10), encoding="utf-8")
        for n, photo in enumerate(item["photos"]):
            shade = (40 + 50 * (order % 4), 90 + 30 * (n % 3), 160 - 20 * (order % 5))
            Image.new("RGB", photo["size"], shade).save(folder / f"images/{slug}-{n}.jpg", quality=85)
    return folder


@dataclass
class Printed:
    issue: object  # the model's Issue
    pdf: Path
    content: Path
    messages: tuple


def print_paper(root: Path, paper: dict, options=None, **paper_fields) -> Printed:
    """Write ``paper`` under ``root`` and print it as a build does (one worker, no page images)."""
    from shequbao.content.load import load_archive
    from shequbao.model import Paper
    from shequbao.print import PrintOptions, build_editions

    content = root / "content"
    write_paper(content, paper)
    fields = {"name": "桂园", "publisher": "桂园街道办事处", **paper_fields}
    archive, _ = load_archive(content, Paper(**fields))
    [pdf] = build_editions(archive, content, root / "cache", options or PrintOptions("A3"), workers=1, images=False)
    return Printed(archive.issues[0], pdf.path, content, pdf.messages)
