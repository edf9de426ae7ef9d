"""The bundled sample paper 《桂园》 builds, links up and stays untouched."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest
import yaml
from conftest import ROOT, broken_links, build, external_references, tree_digest
from PIL import Image

from shequbao.cli.main import main

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One strict build of the real repository's paper, written outside the repository."""
    before = tree_digest(CONTENT)
    built = build(ROOT, site_dir=str(tmp_path_factory.mktemp("sample") / "site"))
    assert tree_digest(CONTENT) == before, "the build changed content/"
    return built


def published_articles() -> list[Path]:
    return [p for p in sorted(CONTENT.glob("issues/*/*.md")) if not frontmatter.load(p).get("draft")]


def body_chars(post: frontmatter.Post) -> int:
    """Characters of an article's Markdown body, spaces and line breaks not counted."""
    return len("".join(post.content.split()))


def test_sample_is_a_real_paper():
    issues = sorted(CONTENT.glob("issues/*/issue.yml"))
    kinds = [frontmatter.load(p).get("kind", "news") for p in published_articles()]
    assert len(issues) >= 3 and len(kinds) >= 60
    assert kinds.count("brief") >= 12 and kinds.count("photo") >= 5 and kinds.count("notice") >= 4
    assert sum(p.stat().st_size for p in CONTENT.rglob("images/*")) < 3 * 1024 * 1024


def issues_with_four_pages_or_more() -> list[Path]:
    found = [yml for yml in sorted(CONTENT.glob("issues/*/issue.yml"))
             if len(yaml.safe_load(yml.read_text(encoding="utf-8"))["pages"]) >= 4]
    assert len(found) >= 3
    return found


def test_every_issue_holds_what_a_real_issue_does():
    """The print layout and the web pages are judged on these issues: a 4-版 issue has 12-25 items,
    8,000-12,000 characters and 4-8 photos; every issue has a notice, and every item its order.
    (Up to 25 items: with photos printed at honest sizes, 20 items left a quarter of some 版 empty.)
    备用稿 (``print: {filler: true}``) are not counted: they print only where a 版 has room."""
    for yml in issues_with_four_pages_or_more():
        items = [frontmatter.load(p) for p in sorted(yml.parent.glob("*.md"))]
        items = [i for i in items if not (i.get("print") or {}).get("filler")]
        assert 12 <= len(items) <= 25, yml.parent.name
        assert 8000 <= sum(body_chars(i) for i in items) <= 12000, yml.parent.name
        assert 4 <= sum(len(i.get("images") or []) for i in items) <= 8, yml.parent.name
    for yml in CONTENT.glob("issues/*/issue.yml"):
        items = [frontmatter.load(p) for p in sorted(yml.parent.glob("*.md"))]
        assert all(isinstance(i.get("order"), int) for i in items), yml.parent.name
        assert any(i.get("kind") == "notice" for i in items), yml.parent.name
        assert not any(str(i.get("subtitle", "")).startswith("—") for i in items), "the templates add the ——"


def test_notices_are_written_as_real_notices():
    """A salutation, the body with a phone number or an e-mail address, then the issuer and the date."""
    for path in published_articles():
        post = frontmatter.load(path)
        if post.get("kind") != "notice":
            continue
        paragraphs = [p.strip() for p in post.content.split("\n\n") if p.strip()]
        assert paragraphs[0].endswith("："), path.name
        assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", paragraphs[-1]), path.name
        assert len(paragraphs[-2]) <= 30 and not paragraphs[-2].endswith("。"), path.name
        assert re.search(r"\d{3,4}-\d{4} ?\d{4}|[\w.-]+@[\w-]+\.\w+", post.content), path.name


def is_portrait(photo: Path) -> bool:
    with Image.open(photo) as image:
        return image.height > image.width


def test_the_sample_has_the_hard_cases_a_layout_must_handle():
    posts = {p: frontmatter.load(p) for p in published_articles()}
    photos = [CONTENT / "issues" / p.parent.name / image["src"] for p, post in posts.items()
              for image in post.get("images") or []]
    assert any(is_portrait(photo) for photo in photos), "a portrait photo"
    assert any(post.get("kind") == "photo" and len(post.get("images") or []) >= 3 for post in posts.values())
    assert any(body_chars(post) >= 1500 for post in posts.values()), "a story long enough to continue elsewhere"
    assert any(re.search(r"^(\d+\.|-) ", post.content, re.M) for post in posts.values()), "a Markdown list"
    assert any(re.search(r"^### ", post.content, re.M) for post in posts.values()), "a small subheading"
    assert any(post.get("kicker") and post.get("title") and post.get("subtitle") for post in posts.values())
    roles = ("authors", "reporters", "correspondents", "interns", "photographers")
    assert all(any(post.get(role) for post in posts.values()) for role in roles)


def test_an_index_per_issue_and_a_page_per_article(site):
    assert (site / "issues/index.html").is_file()
    for yml in CONTENT.glob("issues/*/issue.yml"):
        assert (site / "issues" / yml.parent.name / "index.html").is_file()
    for article in published_articles():
        assert (site / "issues" / article.parent.name / article.stem / "index.html").is_file(), article


def test_every_link_resolves_and_nothing_comes_from_elsewhere(site):
    assert broken_links(site) == []
    assert external_references(site) == []


def test_only_what_readers_fetch_is_published(site):
    """No template, script or scaffold of the tool itself ends up on the web host."""
    tool_files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()
                  and (p.suffix in {".j2", ".sh", ".py", ".typ", ".yml", ".md"} or p.name in {"sqb", "Makefile"})]
    assert tool_files == []
    assert not (site / "scaffold").exists()
    # every asset is named by a page (outside Material's __config JSON) or a stylesheet:
    # no unused script bundles, search workers or source maps
    config_json = re.compile(r'<script id="__config".*?</script>', re.S)
    texts = "".join(config_json.sub("", p.read_text(encoding="utf-8")) for p in site.rglob("*")
                    if p.suffix in {".html", ".css"})
    unused = [p.relative_to(site).as_posix() for p in (site / "assets").rglob("*")
              if p.is_file() and p.name not in texts]
    assert unused == []


def edit_front_matter(path: Path, field: str, value: str) -> None:
    """Set ``field: value`` in the front matter of ``path`` (replacing the field if present)."""
    text = path.read_text(encoding="utf-8")
    head, body = text[4:].split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{field}:")]
    path.write_text("---\n" + "\n".join([f"{field}: {value}", *lines]) + "\n---\n" + body, encoding="utf-8")


def test_check_names_three_broken_files(sample, capsys):
    issue = sorted((sample / "content/issues").iterdir())[-1]
    first, second, third = sorted(issue.glob("*.md"))[:3]
    edit_front_matter(first, "date", "2025-02-30")
    edit_front_matter(second, "page", "9")
    edit_front_matter(third, "images", "\n  - {src: images/nowhere.jpg}")
    assert main(["check", str(sample / "content")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3  # one line a problem; the count goes to stdout
    assert f"{first.name}:2: date: “2025-02-30”不是有效日期" in lines[0]
    assert f"{second.name}:2: page: 这一期没有第9版" in lines[1]
    assert f"{third.name}:3: images[1].src: 找不到图片文件" in lines[2]


def test_people_pages_and_every_byline_name_is_a_link(site):
    assert (site / "people/index.html").is_file()
    roles = ("authors", "reporters", "correspondents", "interns", "photographers")
    for path in published_articles():
        meta = frontmatter.load(path).metadata
        html = (site / "issues" / path.parent.name / path.stem / "index.html").read_text(encoding="utf-8")
        byline = html[html.index('class="sqb-byline"'):] if any(meta.get(r) for r in roles) else ""
        for role in roles:
            for key in meta.get(role) or []:
                name = key.split("@")[0]
                assert f'">{name}</a>' in byline and 'href="../../../people/' in byline, (path.name, key)
    namesakes = [site / "people/wang-fang-dan-gui/index.html", site / "people/wang-fang-xiang-zhang/index.html"]
    assert all(p.is_file() for p in namesakes)
