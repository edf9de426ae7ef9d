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
  (``pages.asset_path``) so that servers may cache them for a year. Material's script bundle,
  its search workers and lunr languages and every source map are never sent by our pages
  (``base.html`` replaces the scripts block), so they are not published either: 2.4 MB and
  38 files less on every host.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..site.registry import (ASSET_SOURCES, asset_path, asset_source, is_unsent_theme_file, names_issue_or_article,
                             site_nav)

log = logging.getLogger("mkdocs.plugins.shequbao")
TEMPLATES = Path(__file__).parents[1] / "templates"
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
    bad = [src for src in nav_sources(nav) if names_issue_or_article(src)]
    if bad:
        shown = "、".join(bad[:5]) + (f" 等 {len(bad)} 项" if len(bad) > 5 else "")
        raise PluginError(
            f"{config_file} 的 nav（网站菜单）里列了期或文章：{shown}。菜单只放固定的几项"
            f"（首页 index.md、往期 issues/index.md、作者 people/index.md、图片 gallery/index.md、关于 about.md），"
            f"每一期和每篇文章由网站自己列出。请删掉这些行，或删掉整个 nav 让 shequbao 自动设置")


def nav_sources(nav) -> list[str]:
    """The content files mkdocs.yml's ``nav`` (the menu) lists, at any depth: MkDocs links them
    from every page, so they are rendered every time and their titles are part of every page."""
    if isinstance(nav, str):
        return [nav] if "://" not in nav else []
    values = nav.values() if isinstance(nav, dict) else nav if isinstance(nav, list) else ()
    return [src for value in values for src in nav_sources(value)]


def menu_digest(nav, docs_dir: str) -> bytes:
    """What the menu shows: its entries and, for each file it lists, the file's bytes (an untitled
    entry is labelled with the page's title, so a changed ``title:`` changes every page)."""
    digest = hashlib.sha256(repr(nav).encode())
    for src in nav_sources(nav):
        path = Path(docs_dir, src)
        digest.update(src.encode() + b"\0" + (path.read_bytes() if path.is_file() and not path.is_symlink() else b"-") + b"\0")
    return digest.hexdigest().encode()


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


def resolve_files(files: Files, site, listing, docs_dir: Path, config, people_file: str) -> Files:
    """MkDocs' files as the content policy (:mod:`shequbao.sources`) says: the registry's pages
    at their place, ``assets/`` as it is, photo originals excluded (only renditions are
    published), everything else of the content folder dropped, Material's unsent scripts and
    source maps dropped (``pages.is_unsent_theme_file``), our stylesheet and scripts
    under their fingerprinted names. MkDocs' own listing follows links: whatever it found
    through one is not in ``listing`` and is dropped too."""
    from ..content.sources import Verdict

    docs, theme, real = str(docs_dir.resolve()), os.path.realpath(MATERIAL_TEMPLATES), {}
    palette = bool(config.theme.get("palette"))
    for file in list(files):
        if file.src_dir not in real:
            real[file.src_dir] = os.path.realpath(file.src_dir or "")
        if real[file.src_dir] == theme and not file.generated_by and is_unsent_theme_file(file.src_uri, palette):
            files.remove(file)  # Material's scripts our base.html does not send, source maps
            continue
        if file.generated_by or real[file.src_dir] != docs:
            continue  # the theme's files, generated files
        verdict = listing.verdict(file.src_uri, site.pages)
        if verdict is Verdict.ORIGINAL and file.src_uri in listing.files:
            file.inclusion = InclusionLevel.EXCLUDED  # published as renditions only
        elif verdict is not Verdict.PUBLISH or file.src_uri == people_file:
            files.remove(file)
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

