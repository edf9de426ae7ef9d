"""When each page last changed, from the content itself (knows nothing of MkDocs).

The sitemap's ``<lastmod>`` (and the timestamp inside ``sitemap.xml.gz``) would otherwise be
the day of the build, so two builds of the same content on different days would differ.
A page changes when an issue that it shows is published, so its date is the newest issue
date it lists; pages that list no issue (首页, 关于, 作者, 搜索) follow the newest issue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Archive


def page_date(view: Any, archive: Archive) -> dt.date | None:
    """The issue date that dates ``view`` (any of our page views, or None for other pages)."""
    issue = getattr(view, "issue", None)
    if issue is not None:  # an article, an issue, an issue's gallery
        return issue.date
    dates = [d for d in _listed_dates(view) if d is not None]
    if dates:
        return max(dates)
    return archive.issues[0].date if archive.issues else None


def _listed_dates(view: Any):
    for group in getattr(view, "years", ()):  # a page of 往期
        for issue_view in group.issues:
            yield issue_view.issue.date
    for group in getattr(view, "groups", ()):  # a person's page: (issue, items); a gallery page: GalleryGroup
        issue = group[0] if isinstance(group, tuple) else getattr(group, "issue", None)
        yield issue.date if issue is not None else None
