"""The ``shequbao`` plugin's options in mkdocs.yml, and the paper's settings read from them.

An adapter module (it knows MkDocs): the plugin and the ``shequbao`` command both read
mkdocs.yml through MkDocs' own ``load_config`` and turn it into the core's settings here, so
that ``shequbao print`` makes the same PDF as a build.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..cache.store import cache_root
from ..content.yamlerrors import explain
from ..markdown.links import LinearLinks
from ..markdown.typeset import ReaderText
from ..model import Paper
from ..photos import ImageSettings
from ..print import MarkdownSetup, PrintOptions, page_size_name
from ..site.registry import PlanOptions


class PageSize(c.Type):
    """A paper size under any of its names (A4, 4开, 对开 …), kept as ours (``print.page_size_name``)."""

    def __init__(self, default: str = "A3"):
        super().__init__(str, default=default)

    def run_validation(self, value):
        from mkdocs.config.base import ValidationError

        try:
            return page_size_name(super().run_validation(value))
        except ValueError as error:
            raise ValidationError(str(error)) from None


class ShequbaoConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (the site then builds as plain MkDocs)."""
    paper_name = c.Optional(c.Type(str))
    """The paper's name in mastheads; defaults to ``site_name``."""
    paper_full_name = c.Type(str, default="")
    """The paper's full name for chats (e.g. 桂园社区报): page titles, share cards, the drawn logo; defaults to ``paper_name``."""
    paper_publisher = c.Type(str, default="")
    """主办: who publishes the paper."""
    paper_permit = c.Type(str, default="")
    """准印证号: the print permit number."""
    paper_edited_by = c.Type(str, default="")
    """编印单位, in the 报尾 of the print edition's last 版."""
    paper_printed_by = c.Type(str, default="")
    """印刷单位, in the 报尾."""
    paper_copies = c.Type(str, default="")
    """印数, in the 报尾 (e.g. 5000份)."""
    paper_recipients = c.Type(str, default="")
    """发送对象, in the 报尾 (e.g. 本街道居民、驻区单位); a 内部资料 must print it."""
    paper_address = c.Type(str, default="")
    """地址, in the 报尾."""
    paper_phone = c.Type(str, default="")
    """电话, in the 报尾."""
    icp = c.Type(str, default="")
    """ICP 备案号 (e.g. 沪ICP备12345678号-1), shown in every footer, linked to https://beian.miit.gov.cn/."""
    police_record = c.Type(str, default="")
    """公安备案号 (e.g. 沪公网安备31010402000001号), shown in every footer, linked to the MPS record search."""
    internal_publication = c.Type(bool, default=False)
    """A 内部资料 (no public ISSN/CN number): “内部资料 免费交流” on the site's footer and page 1 of the PDF."""
    drafts = c.Optional(c.Type(bool))
    """Show ``draft: true`` items (marked 草稿); default: shown by ``mkdocs serve``, left out of ``mkdocs build``."""
    archive_per_page = c.Type(int, default=60)
    """Issues per page of 往期 (``/issues/``, ``/issues/page/2/`` …)."""
    images_widths = c.ListOfItems(c.Type(int), default=[480, 960, 1500])
    """Widths of the photo renditions, in pixels (never wider than the original; the largest also bounds a portrait photo's height)."""
    images_quality = c.Type(int, default=80)
    """JPEG and WebP quality of the renditions (1–100)."""
    images_max_pixels = c.Type(int, default=100_000_000)
    """Photos with more pixels are refused (decompression bombs)."""
    images_workers = c.Type(int, default=2)
    """Processes that render photos on a cold build."""
    images_per_page = c.Type(int, default=60)
    """Photos per page of 图片 (``/gallery/``, ``/gallery/page/2/`` …)."""
    people_per_page = c.Type(int, default=50)
    """Articles per page of a person's byline archive (``/people/<slug>/page/2/`` …)."""
    preview_issues = c.Type(int, default=3)
    """Newest issues shown by ``mkdocs serve`` (0: all); env ``SHEQUBAO_PREVIEW`` (``all``, a number or issue ids) overrides."""
    print_enabled = c.Optional(c.Type(bool))
    """Make the print edition (PDF) of every issue; default: yes for ``mkdocs build``, no under ``mkdocs serve``."""
    print_page_size = PageSize(default="A3")
    """Paper size of the PDF: A3, A4, 4开 (the trade's 对开, 390×543 mm) or 8开 (the trade's 四开, 270×390 mm);
    对开 and 四开 are accepted too, a wrong name is told the likeliest one."""
    print_columns = c.Optional(c.Type(int))
    """Columns per page; default 4 on A3, 3 on A4, 5 on 4开, 4 on 8开."""
    print_underfull = c.Choice(("warning", "note"), default="warning")
    """A 版 more than 10% empty: ``warning`` (a strict build stops, as for text left out) or ``note``
    (only said: a paper that puts its issues on the web before their print pages are full)."""
    print_bleed = c.Type(bool, default=False)
    """Print-shop mode: 3 mm bleed and crop marks around every page."""
    print_workers = c.Optional(c.Type(int))
    """Processes that render PDFs on a cold build; default: one per CPU."""
    search_enabled = c.Optional(c.Type(bool))
    """Index the articles for search (Pagefind); default: yes for ``mkdocs build``, no under ``mkdocs serve``."""
    feeds_enabled = c.Type(bool, default=True)
    """RSS feeds of the paper (``/feed.xml``) and of each person; needs ``site_url``."""
    feeds_items = c.Type(int, default=50)
    """Items per feed (the latest ones)."""
    incremental = c.Type(bool, default=True)
    """Render only the pages whose inputs changed since the last build, linking the others from
    ``.cache/pages/`` (byte-identical to a full build); false renders every page every time."""
    links_check = c.Type(bool, default=True)
    """After the build, check that every link to our own pages, files and #anchors resolves (warnings: strict fails)."""
    raw_html = c.Choice(("safe", "trusted"), default="safe")
    """Raw HTML in texts: ``safe`` removes what is not needed for text and photos (script, iframe, event handlers,
    other hosts' pictures), with a warning for each; ``trusted`` publishes it as typed."""


@dataclass(frozen=True)
class Settings:
    """The paper's settings from mkdocs.yml, as the core takes them."""

    paper: Paper
    content_dir: Path
    site_dir: Path
    cache_root: Path
    plan: PlanOptions
    images: ImageSettings
    print: PrintOptions
    markdown: MarkdownSetup
    print_workers: int | None
    print_enabled: bool | None = None  # None: a build makes PDFs, a preview does not
    drafts: bool | None = None  # None: a build leaves drafts out, a preview shows them


def read_settings(config, options: ShequbaoConfig) -> Settings:
    """The settings of a loaded mkdocs.yml (``config``) and the plugin's options in it.
    Raises ValueError (a Chinese message) for impossible print options."""
    return Settings(
        paper=Paper(name=options.paper_name or config.site_name, publisher=options.paper_publisher,
                    permit=options.paper_permit, icp=options.icp.strip(), police_record=options.police_record.strip(),
                    internal=options.internal_publication, edited_by=options.paper_edited_by,
                    printed_by=options.paper_printed_by, copies=options.paper_copies,
                    recipients=options.paper_recipients.strip(), address=options.paper_address,
                    phone=options.paper_phone, full_name=options.paper_full_name.strip()),
        content_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        cache_root=cache_root(Path(config.config_file_path or config.docs_dir).parent),
        plan=PlanOptions(directory_urls=config.use_directory_urls, archive_per_page=options.archive_per_page,
                         people_per_page=options.people_per_page, images_per_page=options.images_per_page),
        images=ImageSettings(widths=tuple(options.images_widths), quality=options.images_quality,
                             max_pixels=options.images_max_pixels, workers=options.images_workers),
        print=PrintOptions(options.print_page_size, options.print_columns, options.print_bleed, options.print_underfull),
        markdown=MarkdownSetup(tuple(e for e in config.markdown_extensions if isinstance(e, str)), dict(config.mdx_configs)),
        print_workers=options.print_workers,
        print_enabled=options.print_enabled,
        drafts=options.drafts,
    )


def config_problem(config_file: Path, text: str) -> str:
    """MkDocs' (English) error about mkdocs.yml for an editor: a YAML mistake in Chinese with its
    line and what to do, as for the content's files."""
    if "parsing the configuration file" not in text:
        return f"{config_file} 有错误，请改正：{text}"
    problem = text.split("configuration file:", 1)[1].strip().split("\n")[0]
    line = re.search(r"line (\d+), column", text)
    return f"{config_file}{':' + line.group(1) if line else ''}: YAML 格式错误：{explain(problem, text)}"


def load_settings(config_file: Path) -> Settings:
    """Read mkdocs.yml with MkDocs itself (``!ENV`` and all), for commands that build no site."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # its English notes are not for editors
    try:
        config = load_config(str(config_file))
    except MkDocsException as error:
        raise ValueError(config_problem(config_file, str(error))) from None
    finally:
        logger.setLevel(level)
    plugin = config.plugins.get("shequbao")
    if plugin is None:
        raise ValueError(f"{config_file} 里没有启用 shequbao 插件（plugins: - shequbao）")
    return read_settings(config, plugin.config)


def page_base_key(config, options: ShequbaoConfig, command: str, logo: str = "") -> str:
    """The site-wide inputs of every page's HTML (``pagecache.base_key``): mkdocs.yml as MkDocs
    read it (overrides and ``!ENV`` values included), every plugin's options, the theme and its
    folders, the menu's files (their titles label it), and the command (a preview differs from a build, and by the issues it shows)."""
    from ..build.pagecache import base_key
    from .siterules import menu_digest

    settings = {key: _plain(value) for key, value in config.items() if key not in VOLATILE}
    settings["plugins"] = {name: _plain(dict(plugin.config)) for name, plugin in config.plugins.items()}
    settings["theme"] = {**_plain(dict(config.theme)), "dirs": list(config.theme.dirs)}
    return base_key(json.dumps(settings, sort_keys=True, ensure_ascii=False, default=_plain).encode(),
                    sorted(options.items()), [Path(d) for d in config.theme.dirs], menu_digest(config.nav, config.docs_dir),
                    f"{command} {os.environ.get('SHEQUBAO_PREVIEW', '')} {logo}")


VOLATILE = ("config_file_path", "docs_dir", "site_dir", "dev_addr", "strict", "plugins", "theme", "watch")  # no part of a page


def _plain(value):
    """A config value as JSON-able data; objects by their class (never their address)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    return f"{type(value).__module__}.{type(value).__qualname__}"


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
