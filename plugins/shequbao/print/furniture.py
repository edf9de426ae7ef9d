"""The fixed parts of a page around the modules: page 1's 报头 (masthead), the 版头 of the
other pages, the running foot, the 报尾 on the last page, and crop marks for the print shop.
Each function returns Typst parts and says where the free area for modules is."""

from __future__ import annotations

from .content import IssueContent, PageContent
from .options import BLEED_MM, MM, press_offset
from .style import Style


def page_furniture(content: IssueContent, index: int, style: Style) -> tuple[list[dict], float, float]:
    """(parts, top, bottom) of page ``index``: modules go between ``top`` and ``bottom``."""
    g = style.geometry
    page = content.pages[index]
    if index == 0:
        parts, top = masthead(content, page, style)
    else:
        parts, top = banner(content, page, style)
    parts += running_foot(content, page, style)
    bottom = g.bottom
    if index == len(content.pages) - 1 and content.colophon:
        colophon, bottom = colophon_parts(content, style)
        parts += colophon
    return parts, top, bottom


def masthead(content: IssueContent, page: PageContent, style: Style) -> tuple[list[dict], float]:
    g, b, info = style.geometry, style.body, content.masthead
    x, y, width = g.left, g.top, g.type_width
    name_size = round(b * 6.6, 2)
    colour = info["colour"] or "red"
    parts = [_name_part(info, x + b * 0.4, y, g.span_width(max(1, g.columns - 1)), name_size, colour)]
    lines = [info["number"] + (f"（{info['total']}）" if info["total"] else ""), info["date"], info["lunar"],
             info["publisher"], info["permit"]]
    lines = [line for line in lines if line]
    info_w = g.span_width(2)
    small, pitch = round(b * 0.95, 2), round(b * 1.55, 2)
    parts.append({"t": "text", "x": x + width - info_w, "y": y + b * 0.3, "w": info_w, "lines": lines, "font": "sans",
                  "weight": "regular", "size": small, "pitch": pitch, "align": "right"})
    if info["internal"]:
        parts.append(_text(x + b * 0.5, y + name_size * 1.12, g.span_width(2), info["internal"], round(b * 0.95, 2),
                           weight="bold", fill=colour, tracking=0.1))
    top = y + max(name_size * 1.12 + (b * 1.6 if info["internal"] else 0), len(lines) * pitch) + b * 0.6
    parts.append(_rule(x, top, x + width, 3.0, colour))
    row = top + b * 0.45
    label = " · ".join(t for t in (page.label, page.name) if t)  # a 版 without a name: 第2版
    parts.append(_text(x, row, g.span_width(2), label, round(b * 0.95, 2), weight="bold"))
    if info["title"]:
        parts.append(_text(x + width / 2 - g.column, row, g.column * 2, info["title"], round(b * 0.95, 2),
                           weight="bold", fill=colour, align="center", tracking=0.12))
    if page.editor:
        parts.append(_text(x + width - g.span_width(2), row, g.span_width(2), f"责任编辑：{page.editor}",
                           round(b * 0.95, 2), align="right"))
    rule_y = row + b * 1.5
    parts.append(_rule(x, rule_y, x + width, 0.8, colour))
    return parts, rule_y + style.separator * 0.7


def _name_part(info: dict, x: float, y: float, width: float, size: float, colour: str) -> dict:
    """The paper's name on page 1: set in type, or its 报头 image (题字) as tall as the type would be."""
    image = info["image"]
    if not image:
        return _text(x, y, width, info["name"], size, font="serif", weight="bold", fill=colour, tracking=0.12)
    height = size * 1.12
    w = min(width, height / image["ratio"])
    return {"t": "picture", "x": round(x, 3), "y": round(y, 3), "w": round(w, 3), "h": round(w * image["ratio"], 3),
            "file": f"photos/{image['name']}"}


def banner(content: IssueContent, page: PageContent, style: Style) -> tuple[list[dict], float]:
    g, b, info = style.geometry, style.body, content.masthead
    x, y, width = g.left, g.top, g.type_width
    name_size = round(b * 2.6, 2)
    colour = info["colour"] or "red"
    parts = [_text(x, y, g.span_width(2), page.name or page.label, name_size, weight="bold", fill=colour, tracking=0.15)]
    running = " · ".join(t for t in (page.label, page.name, info["short_date"]) if t)
    parts.append(_text(x + width - g.span_width(2), y + name_size - b * 2.5, g.span_width(2), running,
                       round(b * 0.95, 2), weight="bold", align="right"))
    parts.append(_text(x + width - g.span_width(2), y + name_size - b * 1.1, g.span_width(2),
                       f"{info['name']} {info['number']}", round(b * 0.85, 2), align="right"))
    rule_y = y + name_size + b * 0.5
    parts.append(_rule(x, rule_y, x + width, 2.4, colour))
    return parts, rule_y + style.separator * 0.7


def running_foot(content: IssueContent, page: PageContent, style: Style) -> list[dict]:
    g, b, info = style.geometry, style.body, content.masthead
    y = g.bottom + b * 0.6
    size = round(b * 0.8, 2)
    parts = [_rule(g.left, g.bottom + b * 0.25, g.left + g.type_width, 0.5)]
    if page.editor:
        parts.append(_text(g.left, y, g.span_width(2), f"责任编辑：{page.editor}", size))
    footer = f"{info['name']} {info['number']}" + (f" · {info['total']}" if info["total"] else "")
    parts.append(_text(g.left + g.type_width - g.span_width(2), y, g.span_width(2), footer, size, align="right"))
    return parts


def colophon_parts(content: IssueContent, style: Style) -> tuple[list[dict], float]:
    g, b = style.geometry, style.body
    size, pitch = round(b * 0.8, 2), round(b * 1.3, 2)
    text = "　".join(content.colophon)
    lines = 1 if len(text) * size < g.type_width * 0.95 else 2
    height = lines * pitch
    top = g.bottom - height
    parts = [_rule(g.left, top - b * 0.5, g.left + g.type_width, 1.2),
             {"t": "text", "x": g.left, "y": top, "w": g.type_width, "text": text, "font": "sans",
              "weight": "regular", "size": size, "pitch": pitch, "align": "center"}]
    return parts, top - b * 0.5 - style.separator * 0.6


def crop_marks(width: float, height: float) -> list[dict]:
    """Lines at the trim's corners, outside the 3 mm bleed (in the slug), so that none of them
    is printed on a page cut a little wide (coordinates of the media page)."""
    bleed, offset = BLEED_MM * MM, press_offset(True)
    start, end = offset - bleed - 1.0 * MM, 0.5 * MM  # from 1 mm beyond the bleed to near the media edge
    marks = []
    for x in (offset, offset + width):
        for y in (offset, offset + height):
            dx = -1 if x == offset else 1
            dy = -1 if y == offset else 1
            marks.append({"t": "rule", "x1": x + dx * (offset - start), "y1": y, "x2": x + dx * (offset - end), "y2": y,
                          "width": 0.25})
            marks.append({"t": "rule", "x1": x, "y1": y + dy * (offset - start), "x2": x, "y2": y + dy * (offset - end),
                          "width": 0.25})
    return marks


def _text(x, y, width, text, size, *, font="sans", weight="regular", fill=None, align="left", tracking=0.0) -> dict:
    return {"t": "text", "x": round(x, 3), "y": round(y, 3), "w": round(width, 3), "text": text, "font": font,
            "weight": weight, "size": size, "pitch": round(size * 1.25, 2), "align": align, "fill": fill,
            "tracking": tracking}


def _rule(x1, y, x2, width, color=None) -> dict:
    return {"t": "rule", "x1": x1, "y1": y, "x2": x2, "y2": y, "width": width, "color": color}


def empty_notice(content: IssueContent, top: float, bottom: float, style: Style) -> dict:
    """``本版暂无稿件`` in the middle of a 版 with no items."""
    g = style.geometry
    return _text(g.left, (top + bottom) / 2 - style.body, g.type_width, content.masthead["empty"],
                 round(style.body * 1.6, 2), fill="grey", align="center", tracking=0.2)
