"""A brief's byline in brackets broken over two lines, whose （ a scan's OCR lost at the end
of the first line: …视频通话。欧 | 阳文君）. The brief still ends at its byline, so the next
brief is a draft of its own."""

from __future__ import annotations

from shequbao.importer.bylines import split_tail


def test_a_byline_whose_opening_bracket_was_lost_still_closes_a_brief():
    text, byline = split_tail("11月8日，街道社区学校开设智能手机课堂，志愿者手把手教老人用手机挂号、缴费和视频通话。欧阳文君）")
    assert text.endswith("视频通话。") and byline is not None and byline.people == {"authors": ["欧阳文君"]}


def test_words_in_a_closed_or_unopened_bracket_that_name_nobody_stay_text():
    for printed in ("居民们纷纷表示满意。（详见下文）", "居民们纷纷表示满意。详见下文）", "活动持续到月底。（完）"):
        assert split_tail(printed) == (printed, None)
