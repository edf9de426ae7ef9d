"""校对: GB/T 15834 punctuation and typing slips in ``./sqb check``, and ``./sqb check --fix``."""

from __future__ import annotations

import pytest
from conftest import ROOT

from shequbao.cli.main import main
from shequbao.content.proofpaper import findings
from shequbao.content.proofread import fix_all, proofread


def slips(text: str, **options) -> list[tuple[str, str | None]]:
    return [(f.old, f.new) for f in proofread(text, **options)]


@pytest.mark.parametrize("text, old, new", [
    ("居民们纷纷表示,这样的活动很有意义。", ",", "，"),
    ("居民们纷纷表示, 这样的活动很有意义。", ", ", "，"),
    ("活动在社区文化中心举行;共有八十余人参加。", ";", "；"),
    ("王阿姨说:这是好事。", ":", "："),
    ("你家的电动车充好电了吗?", "?", "？"),
    ("大家一起加油!", "!", "！"),
    ("服务站正式启用.", ".", "。"),
    ("服务站正式启用.居民可以来办事。", ".", "。"),
    ("一. 活动时间", ". ", "、"),
    ("桂园街道社区卫生服务中心(以下简称中心)开展义诊。", "(以下简称中心)", "（以下简称中心）"),
    ("桂园街道社区卫生服务中心（以下简称中心)开展义诊。", "（以下简称中心)", "（以下简称中心）"),
    ("第１２期", "１２", "12"),
    ("二楼ＡＢ座", "ＡＢ", "AB"),
    ("大家讨论了很久--最后决定先试点。", "--", "——"),
    ("大家讨论了很久――最后决定先试点。", "――", "——"),
    ("需要带身份证、医保卡...", "...", "……"),
    ("需要带身份证、医保卡......", "......", "……"),
    ("需要带身份证、医保卡。。。", "。。。", "……"),
    ("需要带身份证、医保卡…", "…", "……"),
])
def test_each_safe_slip_is_found_with_its_fix(text, old, new):
    assert (old, new) in slips(text)
    fixed, _ = fix_all(text)
    assert old not in fixed.replace(new, "") and new in fixed


def test_straight_quotes_become_curly_in_pairs():
    text = '丹桂居民区开展"邻里节"活动,居民说:"真热闹!"'
    fixed, done = fix_all(text)
    assert fixed == "丹桂居民区开展“邻里节”活动，居民说：“真热闹！”"
    assert len(done) == 5  # two pairs of quotes, a comma, a colon, an exclamation mark
    assert fix_all("他把'微心愿'贴在墙上。")[0] == "他把‘微心愿’贴在墙上。"


@pytest.mark.parametrize("text, words", [
    ('王阿姨说:"我们楼道干净多了。', "没有成对"),  # one straight quote
    ("王阿姨说：“我们楼道干净多了。", "没有对应的后引号"),
    ("王阿姨说：我们楼道干净多了。”", "前面没有对应的前引号"),
    ("王阿姨说：“我们楼道干净多了“。", "连着两个前引号"),
    ('王阿姨说：“我们楼道"干净多了。”', "混用"),
    ("居民们的的确很满意，我们的的工作还要加强。", "多打了一个“的”"),
    ("社区 居委会组织居民开会。", "汉字之间有空格"),
    ("居民代表—王芳说，没问题。", "破折号写成了一个“—”"),
])
def test_slips_an_editor_has_to_decide_are_warnings_without_a_fix(text, words):
    found = proofread(text)
    assert any(words in f.message and f.new is None for f in found), [f.message for f in found]


def test_a_quotation_over_several_paragraphs_opens_each_and_closes_the_last():
    text = "他在信中写道：\n\n“第一段话。\n\n“第二段话。”"
    assert proofread(text) == []


@pytest.mark.parametrize("text", [
    "他的的确确是个热心人。",  # 的的确确
    "他现在在社区工作。",  # 现在 + 在
    "这件事不能不了了之。",  # 不了了之
    "谢谢大家，常常来看看，天天锻炼，人人参与。",
    "价格3.5元，共1,200份，上午8:30开门，8:00—11:00接种。",
    "本报讯 记者陈玲报道。",  # the space after 本报讯
    "本报讯 记者 王晓峰 桂园新村的几幢老楼没有电梯。",  # a 电头 with its byline
    "新华社北京3月5日电 记者 张三 今天开会。",
    "居民在新建成的口袋花园里赏花。陈凯庭 摄",  # a photo credit
    "活动结束了。（通讯员 胡晓琴 记者 陈玲）",
    "金桂苑小区居民 孙建华",  # a signature
    "王芳 李明 张华 赵强",  # a list of names
    "床前明月光 疑是地上霜  ",  # a poem's line (hard break)
    "He said: Hello, world... (really?)",  # English
])
def test_real_words_numbers_and_english_are_left_alone(text):
    assert proofread(text) == []


def test_headline_halves_may_be_spaced():
    assert proofread("知民情如数家珍 谙民意对答如流", title=True) == []
    assert proofread("知民情如数家珍 谙民意对答如流。")  # in a sentence it is a slip


ARTICLE = """---
title: 社区"邻里节"开幕
kicker: 家门口的节日
subtitle: '八百余名居民参加: 千人同乐'
page: 1
reporters: [陈玲]
---

本报讯 11月18日上午,丹桂居民区第三届"邻里节"开幕。居民们带来了拿手菜...

活动详情见 https://example.com/a,b?x=1 或 `make site, now` 这条命令。

[报名表](files/baoming,2025.pdf)写着:每户限报两人(含儿童)。

```
代码里的,逗号不改.
```

现场来了１２０多位居民。居民们的的确很满意,我们的的工作还要加强。
"""


def test_only_titles_and_the_body_are_proofread_never_code_links_or_urls():
    found = findings(ARTICLE)
    places = {(field, f.line, f.old) for field, f in found}
    assert ("title", 2, '"邻里节"') in places
    assert ("subtitle", 4, ": ") in places  # inside quotes: reported
    assert all(line not in (11, 15, 16, 17) for _, line, _ in places)  # URL and inline code, a code block
    assert ("正文", 13, ":") in places and ("正文", 13, "(含儿童)") in places
    assert ("正文", 19, "１２０") in places and ("正文", 19, "的的") in places
    assert not any("baoming" in f.context for _, f in found)


def write_article(mini, text: str, name: str = "linli-jie.md", newline: str = "\n"):
    path = mini / "content/issues/2023-05" / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def test_check_warns_with_file_line_and_text_and_still_passes(mini, capsys):
    write_article(mini, ARTICLE)
    assert main(["check", str(mini / "content")]) == 0
    out = capsys.readouterr()
    where = f"{(mini / 'content').as_posix()}/issues/2023-05/linli-jie.md"
    assert (f"{where}:9: 正文: 校对：中文里用了半角逗号“,”，应为全角“，”。原文：…11月18日上午,丹桂居民区第三届…"
            "（./sqb check --fix 可以自动改正）") in out.err
    assert f"{where}:19: 正文: 校对：“的的”：多打了一个“的”？请删掉一个。原文：…的确很满意,我们的的工作还要加强。\n" in out.err
    assert f"{where}:2: title: 校对：中文里用了半角双引号“\"\"”，应为全角“ ”。原文：社区\"邻里节\"开幕（" in out.err
    assert "检查通过：2 期，8 篇；校对发现" in out.out and "不影响 make site" in out.out
    assert main(["check", "--strict", str(mini / "content")]) == 0  # as make site: no stop for punctuation


def test_fix_rewrites_the_safe_slips_prints_each_and_keeps_the_rest(mini, capsys):
    path = write_article(mini, ARTICLE, newline="\r\n")
    assert main(["check", "--fix", str(mini / "content")]) == 0
    out = capsys.readouterr().out
    where = f"{(mini / 'content').as_posix()}/issues/2023-05/linli-jie.md"
    assert f"{where}:9: …11月18日上午,丹桂居民区第三届… → …11月18日上午，丹桂居民区第三届…" in out
    assert f"{where}:2: 社区\"邻里节\"开幕 → 社区“邻里节”开幕" in out
    raw = path.read_bytes().decode("utf-8")
    assert raw.count("\r\n") == ARTICLE.count("\n")  # line endings kept
    text = raw.replace("\r\n", "\n")
    assert "title: 社区“邻里节”开幕\n" in text
    assert "subtitle: '八百余名居民参加：千人同乐'" in text
    assert "本报讯 11月18日上午，丹桂居民区第三届“邻里节”开幕。居民们带来了拿手菜……" in text
    assert "https://example.com/a,b?x=1" in text and "`make site, now`" in text and "代码里的,逗号不改." in text
    assert "(files/baoming,2025.pdf)写着：每户限报两人（含儿童）。" in text
    assert "现场来了120多位居民。居民们的的确很满意，我们的的工作还要加强。" in text  # 的的 is for the editor
    capsys.readouterr()
    assert main(["check", "--fix", str(mini / "content")]) == 0
    again = capsys.readouterr()
    assert "校对：没有可以自动改正的地方" in again.out
    assert "多打了一个“的”" in again.err and "半角" not in again.err


def test_the_sample_paper_passes_proofreading_clean(capsys):
    assert main(["check", str(ROOT / "content")]) == 0
    out = capsys.readouterr()
    assert "校对" not in out.err and "校对" not in out.out


def test_a_fix_that_would_change_what_the_front_matter_means_is_not_made():
    from shequbao.content.proofpaper import fixed_text

    text = "---\ntitle: １２３\npage: 1\n---\n\n居民们说,好。\n"
    fixed, done = fixed_text(text)
    assert fixed == "---\ntitle: １２３\npage: 1\n---\n\n居民们说，好。\n"  # 123 would be a number, not a title
    assert [item.old for item in done] == [","]
