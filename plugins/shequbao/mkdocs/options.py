"""The ``shequbao`` plugin's options in mkdocs.yml, each documented (the settings read from them:
:mod:`.settings`). An adapter module: it knows MkDocs."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..print import page_size_name


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
    paper_colour = c.Type(str, default="")
    """The paper's colour (``'#1d4e89'``, quoted): the 报头, its rules and the links on the web, and the
    报头 and rules of the print edition; default the masthead red."""
    paper_masthead_image = c.Type(str, default="")
    """A 报头 image (题字), PNG or JPEG (never SVG), path from mkdocs.yml's folder: replaces the set-type
    paper name in the web's masthead and on page 1 of the print edition."""
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
