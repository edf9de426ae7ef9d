"""The WeasyPrint layouts of the foreign test set (see foreign_pdfs.py): an A3 paper in 4
columns and a Word-like A4 document. The HTML is in ``foreign/*.html.j2``."""

from __future__ import annotations

from pathlib import Path

import jinja2

from foreign_pdfs import Issue, Story, list_units, plan_pages

SHORT = 900  # characters: a story this short is a module of half the page's width
A3_CAPACITY = 6200  # characters a 版 of 4 columns takes (with headlines and white)
EDITORS = ("王丽", "张建国")


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "foreign"), autoescape=True)


def write_weasy(engine: str, issue: Issue, out: Path, photo: Path) -> None:
    import weasyprint

    env = _env()
    if engine == "weasy-a3":
        module = env.get_template("module_a3.html.j2")
        pages = [(name, _rows(stories, module, photo.as_uri())) for name, stories in plan_pages(issue.stories, A3_CAPACITY)]
        html = env.get_template("paper_a3.html.j2").render(issue=issue, pages=pages, editors=EDITORS)
    else:
        html = env.get_template("word_a4.html.j2").render(issue=issue, stories=issue.stories, photo=photo.as_uri())
    weasyprint.HTML(string=html, base_url=str(photo.parent)).write_pdf(out)


def _rows(stories: list[Story], template, photo: str) -> list[list]:
    """Modules in rows: short ones two side by side, long ones across the page; consecutive
    briefs in one boxed 短消息."""
    units: list[tuple[bool, object]] = []  # (short, markup)
    for _, story in list_units(stories):
        if isinstance(story, list):
            units.append((True, template.render(briefs=story, photo=photo)))
        else:
            short = story.chars < SHORT
            units.append((short, template.render(s=story, briefs=None, photo=photo, cols="cols2" if short else "cols4")))
    rows: list[list] = []
    waiting = None
    for short, markup in units:
        markup = jinja2.utils.markupsafe.Markup(markup)
        if not short:
            rows.append([markup])
        elif waiting is None:
            waiting = [markup]
            rows.append(waiting)
        else:
            waiting.append(markup)
            waiting = None
    return rows
