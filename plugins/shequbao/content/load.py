"""Load ``content/`` into the model, checking everything on the way.

Every problem in the whole paper is collected, then reported together: callers get a
:class:`~shequbao.problems.ContentError` listing all errors, or the archive plus any
warnings. Nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..cache.store import code_key
from ..cache.textmemo import TextMemo
from ..markdown.excerpts import make_excerpt
from ..model import IMAGE_SUFFIXES, KINDS, ROLES, Archive, Article, Image, Issue, Paper, Section
from ..problems import ContentError, Problem
from .completeness import check_published, is_published
from .fields import FieldChecker, kind_of
from .hints import missing_photo_message, photo_name_problem
from .names import check_name
from .people import PEOPLE_FILE, Directory, load_directory, resolve_people
from .placeholders import MESSAGE as PLACEHOLDER_MESSAGE
from .placeholders import placeholder_line
from .printhints import print_fields
from .reading import ReadError, parse_yaml, read_text, split_front_matter
from .slugs import is_reserved, is_slug, make_slug
from .sources import Listing, scan_content
from .static_pages import body_problems, load_static_pages

Lookups = tuple[Directory, Listing, TextMemo]  # people.yml, the content's files, parsed front matters
ISSUE_CODE = code_key(Path(__file__).parents[1], packages=("pyyaml", "pypinyin", "python-slugify", "markdown"))  # other code: loaded again

ISSUE_FIELDS = ("number", "date", "total", "title", "pages", "printed", "print")
SECTION_FIELDS = ("page", "name", "editor")
ARTICLE_FIELDS = ("title", "kicker", "subtitle", "kind", "page", "order", "date", *ROLES, "source", "images", "draft",
                  "print")
IMAGE_FIELDS = ("src", "caption", "credit", "focus")
DATE_DRIFT = dt.timedelta(days=90)  # an article dated further from its issue is suspicious


def load_archive(content_dir: Path, paper: Paper, *, drafts: bool = False,
                 memo: TextMemo | None = None) -> tuple[Archive, list[Problem]]:
    """Load and check the whole paper.

    Returns the archive (drafts left out unless ``drafts``) and the warnings; raises
    :class:`ContentError` listing every error if there is any. ``memo``: what earlier builds
    loaded: an unchanged issue without problems is taken whole, a changed one read again.
    """
    listing = scan_content(content_dir)  # no link followed, no special file opened
    problems: list[Problem] = list(listing.problems)
    directory = load_directory(content_dir, problems)
    number_lines: dict[str, int | None] = {}  # issue id → line of its number, for duplicates
    issues = []
    files, folders = listing.children("issues")
    lookups = (directory, listing, memo or TextMemo())
    for folder in folders:
        issue = _recall_issue(folder, content_dir, problems, drafts, number_lines, lookups)
        if issue is not None:
            issues.append(issue)
    for path in files:
        if path.endswith(".md"):
            problems.append(Problem(path, None, "", "文章要放在某一期的文件夹里（issues/<期>/），不能直接放在 issues/ 下"))
    _check_unique_numbers(issues, number_lines, problems)  # an issue held back keeps its number
    held_back = () if drafts else tuple(issue for issue in issues if not is_published(issue))
    issues = [issue for issue in issues if all(issue is not h for h in held_back)]  # nothing to publish: not at all
    people = _recall_people(_people_keys(issues), directory, problems, lookups[2])
    static_pages = load_static_pages(content_dir, listing, problems)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(problems)
    issues.sort(key=lambda i: (i.date, i.number), reverse=True)
    return Archive(paper, tuple(issues), people, static_pages, held_back), sorted(problems)


def _recall_issue(folder: str, root: Path, problems: list[Problem], drafts: bool,
                  number_lines: dict[str, int | None], lookups: Lookups) -> Issue | None:
    """An issue as an earlier build loaded it, when nothing in its folder nor people.yml has
    changed since (:meth:`Listing.stamp`) and it had no problem; else loaded, and kept for the
    next build if it has none. A warm build of 500 issues reads no article this way."""
    listing, name = lookups[1], Path(folder).name
    stamp = "\0".join((folder, str(drafts), str(listing.stamps.get(PEOPLE_FILE)), listing.stamp(folder)))

    def load() -> tuple[Issue | None, int | None]:
        issue = _load_issue(root / folder, root, problems, drafts, number_lines, lookups)
        return issue, number_lines.get(name)

    issue, number_lines[name] = _recall(lookups[2], "issue", stamp, problems, load)
    return issue


def _recall_people(keys: list[str], directory: Directory, problems: list[Problem], memo: TextMemo) -> dict:
    """Everyone named, with their slugs, as an earlier build resolved the same names with the
    same people.yml (pinyin is not even loaded); resolved, and kept, when they are new."""
    text = repr((sorted(set(keys)), list(directory.profiles.values())))
    return _recall(memo, "people", text, problems, lambda: resolve_people(keys, directory, problems))


def _recall(memo: TextMemo, what: str, text: str, problems: list[Problem], make):
    """What ``make()`` made for the same ``text`` in an earlier build; else ``make()``, kept only
    when it added no problem (so a warning is told again on every build until it is fixed)."""
    known = memo.known(f"{what}:{ISSUE_CODE}", text)
    if known is not None:
        return known
    before = len(problems)
    made = make()
    if len(problems) == before:
        memo.keep(f"{what}:{ISSUE_CODE}", text, made)
    return made


def _people_keys(issues: list[Issue]) -> list[str]:
    keys = []
    for issue in issues:
        for article in issue.articles:
            keys.extend(name for role in ROLES for name in getattr(article, role))
            keys.extend(image.credit for image in article.images if image.credit_is_person)
    return keys


def _load_issue(folder: Path, root: Path, problems: list[Problem], drafts: bool,
                number_lines: dict[str, int | None], lookups: Lookups) -> Issue | None:
    listing = lookups[1]
    yml = folder / "issue.yml"
    check = FieldChecker(problems, _rel(yml, root))
    if not is_slug(folder.name) or is_reserved(folder.name):
        check.path = _rel(folder, root)
        if is_reserved(folder.name):
            check.add("", f"期的文件夹名不能叫“{folder.name}”（网站自己的网址要用），请换一个，例如出版年月 2025-09")
        else:
            check.add("", f"期的文件夹名会成为网址，只能用小写字母、数字和连字符，例如 {make_slug(folder.name) or '2025-09'}")
        return None
    if not listing.is_file(check.path):
        if not os.path.lexists(yml):  # a link or a folder there is reported by the listing
            check.add("", "这一期缺少 issue.yml：写上 number（期号）、date（出版日期）和 pages（版面）")
        return None
    try:
        check.read(parse_yaml(read_text(yml)))
    except ReadError as exc:
        problems.append(Problem(check.path, exc.line, exc.field, exc.message))
        return None
    data = check.doc.data
    if not isinstance(data, dict):
        check.add("", "issue.yml 应当是“字段: 值”的形式，例如 number: 128")
        return None
    check.unknown_fields(data, ISSUE_FIELDS)
    number = check.integer(data, "number", required=True)
    number_lines[folder.name] = check.doc.line("number")
    date = check.date(data, "date", required=True)
    total = check.integer(data, "total")
    title = check.text(data, "title")
    printed = check.date(data, "printed")  # 印刷日期, for the 报尾 of a 内部资料
    in_print = _issue_print(data, check)
    sections = _load_sections(data, check)
    known = len(problems)
    articles = _load_articles(folder, root, sections, date, problems, lookups)
    if number is None or date is None or not sections:
        return None
    if all(p.severity != "error" for p in problems[known:]) and in_print:  # an article with errors is not missing
        check_published(folder.name, number, sections, articles, check.add)  # (web-only: an empty 版 prints nothing)
    return Issue(folder.name, number, date, sections, total, title,
                 articles if drafts else tuple(a for a in articles if not a.draft), printed=printed, print=in_print)


def _issue_print(data: dict, check: FieldChecker) -> bool:
    """``print: false``: the issue is web-only (no print edition, 数字报 without page images)."""
    value = data.get("print", True)
    if not isinstance(value, bool):
        check.add("print", f"应当是 true 或 false（false：这一期只上网站，不出印刷版），这里是{kind_of(value)}")
        return True
    return value


def _load_sections(data: dict, check: FieldChecker) -> tuple[Section, ...]:
    pages = data.get("pages")
    if not isinstance(pages, list) or not pages:
        check.add("pages", "应当列出这一期的版面，例如\n  pages:\n    - {page: 1, name: 要闻}\n    - {page: 2, name: 社区}")
        return ()
    sections: dict[int, Section] = {}
    for index, entry in enumerate(pages):
        where = ("pages", index)
        if not isinstance(entry, dict):
            check.add(where, "每个版面写成 {page: 1, name: 要闻}")
            continue
        check.unknown_fields(entry, SECTION_FIELDS, where)
        page = check.integer(entry, "page", required=True, prefix=where)
        name = check.text(entry, "name", prefix=where)  # no name: shown as 第N版
        editor = check.text(entry, "editor", prefix=where)
        if page is None:
            continue
        if page in sections:
            check.add(where + ("page",), f"第{page}版写了两次，请删掉重复的一行或改正版次")
            continue
        sections[page] = Section(page, name, editor)
    return tuple(sections.values())


def _load_articles(folder: Path, root: Path, sections: tuple[Section, ...], issue_date: dt.date | None,
                   problems: list[Problem], lookups: Lookups) -> tuple[Article, ...]:
    """Every article of the issue, drafts too (the caller leaves drafts out when they are not shown)."""
    articles: list[Article] = []
    seen: dict[str, str] = {}
    prefix = _rel(folder, root) + "/"
    files, folders = lookups[1].descendants(prefix[:-1])
    for rel in (p for p in folders if p.endswith(".md")):
        problems.append(Problem(rel, None, "", "这是一个文件夹，不是文章：文章是 .md 文件，请给这个文件夹改个名字"))
    for rel in (p for p in files if p.endswith(".md")):
        path = root / rel
        if "/" in rel[len(prefix):]:
            problems.append(Problem(rel, None, "", "文章要直接放在这一期的文件夹里，不能放在子文件夹中"))
            continue
        if path.name.startswith("."):
            problems.append(Problem(rel, None, "", f"文件名“{path.name}”以点开头，是隐藏文件，网站不会发布它：请去掉开头的点"))
            continue
        slug = path.stem if is_slug(path.stem) else make_slug(path.stem)
        if not slug or is_reserved(slug, article=True):
            problems.append(Problem(rel, None, "", f"文件名“{path.name}”不能用作网址，请换一个（例如标题的拼音）"))
            continue
        if slug in seen:
            problems.append(Problem(rel, None, "", f"和 {seen[slug]} 的网址相同（{slug}），请给其中一篇改个文件名"))
            continue
        seen[slug] = rel
        article = _load_article(path, rel, slug, folder, root, sections, issue_date, problems, lookups)
        if article is not None:
            articles.append(article)
    return tuple(sorted(articles, key=lambda a: a.sort_key))


def _load_article(path: Path, rel: str, slug: str, folder: Path, root: Path, sections: tuple[Section, ...],
                  issue_date: dt.date | None, problems: list[Problem], lookups: Lookups) -> Article | None:
    check = FieldChecker(problems, rel)
    directory, listing, memo = lookups
    before = len(problems)
    try:
        text = read_text(path)
        doc, body, body_line = memo.get("front-matter", text, split_front_matter)
    except ReadError as exc:
        problems.append(Problem(rel, exc.line, exc.field, exc.message))
        return None
    data = check.read(doc).data
    if not isinstance(data, dict):
        check.add("", "front matter 应当是“字段: 值”的形式，例如 title: 标题")
        return None
    problems.extend(body_problems(rel, body, body_line))
    check.unknown_fields(data, ARTICLE_FIELDS)
    kind = check.text(data, "kind") or "news"
    if kind not in KINDS:
        check.add("kind", f"“{kind}”不是可用的类型，请写 news（消息）、brief（短消息）、photo（图片新闻）或 notice（通知）")
    title = check.text(data, "title", required=kind != "photo")
    page = check.integer(data, "page", required=True)
    if page is not None and sections and not any(s.page == page for s in sections):
        have = "、".join(str(s.page) for s in sections)
        check.add("page", f"这一期没有第{page}版（issue.yml 里有：{have}），请改 page 或在 issue.yml 的 pages 里加上这一版")
    date = check.date(data, "date") or issue_date
    if date and issue_date and abs(date - issue_date) > DATE_DRIFT:
        check.add("date", f"{date} 离这一期的出版日期 {issue_date} 超过 90 天，请确认没有写错", "warning")
    people = {role: _names(data, role, check, directory) for role in ROLES}
    images = _images(data, check, folder, root, (directory, listing))
    if kind == "photo" and not data.get("images"):
        check.add("images", "图片新闻（kind: photo）至少要有一张图片，写在 images 里")
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        check.add("draft", f"应当是 true 或 false，这里是“{draft}”")
    elif not draft and (line := placeholder_line(text)):
        problems.append(Problem(rel, line, "正文", PLACEHOLDER_MESSAGE))
    order, kicker = check.integer(data, "order"), check.text(data, "kicker")
    subtitle, source = check.text(data, "subtitle"), check.text(data, "source")
    hints, focus = print_fields(data, check)
    images = tuple(replace(image, focus=point) for image, point in zip(images, focus)) + images[len(focus):]
    if any(p.severity == "error" for p in problems[before:]) or page is None or date is None:
        return None
    return Article(
        issue_id=folder.name, slug=slug, src=rel, title=title, kind=kind, page=page, date=date,
        order=order, kicker=kicker, subtitle=subtitle, source=source,
        images=images, draft=bool(draft), excerpt=make_excerpt(body), print=hints,
        digest=hashlib.sha256(text.encode()).hexdigest(), links_pages=".md" in body, **people,
    )


def _names(data: dict, role: str, check: FieldChecker, directory: Directory) -> tuple[str, ...]:
    value = data.get(role)
    if value is None or value == [] or value == "":
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        check.add(role, f"应当是姓名列表，例如 {role}: [陈玲, 张志举]")
        return ()
    names = []
    for index, raw in enumerate(value):
        if not isinstance(raw, str):
            check.add((role, index), f"应当是姓名，这里是{kind_of(raw)}")
            continue
        name, problem = check_name(raw, role)
        problem = problem or directory.check_reference(name)
        if problem:
            check.add((role, index), problem)
        elif name:
            names.append(directory.current(name))
    return tuple(dict.fromkeys(names))


def _images(data: dict, check: FieldChecker, folder: Path, root: Path, lookups: tuple[Directory, Listing]) -> tuple[Image, ...]:
    directory, listing = lookups
    value = data.get("images")
    if value is None or value == []:
        return ()
    if not isinstance(value, list):
        check.add("images", "应当是图片列表，例如\n  images:\n    - {src: images/a.jpg, caption: 图片说明, credit: 摄影者}")
        return ()
    images = []
    for index, entry in enumerate(value):
        where = ("images", index)
        if isinstance(entry, str):
            entry = {"src": entry}
        if not isinstance(entry, dict):
            check.add(where, "每张图片写成 {src: images/a.jpg, caption: 图片说明, credit: 摄影者}")
            continue
        check.unknown_fields(entry, IMAGE_FIELDS, where)
        caption = check.text(entry, "caption", prefix=where)
        credit = check.text(entry, "credit", prefix=where)
        src = check.text(entry, "src", prefix=where)
        if src:
            src = _image_src(src, check, where + ("src",), folder, root, listing)
            if src is None:
                continue
        elif not caption:
            check.add(where, "图片既没有 src 也没有 caption")
            continue
        person = directory.credit_key(credit) if credit else ""
        images.append(Image(src, caption, person or credit, credit_is_person=bool(person)))
    return tuple(images)


def _image_src(src: str, check: FieldChecker, where: tuple, folder: Path, root: Path, listing: Listing) -> str | None:
    if problem := photo_name_problem(src):
        check.add(where, problem)
        return None
    rel = posixpath.normpath((prefix := _rel(folder, root) + "/") + src)
    if rel.startswith(prefix) and not src.startswith("/") and listing.is_file(rel) and rel[rel.rfind("."):].lower() in IMAGE_SUFFIXES:
        return rel  # a photo in the folder, not a link: nothing more to check
    target = folder / src
    try:
        inside = PurePosixPath(src).is_absolute() is False and target.resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):  # a NUL byte, a name too long for the file system
        inside = False
    if not inside:
        check.add(where, f"图片“{src}”不在这一期的文件夹里，请把它放进 issues/{folder.name}/images/，写成 images/文件名")
        return None
    if not listing.is_file(_rel(target, root)) and not os.path.islink(target):
        check.add(where, missing_photo_message(f"issues/{folder.name}/{src}", target))
        return None
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        check.add(where, f"“{src}”不是支持的图片格式，请用 JPEG、PNG、WebP 或 GIF")
        return None
    return _rel(target, root)


def _check_unique_numbers(issues: list[Issue], lines: dict[str, int | None], problems: list[Problem]) -> None:
    first: dict[int, Issue] = {}
    for issue in issues:
        if issue.number in first:
            other = first[issue.number]
            message = f"第{issue.number}期和 {other.src} 的期号重复了，请改正其中一个"
            problems.append(Problem(issue.src, lines.get(issue.id), "number", message))
        else:
            first[issue.number] = issue


def _rel(path: Path, root: Path) -> str:
    return posixpath.normpath(path.relative_to(root).as_posix())
