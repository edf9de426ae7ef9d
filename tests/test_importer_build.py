"""An imported issue builds with no hand edit of issue.yml: import → every draft to
``draft: false`` → ``./sqb check --strict`` passes → a real build (print edition on) succeeds.
The issue is web-only (``print: false``) until an editor plans its 版; a 版 the text does not
name shows as 第N版."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, broken_links, build, make_photo
from PIL import Image

from shequbao.cli.main import main

# ../shared/corpus beside the project (or beside the folder of its worktrees)
CORPUS = next((p / "shared/corpus" for p in ROOT.parents if (p / "shared/corpus").is_dir()), ROOT.parent / "shared/corpus")
OWN = FIXTURES / "import"
pytestmark = pytest.mark.slow


def new_paper(tmp_path, monkeypatch):
    site = tmp_path / "paper"
    (site / "content/issues").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini/mkdocs.yml", site)
    (site / "content/index.md").write_text("---\ntitle: 首页\n---\n", encoding="utf-8")
    monkeypatch.chdir(site)
    return site


def publish_all(site) -> None:
    """What the editor does after checking the drafts: ``draft: true`` → ``false``, nothing else."""
    drafts = list((site / "content/issues").glob("*/*.md"))
    for draft in drafts:
        text = draft.read_text(encoding="utf-8")
        assert "draft: true" in text
        draft.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")


def check_and_build(site, capsys, issues: list[str]):
    assert main(["check", "--strict", "content"]) == 0, capsys.readouterr().err
    built = build(site, pdf=True)  # the print edition is on: the web-only issues are left out of it
    for issue in issues:
        folder = built / "issues" / issue
        assert (folder / "index.html").is_file()
        assert not list(folder.glob("*.pdf"))  # no print edition of a web-only issue
        ban = (folder / "1" / "index.html").read_text(encoding="utf-8")
        assert "第1版" in ban and "ban-800" not in ban  # the 数字报 page: the story list alone
        assert "这一期只在网上发布，没有印刷版" in ban
    assert broken_links(built) == []
    return built


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_corpus_imports_build_with_no_edit_of_issue_yml(tmp_path, monkeypatch, capsys):
    site = new_paper(tmp_path, monkeypatch)
    issues = []
    for number, text in enumerate(sorted(CORPUS.glob("*.txt")), start=1):
        year = re.search(r"(19|20)\d\d", text.stem).group(0)
        issue = f"{re.sub(r'[^a-z]', '', text.stem)}-{year}"
        argv = ["import", str(text), "--issue", issue, "--year", year]
        assert main(argv) == 1 and "--number" in capsys.readouterr().err  # no 期号 in the text
        assert main([*argv, "--number", str(number)]) == 0, capsys.readouterr().err
        data = yaml.safe_load((site / "content/issues" / issue / "issue.yml").read_text(encoding="utf-8"))
        assert data["print"] is False
        issues.append(issue)
    assert len(list((site / "content/issues").glob("*/*.md"))) >= 25
    publish_all(site)
    built = check_and_build(site, capsys, issues)
    # no 版名 in these texts: shown as 第1版, never as an empty name
    page = (built / "issues" / issues[0] / "1" / "index.html").read_text(encoding="utf-8")
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "第1版" in title and "  " not in title and "第1版 第1版" not in title and title == title.strip(), title


def test_own_fixtures_build_with_no_edit_of_issue_yml(tmp_path, monkeypatch, capsys):
    site = new_paper(tmp_path, monkeypatch)
    assert main(["import", str(OWN / "furniture.txt"), "--issue", "2021-03"]) == 0  # masthead: 第12期, 2021年3月25日
    assert main(["import", str(OWN / "newspaper.txt"), "--issue", "2018-05"]) == 0
    publish_all(site)
    built = check_and_build(site, capsys, ["2021-03", "2018-05"])
    issue = (built / "issues/2021-03/index.html").read_text(encoding="utf-8")
    assert "责任编辑：王丽" in issue and "社区食堂开进老小区" in issue
    assert "桂园街道工作委员会" not in issue and "准印证" not in issue and "印数" not in issue  # its masthead, 报尾


def test_web_only_issue_is_not_printed_on_request(tmp_path, monkeypatch, capsys):
    site = new_paper(tmp_path, monkeypatch)
    assert main(["import", str(OWN / "furniture.txt"), "--issue", "2021-03"]) == 0
    publish_all(site)
    capsys.readouterr()
    assert main(["print", "2021-03"]) == 1
    err = capsys.readouterr().err
    assert "issue.yml" in err and "print: false" in err and "删掉" in err


# -- from a PDF: the issue keeps its pages (原报) ----------------------------------------------

def printed_mini(tmp_path, monkeypatch, capsys) -> Path:
    """The small test paper's 第7期 (two 版: a news story, 短消息, a photo item) printed by our
    own engine: the PDF an editor would import."""
    paper = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", paper)
    make_photo(paper / "content/issues/2023-05/images/dianti.jpg")
    make_photo(paper / "content/issues/2023-05/images/huayuan.jpg", (60, 140, 80))
    monkeypatch.chdir(paper)
    assert main(["print", "2023-05", "-o", str(tmp_path / "wutongli-7.pdf")]) == 0, capsys.readouterr().err
    return tmp_path / "wutongli-7.pdf"


def title_box(pdf: Path, page: int, title: str) -> tuple[float, float]:
    """The middle of a title's first characters on the original page, in fractions of the page."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        chars = [c for c in p.chars if c["text"].strip() and c["text"] != "\u2060"]
        text = "".join(c["text"] for c in chars)
        start = text.index(title[:4])
        first = chars[start:start + 4]
        x = sum(c["x0"] + c["x1"] for c in first) / 2 / len(first)
        y = sum(c["top"] + c["bottom"] for c in first) / 2 / len(first)
        return x / float(p.width), y / float(p.height)


def test_pdf_import_keeps_the_original_pages_and_builds(tmp_path, monkeypatch, capsys):
    import pikepdf

    pdf = printed_mini(tmp_path, monkeypatch, capsys)
    site = new_paper(tmp_path, monkeypatch)
    assert main(["import", str(pdf), "--issue", "2023-05"]) == 0, capsys.readouterr().err
    report = capsys.readouterr().out
    assert "原报" in report and "print: false" not in report
    folder = site / "content/issues/2023-05"
    assert (folder / "original.pdf").read_bytes() == pdf.read_bytes()  # kept as it came
    assert "print:" not in (folder / "issue.yml").read_text(encoding="utf-8")  # not web-only: it has its pages
    original = yaml.safe_load((folder / "original.yml").read_text(encoding="utf-8"))
    assert original["pages"] == [{"ban": 1, "page": 1}, {"ban": 2, "page": 2}]
    publish_all(site)
    before = sorted(p.name for p in folder.iterdir())
    assert main(["check", "--strict", "content"]) == 0, capsys.readouterr().err
    built = build(site, pdf=True)
    assert sorted(p.name for p in folder.iterdir()) == before  # the build wrote nothing into content/
    assert broken_links(built) == []  # every region's link resolves
    assert "原报 PDF" in (built / "issues/2023-05/index.html").read_text(encoding="utf-8")
    stories = {}
    for draft in folder.glob("*.md"):
        meta = yaml.safe_load(draft.read_text(encoding="utf-8").split("---")[1])
        stories[draft.stem] = meta
    for ban in (1, 2):
        html = (built / f"issues/2023-05/{ban}/index.html").read_text(encoding="utf-8")
        assert "ban-800" in html and "这一期只在网上发布" not in html
        regions = re.findall(r'class="sqb-ban__region[^"]*"[^>]*href="\.\./([^/"]+)/"[^>]*style="left:([\d.]+)%;'
                             r'top:([\d.]+)%;width:([\d.]+)%;height:([\d.]+)%', html)
        on_ban = sorted(slug for slug, meta in stories.items() if meta["page"] == ban)
        assert sorted(r[0] for r in regions) == on_ban  # one region per story of the 版
        for slug, *box in regions:
            x, y, w, h = (float(v) / 100 for v in box)
            title = stories[slug].get("title") or stories[slug]["images"][0]["caption"]
            tx, ty = title_box(pdf, ban, title.replace("（无标题）", ""))
            assert x <= tx <= x + w and y <= ty <= y + h, (slug, title)  # over its own headline
        image = next((built / f"issues/2023-05/{ban}").glob("ban-800.*.jpg"))
        with Image.open(image) as picture:  # the original page: A3's proportions, and printed on
            assert abs(picture.height / picture.width - 420 / 297) < 0.01
            assert picture.convert("L").getextrema()[0] < 100
    with pikepdf.open(built / "issues/2023-05/wu-tong-li-2023-05.pdf") as out:  # the original, stripped
        assert len(out.pages) == 2 and "/Info" not in out.trailer and "/Metadata" not in out.Root
    with pikepdf.open(pdf) as source:
        assert "/Info" in source.trailer  # (the engine's PDF had them: title, author, creator)
    capsys.readouterr()
    assert main(["print", "2023-05", "-o", str(tmp_path / "yuanbao.pdf")]) == 0  # ./sqb print: the original too
    assert "原报" in capsys.readouterr().out
    assert (tmp_path / "yuanbao.pdf").read_bytes() == (built / "issues/2023-05/wu-tong-li-2023-05.pdf").read_bytes()
    drafts = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    assert main(["plan", "2023-05", "--write"]) == 1  # an archive issue is never re-laid out: nothing to plan
    assert "原报" in capsys.readouterr().err and {p.name: p.read_bytes() for p in folder.glob("*.md")} == drafts
