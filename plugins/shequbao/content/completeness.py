"""What an issue needs before it is published: at least one item that is not a draft, and an
item on every 版 (a blank page must not go to the printer). Knows nothing of MkDocs."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Article, Issue, Section


def check_published(issue_id: str, number: int, sections: tuple[Section, ...], articles: tuple[Article, ...],
                    add: Callable[..., None]) -> None:
    """An empty 版 of an issue that has something to publish is a warning (the print edition
    would carry a blank page), which a strict build refuses. An issue with nothing published
    is no problem: it is held back (:func:`held_back`)."""
    published = {a.page for a in articles if not a.draft}
    if not published:
        return
    for index, section in enumerate(sections):
        if section.page not in published:
            add(("pages", index), f"第{section.page}版 {section.name} 没有可发布的稿件（印刷版会是空白的一页）："
                                  f"写上稿件（./sqb new article \"标题\" --issue {issue_id} --page {section.page}），"
                                  f"或把这一版从 pages 里删掉", severity="warning")


def is_published(issue: Issue) -> bool:
    """Whether an issue has an item that is not a draft (else it is left out of the site, feeds and print)."""
    return any(not article.draft for article in issue.articles)


def held_back_message(issue: Issue) -> str:
    return (f"issues/{issue.id}/：第{issue.number}期还没有可发布的稿件（全是草稿或还没有稿件），网站、订阅和印刷版里"
            f"暂时没有这一期。写好稿件（./sqb new article \"标题\" --issue {issue.id} --page 1）、"
            f"改为 draft: false 后就会发布")
