"""The paper's settings read from mkdocs.yml and the plugin's options (:mod:`.options`), and the
site-wide key of every page. The plugin and the ``shequbao`` command both read mkdocs.yml
through MkDocs' own ``load_config`` and turn it into the core's settings here, so that
``shequbao print`` makes the same PDF as a build. An adapter module: it knows MkDocs."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..cache.store import cache_root
from ..content.yamlerrors import explain
from ..model import Paper
from ..photos import ImageSettings
from ..photos.brand import check_colour, read_masthead
from ..print import MarkdownSetup, PrintOptions
from ..site.registry import PlanOptions
from .options import ShequbaoConfig


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
    Raises ValueError (a Chinese message) for impossible print options, colour or 报头 image."""
    folder = Path(config.config_file_path or config.docs_dir).parent
    written = options.paper_masthead_image.strip()
    masthead = read_masthead(folder / written, written, cache_root(folder)) if written else None
    return Settings(
        paper=Paper(name=options.paper_name or config.site_name, publisher=options.paper_publisher,
                    permit=options.paper_permit, icp=options.icp.strip(), police_record=options.police_record.strip(),
                    internal=options.internal_publication, edited_by=options.paper_edited_by,
                    printed_by=options.paper_printed_by, copies=options.paper_copies,
                    recipients=options.paper_recipients.strip(), address=options.paper_address,
                    phone=options.paper_phone, full_name=options.paper_full_name.strip(),
                    colour=check_colour(options.paper_colour), masthead=masthead),
        content_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        cache_root=cache_root(folder),
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
                    f"{command} {os.environ.get('SHEQUBAO_PREVIEW', '')} {logo} {_file_digest(config, options.paper_masthead_image)}")


def _file_digest(config, written: str) -> str:
    """The digest of a file mkdocs.yml names (the 报头 image: its name in the site changes with it)."""
    path = Path(config.config_file_path or config.docs_dir).parent / written.strip()
    return hashlib.sha256(path.read_bytes()).hexdigest() if written.strip() and path.is_file() else ""


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
