"""Text imports as an editor meets them: Notepad's UTF-16, Word files, the masthead's facts,
page furniture (报头, 责任编辑, 报尾, 页脚), bylines in every placement, photo items without
their photo, control characters, and no text lost without a word."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import frontmatter
import pytest
import yaml
from PIL import Image

from shequbao.importer import add_arguments, run
from shequbao.importer.accounting import account
from shequbao.importer.issue import UserError
from shequbao.importer.reading import read_issue
from shequbao.importer.segment import segment, segment_lines
from shequbao.importer.structure import Line

FIXTURES = Path(__file__).parent / "fixtures" / "import"
FURNITURE = FIXTURES / "furniture.txt"  # 《桂园社区报》第12期: masthead, 2 版, editors, 报尾, 页脚


def invoke(*argv):
    parser = argparse.ArgumentParser(prog="shequbao import")
    add_arguments(parser)
    return run(parser.parse_args([str(a) for a in argv]))


def imported(tmp_path: Path, source: Path = FURNITURE, *extra) -> tuple[dict, dict]:
    """Import ``source`` into a fresh content folder: (issue.yml, file name → post)."""
    content = tmp_path / "content"
    assert invoke(source, "--issue", "2021-03", "--content", content, *extra) == 0
    folder = content / "issues" / "2021-03"
    issue = yaml.safe_load((folder / "issue.yml").read_text(encoding="utf-8"))
    return issue, {p.name: frontmatter.load(p) for p in folder.glob("*.md")}


def by_title(posts: dict, title: str):
    return next(p for p in posts.values() if p.metadata.get("title") == title)


# -- reading the file -------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_notepad_unicode_is_read_like_utf8(tmp_path, encoding):
    text = FURNITURE.read_text(encoding="utf-8")
    notepad = tmp_path / "桂园社区报.txt"
    bom = "\ufeff" if encoding == "utf-16-be" else ""  # Python's utf-16 writes its BOM itself
    notepad.write_bytes((bom + text).encode(encoding))
    titles = [a.title for a in read_issue(notepad).articles]
    assert titles == [a.title for a in read_issue(FURNITURE).articles]
    assert "社区食堂开进老小区" in titles


@pytest.mark.parametrize("name, magic", [("第12期.docx", b"PK\x03\x04\x14\x00"), ("第12期.doc", b"\xd0\xcf\x11\xe0\xa1\xb1")])
def test_word_file_is_refused_with_what_to_do(tmp_path, name, magic):
    word = tmp_path / name
    word.write_bytes(magic + b"\x00" * 200)
    with pytest.raises(UserError) as info:
        read_issue(word)
    message = str(info.value)
    assert "Word" in message and "另存为" in message and "纯文本" in message and name in message


def word_file(tmp_path: Path) -> Path:
    """furniture.txt as an editor's Word file: a paragraph per line, two headlines styled 标题 1,
    the others set in bold, and the photo of the photo item (a JPEG) above its caption."""
    import io

    import docx

    document = docx.Document()
    headings = {"社区食堂开进老小区", "春日里的读书会"}
    bold = {"“家门口”法律服务站揭牌", "楼组长们的“金点子”", "志愿者清洁河道"}
    for line in FURNITURE.read_text(encoding="utf-8").splitlines():
        if line in headings:
            document.add_heading(line, level=1)
        elif line.startswith("3月19日，居民"):
            photo = io.BytesIO()
            Image.new("RGB", (120, 80), (60, 140, 80)).save(photo, "JPEG")
            document.add_picture(photo)
            document.add_paragraph(line)
        else:
            document.add_paragraph().add_run(line).bold = line in bold
    path = tmp_path / "桂园社区报第12期.docx"
    document.save(path)
    return path


def test_word_file_is_read_with_its_headings_and_photo(tmp_path, capsys):
    issue, posts = imported(tmp_path, word_file(tmp_path))
    _, text = imported(tmp_path / "text")
    stories = sorted(p.metadata["title"] for p in posts.values() if p.metadata["kind"] != "photo")
    assert stories == sorted(p.metadata["title"] for p in text.values() if p.metadata["kind"] != "brief")
    assert "_leftover.md" not in posts
    assert (issue["number"], issue["pages"]) == (12, [{"page": 1, "name": "要闻", "editor": "王丽"},
                                                    {"page": 2, "name": "社区", "editor": "李明"}])
    # the photo item the text file could only keep as a brief (its photo was not in the text)
    (photo,) = [p for p in posts.values() if p.metadata["kind"] == "photo"]
    assert photo.metadata["photographers"] == ["许文涛"] and "街心花园里晨练" in photo.metadata["images"][0]["caption"]
    with Image.open(tmp_path / "content/issues/2021-03" / photo.metadata["images"][0]["src"]) as picture:
        assert picture.size == (120, 80)
    assert by_title(posts, "社区食堂开进老小区").metadata["correspondents"] == ["田慧聪"]
    assert "Word 文件" in capsys.readouterr().out


# -- the masthead and the page furniture -------------------------------------------------------

def test_masthead_gives_number_and_date(tmp_path):
    issue, _ = imported(tmp_path)
    assert (issue["number"], issue["date"], issue["total"]) == (12, dt.date(2021, 3, 25), 158)


def test_furniture_never_becomes_an_article(tmp_path, capsys):
    issue, posts = imported(tmp_path)
    assert "_leftover.md" not in posts
    everything = "".join(str(p.metadata) + p.content for p in posts.values())
    for furniture in ("桂园社区报", "主办", "准印证", "美编", "责任编辑", "编印", "印数", "第 1 页", "第 2 页"):
        assert furniture not in everything, furniture
    assert sorted(p.metadata["title"] for p in posts.values()) == sorted([
        "社区食堂开进老小区", "“家门口”法律服务站揭牌", "楼组长们的“金点子”", "春日里的读书会", "志愿者清洁河道",
        "居民在新修缮的桂园街心花园里晨练"])
    # the editor of each 版 goes to issue.yml, and the report says what was left out
    assert issue["pages"] == [{"page": 1, "name": "要闻", "editor": "王丽"}, {"page": 2, "name": "社区", "editor": "李明"}]
    assert "版面文字" in capsys.readouterr().out


def test_masthead_block_in_another_style():
    parsed = segment("平凉社区报\nPINGLIANG SHEQU BAO\n2012年7月25日　星期三　农历壬辰年六月初七\n第36期（总第412期）\n"
                     "中共平凉路街道工作委员会主办\n准印证号：沪内资准字（2012）第0123号\n\n“两中心”推进作风建设\n\n"
                     "平凉社区事务受理服务中心是平凉路街道的重点窗口部门。■田慧聪\n")
    assert (parsed.number, parsed.total, parsed.date) == (36, 412, dt.date(2012, 7, 25))
    (art,) = parsed.articles
    assert (art.title, art.kicker, art.subtitle) == ("“两中心”推进作风建设", "", "")
    assert parsed.furniture[:2] == ["平凉社区报", "PINGLIANG SHEQU BAO"] and not parsed.leftover


@pytest.mark.parametrize("line, number, date", [
    ("第三十六期　二〇一二年七月二十五日　星期三", 36, dt.date(2012, 7, 25)),
    ("第一百零二期 总第四百一十二期 二○一九年十二月二十日", 102, dt.date(2019, 12, 20)),
    ("2015年12月18日 农历乙未年十一月初八 第8期", 8, dt.date(2015, 12, 18)),
])
def test_masthead_in_chinese_numerals(line, number, date):
    parsed = segment(f"石二社区报\n{line}\n\n社区举办迎新春联欢会\n\n1月20日，社区举办迎新春联欢会，居民们自编自演了十多个节目。\n")
    assert (parsed.number, parsed.date) == (number, date)
    assert parsed.total == (412 if "总第" in line else None)
    assert [a.title for a in parsed.articles] == ["社区举办迎新春联欢会"]


def test_headline_under_the_masthead_is_kept():
    parsed = segment("桂园社区报\n第12期 2021年3月25日\n垃圾分类进社区\n\n3月2日，街道在各小区设立了垃圾分类宣传点。\n")
    assert [a.title for a in parsed.articles] == ["垃圾分类进社区"]


@pytest.mark.parametrize("line, editor", [
    ("责任编辑：王丽　美编：陈晨", "王丽"), ("本版责编：王丽", "王丽"), ("编辑/王丽", "王丽"),
    ("责任编辑 王丽 校对 李明", "王丽"), ("（本版编辑：王丽）", "王丽"), ("美编：陈晨", None),
    ("责任编辑：王丽美编：陈晨", "王丽"),  # the space lost (OCR)
])
def test_editor_lines_give_the_editor_of_the_ban(line, editor):
    parsed = segment(f"第3版 文体\n\n广场舞比赛落幕\n\n5月6日，街道广场舞比赛落幕，十二支队伍参赛。\n\n{line}\n")
    assert parsed.editors.get(3) == editor and [a.title for a in parsed.articles] == ["广场舞比赛落幕"]
    assert "5月6日，街道广场舞比赛落幕，十二支队伍参赛。" == parsed.articles[0].body_text


def test_headline_starting_with_a_role_word_is_no_editor_line():
    parsed = segment("编辑部的故事\n\n社区报编辑部的五位志愿者，十年来编印了一百二十期报纸。\n")
    assert [a.title for a in parsed.articles] == ["编辑部的故事"] and not parsed.editors


def test_word_footer_between_stories_is_no_headline():
    parsed = segment("社区义诊进楼组\n\n3月2日，社区卫生服务中心的医生走进楼组，为居民免费测血压。\n\n"
                     "第 7 页\n\n二手书换书节\n\n3月6日，社区图书馆举办换书节，居民带来旧书三百余册。\n")
    assert [a.title for a in parsed.articles] == ["社区义诊进楼组", "二手书换书节"]
    assert parsed.furniture == ["第 7 页"] and not parsed.leftover


def test_address_in_a_notice_is_kept():
    parsed = segment("关于开展免费体检的通知\n\n各位居民：社区将于4月10日开展免费体检，请带好身份证。\n\n"
                     "地址：桂园路88号社区卫生服务中心\n\n桂园居委会\n")
    (notice,) = parsed.articles  # 地址： alone is no masthead small print inside the paper
    assert "地址：桂园路88号社区卫生服务中心" in notice.body_text + "".join(notice.captions)
    assert parsed.furniture == [] and not parsed.leftover


def test_new_issue_after_an_import_without_ban_names(tmp_path):
    from shequbao.cli.scaffold import new_issue

    source = tmp_path / "旧报.txt"
    source.write_text("社区开展消防演练\n\n3月5日，社区组织居民开展消防演练。■王芳\n", encoding="utf-8")
    assert invoke(source, "--issue", "2021-03", "--number", 3, "--date", "2021-03-25", "--content", tmp_path / "content") == 0
    made = yaml.safe_load(new_issue(tmp_path / "content").read_text(encoding="utf-8"))
    assert made["number"] == 4 and made["pages"] == [{"page": 1}]  # the 版 still has no name: shown as 第1版


def test_date_far_from_the_issue_is_not_written(tmp_path, capsys):
    """A review's first date (1月5日 in a July issue) would stop the build as a drift of over 90 days."""
    source = tmp_path / "第15期.txt"
    source.write_text("桂园社区报 第15期 2021年7月25日\n\n回顾上半年工作\n\n1月5日，街道召开年度工作会议，部署全年重点工作。\n\n"
                      "社区纳凉晚会\n\n7月20日晚，社区纳凉晚会在中心广场举行。\n", encoding="utf-8")
    _, posts = imported(tmp_path, source)
    dated = {p.metadata["title"]: p.metadata.get("date") for p in posts.values()}
    assert dated == {"回顾上半年工作": None, "社区纳凉晚会": dt.date(2021, 7, 20)}
    assert "超过 90 天" in capsys.readouterr().out


# -- bylines -----------------------------------------------------------------------------------

def test_bylines_in_every_placement(tmp_path):
    _, posts = imported(tmp_path)
    canteen = by_title(posts, "社区食堂开进老小区").metadata  # centred on its own line under the headline
    assert canteen["correspondents"] == ["田慧聪"] and "subtitle" not in canteen
    law = by_title(posts, "“家门口”法律服务站揭牌").metadata  # 本报讯（记者 … 通讯员 …）
    assert (law["reporters"], law["correspondents"]) == (["陈玲"], ["周晓岚"])
    ideas = by_title(posts, "楼组长们的“金点子”").metadata  # in brackets after the body
    assert ideas["authors"] == ["方建华", "胡晓千"]
    reading = by_title(posts, "春日里的读书会").metadata  # 文/… 图/…
    assert (reading["authors"], reading["photographers"]) == (["陆小雨"], ["王海涛"])
    river = by_title(posts, "志愿者清洁河道")  # ■记者 陈玲 通讯员 | 张志举: wrapped over two lines
    assert (river.metadata["reporters"], river.metadata["correspondents"]) == (["陈玲"], ["张志举"])
    assert "张志举" not in river.content


def test_bare_name_centred_under_headline_is_a_byline():
    text = ("“两中心”推进作风建设\n　　　　　　田慧聪\n"
            "　　社区事务受理服务中心新建了前台工作人员AB角制度，A角和B角实行一对一帮教。\n")
    (art,) = segment(text).articles
    assert (art.title, art.subtitle, art.byline.names) == ("“两中心”推进作风建设", "", ["田慧聪"])


def test_name_cut_by_the_column_is_joined():
    text = ("社区举行纳凉晚会\n\n7月20日晚，桂园社区纳凉晚会在中心广场举行，居民自编自演了十多个节目。■谷\n文君\n\n"
            "老年大学开学\n\n9月1日，社区老年大学秋季班开学，新开了书法和智能手机两门课。\n")
    first, second = segment(text).articles
    assert first.byline.names == ["谷文君"] and second.title == "老年大学开学"


# -- photo items, control characters, leftover -------------------------------------------------

def test_photo_item_without_photo_is_text_with_a_note(tmp_path, capsys):
    _, posts = imported(tmp_path)
    post = by_title(posts, "居民在新修缮的桂园街心花园里晨练")
    assert post.metadata["kind"] == "brief" and "images" not in post.metadata
    assert "photographers" not in post.metadata  # no credit without a photo
    assert post.content.startswith("3月19日，居民在新修缮的桂园街心花园里晨练。")
    raw = next(p for p in (tmp_path / "content/issues/2021-03").glob("*.md") if "晨练" in p.read_text(encoding="utf-8"))
    assert "# TODO: photo" in raw.read_text(encoding="utf-8") and "许文涛" in raw.read_text(encoding="utf-8")
    assert "图片新闻没有照片（许文涛 摄）" in capsys.readouterr().out


def test_no_control_character_reaches_a_draft(tmp_path, capsys):
    source = tmp_path / "带控制字符.txt"
    text = FURNITURE.read_text(encoding="utf-8")
    source.write_text(text.replace("开业", "开\x00业").replace("读书", "读\x1f书"), encoding="utf-8")
    junk = text.count("开业") + text.count("读书")
    _, posts = imported(tmp_path, source)
    for path in (tmp_path / "content/issues/2021-03").iterdir():
        assert not any(ord(c) < 32 and c not in "\n" for c in path.read_text(encoding="utf-8")), path.name
    assert f"{junk} 个看不见的控制字符，已删除" in capsys.readouterr().out


def test_pdf_lines_lose_their_control_characters():
    parsed = segment_lines([Line(1, "敬老院里欢声笑语", level=1),
                            Line(1, "重阳节这天，志愿者为老人表演节目。\x00", hint="para")], unit="页")
    assert parsed.articles[0].body_text == "重阳节这天，志愿者为老人表演节目。"
    assert any("控制字符" in message for _, message in parsed.warnings)


def test_text_found_nowhere_goes_to_leftover_and_is_counted():
    lines = [Line(1, "社区开展消防演练"), Line(3, "3月5日，社区组织居民开展消防演练。")]
    parsed = segment_lines(lines)
    parsed.articles[0].paras.clear()  # as if a rule of the segmenter had dropped the text
    account(lines, parsed)
    assert [p.text for p in parsed.leftover] == ["3月5日，社区组织居民开展消防演练。"]
    assert any("没有放进任何稿件" in message and "第3行" in message for _, message in parsed.warnings)


def test_report_counts_leftover_characters(tmp_path, capsys):
    source = tmp_path / "有未归类文本.txt"
    source.write_text("第3期 2021年4月25日\n\n社区开展消防演练\n\n3月5日，社区组织居民开展消防演练。■王芳\n\n"
                      "一段没有正文的标题\n", encoding="utf-8")
    invoke(source, "--issue", "2021-04", "--content", tmp_path / "content")
    out = capsys.readouterr().out
    assert "未归类文本 9 字" in out and "_leftover.md" in out


def test_printed_ban_without_a_name_is_headed_by_its_number(mini):
    """An editor who prints an imported issue before naming its 版: 第2版, never “第2版 · ”."""
    from dataclasses import replace

    from shequbao.content.load import load_archive
    from shequbao.print.blocks import MarkdownSetup
    from shequbao.model import Paper
    from shequbao.print import PrintOptions
    from shequbao.print.content import issue_content
    from shequbao.print.furniture import page_furniture
    from shequbao.print.style import Style

    archive, _ = load_archive(mini / "content", Paper(name="梧桐里"))
    issue = archive.issue("2023-05")
    issue = replace(issue, sections=tuple(replace(s, name="") for s in issue.sections))
    content = issue_content(archive, issue, mini / "content", MarkdownSetup(), lambda src: (800, 600))
    style = Style(PrintOptions("A3").geometry())
    for index, page in enumerate(content.pages):
        texts = [str(part.get("text", "")) for part in page_furniture(content, index, style)[0]]
        assert f"第{page.page}版" in texts or any(t.startswith(f"第{page.page}版 · 20") for t in texts), texts
        assert not any(t.rstrip().endswith("·") or "·  ·" in t or " ·  " in t for t in texts), texts
