"""The import report: a table of the drafts, then the warnings."""

from __future__ import annotations

import unicodedata

from ..site.text import kind_label
from .drafts import Draft


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for c in text:
        if width(out + c) > limit - 1:
            break
        out += c
    return out + "…"


def pad(text: str, limit: int) -> str:
    text = clip(text, limit)
    return text + " " * (limit - width(text))


def table(drafts: list[Draft]) -> list[str]:
    cols = (("文件", 30), ("类型", 8), ("版", 3), ("标题", 36), ("人员", 22), ("字数", 5))
    lines = ["  ".join(pad(h, w) for h, w in cols).rstrip()]
    for d in drafts:
        title = d.meta.get("title", "")
        if d.article is not None and d.article.title_generated:
            title = "（生成）" + title
        elif not title and d.meta.get("images"):
            title = "（无标题）" + d.meta["images"][0].get("caption", "")
        people = "、".join(d.people) or d.meta.get("source", "")
        row = (d.name, kind_label(d.meta["kind"]), str(d.meta["page"]),
               title, people, str(d.chars))
        lines.append("  ".join(pad(v, w) for v, (_, w) in zip(row, cols)).rstrip())
    return lines


def render(
    drafts: list[Draft],
    folder: str,
    notes: list[str],
    warnings: list[str],
    dry_run: bool,
) -> str:
    """The summary, the table of drafts, and every point to check (``warnings``, each
    already starting with its file and line)."""
    counts: dict[str, int] = {}
    for d in drafts:
        if d.article is not None:
            counts[d.meta["kind"]] = counts.get(d.meta["kind"], 0) + 1
    summary = "、".join(f"{kind_label(k)} {n} 篇" for k, n in counts.items()) or "没有稿件"
    out = [f"导入到 {folder}：{summary}" + ("（试运行，不写文件）" if dry_run else "")]
    out += [f"  {n}" for n in notes]
    out.append("")
    out += table(drafts)
    out.append("")
    if warnings:
        out.append(f"需要核对的地方（{len(warnings)} 处）：")
        out += [f"  - {w}" for w in warnings]
    else:
        out.append("没有需要特别核对的地方。")
    out.append("所有稿件都是草稿（draft: true）：核对后改为 false 才会发布。")
    return "\n".join(out)
