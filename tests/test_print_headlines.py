"""Display lines break between words (jieba), keep numbers with their units, never leave one
character alone; a manual break wins. The 美编 measure reads them back from the PDF the same way."""

from __future__ import annotations

import pytest

pytest.importorskip("jieba")

from pdf_layout import display_faults  # noqa: E402
from shequbao.print.headlines import JOINER, best_lines, keep_words, title_parts  # noqa: E402


def fits(width: int):
    return lambda line: len(line) <= width


@pytest.mark.parametrize("title, width", [
    ("闲置车棚改建充电棚居民下楼扫码就能充", 12),
    ("计划十一月中旬启用居民可预约先睹为快", 12),
    ("区政协不断提升提案评议工作水平", 6),
    ("关于开展冬季消防安全检查的通知", 8),
    ("周边一点六万居民步行15分钟可达", 10),
    ("街道长者助餐点增至七个", 10),
])
def test_a_headline_breaks_between_words(title, width):
    lines = best_lines(title, fits(width))
    assert lines and "".join(lines) == title
    assert display_faults(lines) == [], lines  # no word split, no number from its unit, no lone character


def test_a_narrow_headline_takes_four_lines_rather_than_split_a_word():
    lines = best_lines("桂园新村旧住房成套改造签约率达99.4%", fits(6), max_lines=4)
    assert lines and display_faults(lines) == [], lines
    three = best_lines("桂园新村旧住房成套改造签约率达99.4%", fits(6), max_lines=3)
    assert three is None or display_faults(three)  # in three lines it does not go without a split


def test_a_manual_break_wins():
    assert title_parts("居民下|楼扫码") == ["居民下", "楼扫码"]  # the editor's choice, even inside a word
    assert best_lines("居民下楼扫码", fits(3)) == ["居民", "下楼扫码"] or display_faults(best_lines("居民下楼扫码", fits(4))) == []


def test_texts_typst_breaks_get_word_joiners_inside_words():
    joined = keep_words("居民下楼扫码步行15分钟")
    assert joined.replace(JOINER, "") == "居民下楼扫码步行15分钟"
    pieces = joined.split(JOINER)
    assert "下" in joined and f"下{JOINER}楼" in joined and f"扫{JOINER}码" in joined  # inside a word: joined
    assert f"民{JOINER}下" not in joined and f"码{JOINER}步" not in joined  # between words: free to break
    assert f"5{JOINER}分" in joined  # a number stays with its unit
    assert keep_words("增至七个").endswith(f"七{JOINER}个") or keep_words("增至七个").endswith("七个")
    assert len(pieces) > 1 and keep_words("") == ""


def test_a_brief_s_title_keeps_its_last_word_whole_and_a_manual_break():
    """短消息 titles (Typst breaks them): …手机讲堂 never leaves 堂 alone; a | still breaks the line."""
    from shequbao.print.content import Brief
    from shequbao.print.measure import brief_title_runs

    [run] = brief_title_runs(Brief("金桂苑居民区开设老年智能手机讲堂"))
    assert f"讲{JOINER}堂" in run["s"] and run["s"].replace(JOINER, "") == "金桂苑居民区开设老年智能手机讲堂"
    runs = brief_title_runs(Brief("社区卫生服务中心 开展流感疫苗接种", parts=("社区卫生服务中心", "开展流感疫苗接种")))
    assert [r.get("br", False) for r in runs] == [False, True, False]


def test_a_brief_s_title_goes_to_the_next_column_with_two_lines_of_its_text():
    """The box is tall enough when a title moves on rather than end a column (Typst's sticky block)."""
    from shequbao.print.shape_parts import kept_rows

    lines, titles = [1, 4, 1, 2, 1, 4], [True, False, True, False, True, False]
    assert kept_rows(lines, titles, 2, 7) == 8  # at 7 rows the third title would end the first column
    assert kept_rows([1, 4, 1, 4], [True, False, True, False], 2, 5) == 5
