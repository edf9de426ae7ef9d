"""The PDF importer on PDFs it was not written for: a real issue of ../shared/corpus set by
WeasyPrint (an A3 paper in 4 columns; one in 6 columns as 飞腾 sets it; a 4开 paper in 5; a
Word-like A4 document) and by reportlab (A4 in 3 columns, boxed headlines, a Kai face,
下转/上接; a Word 简报 in 2 columns), made at test time by scripts/foreign_pdfs.py.
The figures over the whole set (every corpus issue and our fixture) are printed by
``scripts/eval_import.py --foreign``."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
# found, not imported: WeasyPrint relaxes Pillow's truncated-image rule for the whole process on import
if importlib.util.find_spec("weasyprint") is None or importlib.util.find_spec("reportlab") is None:
    pytest.skip("WeasyPrint or reportlab missing: pip install -e '.[test]'", allow_module_level=True)

from eval_foreign import figures, printed_text, score  # noqa: E402
from foreign_pdfs import CORPUS, ENGINES, foreign_pdf, load_issues  # noqa: E402

ISSUE = "pingliang-2012-07.txt"  # 16 items: news with 副题, eight 短消息, photo items, ■ bylines
SEG_F1 = NAMES_F1 = 0.90  # the goal per engine over the whole set (issue 29)
FURNITURE = ("责任编辑", "美编", "印数", "准印证", "主办：", "第 1 页")


@pytest.fixture(scope="session")
def foreign_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("foreign")


@pytest.fixture(scope="module")
def issue():
    if not (CORPUS / ISSUE).is_file():
        pytest.skip("../shared/corpus is not beside the project")
    return next(i for i in load_issues(CORPUS, fixture=False) if i.key == ISSUE)


@pytest.mark.parametrize("engine", ENGINES)
def test_another_engines_pdf_imports_into_its_stories(engine, issue, foreign_cache):
    from shequbao.importer.reading import read_issue

    pdf = foreign_pdf(engine, issue, foreign_cache)
    parsed = read_issue(pdf)
    r = score(parsed, issue, printed=printed_text(pdf))
    seg, names = figures(r)
    assert seg >= SEG_F1, f"{engine}: seg F1 {seg:.3f} ({r['match']}/{r['truth']} stories of {r['pred']} drafts)"
    assert names >= NAMES_F1, f"{engine}: names F1 {names:.3f}"
    assert r["lost"] == 0, f"{engine}: {r['lost']} characters in no draft and not in _leftover.md: {r['lost_chars']}"
    texts = [a.title + a.kicker + a.subtitle + a.body_text + "".join(a.captions) for a in parsed.articles]
    assert not [t for t in texts if any(unicodedata.category(c) == "Cc" for c in t)], "a control character in a draft"
    # the masthead, 版眉, 报尾, page footers and 责任编辑 lines are furniture, never a draft
    assert not [a.title for a in parsed.articles if a.title == issue.paper], "the masthead became a draft"
    assert not [t[:30] for t in texts if any(word in t for word in FURNITURE)], "page furniture in a draft"


def test_a_word_bulletin_keeps_its_headlines_and_bylines(foreign_cache):
    """A street office's 简报 set in Word (two columns, fake-bold Song headlines, 引题 and 副题 in
    the body's Kai face, bylines in 本报讯（…）, a headline at a column's foot, 报送/印发 at the
    end): every story with its own headline, 引题/副题 and names, and no 报送 line in a draft."""
    from shequbao.importer.reading import read_issue

    if not (CORPUS / "weidong-2015-12.txt").is_file():
        pytest.skip("../shared/corpus is not beside the project")
    issue = next(i for i in load_issues(CORPUS, fixture=False) if i.key == "weidong-2015-12.txt")
    parsed = read_issue(foreign_pdf("word2-a4", issue, foreign_cache))
    drafts = {a.title: a for a in parsed.articles}
    for story in issue.stories:
        assert story.headline in drafts, f"{story.headline}: no draft has this headline (drafts: {list(drafts)})"
        art = drafts[story.headline]
        assert set(art.byline.names) | {p.credit for p in art.photos if p.credit} == {n for n, _ in story.people}, story.headline
        if story.deck:
            assert (art.kicker if story.deck_above else art.subtitle) == story.deck, story.headline
    assert not [a.title for a in parsed.articles if "报送：" in a.body_text or "共印" in a.body_text]
