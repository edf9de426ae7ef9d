"""Single steps of a build that the plugin's events call: the Markdown extensions every page gets,
the preview's issues, the feeds, the search filters, the share cards' logo, MkDocs' count of
strict warnings. An adapter module: it knows MkDocs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..markdown.links import LinearLinks
from ..markdown.typeset import ReaderText
from .options import ShequbaoConfig
from .settings import Settings


def share_logo(config, settings: Settings):
    """The share cards' logo (``photos.logo``): ``theme.logo`` when it is a raster image of at
    least 300 px (looked for in the content folder, then the theme's own folder), else one drawn
    from the paper's name."""
    from ..photos.logo import make_logo

    given = config.theme.get("logo")
    folders = [settings.content_dir, *(Path(d) for d in [config.theme.custom_dir] if d)]
    found = next((folder / given for folder in folders if given and (folder / given).is_file()), None)
    return make_logo(settings.paper.chat_name, settings.cache_root, found)


def strict_warnings() -> int:
    """Warnings MkDocs has counted so far for ``--strict`` (it aborts after the last plugin event)."""
    from mkdocs.utils import CountHandler

    handlers = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    return sum(count for handler in handlers for _level, count in handler.get_counts())


def make_feeds(config, archive, site, options: ShequbaoConfig, log, memo=None) -> tuple:
    """RSS of the paper and of each person (``feeds.Feed``), linked into the site from the cache
    at the end of the build (``feeds.feed_files``), the preview's too."""
    from ..outputs.feeds import build_feeds

    if options.feeds_enabled and not config.site_url:
        log.info("shequbao: mkdocs.yml 没有 site_url，不生成 RSS（订阅需要完整网址）")
    if options.feeds_enabled and config.site_url:
        return build_feeds(archive, site, config.site_url, config.site_description or "", options.feeds_items, memo)
    return ()


def add_search_filters(files, config, archive) -> None:
    """The choices of the search page's filters (search.filter_choices), as a generated file."""
    from mkdocs.structure.files import File

    from ..outputs.search.pagefind import filter_choices_json
    from ..site.registry import search_filters_path

    files.append(File.generated(config, search_filters_path(), content=filter_choices_json(archive)))


def resolve_preview(archive, preview_issues: int, log):
    """Under ``mkdocs serve``, the issues being worked on (``SHEQUBAO_PREVIEW`` or ``preview_issues``)."""
    preview = archive.preview(os.environ.get("SHEQUBAO_PREVIEW") or str(preview_issues))
    if len(preview.issues) < len(archive.issues):
        shown = "、".join(f"第{i.number}期" for i in preview.issues) or "（没有符合的期）"
        log.info(f"预览只显示 {shown}；看全部请用 make serve ISSUES=all，看某一期用 make serve ISSUES=<文件夹名>")
    return preview


def our_extensions(options: ShequbaoConfig, body_images, safe_html) -> list:
    """The Markdown extensions every page gets: photos in texts, links in linear time, phone numbers
    and addresses as links and notices set as such (markdown/typeset.py), and the sanitiser unless
    ``raw_html: trusted``."""
    return [body_images, LinearLinks(), ReaderText(), *([safe_html] if options.raw_html != "trusted" else [])]


def wechat_markdown(view, content_dir: Path) -> str:
    """The Markdown of a 复制到公众号 page (``site.wechat.WechatView``): its articles' texts, read
    from their files (already checked by the loader), each after its marker."""
    from ..content.reading import read_text, split_front_matter
    from ..site.wechat import join_bodies

    return join_bodies([split_front_matter(read_text(content_dir / article.src))[1] for article in view.articles])


def log_loaded(log, archive, images) -> None:
    """What the loaded content says before the build goes on: issues held back, photos made."""
    from ..content.completeness import held_back_message

    for issue in archive.held_back:
        log.info(f"shequbao: {held_back_message(issue)}")
    log.info(f"shequbao: {images.stats.summary()}")
