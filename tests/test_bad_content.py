"""Bad content never breaks the site: every problem is reported with its file, line, field and
a message an editor can act on, by `shequbao check` and by a strict build, all at once and
without a Python traceback. The cases are in tests/bad_content/cases.py.

Hostile markup (``<script>``, ``"><img onerror=…>``) in every field an editor fills in comes
out escaped on every page type and as literal text in the PDF; very long and very many
articles build (test at the end).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import stat
import subprocess
import sys
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bad_content.cases import CASES, GOOD_FILES, Case, Expect
from conftest import FIXTURES, broken_links, build, make_photo, tree_digest
from mkdocs.exceptions import Abort, PluginError

from shequbao.cli.main import main as shequbao
from shequbao.content.load import load_archive
from shequbao.model import Paper
from shequbao.problems import ContentError

LOAD_CASES = [c for c in CASES if c.stage == "load"]
PHOTO_CASES = [c for c in CASES if c.stage == "photos"]
HTML_CASES = [c for c in CASES if c.stage == "html"]
CJK = re.compile(r"[\u4e00-\u9fff]")
# What a message for an editor says to do (every message has one of these).
ADVICE = ("请", "检查", "应当", "不能", "是不是想写", "至少", "只能", "写在", "只写", "由网站自动加上", "写上", "写一个", "加一行")


def paper_copy(root: Path, name: str = "mini") -> Path:
    site = root / name
    shutil.copytree(FIXTURES / "mini", site)
    images = site / "content/issues/2023-05/images"
    make_photo(images / "dianti.jpg")
    make_photo(images / "huayuan.jpg", (60, 140, 80))
    return site


def with_cases(root: Path, cases: list[Case], name: str = "mini") -> Path:
    site = paper_copy(root, name)
    for case in cases:
        case.write(site)
    return site


def find(output: str, expect: Expect, root: str = "content") -> str:
    """The message printed for ``expect`` in ``output`` (its place must start a line)."""
    match = re.search(rf"(?m)^(?:\S*\s+-\s+)?{re.escape(f'{root}/{expect.place}')} (.*)$", output)
    assert match, f"{expect.place} not reported:\n{output}"
    start = match.start(1)
    following = re.search(r"(?m)^(?:\S*\s+-\s+)?\S+/\S+:(?:\d+:)? ", output[start:])  # the next problem
    return output[start:start + following.start()] if following else output[start:]


def assert_reported(output: str, case_or_expects, root: str = "content") -> None:
    expects = case_or_expects.expect if isinstance(case_or_expects, Case) else case_or_expects
    assert "Traceback" not in output and "Error:" not in output, output
    for expect in expects:
        message = find(output, expect, root)
        assert expect.words in message, (expect, message)


def editor_friendly(message: str) -> bool:
    return bool(CJK.search(message)) and any(word in message for word in ADVICE) and "Traceback" not in message


# -- each case on its own ----------------------------------------------------------------


@pytest.mark.parametrize("case", LOAD_CASES, ids=lambda c: c.id)
def test_check_reports_the_case_with_file_line_field_and_advice(case, tmp_path, capsys):
    site = with_cases(tmp_path, [case])
    content = site / "content"
    warnings_only = all(e.severity == "warning" for e in case.expect)
    try:
        _, problems = load_archive(content, Paper("梧桐里"), drafts=True)
        assert warnings_only, "the loader accepted bad content"
    except ContentError as error:
        problems = error.problems
    # exactly the expected problems on the files of this case (nothing missing, nothing doubled)
    paths = {e.path for e in case.expect} | set(case.files)
    found = sorted((p.path, p.line, p.field, p.severity) for p in problems if p.path in paths)
    assert found == sorted((e.path, e.line, e.field, e.severity) for e in case.expect), problems
    for problem in problems:
        assert editor_friendly(problem.message), problem
    code = shequbao(["check", str(content)])
    out = capsys.readouterr()
    assert code == (0 if warnings_only else 1)
    assert_reported(out.err, case, root=content.as_posix())


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """The mini paper's site as a good build made it: each failed build below must leave it so."""
    return build(paper_copy(tmp_path_factory.mktemp("previous")))


def content_state(folder: Path) -> dict[str, str]:
    """Every entry of ``folder`` without following links or opening special files."""
    state = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            state[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            state[path.relative_to(folder).as_posix()] = os.readlink(path) if path.is_symlink() else oct(info.st_mode)
    return state


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_strict_build_fails_and_names_the_place(case, tmp_path, caplog, previous_site):
    """A strict build names the place, prints no traceback, leaves content/ as it was and the
    previous site/ intact (nothing of the failed build, nothing from outside content/, planted)."""
    site = with_cases(tmp_path, [case])
    shutil.copytree(previous_site, site / "site")
    before, content = tree_digest(site / "site"), content_state(site / "content")
    with pytest.raises((PluginError, Abort)):  # anything else would print a traceback
        build(site)
    levels = {"error": "ERROR", "warning": "WARNING"}
    log = "\n".join(f"{r.levelname} - {r.getMessage()}" for r in caplog.records)
    assert_reported(log, case)
    for expect in case.expect:
        assert f"{levels[expect.severity]} - content/{expect.place}" in log
    assert tree_digest(site / "site") == before
    assert content_state(site / "content") == content
    assert not (site / "site.building").exists() and not (site / "site.old").exists()


# -- all at once ------------------------------------------------------------------------


def test_every_problem_is_reported_at_once_by_the_cli(tmp_path):
    """All the combinable cases broken in one paper: `mkdocs build --strict` and `shequbao check`
    each list every one of them, and neither prints a traceback."""
    cases = [c for c in LOAD_CASES if c.combine]
    site = with_cases(tmp_path, cases)
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",  # the code under test (a worktree's) when PYTHONPATH names it
           **{key: os.environ[key] for key in ("PYTHONPATH",) if key in os.environ}}
    run = lambda *args: subprocess.run([sys.executable, "-m", *args], cwd=site, capture_output=True, text=True,  # noqa: E731
                                       env=env, timeout=120)
    built = run("mkdocs", "build", "--strict")
    assert built.returncode == 1
    output = built.stdout + built.stderr
    expects = [e for c in cases for e in c.expect]
    assert_reported(output, expects)
    errors = sum(e.severity == "error" for e in expects)
    assert f"content/ 里有 {len(expects)} 处问题" in output and errors >= 40
    assert "Aborted with a BuildError!" in output
    checked = run("shequbao", "check")
    assert checked.returncode == 1
    assert_reported(checked.stderr, expects)
    assert f"发现 {errors} 处错误" in checked.stdout + checked.stderr
    assert not (site / "site").exists()


def test_every_bad_photo_is_reported_at_once(tmp_path, caplog):
    site = with_cases(tmp_path, PHOTO_CASES)
    with pytest.raises((PluginError, Abort)):
        build(site)
    log = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert_reported(log, [e for c in PHOTO_CASES for e in c.expect])
    assert not list((site / "site").rglob("lianjie*"))  # the photo behind the symlink is never published


def test_bom_crlf_and_a_photo_named_with_a_space_are_accepted(tmp_path):
    site = paper_copy(tmp_path)
    Case("good", GOOD_FILES, ()).write(site)
    archive, warnings = load_archive(site / "content", Paper("梧桐里"))
    assert warnings == []
    titles = {a.slug: a.title for a in archive.issue("2023-05").articles}
    assert titles["bom"] == "带BOM的稿件" and titles["crlf"] == "Windows换行的稿件"
    assert titles["bom-crlf"] == "两样都有的稿件" and titles["old-mac"] == "旧式换行的稿件"
    out = build(site)
    assert broken_links(out) == []
    page = (out / "issues/2023-05/kongge-tupian/index.html").read_text(encoding="utf-8")
    # a space would end the URL inside srcset; both body images became the published renditions
    assert "活动%20现场-" in page and not re.search(r'srcset="[^"]*活动 现场', page)
    assert page.count('class="glightbox sqb-lightbox"') == 3
    assert "%E6%B4%BB" not in page  # no link to the (unpublished) original


# -- hostile markup, very long and very many articles (one build with PDFs) -------------

HOSTILE = {  # field → what an editor (or a pasted submission) put there
    "issue_title": '<script>alert("期名")</script>特刊',
    "section": '"><img src=x onerror=alert("版面")>要闻',
    "editor": "<b>林小梅</b>",
    "title": '<script>alert("标题")</script>新楼道',
    "kicker": '"><img src=x onerror=alert("引题")>',
    "subtitle": '<script>alert("副题")</script>',
    "source": "<script>alert('来源')</script>",
    "caption": '<script>alert("图说")</script>楼道一角',
    "credit": '"><img src=x onerror=alert("摄影")>',
    "reporter": "<script>韩</script>",
    "correspondent": '"><img onerror=韩>',
    "person_title": '<script>alert("身份")</script>',
    "bio": '"><img src=x onerror=alert("简介")>十年社区记者',
}
BIG_PARAGRAPH = ("居民们在楼道里摆上了绿植，物业每周清理一次杂物，楼组长把值日表贴在了一楼的公告栏上。" * 1600)  # ~200 KB


def _hostile_paper(root: Path) -> Path:
    site = paper_copy(root, "hostile")
    content = site / "content"
    q = lambda key: "'" + HOSTILE[key].replace("'", "''") + "'"  # noqa: E731 - a YAML single-quoted scalar
    aug = content / "issues/2023-08"
    make_photo(aug / "images/loudao.jpg", (120, 120, 200))
    (aug / "issue.yml").write_text(
        f"number: 9\ndate: 2023-08-20\ntitle: {q('issue_title')}\npages:\n"
        f"  - {{page: 1, name: {q('section')}, editor: {q('editor')}}}\n", encoding="utf-8")
    (aug / "xss.md").write_text(md_text(
        f"title: {q('title')}", f"kicker: {q('kicker')}", f"subtitle: {q('subtitle')}", "page: 1",
        f"reporters: [{q('reporter')}, 郑爽]", f"correspondents: [{q('correspondent')}]", f"source: {q('source')}",
        "images:", f"  - {{src: images/loudao.jpg, caption: {q('caption')}, credit: {q('credit')}}}",
        body="本报讯 8月18日，梧桐新村的楼道焕然一新。"), encoding="utf-8")
    (content / "people.yml").write_text(f"郑爽:\n  title: {q('person_title')}\n  bio: {q('bio')}\n", encoding="utf-8")
    jul = content / "issues/2023-07"
    jul.mkdir()
    (jul / "issue.yml").write_text("number: 10\ndate: 2023-07-20\npages:\n  - {page: 1, name: 要闻}\n  - {page: 2, name: 简讯}\n",
                                   encoding="utf-8")
    (jul / "changwen.md").write_text(md_text("title: 一篇很长的稿件", "page: 1", "reporters: [郑爽]", body=BIG_PARAGRAPH),
                                     encoding="utf-8")
    for n in range(1, 61):
        (jul / f"jianxun-{n:02d}.md").write_text(md_text(
            f"title: 第{n}条简讯", "kind: brief", "page: 2", f"order: {n}",
            body=f"本报讯 第{n}条简讯：居委会提醒居民夏季注意用电安全，楼道里不要堆放杂物。"), encoding="utf-8")
    return site


def md_text(*front: str, body: str) -> str:
    return "---\n" + "".join(f"{line}\n" for line in front) + "---\n\n" + body + "\n"


class _Text(HTMLParser):
    """Text and attribute values of a page as a reader's browser sees them (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.attrs += [value for _, value in attrs if value]

    def handle_data(self, data):
        self.text.append(data)


def _seen(html: str) -> tuple[str, str]:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.text), "\n".join(parser.attrs)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Path, list[str]]:
    site = _hostile_paper(tmp_path_factory.mktemp("hostile"))
    handler, logger = _Collect(), logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        out = build(site, pdf=True, strict=False)  # the print layout's warnings (overflow) would stop a strict build
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return out, handler.messages


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(f"{record.levelname} - {record.getMessage()}")


# field → pages (relative to site/) where a reader sees it; every page type appears somewhere
SHOWN_ON = {
    "title": ["issues/2023-08/xss/index.html", "issues/2023-08/index.html", "index.html", "people/zheng-shuang/index.html",
              "gallery/index.html", "issues/2023-08/gallery/index.html"],
    "kicker": ["issues/2023-08/xss/index.html", "issues/2023-08/index.html"],
    "subtitle": ["issues/2023-08/xss/index.html", "issues/2023-08/index.html"],
    "source": ["issues/2023-08/xss/index.html"],
    "caption": ["issues/2023-08/xss/index.html", "issues/2023-08/gallery/index.html", "gallery/index.html"],
    "credit": ["issues/2023-08/xss/index.html", "gallery/index.html"],
    "reporter": ["issues/2023-08/xss/index.html", "issues/2023-08/index.html", "people/index.html",
                 "people/script-han-script/index.html"],
    "correspondent": ["issues/2023-08/xss/index.html", "people/index.html"],
    "issue_title": ["issues/2023-08/index.html", "issues/index.html"],
    "section": ["issues/2023-08/index.html", "issues/2023-08/xss/index.html"],
    "person_title": ["people/zheng-shuang/index.html", "people/index.html"],
    "bio": ["people/zheng-shuang/index.html"],
}
FEEDS = {"feed.xml": ["title", "reporter", "correspondent", "section"], "people/zheng-shuang/feed.xml": ["title"]}
SEARCH_META = ["title", "reporter", "correspondent", "section"]


def test_hostile_markup_is_escaped_everywhere(hostile):
    site, log = hostile
    published = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json", ".txt") and "pagefind" not in p.parts]
    for page in published:
        source = page.read_text(encoding="utf-8")
        for key, raw in HOSTILE.items():
            assert raw not in source, (page, key)  # never as markup
        assert "<script>alert" not in source and "<img src=x" not in source and "<b>林小梅" not in source
    for key, pages in SHOWN_ON.items():
        for rel in pages:
            text, attrs = _seen((site / rel).read_text(encoding="utf-8"))
            # as literal text for the reader: escaped once, not twice (no "&lt;" left on the screen)
            assert HOSTILE[key] in text or HOSTILE[key] in attrs, (key, rel)
            escaped_twice = html_escape(HOSTILE[key])
            assert escaped_twice not in text, (key, rel)


def test_hostile_markup_in_feeds_and_search_meta_is_text(hostile):
    site, log = hostile
    for rel, keys in FEEDS.items():
        tree = ElementTree.parse(site / rel)  # well-formed XML: the markup did not break it
        text = " ".join(t for t in tree.getroot().itertext())
        for key in keys:
            assert HOSTILE[key] in text, (rel, key)
    page = (site / "issues/2023-08/xss/index.html").read_text(encoding="utf-8")
    meta = re.search(r'<div class="sqb-search-meta".*?</div>', page, re.S).group(0)
    text, _ = _seen(meta)
    for key in SEARCH_META:
        assert HOSTILE[key] in text, key


def test_pdf_shows_hostile_markup_as_literal_text(hostile):
    site, log = hostile
    from pdf_helpers import page_texts

    pdf = next((site / "issues/2023-08").glob("*.pdf"))
    printed = squeeze("".join(page_texts(pdf)))
    for key in ("issue_title", "section", "editor", "title", "kicker", "subtitle", "caption", "credit",
                "reporter", "correspondent"):
        assert squeeze(HOSTILE[key]) in printed, key


def test_very_long_article_and_sixty_briefs_build(hostile):
    site, log = hostile
    from pdf_helpers import page_texts

    page = (site / "issues/2023-07/changwen/index.html").read_text(encoding="utf-8")
    assert squeeze(BIG_PARAGRAPH) in squeeze(_seen(page)[0])  # the whole paragraph, nothing cut
    issue = (site / "issues/2023-07/index.html").read_text(encoding="utf-8")
    text = _seen(issue)[0]
    assert all(f"第{n}条简讯" in text for n in range(1, 61))
    pdf = site / "issues/2023-07/wu-tong-li-2023-07.pdf"  # the whole issue (each 版 has its own PDF too)
    pages = page_texts(pdf)
    printed = squeeze("".join(pages))
    assert squeeze(BIG_PARAGRAPH[:2000]) in printed and "第1条简讯" in printed
    assert len(pages) == 2  # never more pages than 版: the editor is told what to cut
    overflow = [m for m in log if m.startswith("WARNING") and "请删减或移到其他版" in m]
    assert any("第10期第1版超出约" in m and "《一篇很长的稿件》后面约" in m for m in overflow), log
    assert not [m for m in log if m.startswith("ERROR")]


def squeeze(text: str) -> str:
    """No white space, and no word joiner (display lines carry them so Typst breaks between words)."""
    return "".join(text.replace("\u2060", "").split())
