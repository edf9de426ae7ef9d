"""The print edition of the bundled sample paper, judged by the print issue's "Done when"
with the figures scripts/measure_print.py prints (the same measuring helpers)."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import measure_print  # noqa: E402


@pytest.fixture(scope="module")
def figures():
    return {f.issue: f for f in measure_print.measure_project(ROOT, images=False)}  # page images: test_print_core


def test_one_page_per_ban_and_no_warnings(figures):
    assert len(figures) >= 4
    for f in figures.values():
        assert f.pages == f.bans, f.issue
        assert f.messages == [], f.issue  # a strict build would stop on them


def test_pages_are_filled(figures):
    for f in figures.values():
        assert max(f.blank_mean) <= 0.06, (f.issue, f.blank_mean)
        assert max(f.blank_worst) <= 0.15, (f.issue, f.blank_worst)


def test_justified_lines_reach_the_column_edge_and_no_kinsoku_faults(figures):
    for f in figures.values():
        assert f.body_lines > 150 and f.short_share <= 0.03, (f.issue, f.short_lines, f.body_lines)
        assert f.kinsoku == [], f.issue


def test_no_photo_cut_by_more_than_a_tenth_without_a_focus(figures):
    for f in figures.values():
        assert f.clipped == [], f.issue


def test_stories_side_by_side_and_a_guide_on_page_one(figures):
    for f in figures.values():
        if f.bans >= 3:
            assert f.side_by_side, f.issue
        if f.bans >= 4:
            assert f.guide >= 3, f.issue


def test_guide_titles_are_not_broken_before_their_last_characters(figures):
    """A 导读 title a little too long for its line is set tighter, not broken with 工 alone below."""
    for f in figures.values():
        assert f.guide_runts == [], f.issue


def test_every_item_and_photo_is_printed(figures):
    for f in figures.values():
        assert f.missing == [] and f.images == f.photos, f.issue


def test_the_sample_is_a_real_issue_s_worth(figures):
    four = [f for f in figures.values() if f.bans == 4]
    assert len(four) >= 3 and all(4 <= f.photos <= 8 for f in four)
