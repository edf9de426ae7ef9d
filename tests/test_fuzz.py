"""Property-based fuzzing (hypothesis) of the loader and the importer.

- Random front matter, issue.yml and people.yml (random keys, types, nesting; unicode with RTL
  marks, emoji, combining characters, NUL, very long strings) never crash the loader with
  anything but ContentError: it loads, or it names the problems.
- Random plain text, including the byline and headline shapes the importer looks for, never
  crashes the importer and loses no character: every non-whitespace input character ends up
  in a draft or in what the importer reports as removed structure (the measure of
  scripts/eval_import.py).

Deterministic (derandomize) and bounded, so CI runs the same examples every time.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shequbao.content.load import ARTICLE_FIELDS, ISSUE_FIELDS, load_archive
from shequbao.content.reading import split_front_matter
from shequbao.importer.drafts import build as build_drafts
from shequbao.importer.segment import segment
from shequbao.model import Paper
from shequbao.problems import ContentError, Problem

ROOT = Path(__file__).resolve().parents[1]
FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_spec = importlib.util.spec_from_file_location("eval_import", ROOT / "scripts/eval_import.py")
eval_import = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_import)

# -- strategies ---------------------------------------------------------------------------

ODD = ["\u200f", "\u202e", "\u200b", "\ufeff", "\u0301", "\u0308", "👨‍👩‍👧", "🧧", "\x00", "\t", "\u3000", "：",
       "■", "—", "“", "”", "'", '"', ":", "#", "-", "[", "{", "&", "*", "!", "|", ">", "%", "@", "`", "\\"]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
ANY_CHAR = st.characters(blacklist_categories=("Cs",))


def pieces(*alternatives, max_size: int) -> st.SearchStrategy[str]:
    """Strings joined from characters and longer pieces (an emoji sequence, "本报讯" …)."""
    return st.lists(st.one_of(*alternatives), max_size=max_size).map("".join)


TEXT = pieces(CJK, st.sampled_from(ODD), ANY_CHAR, max_size=30)
LONG = st.builds(lambda s, n: s * n, st.text(CJK, min_size=1, max_size=5), st.integers(500, 5000))
SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2, 12), st.floats(allow_nan=True),
    TEXT, LONG, st.dates().map(dt.date.isoformat), st.sampled_from(["2023-02-30", "2023-5-8", "images/dianti.jpg",
                                                                    "../../etc/passwd", "news", "photo", "brief"]),
)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.one_of(TEXT, st.sampled_from(("src", "caption", "credit"))), inner, max_size=4)),
                     max_leaves=12)
KEY = st.one_of(st.sampled_from(ARTICLE_FIELDS), TEXT.filter(bool), st.integers(), st.booleans())


def front_matter_text(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def paper_with(files: dict[str, str | bytes]) -> Path:
    """A one-issue paper in a fresh temporary folder, plus ``files`` (relative to content/)."""
    root = Path(tempfile.mkdtemp(prefix="sqb-fuzz-"))
    content = root / "content"
    issue = content / "issues/2023-05"
    (issue / "images").mkdir(parents=True)
    (issue / "issue.yml").write_text("number: 7\ndate: 2023-05-20\npages:\n  - {page: 1, name: 要闻}\n", encoding="utf-8")
    (issue / "images/dianti.jpg").write_bytes(b"\xff\xd8\xff")  # the loader only checks that it is there
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    return root


def loads_or_names_problems(files: dict[str, str | bytes]) -> None:
    root = paper_with(files)
    try:
        try:
            _, problems = load_archive(root / "content", Paper("梧桐里"), drafts=True)
        except ContentError as error:
            problems = error.problems
            assert any(p.severity == "error" for p in problems)
        for problem in problems:
            assert isinstance(problem, Problem) and problem.message and isinstance(problem.path, str)
            assert problem.line is None or problem.line >= 1
            problem.format("content")
    finally:
        shutil.rmtree(root)


# -- the loader ---------------------------------------------------------------------------


@FUZZ
@given(st.dictionaries(KEY, VALUE, max_size=8))
@example({"title": "社区", "page": 1, "images": [{"src": "images/a\x00.jpg"}]})  # NUL in a path: was a ValueError
@example({"title": "社区", "page": 1, "images": [{"src": "a" * 5000 + ".jpg"}]})  # name too long: was an OSError
@example({"title": None})  # a problem with a line and one without in one file: sorting them was a TypeError
@example({"title": "   ", "page": 1})  # only spaces: was accepted as a news article without a title
@example({1: "x", "title": "社区", "page": 1})  # a number as a key
def test_random_front_matter_loads_or_names_its_problems(data):
    loads_or_names_problems({"issues/2023-05/a.md": "---\n" + front_matter_text(data) + "---\n\n正文。\n"})


@FUZZ
@given(pieces(CJK, st.sampled_from(ODD + ["\n", "---", "title: ", "page: 1", "  - "]), ANY_CHAR, max_size=200),
       st.sampled_from(["", "\ufeff"]), st.sampled_from(["\n", "\r\n", "\r"]))
@example("title: 社区\x00开展\npage: 1\n", "", "\n")  # NUL: a Chinese message with its line
@example("title: a\npage: 1\ntitle: b\n", "", "\n")  # a key written twice
@example("? [a, b]\n: 1\n", "", "\n")  # a key that is a list
def test_raw_front_matter_text_loads_or_names_its_problems(text, bom, newline):
    raw = (bom + "---\n" + text + "\n---\n\n正文。\n").replace("\n", newline)
    loads_or_names_problems({"issues/2023-05/a.md": raw})


@FUZZ
@given(st.dictionaries(st.one_of(st.sampled_from(ISSUE_FIELDS), TEXT), VALUE, max_size=6),
       st.dictionaries(st.one_of(TEXT, st.sampled_from(["郑爽", "郑爽@梧桐", "记者郑爽"])), VALUE, max_size=4),
       st.binary(max_size=40))
@example({"number": 7, "date": "2023-05-20", "pages": [{"page": 1, "name": "要闻"}]}, {"郑爽": {"titel": "记者"}}, b"")
def test_random_issue_and_people_files_load_or_name_their_problems(issue, people, junk):
    loads_or_names_problems({
        "issues/2023-06/issue.yml": front_matter_text(issue),
        "people.yml": front_matter_text(people),
        "issues/2023-06/b.md": b"---\ntitle: " + junk + b"\npage: 1\n---\n",  # any bytes: GBK, invalid UTF-8 …
    })


# -- the importer -------------------------------------------------------------------------

NAME = st.text(CJK, min_size=2, max_size=3)
SHAPES = st.one_of(
    st.builds("本报讯（记者 {} 通讯员 {}）{}".format, NAME, NAME, TEXT),
    st.builds("■{}".format, NAME),
    st.builds("■记者 {} 实习生 {}".format, NAME, NAME),
    st.builds("{} 摄".format, NAME),
    st.builds("（{} {}）".format, NAME, NAME),
    st.builds("文/{} 图/{}".format, NAME, NAME),
    st.builds("第{}版 {}".format, st.integers(1, 12), TEXT),
    st.builds("第{}期 总第{}期".format, st.integers(1, 999), st.integers(1, 9999)),
    st.builds("# {}".format, TEXT), st.builds("## {}".format, TEXT),
    st.builds("——{}".format, TEXT),
    st.builds("{}月{}日上午，{}。".format, st.integers(0, 13), st.integers(0, 32), TEXT),
    st.builds("责任编辑：{}".format, NAME),
    st.sampled_from(["简讯", "图片新闻", "社区动态", "一、", "（一）", "2019年工作回顾", "通知", "（完）", "本报讯", "■", "——"]),
    st.text(CJK, min_size=4, max_size=20),  # a headline-like line
    st.builds(lambda s: s + "。", st.text(CJK, min_size=20, max_size=80)),  # a sentence
    TEXT,
)
LINES = st.lists(st.one_of(SHAPES, st.just("")), max_size=30)


def no_character_lost(text: str) -> None:
    parsed = segment(text)
    drafts = build_drafts(parsed, year=2012, issue_date=None)
    lost = eval_import.lost_characters(text, parsed, drafts)
    assert not lost, f"lost {''.join(sorted(lost.elements()))!r}"
    for draft in drafts:  # every draft is a file the loader's reader reads back, with its fields
        doc, body, _ = split_front_matter(draft.text)
        assert draft.name.endswith(".md") and isinstance(doc.data, dict)
        assert doc.data.get("page") == draft.meta["page"] and doc.data.get("kind", "news") == draft.meta["kind"]


@settings(FUZZ, max_examples=300)
@given(LINES)
@example(["本报讯（记者 陈玲 通讯员 张志举）近日，社区开展活动。", "■王芳"])
@example(["# 标题", "", "正文第一段。", "（完）"])
@example(["本报讯（记者 一一 通讯员 一一）", "第1版 一一一一\x00"])  # a NUL from the extraction was lost
@example(["\ufeff近日，社区开展活动。"])  # so was a BOM
def test_importer_never_crashes_and_loses_no_character(lines):
    no_character_lost("\n".join(lines))


@settings(FUZZ, max_examples=300)
@given(pieces(CJK, st.sampled_from(ODD + ["\n", "\n\n", "。", "，", "记者", "摄", "本报讯", "第1版"]), ANY_CHAR, max_size=400))
@example("#一#")  # the closing # of a Markdown heading was lost
def test_importer_on_any_text_loses_no_character(text):
    no_character_lost(text)


# -- whole content folders (issue 21) ------------------------------------------------------

SECRET = "SQB-FUZZ-SECRET-91d2"
NAMES = st.sampled_from(["a", "b.md", "c.md", ".d.md", "e.jpg", "issue.yml", "people.yml", "images", "assets", "x.svg",
                         "index.md", "about.md", "page", "2023-07", "env.txt", "Thumbs.db", "z y.md"])
PLACES = st.sampled_from(["", "issues", "issues/2023-05", "issues/2023-05/images", "issues/2023-07", "assets", "images"])
YAML_TEXT = st.one_of(
    st.dictionaries(KEY, VALUE, max_size=5).map(front_matter_text),
    st.sampled_from(["a: &a [*a]\n", "x: &x [1, 2]\ny: [*x, *x]\n", "null: 1\n", "? [a]\n: b\n", "title: \"\\x07\"\n",
                     "[" * 50 + "]" * 50 + "\n", "number: 9\ndate: 20230720\npages: [{page: 1, name: 要闻}]\n",
                     "number: 9\ndate: 2023-07-20\npages: [{page: 1, name: 要闻}]\n"]),
)
ENTRY = st.tuples(PLACES, NAMES, st.sampled_from(["md", "yml", "bytes", "photo", "link-out", "link-out-dir", "link-in",
                                                  "broken-link", "fifo", "dir"]), YAML_TEXT, TEXT)
TREES = settings(FUZZ, max_examples=40)


def plant(root: Path, entries) -> None:
    """Random files, folders, links (inside and outside content/) and FIFOs into a copy of a paper."""
    content, outside = root / "content", root / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\npage: 1\n---\n\n{SECRET}\n", encoding="utf-8")
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder/issue.yml").write_text(f"number: 99\ndate: 2023-08-20\ntitle: {SECRET}\npages: [{{page: 1, name: 要闻}}]\n",
                                              encoding="utf-8")
    for place, name, kind, yaml_text, text in entries:
        path = content / place / name
        if path.exists() or path.is_symlink():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "md":
            path.write_text("---\n" + yaml_text + "---\n\n" + text + "\n", encoding="utf-8", errors="surrogatepass")
        elif kind == "yml":
            path.write_text(yaml_text, encoding="utf-8")
        elif kind == "bytes":
            path.write_bytes(text.encode("utf-8", "surrogatepass") + SECRET.encode())
        elif kind == "photo":
            path.write_bytes((root / "content/issues/2023-05/images/dianti.jpg").read_bytes())
        elif kind == "link-out":
            path.symlink_to(outside / "secret.md")
        elif kind == "link-out-dir":
            path.symlink_to(outside / "folder", target_is_directory=True)
        elif kind == "link-in":
            path.symlink_to(content / "issues/2023-05/issue.yml")
        elif kind == "broken-link":
            path.symlink_to(outside / "nothing")
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.mkdir()


@TREES
@given(st.lists(ENTRY, min_size=1, max_size=8))
@example([("", "env.txt", "link-out", "", ""), ("issues", "2023-07", "link-out-dir", "", "")])
@example([("issues/2023-05", "b.md", "fifo", "", ""), ("issues/2023-05", "c.md", "dir", "", "")])
@example([("assets", "x.svg", "bytes", "", ""), ("", "about.md", "md", "a: &a [*a]\n", "")])
def test_random_content_folders_never_leak_or_crash(entries):
    """Random trees of files, links, FIFOs, names and YAML: `check` and a strict build end in a
    message or a site, never a traceback; content/ is unchanged; a failed build leaves no site;
    and nothing from outside content/ ever reaches site/."""
    from conftest import build, make_photo
    from mkdocs.exceptions import Abort, PluginError

    root = Path(tempfile.mkdtemp(prefix="sqb-tree-"))
    try:
        shutil.copytree(ROOT / "tests/fixtures/mini", root / "mini")
        site = root / "mini"
        make_photo(site / "content/issues/2023-05/images/dianti.jpg")
        make_photo(site / "content/issues/2023-05/images/huayuan.jpg", (60, 140, 80))
        plant(site, entries)
        before = _state(site / "content")
        try:
            load_archive(site / "content", Paper("梧桐里"), drafts=True)
        except ContentError as error:
            assert all(p.message and isinstance(p.path, str) for p in error.problems)
        try:
            out = build(site)
        except (PluginError, Abort):
            assert not (site / "site").exists() and not (site / "site.building").exists()
        else:
            for path in out.rglob("*"):
                assert not path.is_symlink(), path
                if path.is_file():
                    assert SECRET.encode() not in path.read_bytes(), path
        assert _state(site / "content") == before
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _state(folder: Path) -> dict[str, str]:
    import hashlib
    import stat as stat_module

    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        key = path.relative_to(folder).as_posix()
        if stat_module.S_ISREG(info.st_mode):
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[key] = os.readlink(path) if path.is_symlink() else oct(info.st_mode)
    return state
