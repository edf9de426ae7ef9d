"""People of the paper: ``people.yml`` profiles, and who a name in a byline refers to.

Articles name people by *key*: a plain name (``陈玲``), or ``name@place`` (``张伟@平凉``) when
``people.yml`` tells two people of one name apart. Every key becomes a :class:`Person` with a
pinyin slug that is unique across the paper.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Person
from ..problems import Problem
from .names import check_name
from .reading import Document, ReadError, parse_yaml, read_text
from .slugs import is_reserved, is_slug, make_person_slug, make_slug

PEOPLE_FILE = "people.yml"
PERSON_FIELDS = ("name", "title", "bio", "slug", "曾用名")
FORMER = "曾用名"  # names this person was printed under before (a corrected typo, a changed name)
_CREDIT_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}(@.+)?$|^[\u3400-\u9fff]+·[\u3400-\u9fff]+$")


@dataclass(frozen=True)
class Profile:
    """One entry of ``people.yml``."""

    key: str
    name: str
    title: str = ""
    bio: str = ""
    slug: str = ""
    line: int | None = None
    former: tuple[str, ...] = ()  # 曾用名: bylines under these names are this person


class Directory:
    """The profiles of ``people.yml``, and the checks of names written in articles."""

    def __init__(self, profiles: dict[str, Profile]):
        self.profiles = profiles
        namesakes: dict[str, list[str]] = {}
        for key, profile in profiles.items():
            if "@" in key:
                namesakes.setdefault(profile.name, []).append(key)
        self._ambiguous = {name: keys for name, keys in namesakes.items() if name not in profiles}
        self.former = {old: key for key, profile in profiles.items() for old in profile.former}  # old name → key

    def current(self, key: str) -> str:
        """The person a byline name means now: ``key`` itself, or whoever lists it as 曾用名."""
        return self.former.get(key, key)

    def check_reference(self, key: str) -> str:
        """Problem with a name written in an article, or ``""``."""
        if key in self.former:
            return ""
        if "@" in key and key not in self.profiles:
            return f"people.yml 里没有“{key}”：请在 people.yml 里加上这个人，或去掉 @ 后面的部分"
        if key in self._ambiguous:
            choices = "、".join(self._ambiguous[key])
            return f"people.yml 里有几位同名的“{key}”（{choices}），请写明是哪一位"
        return ""

    def credit_key(self, credit: str) -> str:
        """The person a photo credit names, or ``""`` when it is not a person (e.g. 资料图片)."""
        if credit in self.profiles or credit in self.former:
            return self.current(credit)
        name, problem = check_name(credit, "photographers")
        if problem or not _CREDIT_NAME.match(name) or name.endswith(("图片", "供图", "资料")):
            return ""
        return name if not self.check_reference(name) else ""


def load_directory(content_dir: Path, problems: list[Problem]) -> Directory:
    """Read ``people.yml`` if there is one; its problems are added to ``problems``."""
    path = content_dir / PEOPLE_FILE
    if not path.is_file() or path.is_symlink():  # a link is reported by the content listing
        return Directory({})
    try:
        doc = parse_yaml(read_text(path))
    except ReadError as exc:
        problems.append(Problem(PEOPLE_FILE, exc.line, exc.field, exc.message))
        return Directory({})
    problems.extend(Problem(PEOPLE_FILE, n.line, n.field, n.message, n.severity) for n in doc.problems)
    if doc.data is None:
        return Directory({})
    if not isinstance(doc.data, dict):
        problems.append(Problem(PEOPLE_FILE, 1, "", "people.yml 应当以姓名开头，例如\n陈玲:\n  title: 本报记者"))
        return Directory({})
    profiles = {}
    for key, entry in doc.data.items():
        profile = _load_profile(str(key), entry, doc, problems)
        if profile is not None:
            profiles[profile.key] = profile
    return Directory(_check_former(profiles, problems))


def resolve_people(keys: list[str], directory: Directory, problems: list[Problem]) -> dict[str, Person]:
    """A person for every key, with slugs unique across the paper, the same on every build."""
    people: dict[str, Person] = {}
    taken: dict[str, str] = {}  # slug → key
    profiles = directory.profiles
    # Slugs chosen in people.yml go first, in file order; then everyone else by pinyin.
    chosen = sorted((key for key in set(keys) if profiles.get(key) and profiles[key].slug),
                    key=lambda key: (profiles[key].line or 0, key))
    for key in chosen + sorted((k for k in set(keys) if k not in chosen), key=_order):
        profile = profiles.get(key) or Profile(key, key.split("@")[0])
        slug = profile.slug or _auto_slug(key, profile.name)
        if slug in taken:
            other = taken[slug]
            if profile.slug:
                problems.append(Problem(PEOPLE_FILE, profile.line, f"{key}.slug", f"slug “{slug}”已经给了“{other}”，请换一个"))
                continue
            suffix = 2
            while f"{slug}-{suffix}" in taken:
                suffix += 1
            message = (f"“{key}”和“{other}”的网址都是 people/{slug}/，已暂用 people/{slug}-{suffix}/；"
                       f"请在 people.yml 里给其中一位写上 slug，例如\n{key}:\n  slug: {slug}-{suffix}")
            problems.append(Problem(PEOPLE_FILE, None, "slug", message, "warning"))
            slug = f"{slug}-{suffix}"
        taken[slug] = key
        people[key] = Person(key, profile.name, slug, profile.title, profile.bio)
    return _add_moved(people, profiles, taken)


def _load_profile(key: str, entry, doc: Document, problems: list[Problem]) -> Profile | None:
    line = doc.line(key)

    def add(field: str, message: str, at: int | None = None) -> None:
        problems.append(Problem(PEOPLE_FILE, at or line, f"{key}.{field}" if field else key, message))

    if entry is None:
        entry = {}
    if not isinstance(entry, dict):
        add("", "每个人写成“姓名:”下面缩进的 title:、bio:、slug:、name: 几项")
        return None
    for field in entry:
        if field not in PERSON_FIELDS:
            guess = difflib.get_close_matches(str(field), PERSON_FIELDS, n=1, cutoff=0.6)
            hint = f"是不是想写 {guess[0]}？" if guess else f"请改用可用的字段：{'、'.join(PERSON_FIELDS)}"
            add(str(field), f"不认识的字段“{field}”，{hint}", doc.line(key, field))
    values = {}
    for field in PERSON_FIELDS[:-1]:
        value = entry.get(field)
        if value is not None and not isinstance(value, (str, int)):
            add(field, "应当是一行文字", doc.line(key, field))
            value = None
        values[field] = str(value).strip() if value is not None else ""
    base = key.split("@")[0]
    name, problem = check_name(values["name"] or base, "authors")
    if problem:
        add("name" if values["name"] else "", problem)
        return None
    if values["name"] and "@" not in key and name != base:
        add("name", f"只有“姓名@区分词”形式的条目才需要 name，例如 {name}@平凉:", doc.line(key, "name"))
    former = _read_former(entry.get(FORMER), lambda message: add(FORMER, message, doc.line(key, FORMER)))
    if values["slug"] and not is_slug(values["slug"]):
        add("slug", f"slug 只能用小写字母、数字和连字符，例如 {make_person_slug(name)}", doc.line(key, "slug"))
        values["slug"] = ""
    elif is_reserved(values["slug"]):
        add("slug", f"slug 不能叫“{values['slug']}”（网站自己的网址 people/{values['slug']}/ 要用），"
                    f"请换一个，例如 {make_person_slug(name)}", doc.line(key, "slug"))
        values["slug"] = ""
    return Profile(key, name, values["title"], values["bio"], values["slug"], line, former)


def _read_former(value, add) -> tuple[str, ...]:
    """``曾用名: [王晓锋]`` (or one name): the names this person's bylines used to carry."""
    if value is None or value == []:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        add("应当是姓名列表，例如\n王晓峰:\n  曾用名: [王晓锋]")
        return ()
    names = []
    for raw in value:
        name, problem = check_name(raw, "authors")
        if problem:
            add(f"“{raw}”：{problem}")
        elif name:
            names.append(name)
    return tuple(dict.fromkeys(names))


def _check_former(profiles: dict[str, Profile], problems: list[Problem]) -> dict[str, Profile]:
    """An old name belongs to one person only, and is nobody's current entry."""
    owner: dict[str, str] = {}
    for key, profile in profiles.items():
        kept = []
        for old in profile.former:
            where = f"{key}.{FORMER}"
            if old in profiles or old == key:
                problems.append(Problem(PEOPLE_FILE, profile.line, where, f"“{old}”在 people.yml 里是单独的一个人，"
                                        f"不能同时是“{key}”的曾用名：改名后请删掉“{old}:”那一条，把它的 title、bio 移到“{key}”下面"))
            elif old in owner:
                problems.append(Problem(PEOPLE_FILE, profile.line, where,
                                        f"“{old}”已经写作“{owner[old]}”的曾用名，一个旧名字只能归一个人，请删掉其中一处"))
            else:
                owner[old] = key
                kept.append(old)
        profiles[key] = replace(profile, former=tuple(kept))
    return profiles


def _add_moved(people: dict[str, Person], profiles: dict[str, Profile], taken: dict[str, str]) -> dict[str, Person]:
    """Each renamed person with the page addresses of their old names (``moved_from``), which the
    site keeps as redirects; an address someone else has now is theirs."""
    for key, person in list(people.items()):
        profile = profiles.get(key)
        if profile is None or not profile.former:
            continue
        old = [slug for slug in (_auto_slug(name, name.split("@")[0]) for name in profile.former)
               if slug not in taken and slug != person.slug]
        if old:
            people[key] = replace(person, moved_from=tuple(dict.fromkeys(old)))
    return people


def _auto_slug(key: str, name: str) -> str:
    slug = make_person_slug(name) or "ren"
    if is_reserved(slug):  # a name read as "page" or "index" in pinyin
        slug = f"{slug}-ren"
    if "@" in key:
        slug = f"{slug}-{make_slug(key.split('@', 1)[1])}".rstrip("-")
    return slug


def _order(key: str) -> tuple:
    return (make_person_slug(key.split("@")[0]), key)
