"""``./sqb plan``: from an imported issue of real text to a print edition with nothing left out.

A paper made by ``./sqb init`` imports one real issue (../shared/corpus), the editor sets its
drafts to ``draft: false``; ``plan`` without ``--write`` changes nothing, with too few 版 says
so and what to do, and with ``--pages 4 --write`` writes the 版 into the drafts and issue.yml,
after which ``./sqb print`` leaves nothing out and the measure finds a newspaper's pages.
The front-matter writer keeps every other byte of a file."""

from __future__ import annotations

import sys

import pytest
import yaml
from conftest import ROOT

from shequbao.cli.main import main
from shequbao.cli.plan_write import WriteError, mark_spare, set_front_matter, update_issue_yml

CORPUS = next((p / "shared/corpus" for p in ROOT.parents if (p / "shared/corpus").is_dir()), ROOT.parent / "shared/corpus")
TEXT = CORPUS / "weidong-2015-12.txt"  # nine stories, about 5,800 characters: two A3 版


def measure_issue(paper, issue_id: str):
    """scripts/measure_print.py's figures of one issue's edition (as ./sqb print made it: cached)."""
    from shequbao.content.load import load_archive
    from shequbao.mkdocs.settings import load_settings
    from shequbao.print import build_editions

    sys.path.insert(0, str(ROOT / "scripts"))
    from measure_print import measure_edition

    settings = load_settings(paper / "mkdocs.yml")
    archive, _ = load_archive(settings.content_dir, settings.paper)
    issue = next(i for i in archive.issues if i.id == issue_id)
    [pdf] = build_editions(archive, settings.content_dir, settings.cache_root, settings.print, settings.markdown,
                           issues=(issue,), images=False)
    return measure_edition(pdf, issue, settings.content_dir, settings.print.geometry())


def import_checked(tmp_path, monkeypatch, text, name: str, issue: str, year: str, number: str):
    """A paper made by ``./sqb init`` that imported ``text`` as ``issue``, every draft checked by
    the editor (``draft: false``); the working folder is the paper."""
    paper = tmp_path / "paper"
    assert main(["init", str(paper), "--name", name]) == 0
    monkeypatch.chdir(paper)
    assert main(["import", str(text), "--issue", issue, "--year", year, "--number", number]) == 0
    for draft in (paper / "content/issues" / issue).glob("*.md"):
        draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    return paper


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not TEXT.is_file(), reason="../shared/corpus is not beside the project")
def test_imported_issue_planned_then_printed_whole(tmp_path, monkeypatch, capsys):
    paper = import_checked(tmp_path, monkeypatch, TEXT, "卫东社区报", "2015-12", "2015", "50")
    folder = paper / "content/issues/2015-12"
    before = snapshot(paper / "content")
    capsys.readouterr()

    assert main(["plan", "2015-12", "--pages", "1"]) == 1  # 5,800 characters do not go on one 版
    err = capsys.readouterr().err
    assert "--pages" in err and "删减" in err
    assert main(["plan", "2015-12", "--pages", "4"]) == 0
    out = capsys.readouterr().out
    assert "排得下" in out and "第1版  要闻" in out and "头条" in out and "--write" in out
    assert snapshot(paper / "content") == before  # without --write nothing is written

    assert main(["plan", "2015-12", "--pages", "4", "--write"]) == 0
    issue = yaml.safe_load((folder / "issue.yml").read_text(encoding="utf-8"))
    assert "print" not in issue and "print: false" not in (folder / "issue.yml").read_text(encoding="utf-8")
    count = len(issue["pages"])
    assert 2 <= count <= 4 and all(p.get("name") for p in issue["pages"])
    assert issue["pages"][0]["name"] == "要闻"
    pages = {}
    for draft in folder.glob("*.md"):
        old, new = before[f"issues/2015-12/{draft.name}"].decode("utf-8").splitlines(), draft.read_text(encoding="utf-8").splitlines()
        assert [a for a, b in zip(old, new) if a != b and not a.startswith(("page:", "order:"))] == []  # only page, order
        pages[draft.name] = yaml.safe_load(draft.read_text(encoding="utf-8").split("---")[1])["page"]
    assert set(pages.values()) == set(range(1, count + 1))  # every 版 has stories
    assert pages["wei-dong-qu-zhuo-li-gou.md"] == 1  # the longest story, 本报讯, heads 第1版

    capsys.readouterr()
    assert main(["print", "2015-12"]) == 0
    err = capsys.readouterr().err
    assert "漏印" not in err and "没有印出" not in err and "排不下" not in err, err

    figures = measure_issue(paper, "2015-12")
    print("measure:", figures.bans, "版", figures.blank_mean, figures.blank_worst, f"{figures.short_share:.1%}",
          [(p.holes_mean, p.holes_worst, p.lead, len(p.stubs), len(p.widows), len(p.orphans)) for p in figures.layout])
    assert figures.pages == figures.bans == count and figures.missing == [] and figures.kinsoku == []
    assert figures.short_share <= 0.03
    assert all(page.faults() == [] for page in figures.layout), [page.faults() for page in figures.layout]
    # a 美编's figures on real text over two A3 版: no hole over 3 lines where the text could fill it
    assert count > 2 or max(p.holes_mean for p in figures.layout) <= 0.05 and max(p.holes_worst for p in figures.layout) <= 0.15
    assert max(figures.blank_mean) <= 0.15  # the 版 are filled with the issue's own text


SHORT = CORPUS / "pingliang-2012-07.txt"  # about 3,900 characters: more than one A3 版 holds, too little for two


@pytest.mark.skipif(not SHORT.is_file(), reason="../shared/corpus is not beside the project")
def test_too_little_text_for_two_pages_said_and_spared_onto_one(tmp_path, monkeypatch, capsys):
    paper = import_checked(tmp_path, monkeypatch, SHORT, "平凉社区报", "2012-07", "2012", "7")
    folder = paper / "content/issues/2012-07"
    capsys.readouterr()

    assert main(["plan", "2012-07", "--pages", "2"]) == 0  # it fits on two 版, a quarter of each left empty …
    out = capsys.readouterr().out
    assert "文字只够排满这 2 个版的约" in out and "备用稿" in out and "公益广告" in out, out  # … and it says so
    assert "./sqb plan 2012-07 --pages 1 --spare --write" in out  # one 版 fewer, with named 备用稿
    assert "提示：《平凉社区报》第7期第2版还空着约" in out and "字可补满" in out  # what ./sqb print would warn
    spared = [line.split()[-1] for line in out.splitlines() if line.startswith("        《")]
    assert 1 <= len(spared) <= 3, out

    assert main(["plan", "2012-07", "--pages", "1", "--spare", "--write"]) == 0
    out = capsys.readouterr().out
    assert "排得下" in out and "改为备用稿" in out
    for name in spared:
        head = (folder / name).read_text(encoding="utf-8").split("---")[1]
        assert "print: {filler: true}" in head and "page: 1" in head, head
    assert yaml.safe_load((folder / "issue.yml").read_text(encoding="utf-8"))["pages"] == [{"page": 1, "name": "要闻"}]

    assert main(["print", "2012-07"]) == 0
    err = capsys.readouterr().err
    assert "还空着" not in err and "漏印" not in err, err  # the 版 is full; the 备用稿 are said to be on the web only
    assert all(f"{name}: print.filler" in err for name in spared), err
    figures = measure_issue(paper, "2012-07")
    [page] = figures.layout
    assert figures.pages == 1 and figures.missing == [] and page.faults() == [], page.faults()
    assert page.holes_mean <= 0.05 and page.holes_worst <= 0.15


@pytest.mark.fast
def test_spares_named_when_one_page_fewer_is_asked():
    from shequbao.print.assign import is_underfull, plan_pages, plan_with_spares

    stories = paper_stories()
    index = {s.src: s for s in stories}

    def trial(assignment, spare=frozenset()):
        return by_chars(2200)({src: p for src, p in assignment.items() if src not in spare}, index)

    roomy = plan_pages(stories, 4, trial, 2200)
    assert roomy.fits and roomy.count == 4 and is_underfull(roomy)  # 7,450 on four 版 of 2,200: 第2版 31% empty
    proposal, spare = plan_with_spares(stories, 3, trial)
    assert proposal.fits and proposal.count == 3 and spare
    kept = {s.src for listed in proposal.pages.values() for s in listed}
    assert not kept & {s.src for s in spare} and "lead.md" in kept  # the 头条 is never spared
    assert sum(s.load for s in spare) <= 0.35 * sum(s.load for s in stories)
    assert plan_with_spares(stories, 1, trial) is None  # two thirds of the text would go: not proposed


@pytest.mark.fast
def test_front_matter_written_byte_for_byte(tmp_path):
    path = tmp_path / "a.md"
    text = "\ufeff---\r\ntitle: 社区食堂开张  # 标题\r\nkind: news\r\npage: 1   # 导入时的版次\r\ndraft: false\r\n---\r\n\r\n正文第一段。\r\n"
    path.write_bytes(text.encode("utf-8"))
    assert set_front_matter(path, {"page": 3, "order": 20})
    after = path.read_bytes().decode("utf-8")
    assert after == text.replace("page: 1   # 导入时的版次", "page: 3   # 导入时的版次").replace(
        "kind: news\r\n", "kind: news\r\norder: 20\r\n")
    assert not set_front_matter(path, {"page": 3, "order": 20})  # already so: the file is not touched
    assert mark_spare(path) and not mark_spare(path)
    assert path.read_bytes().decode("utf-8") == after.replace("kind: news\r\n", "kind: news\r\nprint: {filler: true}\r\n")
    hinted = tmp_path / "c.md"
    hinted.write_text("---\ntitle: 标题\nprint: {weight: minor}  # 次要\n---\n正文\n", encoding="utf-8")
    assert mark_spare(hinted)  # the other print hints are kept
    assert hinted.read_text(encoding="utf-8") == "---\ntitle: 标题\nprint: {weight: minor, filler: true}  # 次要\n---\n正文\n"
    odd = tmp_path / "b.md"
    odd.write_text("---\ntitle: 标题\npage:\n  3\n---\n正文\n", encoding="utf-8")
    with pytest.raises(WriteError, match="b.md"):
        set_front_matter(odd, {"page": 2})
    assert odd.read_text(encoding="utf-8") == "---\ntitle: 标题\npage:\n  3\n---\n正文\n"


@pytest.mark.fast
def test_issue_yml_gets_its_pages_and_keeps_the_rest(tmp_path):
    path = tmp_path / "issue.yml"
    path.write_text("number: 50\ndate: 2015-12-08\n# 导入的期只上网站（print: false），不出印刷版：…\nprint: false\n"
                    "pages:\n  - {page: 1}\n  - {page: 2, name: 社区, editor: 王丽}\n", encoding="utf-8")
    done = update_issue_yml(path, {1: "要闻", 2: "综合", 3: "服务", 4: "视觉"}, 4)
    assert path.read_text(encoding="utf-8") == (
        "number: 50\ndate: 2015-12-08\npages:\n  - {page: 1, name: 要闻}\n  - {page: 2, name: 社区, editor: 王丽}\n"
        "  - {page: 3, name: 服务}\n  - {page: 4, name: 视觉}\n")
    assert any("print: false" in d for d in done)

    done = update_issue_yml(path, {1: "要闻"}, 2, used={1, 2, 4})  # a draft is still on 第4版
    assert path.read_text(encoding="utf-8") == (
        "number: 50\ndate: 2015-12-08\npages:\n  - {page: 1, name: 要闻}\n  - {page: 2, name: 社区, editor: 王丽}\n"
        "  - {page: 4, name: 视觉}\n")  # 第3版 would print empty: taken out
    assert done == ["删掉了没有稿件的第3版"]


def by_chars(capacity: int):
    """A stand-in for the print fit in tests of the search alone: a 版 holds ``capacity``
    characters (第1版 less: its 报头), a photo takes 350."""
    from shequbao.print.trial import PageFill, Trial

    def trial(assignment, stories):
        pages = {}
        for src, placed in assignment.items():
            pages[placed.page] = pages.get(placed.page, 0) + stories[src].load
        fills = []
        for page in range(1, max(pages) + 1):
            room = capacity * (0.7 if page == 1 else 1)
            used = pages.get(page, 0)
            fills.append(PageFill(page, min(1.0, used / room), max(0, int(used - room)), max(0, int(room - used))))
        return Trial(tuple(fills))

    return trial


def paper_stories(**pinned):
    from shequbao.print.assign import Story

    stories = [Story("lead.md", "街道召开文明社区测评动员大会", "news", 900, 1, lead_mark=True),
               Story("a.md", "老楼加装电梯开工", "news", 800), Story("b.md", "助餐点增至七个", "news", 700, 1),
               Story("c.md", "议事厅破解停车难", "news", 600), Story("d.md", "垃圾箱房变身", "news", 500),
               Story("e.md", "夜巡队上岗", "news", 450), Story("n1.md", "燃气安全检查的通知", "notice", 400),
               Story("n2.md", "征集实事项目的公告", "notice", 380), Story("p1.md", "重阳节里话敬老", "photo", 120, 1),
               *(Story(f"brief{i}.md", f"短消息{i}", "brief", 110) for i in range(6))]
    return [Story(**{**s.__dict__, "pinned": pinned.get(s.src.removesuffix(".md"))}) for s in stories]


@pytest.mark.fast
def test_search_places_stories_as_a_layout_editor_would():
    from shequbao.print.assign import Story, page_names, plan_pages

    stories = paper_stories()
    index = {s.src: s for s in stories}
    proposal = plan_pages(stories, 4, lambda a: by_chars(2400)(a, index), 2400)
    assert proposal.fits and proposal.count == 4  # 7,450 with the photos: more than three 版 hold
    where = {s.src: page for page, listed in proposal.pages.items() for s in listed}
    assert where["lead.md"] == 1 and proposal.heads[1] == "lead.md"  # the weightiest story heads 第1版
    assert all(proposal.heads[page] for page in proposal.pages)  # every 版 has its 头条 …
    assert all(proposal.pages[page][0].src == proposal.heads[page] for page in proposal.pages)  # … first
    assert len({where[f"brief{i}.md"] for i in range(6)}) == 1  # 短消息 in one box
    assert where["n1.md"] == where["n2.md"] and where["p1.md"] != 1  # notices together, photos later
    fills = [p.fill for p in proposal.trial.pages]
    assert max(fills) - min(fills) < 0.3, fills  # balanced
    assert set(page_names(proposal.pages, {}).values()) >= {"要闻"} and len(set(page_names(proposal.pages, {}).values())) == 4

    small = plan_pages(stories, 2, lambda a: by_chars(2400)(a, index), 2400)  # two 版 cannot hold it all
    assert not small.fits and small.count == 2 and small.trial.over > 0

    kept = plan_pages(paper_stories(c=3, d=3), 4, lambda a: by_chars(2400)(a, index), 2400)
    where = {s.src: page for page, listed in kept.pages.items() for s in listed}
    assert where["c.md"] == where["d.md"] == 3  # a story keeps the 版 its file names

    old_paper = [Story(**{**s.__dict__, "hint": 2 if s.src in ("a.md", "b.md") else 1}) for s in paper_stories()]
    hinted = plan_pages(old_paper, 4, lambda a: by_chars(2400)(a, index), 2400)
    where = {s.src: page for page, listed in hinted.pages.items() for s in listed}
    assert where["a.md"] == where["b.md"] == 2  # the old paper's 版, where it still fits
