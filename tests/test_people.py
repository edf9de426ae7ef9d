"""Byline archives: people, their slugs, people.yml, and the /people/ pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import broken_links, build, plain_names

from shequbao.content.load import load_archive
from shequbao.content.slugs import make_person_slug
from shequbao.model import Paper
from shequbao.problems import ContentError
from shequbao.site.people import generate_people_pages

ISSUE = "content/issues/2023-05"


@pytest.mark.parametrize("name, slug", [
    ("陈玲", "chen-ling"), ("吕晓燕", "lv-xiao-yan"), ("单雄信", "shan-xiong-xin"), ("曾国藩", "zeng-guo-fan"),
    ("解缙", "xie-jin"), ("欧阳修", "ou-yang-xiu"), ("尉迟恭", "yu-chi-gong"), ("查良镛", "zha-liang-yong"),
    ("区小明", "ou-xiao-ming"), ("John Smith", "john-smith"),
])
def test_person_slug_is_toneless_pinyin_reading_surnames_as_surnames(name, slug):
    assert make_person_slug(name) == slug


def write(site: Path, rel: str, text: str) -> Path:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def brief(slug: str, *, page: int = 2, **names) -> str:
    fields = "".join(f"{role}: [{', '.join(keys)}]\n" for role, keys in names.items())
    return f"---\ntitle: 居民区简讯{slug}\nkind: brief\npage: {page}\n{fields}---\n\n本报讯 居民区开展活动。\n"


def load(site: Path):
    return load_archive(site / "content", Paper("梧桐里"))


def problems_of(site: Path):
    with pytest.raises(ContentError) as info:
        load(site)
    return info.value.problems


def test_people_come_from_every_role_and_photo_credits(mini):
    archive, _ = load(mini)
    assert {key: p.slug for key, p in archive.people.items()} == {
        "郑爽": "zheng-shuang", "何建国": "he-jian-guo", "严丽": "yan-li", "孙涛": "sun-tao", "王慧": "wang-hui",
        "钱多多": "qian-duo-duo", "吴秀英": "wu-xiu-ying",
    }
    index, pages = generate_people_pages(archive, per_page=50)
    tallies = {person.name: [(t.role, t.count, t.unit) for t in ts] for _, entries in index.letters for person, ts in entries}
    assert tallies["郑爽"] == [("记者", 2, "篇")]
    assert tallies["严丽"] == [("通讯员", 2, "篇")]
    assert tallies["孙涛"] == [("摄影", 2, "幅")]  # a credit on a news photo and a photo item
    assert [letter for letter, _ in index.letters] == ["H", "Q", "S", "W", "Y", "Z"]
    zheng = next(p for p in pages if p.person.key == "郑爽")
    assert [issue.number for issue, _ in zheng.groups] == [8, 7]  # newest issue first


def test_people_yml_profiles_and_namesakes(mini):
    write(mini, "content/people.yml", "郑爽:\n  title: 本报记者\n  bio: 跑社区新闻十年。\n  slug: zheng-shuang-jizhe\n"
                                      "张伟@东苑:\n  name: 张伟\n  title: 东苑居民区通讯员\n张伟@西苑:\n  name: 张伟\n")
    write(mini, f"{ISSUE}/dongyuan.md", brief("东苑", correspondents=["张伟@东苑"]))
    write(mini, f"{ISSUE}/xiyuan.md", brief("西苑", correspondents=["张伟@西苑"]))
    archive, warnings = load(mini)
    assert warnings == []
    east, west = archive.people["张伟@东苑"], archive.people["张伟@西苑"]
    assert (east.name, east.slug, east.title) == ("张伟", "zhang-wei-dong-yuan", "东苑居民区通讯员")
    assert (west.name, west.slug) == ("张伟", "zhang-wei-xi-yuan")
    assert archive.people["郑爽"].slug == "zheng-shuang-jizhe" and archive.people["郑爽"].bio == "跑社区新闻十年。"


@pytest.mark.parametrize("people_yml, article_names, path, line, field, words", [
    pytest.param("张伟@东苑:\n  name: 张伟\n", {"correspondents": ["张伟@南苑"]}, f"{ISSUE[8:]}/jianxun.md", 5,
                 "correspondents[1]", "people.yml 里没有“张伟@南苑”", id="unknown-key"),
    pytest.param("张伟@东苑:\n  name: 张伟\n张伟@西苑:\n  name: 张伟\n", {"correspondents": ["张伟"]},
                 f"{ISSUE[8:]}/jianxun.md", 5, "correspondents[1]", "几位同名的“张伟”（张伟@东苑、张伟@西苑）", id="ambiguous-name"),
    pytest.param("郑爽:\n  slug: he-jian-guo\n何建国:\n  slug: he-jian-guo\n", {}, "people.yml", 3, "何建国.slug",
                 "已经给了“郑爽”", id="duplicate-slug"),
    pytest.param("郑爽:\n  titel: 记者\n", {}, "people.yml", 2, "郑爽.titel", "不认识的字段", id="unknown-field"),
    pytest.param("郑爽:\n  slug: 郑爽\n", {}, "people.yml", 2, "郑爽.slug", "小写字母", id="bad-slug"),
    pytest.param("记者郑爽:\n  title: 记者\n", {}, "people.yml", 1, "记者郑爽", "带了“记者”", id="role-word-in-key"),
    pytest.param("郑爽: [记者]\n", {}, "people.yml", 1, "郑爽", "每个人写成", id="entry-not-a-mapping"),
])
def test_people_problems_name_file_line_and_field(mini, people_yml, article_names, path, line, field, words):
    write(mini, "content/people.yml", people_yml)
    if article_names:
        write(mini, f"{ISSUE}/jianxun.md", brief("甲", **article_names))
    problems = problems_of(mini)
    assert [(p.path, p.line, p.field) for p in problems] == [(path, line, field)]
    assert words in problems[0].message


def test_slug_collision_gets_a_stable_suffix_and_a_warning(mini):
    write(mini, f"{ISSUE}/chenling.md", brief("一", reporters=["陈玲"]))
    write(mini, f"{ISSUE}/chenling2.md", brief("二", reporters=["陈凌"]))
    for _ in range(2):  # the same on every build
        archive, warnings = load(mini)
        assert (archive.people["陈凌"].slug, archive.people["陈玲"].slug) == ("chen-ling", "chen-ling-2")
    (warning,) = warnings
    assert warning.path == "people.yml" and warning.severity == "warning" and "slug" in warning.message


@pytest.fixture
def prolific(mini) -> Path:
    """120 briefs by one correspondent across the two issues."""
    for n in range(120):
        issue = "2023-05" if n % 2 else "2023-06"
        write(mini, f"content/issues/{issue}/jianxun-{n:03d}.md", brief(f"{n:03d}", correspondents=["严丽"]))
    return mini


def test_prolific_correspondent_pages(prolific):
    site = build(prolific)
    pages = [site / "people/yan-li/index.html", site / "people/yan-li/page/2/index.html", site / "people/yan-li/page/3/index.html"]
    assert all(p.is_file() for p in pages) and not (site / "people/yan-li/page/4").exists()
    first, second, third = (p.read_text(encoding="utf-8") for p in pages)
    assert len(re.findall(r'class="sqb-person-items__role"', first)) == 50
    assert len(re.findall(r'class="sqb-person-items__role"', third)) == 122 - 100  # 120 briefs + 2 of the fixture
    assert 'rel="next" href="page/2/"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="../../"' in second and 'rel="next" href="../3/"' in second
    assert 'rel="next"' not in third
    assert "在本报共 122 篇 · 通讯员 122 篇" in re.sub(r"<[^>]+>", "", first)
    assert broken_links(site) == []


def test_bylines_and_credits_link_to_person_pages(mini):
    site = build(mini)
    article = (site / "issues/2023-05/jiazhuang-dianti/index.html").read_text(encoding="utf-8")
    assert '记者 <a class="sqb-person" href="../../../people/zheng-shuang/">郑爽</a>' in article
    assert '<a class="sqb-person" href="../../../people/sun-tao/">孙涛</a> 摄' in article
    issue = (site / "issues/2023-05/index.html").read_text(encoding="utf-8")
    assert '<span class="sqb-name">何建国</span>' in issue  # plain on the issue's cards, links on the article page
    people = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (site / "people/index.html").read_text(encoding="utf-8")))
    assert "郑爽 · 记者 2 篇" in people and "孙涛 · 摄影 2 幅" in people
    person = plain_names((site / "people/sun-tao/index.html").read_text(encoding="utf-8"))
    assert 'class="sqb-strip"' in person and "dianti-96.jpg" in person and "huayuan-96.jpg" in person
    assert broken_links(site) == []


def test_a_rename_in_people_yml_moves_every_byline_and_redirects_the_old_address(mini):
    """郑爽 is now 郑朗: one entry with 曾用名, no article edited."""
    write(mini, "content/people.yml", "郑朗:\n  title: 本报记者\n  曾用名: [郑爽]\n")
    site = build(mini, site_url="https://wutongli.example.cn/")
    article = (site / "issues/2023-05/jiazhuang-dianti/index.html").read_text(encoding="utf-8")
    assert '记者 <a class="sqb-person" href="../../../people/zheng-lang/">郑朗</a>' in article
    assert "郑爽" not in article
    people = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (site / "people/index.html").read_text(encoding="utf-8")))
    assert "郑朗 本报记者" in people
    assert "郑爽" not in people
    moved = (site / "people/zheng-shuang/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../zheng-lang/">' in moved
    assert '<link rel="canonical" href="https://wutongli.example.cn/people/zheng-lang/">' in moved
    assert '<a href="../zheng-lang/">' in moved
    assert "zheng-shuang" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    filters = (site / "search/filters.json").read_text(encoding="utf-8")
    assert "郑朗" in filters and "郑爽" not in filters
    assert broken_links(site) == []


@pytest.mark.parametrize("people_yml, words", [
    ("郑朗:\n  曾用名: [郑爽]\n郑爽:\n  title: 本报记者\n", "不能同时是“郑朗”的曾用名"),
    ("郑朗:\n  曾用名: [郑爽]\n何建国:\n  曾用名: 郑爽\n", "一个旧名字只能归一个人"),
    ("郑朗:\n  曾用名: {郑爽: 1}\n", "应当是姓名列表"),
])
def test_a_former_name_belongs_to_one_person(mini, people_yml, words):
    write(mini, "content/people.yml", people_yml)
    found = [p for p in problems_of(mini) if p.field.endswith("曾用名")]
    assert found and words in found[0].message and found[0].path == "people.yml" and found[0].line
