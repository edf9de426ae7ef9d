"""people.yml and the names written in articles (content/people.py), without a build:
profiles, namesakes told apart by ``name@place``, photo credits, and every person's address."""

from __future__ import annotations

from pathlib import Path

import pytest

from shequbao.content.people import Directory, Profile, load_directory, resolve_people
from shequbao.content.slugs import make_person_slug
from shequbao.model import Person

PEOPLE = """\
陈玲:
  title: 本报记者
  bio: 2018年起跑桂园街道的社区新闻。
张伟@平凉:
  name: 张伟
  title: 平凉居委会通讯员
张伟@桂园:
  title: 桂园居委会退休教师
"""


@pytest.fixture(scope="module", autouse=True)
def pinyin():
    """pypinyin's dictionaries load on the first slug (a fifth of a second, more on a busy machine):
    once for the module, not inside whichever test happens to run first."""
    make_person_slug("陈玲")


def directory_of(tmp_path: Path, text: str | bytes | None) -> tuple[Directory, list]:
    if text is not None:
        (tmp_path / "people.yml").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = []
    return load_directory(tmp_path, problems), problems


def test_profiles_are_read_with_their_titles_bios_and_lines(tmp_path):
    directory, problems = directory_of(tmp_path, PEOPLE)
    assert problems == []
    assert directory.profiles == {
        "陈玲": Profile("陈玲", "陈玲", "本报记者", "2018年起跑桂园街道的社区新闻。", "", 1),
        "张伟@平凉": Profile("张伟@平凉", "张伟", "平凉居委会通讯员", "", "", 4),
        "张伟@桂园": Profile("张伟@桂园", "张伟", "桂园居委会退休教师", "", "", 7),
    }


@pytest.mark.parametrize("text", [None, "", "# 还没有人\n"])
def test_a_paper_without_people_yml_or_with_an_empty_one_has_no_profiles(tmp_path, text):
    directory, problems = directory_of(tmp_path, text)
    assert directory.profiles == {} and problems == []


def test_people_yml_as_a_link_is_left_to_the_content_listing(tmp_path):
    (tmp_path / "elsewhere.yml").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "people.yml").symlink_to(tmp_path / "elsewhere.yml")
    directory, problems = directory_of(tmp_path, None)
    assert directory.profiles == {} and problems == []  # scan_content reports the link


@pytest.mark.parametrize("key, problem", [
    ("陈玲", ""),
    ("李明", ""),  # not everyone is in people.yml: a plain name needs no profile
    ("张伟@平凉", ""),
    ("张伟", "people.yml 里有几位同名的“张伟”（张伟@平凉、张伟@桂园），请写明是哪一位"),
    ("张伟@北京", "people.yml 里没有“张伟@北京”：请在 people.yml 里加上这个人，或去掉 @ 后面的部分"),
])
def test_a_name_in_an_article_must_say_which_of_two_namesakes_it_means(tmp_path, key, problem):
    directory, _ = directory_of(tmp_path, PEOPLE)
    assert directory.check_reference(key) == problem


def test_a_plain_entry_beside_the_namesakes_makes_the_plain_name_unambiguous(tmp_path):
    directory, problems = directory_of(tmp_path, PEOPLE + "张伟:\n  title: 编辑部主任\n")
    assert problems == [] and directory.check_reference("张伟") == ""


@pytest.mark.parametrize("credit, key", [
    ("陈玲", "陈玲"),
    ("张伟@平凉", "张伟@平凉"),
    ("王 芳", "王芳"),  # spaced out to line up in print
    ("欧阳晓峰", "欧阳晓峰"),
    ("买买提·艾力", "买买提·艾力"),
    ("资料图片", ""),
    ("街道供图", ""),
    ("记者陈玲", ""),  # a role word: not a name as written
    ("张伟", ""),  # which 张伟? not a person's page
    ("Visual China", ""),
])
def test_a_photo_credit_links_to_a_person_only_when_it_is_one(tmp_path, credit, key):
    directory, _ = directory_of(tmp_path, PEOPLE)
    assert directory.credit_key(credit) == key


@pytest.mark.parametrize("text, line, field, words", [
    ("陈玲:\n  titel: 本报记者\n", 2, "陈玲.titel", "不认识的字段“titel”，是不是想写 title？"),
    ("陈玲:\n  电话: 6218-1234\n", 2, "陈玲.电话", "请改用可用的字段：name、title、bio、slug"),
    ("陈玲: 本报记者\n", 1, "陈玲", "每个人写成“姓名:”下面缩进的"),
    ("陈玲:\n  title: [记者, 编辑]\n", 2, "陈玲.title", "应当是一行文字"),
    ("记者陈玲:\n  title: 本报记者\n", 1, "记者陈玲", "带了“记者”"),
    ("陈玲:\n  name: 陈琳\n", 2, "陈玲.name", "只有“姓名@区分词”形式的条目才需要 name"),
    ("陈玲:\n  slug: Chen Ling\n", 2, "陈玲.slug", "slug 只能用小写字母、数字和连字符，例如 chen-ling"),
    ("陈玲:\n  slug: page\n", 2, "陈玲.slug", "slug 不能叫“page”"),
    ("- 陈玲\n- 张伟\n", 1, "", "people.yml 应当以姓名开头"),
])
def test_each_problem_of_people_yml_names_its_line_and_field(tmp_path, text, line, field, words):
    _, problems = directory_of(tmp_path, text)
    assert [(p.path, p.line, p.field) for p in problems] == [("people.yml", line, field)]
    assert words in problems[0].message


def test_a_profile_with_a_bad_slug_keeps_its_other_fields_and_gets_an_address_of_its_own(tmp_path):
    directory, problems = directory_of(tmp_path, "陈玲:\n  title: 本报记者\n  slug: index\n")
    assert len(problems) == 1
    assert directory.profiles["陈玲"].title == "本报记者" and directory.profiles["陈玲"].slug == ""
    assert resolve_people(["陈玲"], directory, problems)["陈玲"].slug == "chen-ling"


def test_yaml_that_cannot_be_read_is_a_problem_and_no_profiles(tmp_path):
    directory, problems = directory_of(tmp_path, "陈玲:\n  title: 本报记者\n  bio: [未结束\n")
    assert directory.profiles == {}
    assert len(problems) == 1 and problems[0].path == "people.yml" and problems[0].line is not None


def test_everyone_gets_a_pinyin_address_with_the_surname_read_as_a_surname(tmp_path):
    directory, _ = directory_of(tmp_path, PEOPLE)
    problems = []
    people = resolve_people(["陈玲", "单雄信", "张伟@平凉", "张伟@桂园", "李明"], directory, problems)
    assert problems == []
    assert people == {
        "陈玲": Person("陈玲", "陈玲", "chen-ling", "本报记者", "2018年起跑桂园街道的社区新闻。"),
        "单雄信": Person("单雄信", "单雄信", "shan-xiong-xin"),
        "张伟@平凉": Person("张伟@平凉", "张伟", "zhang-wei-ping-liang", "平凉居委会通讯员"),
        "张伟@桂园": Person("张伟@桂园", "张伟", "zhang-wei-gui-yuan", "桂园居委会退休教师"),
        "李明": Person("李明", "李明", "li-ming"),
    }


def test_two_names_with_one_pinyin_get_distinct_addresses_the_same_on_every_build():
    problems = []
    first = resolve_people(["陈玲", "陈伶", "陈玲"], Directory({}), problems)
    again = resolve_people(["陈伶", "陈玲"], Directory({}), [])
    assert first == again  # not the order the articles happen to be read in
    assert sorted(p.slug for p in first.values()) == ["chen-ling", "chen-ling-2"]
    assert [(p.path, p.field, p.severity) for p in problems] == [("people.yml", "slug", "warning")]
    moved = next(key for key, person in first.items() if person.slug == "chen-ling-2")
    assert "已暂用 people/chen-ling-2/" in problems[0].message and f"{moved}:\n  slug: chen-ling-2" in problems[0].message


def test_a_slug_chosen_in_people_yml_wins_over_one_made_from_pinyin(tmp_path):
    directory, _ = directory_of(tmp_path, "陈伶:\n  title: 通讯员\n陈玲:\n  slug: chen-ling\n")
    problems = []
    people = resolve_people(["陈伶", "陈玲"], directory, problems)
    assert (people["陈玲"].slug, people["陈伶"].slug) == ("chen-ling", "chen-ling-2")
    assert len(problems) == 1 and problems[0].severity == "warning"


def test_the_same_slug_chosen_twice_is_an_error_on_the_second_entry(tmp_path):
    directory, _ = directory_of(tmp_path, "陈玲:\n  slug: chenling\n陈伶:\n  slug: chenling\n")
    problems = []
    people = resolve_people(["陈伶", "陈玲"], directory, problems)
    assert people["陈玲"].slug == "chenling"
    assert [(p.line, p.field, p.severity) for p in problems] == [(3, "陈伶.slug", "error")]
    assert problems[0].message == "slug “chenling”已经给了“陈玲”，请换一个"


@pytest.mark.parametrize("name, slug", [("Page", "page-ren"), ("Feed", "feed-ren"), ("Gallery", "gallery-ren")])
def test_a_name_that_reads_as_one_of_the_sites_own_addresses_gets_another(name, slug):
    """people/page/2/ is the second page of the people index: a contributor called Page goes elsewhere."""
    assert resolve_people([name], Directory({}), [])[name].slug == slug
