"""Byline forms of community papers → people by role."""

import pytest

from shequbao.importer.bylines import parse_byline, split_lead, split_tail


@pytest.mark.parametrize(
    "text, people, source",
    [
        ("■沈佳怡", {"authors": ["沈佳怡"]}, ""),
        ("■记者 陈玲 实习生 章臻瑶", {"reporters": ["陈玲"], "interns": ["章臻瑶"]}, ""),
        ("(孙立新 郑小燕)", {"authors": ["孙立新", "郑小燕"]}, ""),
        ("■许文涛 摄", {"photographers": ["许文涛"]}, ""),
        ("毛志远 摄", {"photographers": ["毛志远"]}, ""),
        ("■赵明辉 钱丽华文/摄", {"authors": ["赵明辉", "钱丽华"], "photographers": ["赵明辉", "钱丽华"]}, ""),
        ("文/陈玲 图/王芳", {"authors": ["陈玲"], "photographers": ["王芳"]}, ""),
        ("■记者 陈玲 摄", {"reporters": ["陈玲"], "photographers": ["陈玲"]}, ""),
        ("(社区自治办)", {}, "社区自治办"),
    ],
)
def test_byline_forms(text, people, source):
    byline = parse_byline(text)
    assert byline is not None
    assert byline.people == people
    assert byline.source == source


@pytest.mark.parametrize("text", ["张三说", "(右一)", "(完)", "(下转第2版)", "居民区党总支书记表示"])
def test_not_bylines(text):
    assert parse_byline(text) is None


def test_lead_byline_in_parentheses():
    byline, body, removed = split_lead("本报讯(通讯员周晓岚 吴建国 记者陈玲)“现在每天早上……”")
    assert byline.people == {"correspondents": ["周晓岚", "吴建国"], "reporters": ["陈玲"]}
    assert body == "“现在每天早上……”"
    assert removed == "本报讯(通讯员周晓岚 吴建国 记者陈玲)"


def test_lead_byline_with_spaces_and_plain_lead():
    byline, body, _ = split_lead("本报讯 记者 陈玲 近日,柳岸小区居民议事会召开专题会议。")
    assert byline.people == {"reporters": ["陈玲"]}
    assert body == "近日,柳岸小区居民议事会召开专题会议。"
    byline, body, _ = split_lead("本报讯“只要讲清道理,群众是能理解的。”")
    assert byline is None and body.startswith("“只要")


def test_closing_bylines():
    assert split_tail("参加。 ■沈佳怡")[0] == "参加。"
    text, byline = split_tail("送去桶装水。(孙立新 郑小燕)")
    assert text == "送去桶装水。" and byline.people == {"authors": ["孙立新", "郑小燕"]}
    text, byline = split_tail("解决生活困难。 庞小明 摄")
    assert byline.people == {"photographers": ["庞小明"]}
    assert split_tail("他说:“很好。”张三说") == ("他说:“很好。”张三说", None)


def test_a_lead_byline_whose_closing_bracket_ocr_lost_still_leaves_the_body():
    """A scan's 本报讯(通讯员 … 记者 毛玺玺“…: OCR read the thin half-width ) as nothing. The
    byline still comes off (up to the quote no name has); a bracket that never closes in front
    of plain text is left alone."""
    byline, body, removed = split_lead("本报讯(通讯员 周晓岚 吴建国 记者毛玺玺“街道组织的平安建设活动很好。”")
    assert byline is not None and byline.people == {"correspondents": ["周晓岚", "吴建国"], "reporters": ["毛玺玺"]}
    assert body.startswith("“街道组织")
    assert removed == "本报讯(通讯员 周晓岚 吴建国 记者毛玺玺"
    assert split_lead("本报讯(记者 陈玲 近日街道开展“四点半课堂”活动")[0] is None
