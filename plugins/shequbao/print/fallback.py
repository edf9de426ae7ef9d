"""Items no module can hold: printed with fewer photos, or left out, and always said.

The planner gives every item a menu of shapes; an item with none at any width (a 活动掠影 of
40 photos taller than the page allows, a 160-character headline without a break) would make
the page impossible to plan. Such an item keeps as many of its photos as still give it a
shape; failing that it is left out. Each case is a warning naming the article's file and
the field to change, so ``./sqb print`` exits non-zero and a strict build stops."""

from __future__ import annotations

from dataclasses import replace

from .content import Item
from .messages import Message
from .shape_parts import head_height

NO_SHAPE_KINDS = ("news", "notice", "photo")


def make_printable(items: list[Item], metrics: list, shapes_of, style, widths: dict, label: str) -> tuple[list, list, list[Message]]:
    """``items`` (and their ``metrics``) with every item given at least one shape;
    ``shapes_of(item, m, index)`` is the item's menu (span → shapes)."""
    out_items, out_metrics, messages = [], [], []
    for index, (item, m) in enumerate(zip(items, metrics)):
        if item.kind not in NO_SHAPE_KINDS or _has_shape(shapes_of(item, m, index)):
            out_items.append(item)
            out_metrics.append(m)
            continue
        fewer = _fewer_photos(item, m, index, shapes_of)
        if fewer is not None:
            left_out = len(item.photos) - len(fewer.photos)
            messages.append(Message("warning", f"{item.key}: images: {label}《{item.title}》的 {len(item.photos)} 张照片"
                                               f"一版排不下，印刷版只印了前 {len(fewer.photos)} 张，其余 {left_out} 张只在网站上："
                                               f"请删去一些照片，或把这组照片分成几篇稿件", lost_photos=left_out))
            out_items.append(fewer)
            out_metrics.append(m)
            continue
        messages.append(_left_out(item, m, style, widths, label))
    return out_items, out_metrics, messages


def _has_shape(menu: dict) -> bool:
    return any(menu.values())


def _fewer_photos(item: Item, m, index: int, shapes_of) -> Item | None:
    """The item with its first photos only, as many as still give it a shape (None: none do)."""
    if not item.photos:
        return None
    for keep in range(len(item.photos) - 1, -1, -1):
        if keep == 0 and item.kind == "photo":
            return None
        trial = replace(item, photos=item.photos[:keep])
        if _has_shape(shapes_of(trial, m, index)):
            return trial
    return None


def _left_out(item: Item, m, style, widths: dict, label: str) -> Message:
    from .shape_maker import ShapeMaker

    chars = item.chars
    maker = ShapeMaker(style, item, m, widths, 0, 1e9)
    widest = style.geometry.columns
    steps = range(len(maker.style_steps()))
    if item.title and all(head_height(maker, widest, step) is None for step in steps):
        return Message("warning", f"{item.key}: title: {label}的标题“{_short(item.title)}”有 {len(item.title)} 个字，"
                                  f"印刷版通栏也排不下（标题最多三行）：请缩短标题，或用 | 标出分行处；"
                                  f"这篇稿件没有印出（约 {chars} 字）", lost_chars=chars, lost_photos=len(item.photos))
    return Message("warning", f"{item.key}: {label}《{_short(item.title)}》在印刷版的任何栏宽都排不下，没有印出"
                              f"（约 {chars} 字）：请删减文字或照片，或用 print 提示改变栏数", lost_chars=chars,
                   lost_photos=len(item.photos))


def _short(title: str, most: int = 24) -> str:
    return title if len(title) <= most else title[:most] + "…"
