"""数字报 (site/epaper.py): one view per 版, with the printed page's images, its PDF and a link
region over every story set on it, in reading order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


from shequbao.model import Article, Issue, Section
from shequbao.print.build import PdfFile
from shequbao.site.epaper import BanImage, Region, find_spots, generate_ban_views

ID = "2025-09"
SECTIONS = (Section(1, "要闻"), Section(2, "社区"), Section(3, "文苑"))


def story(slug: str, page: int, title: str) -> Article:
    return Article(issue_id=ID, slug=slug, src=f"issues/{ID}/{slug}.md", title=title, kind="news", page=page,
                   date=dt.date(2025, 9, 25))


FANGHUO = story("fanghuo", 1, "桂园街道召开秋季防火动员会")
DIANTI = story("dianti", 1, "老楼加装电梯：三号楼率先完工")
YILAO = story("yilao", 2, "重阳节前为高龄老人送去慰问品")
SHIGE = story("shige", 3, "秋日的梧桐（诗）")
ISSUE = Issue(ID, 128, dt.date(2025, 9, 25), SECTIONS, articles=(FANGHUO, DIANTI, YILAO, SHIGE))


def rect(page: int, x: float, y: float, w: float, h: float) -> dict:
    return {"page": page, "x": x, "y": y, "w": w, "h": h}


def edition(tmp_path: Path, rects: dict, pages: int = 3, **fields) -> PdfFile:
    """The print edition as print/build.py hands it over: a PDF and images per 版."""
    pdfs = []
    for n in range(1, pages + 1):
        pdfs.append(tmp_path / f"wu-tong-li-{ID}-{n}.pdf")
        pdfs[-1].write_bytes(b"%PDF-1.7\n" + b"0" * (1000 * n))
    images = {f"{width}.{fmt}": tuple(tmp_path / f"{n}-{width}.{fmt}" for n in range(1, pages + 1))
              for width in (400, 1600) for fmt in ("webp", "jpg")}
    fields = {"page_pdfs": tuple(pdfs), "images": images, "image_sizes": ((1600, 2263),) * pages, "version": "3f9a1c07",
              "rects": rects, **fields}
    return PdfFile(ID, "《梧桐里》第128期", f"wu-tong-li-{ID}.pdf", tmp_path / "whole.pdf", 123456, pages, **fields)


def test_without_a_print_edition_each_ban_lists_its_stories_with_its_neighbours():
    first, second, third = generate_ban_views(ISSUE)
    assert [v.section for v in (first, second, third)] == list(SECTIONS)
    assert first.articles == (FANGHUO, DIANTI) and second.articles == (YILAO,) and third.articles == (SHIGE,)
    assert (first.previous, first.next) == (None, SECTIONS[1])
    assert (second.previous, second.next) == (SECTIONS[0], SECTIONS[2])
    assert (third.previous, third.next) == (SECTIONS[1], None)
    assert all(v.sections == SECTIONS for v in (first, second, third))
    assert not first.printed and first.image is None and first.pdf is None and first.regions == ()
    assert first.region_of(FANGHUO) is None


def test_an_empty_ban_still_has_its_page():
    issue = Issue(ID, 128, dt.date(2025, 9, 25), SECTIONS + (Section(4, "广告"),), articles=ISSUE.articles)
    views = generate_ban_views(issue)
    assert len(views) == 4 and views[3].articles == () and views[2].next == Section(4, "广告")


def test_regions_follow_reading_order_top_to_bottom_then_left_to_right(tmp_path):
    rects = {  # 版1: the 头条 across the top, then two stories side by side, the right one set a little higher
        FANGHUO.src: [rect(1, 0.52, 0.301, 0.43, 0.3)],
        DIANTI.src: [rect(1, 0.05, 0.304, 0.43, 0.3)],
        YILAO.src: [rect(2, 0.05, 0.1, 0.9, 0.4)],
        SHIGE.src: [rect(3, 0.05, 0.1, 0.9, 0.4)],
    }
    lead = story("toutiao", 1, "社区报创刊十周年")
    issue = Issue(ID, 128, dt.date(2025, 9, 25), SECTIONS, articles=(lead, *ISSUE.articles))
    rects[lead.src] = [rect(1, 0.05, 0.05, 0.9, 0.22)]
    first = generate_ban_views(issue, edition(tmp_path, rects))[0]
    assert [r.article for r in first.regions] == [lead, DIANTI, FANGHUO]
    assert first.region_of(DIANTI) == Region(DIANTI, 0.05, 0.304, 0.43, 0.3)


def test_a_story_continued_on_another_ban_has_a_continued_region_there(tmp_path):
    rects = {FANGHUO.src: [rect(1, 0.05, 0.6, 0.9, 0.35), rect(2, 0.05, 0.7, 0.45, 0.25)],  # 转第2版
             YILAO.src: [rect(2, 0.05, 0.05, 0.9, 0.6)]}
    first, second, _ = generate_ban_views(ISSUE, edition(tmp_path, rects))
    assert [(r.article, r.continued) for r in second.regions] == [(YILAO, False), (FANGHUO, True)]
    assert second.region_of(FANGHUO) is None  # 上接第1版: the story's own region is on 版1
    assert first.region_of(FANGHUO) == Region(FANGHUO, 0.05, 0.6, 0.9, 0.35)
    assert FANGHUO not in second.articles  # the list of 版2 is its own stories


def test_a_draft_printed_in_a_preview_gets_no_region(tmp_path):
    rects = {"issues/2025-09/caogao.md": [rect(1, 0.05, 0.05, 0.9, 0.2)], YILAO.src: [rect(2, 0, 0, 1, 1)]}
    first, second, third = generate_ban_views(ISSUE, edition(tmp_path, rects))
    assert first.regions == () and [r.article for r in second.regions] == [YILAO] and third.regions == ()
    assert first.printed  # the page is printed all the same


def test_a_region_is_placed_in_percentages_of_the_page():
    assert Region(FANGHUO, 0.05, 0.1, 0.45, 0.3333333).style == "left:5.000%;top:10.000%;width:45.000%;height:33.333%"


def test_each_ban_has_its_images_at_every_width_and_its_own_pdf(tmp_path):
    printed = edition(tmp_path, {})
    views = generate_ban_views(ISSUE, printed)
    image = views[1].image
    assert image == BanImage(1600, 2263, (
        (400, "jpeg", str(tmp_path / "2-400.jpg")), (400, "webp", str(tmp_path / "2-400.webp")),
        (1600, "jpeg", str(tmp_path / "2-1600.jpg")), (1600, "webp", str(tmp_path / "2-1600.webp"))), "3f9a1c07")
    assert [w for w, _, _ in image.of("webp")] == [400, 1600] and {f for _, f, _ in image.of("jpeg")} == {"jpeg"}
    assert [(v.pdf.path, v.pdf.size) for v in views] == [
        (str(tmp_path / f"wu-tong-li-{ID}-{n}.pdf"), 9 + 1000 * n) for n in (1, 2, 3)]


def test_a_ban_the_edition_has_no_image_or_pdf_for_goes_without_it(tmp_path):
    """An edition whose files stop before the last 版: that 版 is shown as a list, no broken image."""
    whole = edition(tmp_path, {})
    no_image = generate_ban_views(ISSUE, edition(tmp_path, {}, image_sizes=whole.image_sizes[:2]))
    assert no_image[1].image is not None and no_image[2].image is None and not no_image[2].printed
    no_pdf = generate_ban_views(ISSUE, edition(tmp_path, {}, page_pdfs=whole.page_pdfs[:2]))
    assert no_pdf[1].pdf is not None and no_pdf[2].pdf is None


def test_stories_side_by_side_are_read_left_to_right_wherever_their_row_falls(tmp_path):
    rects = {DIANTI.src: [rect(1, 0.05, 0.306, 0.43, 0.3)], FANGHUO.src: [rect(1, 0.52, 0.304, 0.43, 0.3)]}
    first = generate_ban_views(ISSUE, edition(tmp_path, rects))[0]
    assert [r.article for r in first.regions] == [DIANTI, FANGHUO]


def test_a_continued_story_is_found_on_every_ban_it_is_on_its_own_first(tmp_path):
    rects = {FANGHUO.src: [rect(2, 0.05, 0.7, 0.45, 0.25), rect(1, 0.05, 0.6, 0.9, 0.35)],  # 转第2版
             YILAO.src: [rect(2, 0.05, 0.05, 0.9, 0.6)]}
    views = generate_ban_views(ISSUE, edition(tmp_path, rects))
    spots = find_spots(FANGHUO, views)
    assert [(s.view.section.page, s.continued, s.anchor) for s in spots] == [(1, False, "fanghuo"), (2, True, "fanghuo-continued")]
    assert find_spots(SHIGE, views) == ()  # set nowhere: no thumbnail
    assert find_spots(FANGHUO, generate_ban_views(ISSUE)) == ()  # no print edition


def test_a_brief_set_over_two_columns_has_a_region_in_each(tmp_path):
    """A 短消息 whose title starts at the foot of one column and ends at the top of the next: its
    first part keeps the id the 版's address marks, the second is a region of its own."""
    rects = {FANGHUO.src: [rect(1, 0.5, 0.62, 0.2, 0.01), rect(1, 0.72, 0.4, 0.2, 0.1)],
             DIANTI.src: [rect(1, 0.72, 0.5, 0.2, 0.1)]}
    first = generate_ban_views(ISSUE, edition(tmp_path, rects))[0]
    assert [(r.anchor, r.part) for r in first.regions] == [("fanghuo-2", 2), ("dianti", 1), ("fanghuo", 1)]
    assert first.region_of(FANGHUO).part == 1 and find_spots(FANGHUO, [first])[0].anchor == "fanghuo"


def test_a_brief_title_broken_over_two_columns_is_in_both_parts_of_its_region():
    """The print export (print/render.py): in a two-column 短消息 box, a brief whose title starts
    at column 1's foot runs on at column 2's top, down to the next brief's title."""
    from shequbao.print.render import _brief_boxes

    def at(x, y):
        return {"page": 1, "x": f"{x}pt", "y": f"{y}pt"}

    mark = {"cols": 2, "gutter": 20}
    inside = [("a", at(100, 530)), ("b", at(100, 680)), ("c", at(260, 560))]
    found = _brief_boxes((1, 100.0, 500.0, 300.0, 220.0), mark, inside, 0.0, 10.0, (520.0, 700.0))
    rounded = {key: [tuple(round(v, 1) for v in part) for part in parts] for key, parts in found.items()}
    assert rounded == {
        "a": [(1, 100, 521.2, 140, 150)],
        "b": [(1, 100, 671.2, 140, 28.8), (1, 260, 520, 140, 31.2)],  # the foot of column 1, the top of column 2
        "c": [(1, 260, 551.2, 140, 148.8)],
    }
