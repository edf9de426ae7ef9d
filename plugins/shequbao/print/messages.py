"""What the print layout tells the editor: each message has a severity and says what to do.

A warning is for a printed page the paper cannot send to the print shop (a strict build, a
strict check and ``./sqb print`` fail on it): text or photos left out (``lost_chars``,
``lost_photos`` say how much), an empty 版, a 版 more than 10% empty. A little white space
(5–10%) and an odd number of 版 are notes: the editor and the print shop should see them."""

from __future__ import annotations

from dataclasses import dataclass

UNDERFULL = 0.10  # a 版 more empty than this is a warning
ROOMY = 0.05  # … than this, a note


@dataclass(frozen=True)
class Message:
    severity: str  # warning | info
    text: str
    lost_chars: int = 0  # characters of text not printed
    lost_photos: int = 0  # photos not printed

    def as_dict(self) -> dict:
        return {"severity": self.severity, "text": self.text, "lost_chars": self.lost_chars,
                "lost_photos": self.lost_photos}


def lost_summary(label: str, messages) -> str:
    """``《桂园》第101期的印刷版漏印约 353 字、2 张照片`` (or "" when nothing is left out)."""
    chars = sum(m.lost_chars for m in messages)
    photos = sum(m.lost_photos for m in messages)
    parts = ([f"约 {chars} 字"] if chars else []) + ([f"{photos} 张照片"] if photos else [])
    return f"{label}的印刷版漏印{'、'.join(parts)}" if parts else ""


def room_in_chars(plan, style) -> int:
    """How many characters of body text would fill the blank of a 版 (its free area × share)."""
    g = style.geometry
    return int(plan.empty_share * plan.area * g.type_width / (g.body * style.pitch) // 10 * 10)


def room_in_column_cm(plan, style) -> tuple[int, int]:
    """The blank of a 版 in 栏厘米 (column-centimetres, as ads are sold), and as the height in cm
    of a module across every column."""
    from .options import MM

    g = style.geometry
    blank = plan.empty_share * plan.area * g.type_width  # pt²
    column_cm = blank / (g.column + g.gutter) / MM / 10
    return round(column_cm), max(1, round(column_cm / g.columns))


def room_text(plan, style) -> str:
    """``约 1,300 字可补满，请补充稿件或照片（约 60 栏厘米，即 5 栏宽 12 厘米高）``"""
    cm, across = room_in_column_cm(plan, style)
    return (f"约 {room_in_chars(plan, style):,} 字可补满，请补充稿件或照片"
            f"（约 {cm} 栏厘米，即 {style.geometry.columns} 栏宽 {across} 厘米高）")


def page_messages(content, plans, underfull: str = "warning", style=None) -> list[Message]:
    """Empty and underfull 版 (with the characters and column-centimetres that would fill it, after
    the fillers: :mod:`.fillers`), an odd number of 版;
    ``underfull``: "note" makes a 版 more than 10% empty a note (mkdocs.yml ``print_underfull: note``,
    a paper that publishes first on the web)."""
    out = []
    for page, plan in zip(content.pages, plans):
        if not page.items:
            out.append(Message("warning", f"{content.label}{page.label}没有稿件，请把稿件的 page 改为 {page.page}，"
                                          f"或在 issue.yml 里删掉这一版"))
            continue
        if plan.area and plan.empty_share > ROOMY:
            share = round(plan.empty_share * 100)
            room = room_text(plan, style) if style is not None else "请补充稿件或照片"
            severity = "warning" if plan.empty_share > UNDERFULL and underfull == "warning" else "info"
            out.append(Message(severity, f"{content.label}{page.label}还空着约 {share}%（超过 {round(UNDERFULL * 100)}% 就要补），"
                                         f"{room}：可以给稿件加 print: filler: true 作备用稿、在 content/fillers/posters.yml "
                                         f"里加公益广告，或把别的版的稿件移过来" if severity == "warning" else
                                         f"{content.label}{page.label}还空着约 {share}%，{room}"))
    if len(content.pages) % 2:
        out.append(Message("info", f"{content.label}：{len(content.pages)} 个版面无法对折印刷，请把版数改为双数"))
    return out
