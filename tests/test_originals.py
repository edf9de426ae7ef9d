"""原报: ``original.yml`` as the import writes it and the build reads it back, its mistakes named
by file, line and field; where a story's region is found among a page's letters."""

from __future__ import annotations

import pytest

from shequbao.content.originals import ORIGINAL_PDF, OriginalError, Spot, read_original, render_original
from shequbao.importer.originals import letters, locate


def original_folder(tmp_path, text: str):
    (tmp_path / ORIGINAL_PDF).write_bytes(b"%PDF-1.7\n")
    (tmp_path / "original.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_written_and_read_back(tmp_path):
    spots = [Spot("she-qu-shi-tang.md", 1, 0.05, 0.1, 0.4, 0.3), Spot("义诊.md", 2, 0.5, 0.6, 0.45, 0.2),
             Spot("义诊.md", 3, 0.05, 0.05, 0.9, 0.1)]
    folder = original_folder(tmp_path, render_original({1: 1, 2: 2, 3: 3}, spots))
    original = read_original(folder)
    assert original.pages == {1: 1, 2: 2, 3: 3} and original.pdf == folder / ORIGINAL_PDF
    assert original.spots == tuple(spots)


@pytest.mark.parametrize("text, where", [
    ("pdf: original.pdf\npages:\n  - {ban: 1, page: 1}\nregions:\n  a.md:\n    - {page: 1, x: 0.1, y: 1.4, w: 0.2, h: 0.2}\n",
     ":6: regions.a.md:"),
    ("pdf: original.pdf\npages:\n  - {ban: 1, page: 0}\nregions: {}\n", ":3: pages[1]:"),
    ("pdf: yuanbao.pdf\npages:\n  - {ban: 1, page: 1}\n", ":1: pdf: 这一期的文件夹里没有原报 yuanbao.pdf"),
    ("pdf: original.pdf\npages: [\n", ":"),
])
def test_mistakes_name_the_file_line_and_field(tmp_path, text, where):
    with pytest.raises(OriginalError) as info:
        read_original(original_folder(tmp_path, text))
    message = str(info.value)
    assert f"original.yml{where}" in message, message
    assert any(hint in message for hint in ("例如", "删掉", "请", "应当")), message


def page(*runs):
    """A page's letters: each run ``(text, x, y)`` set left to right, one letter 0.01 wide."""
    out = []
    for text, x, y in runs:
        for i, char in enumerate(letters(text)):
            out.append((char, (x + i * 0.01, y, x + (i + 1) * 0.01, y + 0.01)))
    return out, []


def test_a_story_is_found_where_its_words_are_printed():
    食堂 = "社区食堂开进老小区。3月18日，桂园街道第二家社区食堂在香樟苑开业，每天供应早餐和午餐。"
    读书会 = "春日里的读书会。3月21日下午，桂园社区图书馆举办春季读书分享会，三十多位居民带来自己喜欢的书。"
    pages = [
        page(("2025年9月25日", 0.7, 0.02), ("社区食堂开进老小区", 0.05, 0.10), ("3月18日，桂园街道第二家社区食堂", 0.05, 0.12),
             ("在香樟苑开业，每天供应早餐和午餐。", 0.05, 0.13), ("2版 春日里的读书会", 0.6, 0.9)),  # the 导读 names page 2's story
        page(("春日里的读书会", 0.1, 0.5), ("3月21日下午，桂园社区图书馆举办春季读书分享会，", 0.1, 0.52),
             ("三十多位居民带来自己喜欢的书。", 0.1, 0.53), ("桂园 2025年9月25日", 0.1, 0.97)),
    ]
    spots = {(s.src, s.page): s for s in locate({"shitang.md": letters(食堂), "dushu.md": letters(读书会)}, pages)}
    assert set(spots) == {("shitang.md", 1), ("dushu.md", 2)}  # not the 导读, not the dates of the page heads
    shitang, dushu = spots["shitang.md", 1], spots["dushu.md", 2]
    assert (round(shitang.x, 2), round(shitang.y, 2), round(shitang.y + shitang.h, 2)) == (0.05, 0.10, 0.14)
    assert (round(dushu.x, 2), round(dushu.y, 2), round(dushu.y + dushu.h, 2)) == (0.1, 0.5, 0.54)
