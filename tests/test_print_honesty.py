"""The print edition never crashes and never hides what it leaves out: many photos in one
story, degenerate photos, headlines no column holds, code in the text (tests/test_print_core's
small issue of 《银杏苑》)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_photo
from pdf_helpers import bare, image_count, page_texts
from test_print_core import paper, render  # noqa: F401  (the fixture)

GALLERY = """---
title: 重阳敬老 邻里同乐
kicker: 活动掠影
page: 2
order: 5
photographers: [徐立新]
images:
{images}
---

重阳节前夕，银杏苑居民区开展“敬老月”系列活动：为八十岁以上老人理发、量血压，志愿者上门擦窗、检修电器，
社区学校的书画班还为老人写福字、画扇面。
"""
CAPTIONS = ("志愿者为老人理发", "社区医生量血压", "书画班写福字", "老少同包饺子", "合唱团演出", "上门擦窗",
            "检修电器", "赠送重阳糕", "老人合影", "剪纸课堂")


def write_gallery(content: Path, count: int, sizes: dict[int, tuple[int, int]] | None = None) -> Path:
    folder = content / "issues/2024-09"
    lines = []
    for index in range(count):
        caption = CAPTIONS[index % len(CAPTIONS)]
        lines.append(f"  - {{src: images/jingl{index}.jpg, caption: {caption}}}")
        size = (sizes or {}).get(index, (900, 600))
        make_photo(folder / f"images/jingl{index}.jpg", (40 + index * 5 % 200, 120, 90), size=size)
    path = folder / "jinglao.md"
    path.write_text(GALLERY.format(images="\n".join(lines)), encoding="utf-8")
    return path


@pytest.mark.parametrize("count", [7, 12])
def test_a_feature_of_many_photos_prints_every_photo_in_a_grid(paper, tmp_path, count):
    write_gallery(paper, count)
    pdf = render(paper, tmp_path, images=False)
    assert not [w for w in pdf.warnings() if "jinglao" in w], pdf.warnings()
    assert image_count(pdf.path) == 4 + count  # the lead's, the three of 中秋游园会, and every one of the feature
    assert "重阳敬老" in bare(page_texts(pdf.path)[1])


def test_forty_photos_print_the_first_that_fit_and_say_so(paper, tmp_path):
    write_gallery(paper, 40)
    pdf = render(paper, tmp_path, images=False)
    [warning] = [w for w in pdf.warnings() if "jinglao" in w]
    assert warning.startswith("issues/2024-09/jinglao.md: images: ") and "《重阳敬老 邻里同乐》的 40 张照片" in warning
    printed = image_count(pdf.path) - 4
    assert 12 <= printed < 40 and f"只印了前 {printed} 张，其余 {40 - printed} 张只在网站上" in warning


@pytest.mark.parametrize("size, says", [((1, 1), "只有 1×1 像素"), ((2, 20000), "只有 2×20000 像素"),
                                        ((60, 2400), "长边超过短边的 8 倍")])
def test_a_degenerate_photo_is_named_with_its_field_and_left_out(paper, tmp_path, size, says):
    write_gallery(paper, 3, {2: size})
    pdf = render(paper, tmp_path, images=False)
    [warning] = [w for w in pdf.warnings() if "jingl2" in w]
    assert warning.startswith("issues/2024-09/jinglao.md: images[2].src: ") and says in warning
    assert image_count(pdf.path) == 4 + 2


def test_a_headline_no_column_holds_is_named_and_the_story_left_out(paper, tmp_path):
    story = paper / "issues/2024-09/tushujiao.md"
    title = "扫码报名" + "yinxingyuanjumin" * 9 + "baomingdengji" * 1  # one 160-character word: no place to break
    story.write_text(story.read_text(encoding="utf-8").replace("kind: brief\n", "").replace(
        "title: 社区图书角添新书", f"title: {title}"), encoding="utf-8")
    pdf = render(paper, tmp_path, images=False)
    [warning] = [w for w in pdf.warnings() if "tushujiao" in w]
    assert len(title) == 161 and warning.startswith("issues/2024-09/tushujiao.md: title: ") and "有 161 个字" in warning
    assert "没有印出（约 " in warning and "图书角" not in bare("".join(page_texts(pdf.path)))


def test_code_spans_code_blocks_and_entities_print_as_typed(paper, tmp_path):
    story = paper / "issues/2024-09/tushujiao.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n借阅规则：`借期<30天` 且 `续借&lt;2次`，A&amp;B 组轮值。\n\n"
                     "```\n登记 <姓名> & <楼号>\n```\n", encoding="utf-8")
    text = bare("".join(page_texts(render(paper, tmp_path, images=False).path)))
    assert "借期<30天" in text and "续借&lt;2次" in text and "A&B组轮值" in text and "登记<姓名>&<楼号>" in text
    assert "&lt;30" not in text and "&amp;" not in text
