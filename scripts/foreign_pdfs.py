#!/usr/bin/env python3
"""A foreign test set: the corpus issues (and one fixture of our own) set by other engines.

Editors' back issues were not set by our Typst print edition. To measure the PDF importer on
layouts it was not written for, each issue of ``../shared/corpus`` (its ``*.txt`` and the
structure of ``truth.json``: headlines, 引题/副题, bylines, captions, 短消息) and the fixture
below are set, at test or eval time, never committed, by:

- ``weasy-a3``: WeasyPrint (HTML/CSS), an A3 paper in 4 columns: masthead, 版眉, modules
  side by side, a boxed 短消息, 责任编辑/美编 lines, a 报尾;
- ``weasy-a4``: WeasyPrint, a Word-like A4 document in one column: 第 N 页 footers, bylines
  on a line closing each article, stories running over page breaks;
- ``reportlab``: reportlab, A4 in 3 columns: boxed headlines, a Kai face (AR PL UKai),
  bylines in brackets after the body, a long story cut with 下转/上接;
- ``feiteng-a3`` (``foreign_feiteng``): WeasyPrint, A3 in 6 columns as 方正飞腾 papers are set:
  headlines over 2–6 columns with 引题 and 副题, bylines flush right, "文/… 图/…", "（…）" or
  "■ …", captions "… 摄", tinted 社区简讯, 本期导读 by the masthead, a one-line 版眉 with 责任编辑;
- ``word2-a4`` (``foreign_word2``): reportlab, a Word-like 简报 in 2 columns: red title block,
  fake-bold Song headlines, Kai body at 10.5 pt, "- N -" footers, 【简讯】, 报送/印发 block;
- ``sikai`` (``foreign_sikai``): WeasyPrint, a 4开 paper in 5 columns, made as a held-out check
  after the reader was tuned on the others: 栏目 labels on rules, bold 引题, "□ 本报记者 …" and
  "◎ 通讯员 …" bylines, ● 一句话新闻, page numbers at the foot.

    python scripts/foreign_pdfs.py OUT_DIR [ENGINE ...]   # writes OUT_DIR/<engine>/<issue>.pdf

The eval (``scripts/eval_import.py --foreign``) and ``tests/test_importer_foreign.py`` use
:func:`foreign_pdf` and :func:`load_issues`.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/corpus beside the project (or beside the folder of its worktrees)
CORPUS = next((p / "shared/corpus" for p in ROOT.parents if (p / "shared/corpus").is_dir()), ROOT.parent / "shared/corpus")
ENGINES = ("weasy-a3", "weasy-a4", "reportlab", "feiteng-a3", "word2-a4", "sikai")
ROLE_WORDS = {"reporter": "记者", "correspondent": "通讯员", "intern": "实习生"}
_ENDS = "。！？”」）…)!?"


@dataclass
class Story:
    """One article as the source gives it: what a reader sees printed, and the key to score by."""

    kind: str  # news, brief, photo
    headline: str | None
    deck: str | None = None
    deck_above: bool = False  # 引题 (above the headline) or 副题 (below)
    people: list[tuple[str, str]] = field(default_factory=list)  # (name, role of the key)
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    lead: str = ""  # 本报讯（记者 …） printed before the body
    source: str = ""  # （社区党群办）
    first: str = ""  # the key: first and last 15 characters of the body
    last: str = ""

    @property
    def chars(self) -> int:
        return sum(len(p) for p in self.paragraphs + self.captions) + len(self.headline or "")

    def writers(self) -> list[tuple[str, str]]:
        return [(n, r) for n, r in self.people if r != "photographer" and r != "writer-photographer"]

    def photographers(self) -> list[str]:
        return [n for n, r in self.people if r in ("photographer", "writer-photographer")]

    def byline(self, bare: bool = False) -> str:
        """通讯员 田慧聪 记者 毛玺玺 (``bare``: the names only, as after ■)."""
        if len(self.lead) > len("本报讯"):  # the names are in the lead
            return ""
        words, role = [], None
        for name, r in self.writers():
            if not bare and r != role:
                words.append(ROLE_WORDS.get(r, ""))
            role = r
            words.append(name)
        return " ".join(w for w in words if w)

    def credit(self) -> str:
        shooters = self.photographers()
        if not shooters:
            return ""
        both = all(r == "writer-photographer" for n, r in self.people if n in shooters)
        return ("文/图 " if both else "") + " ".join(shooters) + ("" if both else " 摄")


@dataclass
class Issue:
    key: str  # file name in the corpus (or the fixture's)
    paper: str
    publisher: str
    number: int
    date: str  # 2012年7月25日
    stories: list[Story]


def load_issues(corpus: Path = CORPUS, fixture: bool = True) -> list[Issue]:
    """Every corpus issue with its answer key, and (``fixture``) our own fixture issue."""
    out = []
    truth_file = corpus / "truth.json"
    if truth_file.is_file():
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        for path in sorted(corpus.glob("*.txt")):
            if path.name in truth:
                out.append(read_corpus_issue(path, truth[path.name]["articles"]))
    if fixture:
        from foreign_fixture import fixture_issue

        out.append(fixture_issue())
    return out


PAPERS = {"pingliang": ("平凉社区报", "平凉路街道"), "shimen2": ("石二社区报", "石门二路街道"),
          "weidong": ("卫东社区", "卫东区委宣传部")}


def read_corpus_issue(path: Path, articles: list[dict]) -> Issue:
    """The stories of a corpus file: bodies found by the key's first/last characters, page
    breaks of the extraction joined, caption lines taken out of the body."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    starts, joined = [], ""
    for line in lines:
        starts.append(len(joined))
        joined += line
    stories, pos = [], 0
    for art in articles:
        start = joined.find(art["first_chars"], pos)
        end = joined.find(art["last_chars"], start) + len(art["last_chars"])
        if start < 0 or end < start:
            raise ValueError(f"{path.name}: 找不到 {art['first_chars']}")
        story = Story(art["kind"], art["headline"], art.get("subheadline"), first=art["first_chars"],
                      last=art["last_chars"], captions=list(art.get("captions") or []),
                      people=[(p["name"], p["role"]) for p in art["people"]])
        story.source = f"（{art['source_unit']}）" if art.get("source_unit") else ""
        if story.deck:
            story.deck = story.deck.removeprefix("——")
            story.deck_above = joined.rfind(story.deck, 0, start) < joined.rfind(story.headline, 0, start)
        _fill_body(story, lines, starts, joined, start, end)
        stories.append(story)
        pos = end
    name = path.stem.split("-")[0]
    year, month = re.findall(r"\d+", path.stem)[-2:]
    paper, publisher = PAPERS.get(name, (f"{name}社区报", f"{name}街道"))
    return Issue(path.name, paper, publisher, int(month) + 30, f"{year}年{int(month)}月25日", stories)


def _fill_body(story: Story, lines: list[str], starts: list[int], joined: str, start: int, end: int) -> None:
    paras: list[str] = []
    for index, line in enumerate(lines):
        a, b = starts[index], starts[index] + len(line)
        if b <= start or a >= end:
            continue
        part = joined[max(a, start):min(b, end)]
        if a < start and index == next(i for i, s in enumerate(starts) if s + len(lines[i]) > start):
            prefix = joined[a:start]
            if prefix.startswith("本报讯"):
                story.lead = prefix
        if part in story.captions:
            continue
        if paras and not paras[-1].endswith(tuple(_ENDS)):
            paras[-1] += part  # a page or caption break of the extraction
        else:
            paras.append(part)
    story.paragraphs = paras


def list_units(stories: list[Story]) -> list[tuple[int, "Story | list[Story]"]]:
    """The modules of a 版 in order, as (index, story), consecutive briefs joined into one
    (index of the last, list of briefs): they are set in one boxed 短消息."""
    units: list[tuple[int, Story | list[Story]]] = []
    for index, story in enumerate(stories):
        if story.kind == "brief" and units and isinstance(units[-1][1], list):
            units[-1] = (index, [*units[-1][1], story])
        else:
            units.append((index, [story] if story.kind == "brief" else story))
    return units


def pack_rows(units: list[list], columns: int) -> list[list]:
    """Modules ``[width, …]`` packed into rows of ``columns``, the last of a row widened to fill it."""
    rows: list[list] = []
    for unit in units:
        if rows and sum(u[0] for u in rows[-1]) + unit[0] <= columns:
            rows[-1].append(unit)
        else:
            rows.append([unit])
    for row in rows:
        row[-1][0] += columns - sum(u[0] for u in row)
    return rows


def set_bans(issue: "Issue", capacity: int, names: tuple[str, ...], editors: tuple[str, ...], module: str,
             rows, photo: Path):
    """What a WeasyPrint layout of many 版 renders: its Jinja environment (``foreign/``), the 版
    planned at ``capacity`` characters and, for each, its name, editor and ``rows`` of modules
    (``rows(stories, module_template, photo_uri, index)``)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "foreign"), autoescape=True)
    template = env.get_template(module)
    pages = plan_pages(issue.stories, capacity, names=names)
    bans = [{"name": name, "editor": editors[i % len(editors)], "rows": rows(stories, template, photo.as_uri(), i)}
            for i, (name, stories) in enumerate(pages)]
    return env, pages, bans


def plan_pages(stories: list[Story], capacity: int, names: tuple[str, ...] = ("要闻", "社区", "综合", "文化")) -> list[tuple[str, list[Story]]]:
    """Stories by 版, in order: a 版 takes stories until ``capacity`` characters."""
    pages: list[tuple[str, list[Story]]] = []
    used = capacity
    for story in stories:
        weight = story.chars + 60 * len(story.captions) + (300 if story.kind == "photo" else 0)
        if used + weight > capacity and not (story.kind == "brief" and pages and pages[-1][1][-1].kind == "brief"):
            pages.append((names[len(pages) % len(names)], []))
            used = 0
        pages[-1][1].append(story)
        used += weight
    return pages


def photo_file(cache: Path) -> Path:
    """A stand-in photo: a grey picture with some shapes (the importer needs its box only)."""
    from PIL import Image, ImageDraw

    path = cache / "photo.png"
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        image = Image.new("RGB", (480, 320), (150, 160, 170))
        draw = ImageDraw.Draw(image)
        draw.ellipse((60, 60, 220, 220), fill=(90, 110, 130))
        draw.rectangle((260, 120, 440, 300), fill=(200, 190, 170))
        image.save(path)
    return path


def foreign_pdf(engine: str, issue: Issue, cache: Path) -> Path:
    """The PDF of ``issue`` set by ``engine`` (made once into ``cache``)."""
    out = cache / engine / (Path(issue.key).stem + ".pdf")
    if out.exists():
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    if engine == "feiteng-a3":
        from foreign_feiteng import write_feiteng

        write_feiteng(issue, out, photo_file(cache))
    elif engine == "sikai":
        from foreign_sikai import write_sikai

        write_sikai(issue, out, photo_file(cache))
    elif engine == "word2-a4":
        from foreign_word2 import write_word2

        write_word2(issue, out, photo_file(cache))
    elif engine.startswith("weasy"):
        from foreign_weasy import write_weasy

        write_weasy(engine, issue, out, photo_file(cache))
    elif engine == "reportlab":
        from foreign_reportlab import write_reportlab

        write_reportlab(issue, out, photo_file(cache))
    else:
        raise ValueError(f"unknown engine {engine}")
    return out


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 1
    out, engines = Path(argv[0]), argv[1:] or list(ENGINES)
    for issue in load_issues():
        for engine in engines:
            print(foreign_pdf(engine, issue, out))
    return 0


sys.path.insert(0, str(Path(__file__).resolve().parent))

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
