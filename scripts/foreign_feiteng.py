"""The 飞腾-like layout of the foreign test set (see foreign_pdfs.py), set by WeasyPrint: an A3
paper in 6 columns. Modules 2, 3, 4 or 6 columns wide side by side; a headline in 黑体 over part
of a wide module with a 引题 in Kai above and a 副题 below; a tinted 2-column sidebar; bylines in
the placements real papers use, one per story in turn (本报记者 … on its own line right-aligned,
"文/… 图/…" on the left, "（…）" after the body, "■ …" closing the story); captions ending
"… 摄"; 社区简讯 in a tinted box with "（name）" after each; a 版眉 with the date, weekday, 版,
责任编辑 and 美术编辑; a front page with 本期导读 beside the masthead; a 报尾.
The HTML is in ``foreign/feiteng_*.html.j2``."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import jinja2

from foreign_pdfs import Issue, Story, list_units, pack_rows, set_bans

CAPACITY = 3900  # characters a 版 of 6 columns takes (with headlines, photos and white)
EDITORS = ("周伟", "李红梅")
ROLES = {"reporter": "本报记者", "correspondent": "通讯员", "intern": "实习生"}
WEEKDAYS = "一二三四五六日"


def write_feiteng(issue: Issue, out: Path, photo: Path) -> None:
    import weasyprint

    env, pages, bans = set_bans(issue, CAPACITY, ("要闻", "社区动态", "民生", "文化广角"), EDITORS, "feiteng_module.html.j2",
                                _rows, photo)
    guide = [f"{s.headline}（第{i + 1}版）" for i, (_, stories) in enumerate(pages) if i for s in stories[:2] if s.headline]
    html = env.get_template("feiteng_a3.html.j2").render(issue=issue, bans=bans, guide=guide[:4], weekday=weekday(issue.date))
    weasyprint.HTML(string=html, base_url=str(photo.parent)).write_pdf(out)


def weekday(date: str) -> str:
    year, month, day = (int(n) for n in re.findall(r"\d+", date))
    return "星期" + WEEKDAYS[datetime.date(year, month, day).weekday()]


def bylines(story: Story, turn: int) -> dict:
    """Where this story's names go (``turn`` picks the placement): ``top`` (a line under the
    headline), ``tail`` (after the last paragraph) or ``close`` (a line closing the story)."""
    writers, shooters = story.writers(), story.photographers()
    both = shooters and all(r == "writer-photographer" for _, r in story.people)
    credit = "" if both or not shooters else " ".join(shooters) + " 摄"
    out = {"top": "", "tail": "", "close": "", "left": False, "credit": credit}
    if both:
        out["credit"] = "文/图 " + " ".join(shooters)
    if story.source:
        out["close"] = story.source
    if not writers or len(story.lead) > len("本报讯"):
        return out
    names = " ".join(n for n, _ in writers)
    if turn % 4 == 0 or not story.headline:
        words, role = [], None
        for name, r in writers:
            if r != role:
                words.append(ROLES.get(r, ""))
            role = r
            words.append(name)
        out["top" if story.headline else "close"] = " ".join(w for w in words if w)
    elif turn % 4 == 1:
        out["tail"] = f"（{names}）"
    elif turn % 4 == 2:
        out["close"] = f"■ {names}"
    else:
        out["top"], out["left"] = f"文/{names}" + (f"　图/{' '.join(shooters)}" if shooters else ""), True
        out["credit"] = ""
    return out


def _width(story_chars: int) -> int:
    return 6 if story_chars >= 1500 else 4 if story_chars >= 800 else 3 if story_chars >= 450 else 2


def _rows(stories: list[Story], template, photo: str, page: int) -> list[list]:
    """Modules packed into rows of 6 columns; the last module of a row widened to fill it."""
    units: list[list] = []  # [width, render(width)]
    for index, story in list_units(stories):
        if isinstance(story, list):
            chars = sum(s.chars for s in story)
            units.append([max(2, _width(chars) - 1), lambda w, g=story: template.render(briefs=g, width=w)])
        else:
            turn = page * 3 + index
            width = _width(story.chars + (250 if story.captions or story.kind == "photo" else 0))
            units.append([width, lambda w, s=story, t=turn: template.render(
                s=s, width=w, photo=photo, side=w == 2 and s.kind == "news", **bylines(s, t))])
    rows = pack_rows(units, 6)
    return [[jinja2.utils.markupsafe.Markup(render(width)) for width, render in row] for row in rows]
