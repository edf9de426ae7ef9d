"""What a shequbao site needs from mkdocs.yml and the theme, enforced with Chinese messages.

An adapter (it knows MkDocs and Material), called by ``plugin.py``:

- **nav**: with none, the plugin sets ours (首页, 往期, 作者, 图片, and 关于 when about.md
  exists); a nav that lists issues or articles is refused (Material writes the whole nav into
  every page: one entry per article makes a large archive's build quadratic).
- **font**: ``theme.font`` is forced to ``false`` with a note rather than refused. Material's
  default (and any font named there) loads Google Fonts, which are blocked in mainland China
  and leave pages waiting; no paper needs it, since our pages use the reader's own Chinese
  fonts, so a missing ``font: false`` is corrected instead of stopping a new paper's first build.
- **theme**: our templates sit between the paper's ``custom_dir`` and Material; Material's own
  templates stay reachable as ``material/…``, so our ``base.html`` extends ``material/base.html``
  and a paper's ``main.html`` that extends ``base.html`` keeps our head, search box and footer.
- **assets**: our stylesheet and scripts are published under fingerprinted names
  (``pages.asset_path``) so that servers may cache them for a year.
"""

from __future__ import annotations

import logging
from pathlib import Path

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .pages import ASSET_SOURCES, asset_path, asset_source, names_issue_or_article, site_nav
from .people import PEOPLE_FILE
from .photos import is_original

log = logging.getLogger("mkdocs.plugins.shequbao")
TEMPLATES = Path(__file__).parent / "templates"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
STYLESHEET = "shequbao.css"


def prepare_config(config) -> None:
    """Theme folders, our stylesheet, the nav and the font, before anything is read."""
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
    stylesheet = asset_path(STYLESHEET)
    if stylesheet not in config.extra_css:
        config.extra_css.insert(0, stylesheet)
    # The nav is a fixed handful of entries by design; articles are reached through our pages.
    config.validation.nav.omitted_files = logging.DEBUG
    if config.nav is None:
        config.nav = site_nav({path.name for path in Path(config.docs_dir).glob("*.md")})
    else:
        refuse_article_nav(config.nav, config.config_file_path or "mkdocs.yml")
    if config.theme.get("font") is not False:
        log.info("shequbao: 已把 theme.font 设为 false（不加载谷歌字体：国内打不开，页面会一直等）；"
                 "请在 mkdocs.yml 的 theme 下写上 font: false")
        config.theme["font"] = False


def refuse_article_nav(nav, config_file: str) -> None:
    """Raise PluginError when the nav names an issue or an article (anything under issues/ but 往期)."""
    bad = [src for src in _nav_sources(nav) if names_issue_or_article(src)]
    if bad:
        shown = "、".join(bad[:5]) + (f" 等 {len(bad)} 项" if len(bad) > 5 else "")
        raise PluginError(
            f"{config_file} 的 nav（网站菜单）里列了期或文章：{shown}。菜单只放固定的几项"
            f"（首页 index.md、往期 issues/index.md、作者 people/index.md、图片 gallery/index.md、关于 about.md），"
            f"每一期和每篇文章由网站自己列出。请删掉这些行，或删掉整个 nav 让 shequbao 自动设置")


def _nav_sources(nav):
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_sources(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_sources(item)


def material_loader(env) -> None:
    """Let templates reach Material's own files as ``material/<name>`` (our base.html extends
    ``material/base.html``)."""
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(str(MATERIAL_TEMPLATES))})])


def fingerprint_assets(files: Files, config) -> None:
    """Publish our stylesheet and scripts under their fingerprinted names (``shequbao.<hash>.css``)."""
    for source in sorted(ASSET_SOURCES.iterdir()):
        src = asset_source(source.name)
        theme_file = files.get_file_from_path(src)
        if theme_file is None:
            continue
        files.remove(theme_file)
        files.append(File(src, theme_file.src_dir, config.site_dir, config.use_directory_urls,
                          dest_uri=asset_path(source.name)))


def resolve_files(files: Files, site, config) -> Files:
    """Drop what readers must not get, and give MkDocs every page of the registry at its place."""
    for file in list(files):
        src = file.src_uri
        if src == PEOPLE_FILE:
            files.remove(file)  # profiles are shown on the person pages, not published as a file
        elif not src.startswith("issues/"):
            continue
        elif file.is_documentation_page():
            if src not in site.pages:
                files.remove(file)  # drafts when they are not shown
        elif is_original(src):
            file.inclusion = InclusionLevel.EXCLUDED  # photos are published as renditions only
        else:
            files.remove(file)  # issue.yml, Thumbs.db, notes.docx…: nothing else leaves an issue folder
    for page in site:
        existing = files.src_uris.get(page.src)
        if existing is not None and existing.dest_uri == page.dest:
            continue
        if existing is not None:
            files.remove(existing)
        file = File(page.src, existing.src_dir if existing else None, config.site_dir, config.use_directory_urls,
                    dest_uri=page.dest)
        if existing is None:
            file.generated_by, file.content_string = "shequbao", ""
        files.append(file)
    fingerprint_assets(files, config)
    return files

