"""A 4开 layout of the foreign test set (see foreign_pdfs.py), set by WeasyPrint: a 370×520 mm
paper in 5 columns, built as a held-out check (set after the reader was tuned on the others).
A 版眉 of a green flag with the 版's name, the paper and the date; 本版编辑/校对 and the page
number at the foot; a front page with the name in Kai, a boxed 总第N期 and a 内部资料 strip;
栏目 labels over some modules; 引题 in bold sans left-aligned; bylines as "□ 本报记者 …" under
the headline, "（文/…）" after the body or "◎ 通讯员 …"; captions ending "（… 摄）"; 一句话新闻
with ● before each item and "（通讯员 …）" after. The HTML is in ``foreign/sikai*.html.j2``."""

from __future__ import annotations

from pathlib import Path

import jinja2

from foreign_pdfs import Issue, Story, list_units, pack_rows, set_bans

CAPACITY = 5200  # characters a 版 of 5 columns takes
EDITORS = ("孙敏", "吴国华")
LABELS = ("社区动态", "民生关注", "文明创建", "基层党建")


def write_sikai(issue: Issue, out: Path, photo: Path) -> None:
    import weasyprint

    env, _, bans = set_bans(issue, CAPACITY, ("要闻", "社区", "综合", "副刊"), EDITORS, "sikai_module.html.j2", _rows, photo)
    html = env.get_template("sikai.html.j2").render(issue=issue, bans=bans)
    weasyprint.HTML(string=html, base_url=str(photo.parent)).write_pdf(out)


def placements(story: Story, turn: int) -> dict:
    writers, shooters = story.writers(), story.photographers()
    both = shooters and all(r == "writer-photographer" for _, r in story.people)
    out = {"top": "", "tail": "", "credit": f"（{' '.join(shooters)} 摄）" if shooters else ""}
    if both:
        out["credit"] = ""
        out["tail"] = f"（文/图 {' '.join(shooters)}）"
    if story.source:
        out["tail"] = story.source
    if not writers or len(story.lead) > len("本报讯"):
        return out
    names = " ".join(n for n, _ in writers)
    if turn % 3 == 0 and story.headline:
        roles = {"reporter": "本报记者", "correspondent": "通讯员", "intern": "实习生"}
        out["top"] = "□ " + " ".join(f"{roles.get(r, '')} {n}".strip() for n, r in writers)
    elif turn % 3 == 1 or not story.headline:
        out["tail"] = f"（文/{names}）"
    else:
        out["top"] = "◎ 通讯员 " + names
    return out


def _rows(stories: list[Story], template, photo: str, page: int) -> list[list]:
    units: list[list] = []
    for index, story in list_units(stories):
        if isinstance(story, list):
            units.append([2, template.render(briefs=story, width=2)])
        else:
            width = 5 if story.chars >= 1300 else 3 if story.chars >= 600 else 2
            label = LABELS[(page + index) % len(LABELS)] if index % 2 == 0 else ""
            units.append([width, None, story, label, page * 2 + index])
    out = []
    for row in pack_rows(units, 5):
        out.append([jinja2.utils.markupsafe.Markup(u[1] if u[1] is not None else template.render(
            s=u[2], width=u[0], photo=photo, label=u[3], **placements(u[2], u[4]))) for u in row])
    return out
