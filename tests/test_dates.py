"""Dates as editors write them (content/dates.py): strict YYYY-MM-DD, the years a community
paper can have, and a suggestion when what was meant is clear."""

from __future__ import annotations

import datetime as dt

import pytest

from shequbao.content.dates import FIRST_YEAR, LAST_YEAR, in_range, parse_date


@pytest.mark.parametrize("written, day", [
    ("2025-09-25", dt.date(2025, 9, 25)),
    ("  2025-09-25\n", dt.date(2025, 9, 25)),  # spaces around it, as YAML or a prompt may leave them
    (dt.date(2024, 2, 29), dt.date(2024, 2, 29)),  # YAML reads an unquoted date as a date
    ("1949-10-01", dt.date(1949, 10, 1)),
    ("2099-12-31", dt.date(2099, 12, 31)),
])
def test_a_well_written_date_is_read_with_no_message(written, day):
    assert parse_date(written) == (day, "")


@pytest.mark.parametrize("written, suggestion", [
    ("2025/11/3", "2025-11-03"),
    ("2025-9-25", "2025-09-25"),
    ("2025.9.5", "2025-09-05"),
    ("2025 / 11 / 3", "2025-11-03"),
    ("2025年11月3日", "2025-11-03"),
    ("2025年9月25号", "2025-09-25"),
    ("2025年 9 月 25", "2025-09-25"),
    ("20250925", "2025-09-25"),
])
def test_a_date_written_another_way_is_refused_with_the_date_that_was_meant(written, suggestion):
    day, message = parse_date(written)
    assert day is None
    assert f"“{written.strip()}”不是有效日期" in message
    assert message.endswith(f"是不是 {suggestion}？")


@pytest.mark.parametrize("written", ["五月八日", "2025-13-01x", "下周三", "", "25-9-25", "2025/2/30", "1900/1/1"])
def test_a_date_with_no_clear_meaning_gets_an_example_not_a_guess(written):
    day, message = parse_date(written)
    assert day is None
    assert "是不是" not in message
    assert "YYYY-MM-DD" in message and message.endswith("例如 2025-09-25")


@pytest.mark.parametrize("written", ["2023-02-29", "2025-04-31", "2025-13-01", "2025-00-10"])
def test_a_day_the_calendar_does_not_have_is_refused(written):
    day, message = parse_date(written)
    assert day is None
    assert message == f"“{written}”不是有效日期，请写成 YYYY-MM-DD，例如 2025-09-25"


@pytest.mark.parametrize("written, year", [("1948-12-31", 1948), ("2100-01-01", 2100), ("0205-09-25", 205)])
def test_a_year_outside_the_papers_range_is_probably_a_typo(written, year):
    day, message = parse_date(written)
    assert day is None
    assert f"“{written}”的年份 {year} 不在 {FIRST_YEAR}–{LAST_YEAR} 年之间" in message
    assert "写错了年份" in message


def test_in_range_names_the_date_itself_when_no_text_is_given():
    assert in_range(dt.date(1949, 1, 1)) == (dt.date(1949, 1, 1), "")
    day, message = in_range(dt.date(2150, 3, 1))
    assert day is None and message.startswith("“2150-03-01”的年份 2150 不在")
    assert in_range(dt.date(2150, 3, 1), "明年")[1].startswith("“明年”的年份 2150")


def test_a_loose_date_outside_the_range_is_not_suggested():
    """``2125/9/25`` is not silently "fixed" into a date the paper would refuse anyway."""
    assert "是不是" not in parse_date("2125/9/25")[1]
    assert "是不是 2099-09-25？" in parse_date("2099/9/25")[1]
