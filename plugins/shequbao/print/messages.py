"""What the print layout tells the editor: each message has a severity and says what to do.

A warning is for print content that is lost or missing (a strict build fails on it): an
empty 版, text that could not be set. White space on a 版 and an odd number of 版 are notes:
the editor (and the print shop) should see them, but the site is right all the same, and a
paper must not be kept off the web because its printed page is not full."""

from __future__ import annotations

from dataclasses import dataclass

UNDERFULL = 0.05  # a 版 more empty than this is reported


@dataclass(frozen=True)
class Message:
    severity: str  # warning | info
    text: str

    def as_dict(self) -> dict:
        return {"severity": self.severity, "text": self.text}


def room_in_chars(plan, style) -> int:
    """How many characters of body text would fill the blank of a 版 (its free area × share)."""
    g = style.geometry
    return int(plan.empty_share * plan.area * g.type_width / (g.body * style.pitch) // 10 * 10)


def page_messages(content, plans, style=None) -> list[Message]:
    out = []
    for page, plan in zip(content.pages, plans):
        if not page.items:
            out.append(Message("warning", f"{content.label}{page.label}没有稿件，请把稿件的 page 改为 {page.page}，"
                                          f"或在 issue.yml 里删掉这一版"))
            continue
        if plan.area and plan.empty_share > UNDERFULL:
            share = round(plan.empty_share * 100)
            room = f"（约 {room_in_chars(plan, style):,} 字可补满）" if style is not None else ""
            out.append(Message("info", f"{content.label}{page.label}还空着约 {share}%{room}，请补充稿件或照片"))
    if len(content.pages) % 2:
        out.append(Message("info", f"{content.label}：{len(content.pages)} 个版面无法对折印刷，请把版数改为双数"))
    return out
