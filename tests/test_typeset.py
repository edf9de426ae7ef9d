"""typeset.py: phone numbers and addresses as links, letters and notices set as such."""

from __future__ import annotations

import markdown
import pytest

from shequbao.markdown.excerpts import make_excerpt
from shequbao.markdown.typeset import ReaderText, contact_parts, is_salutation


def render(text: str) -> str:
    return markdown.markdown(text, extensions=[ReaderText(), "attr_list"])


@pytest.mark.parametrize("text, links", [
    ("咨询电话：021-5555 0100。", [("021-5555 0100", "tel:02155550100")]),
    ("请拨打施工单位现场值班电话021-5555 0140，或", [("021-5555 0140", "tel:02155550140")]),
    ("手机13812345678或138 1234 5678", [("13812345678", "tel:13812345678"), ("138 1234 5678", "tel:13812345678")]),
    ("(021)55550100、400-820-8820", [("(021)55550100", "tel:02155550100"), ("400-820-8820", "tel:4008208820")]),
    ("遇到可疑情况请拨打110报警", [("110", "tel:110")]),
    ("电话：5555 0100", [("5555 0100", "tel:55550100")]),
    ("发送邮件至 chengjian@example.org。", [("chengjian@example.org", "mailto:chengjian@example.org")]),
    ("共走访120户居民，收集意见建议12345条，2024-12-18", []),
    ("9:00至11:30，桂园路88号，总第423期，2025年1月31日", []),
])
def test_contacts_are_found_and_nothing_else(text, links):
    assert [p for p in contact_parts(text) if isinstance(p, tuple)] == links


def test_links_are_made_in_text_but_not_inside_links_or_code():
    html = render("电话 021-5555 0100，[街道 021-5555 0200](https://example.org/)，`021-5555 0300`，**邮箱 a@b.org**")
    assert '<a class="sqb-contact" href="tel:02155550100">021-5555 0100</a>' in html
    assert "tel:02155550200" not in html and "tel:02155550300" not in html
    assert '<strong>邮箱 <a class="sqb-contact" href="mailto:a@b.org">a@b.org</a></strong>' in html


def test_a_notice_has_its_salutation_and_signoff_marked():
    html = render("各位居民：\n\n现将有关事项通知如下。\n\n一、时间。\n\n桂园街道办事处\n\n2025年9月24日\n")
    assert '<p class="sqb-salutation">各位居民：</p>' in html
    assert '<p class="sqb-signoff">桂园街道办事处</p>' in html and '<p class="sqb-signoff">2025年9月24日</p>' in html
    assert '<p>一、时间。</p>' in html


def test_a_news_story_is_left_alone():
    html = render("本报讯 9月18日上午，居民区召开会议。\n\n会议决定：\n\n下一步继续推进。\n")
    assert "sqb-" not in html
    ending = render("会议强调，要做好工作。\n\n记者 陈玲\n")
    assert "sqb-signoff" not in ending, "a signoff needs a date"


def test_the_excerpt_of_a_notice_starts_after_its_salutation():
    assert is_salutation("各居民区、驻区单位，广大居民朋友：") and not is_salutation("会议决定：下一步要做好工作。")
    assert make_excerpt("各位居民：\n\n冬季是燃气使用高峰期。\n").startswith("冬季是燃气使用高峰期")
