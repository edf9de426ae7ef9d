"""The reportlab layout of the foreign test set (see foreign_pdfs.py): A4 in 3 columns, boxed
headlines, a Kai face for the body (AR PL UKai, Debian's fonts-arphic-ukai) and Song for the
headlines, bylines in brackets after the body, a long story continued on the next 版 with
下转/上接 and its headline repeated."""

from __future__ import annotations

import copy
from pathlib import Path

from foreign_pdfs import Issue, Story, plan_pages

CAPACITY = 2400  # characters a 版 takes (3 columns of A4 at 9 pt, with headlines and white)
KAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
MARGIN = 40.0


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    if "UKai" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("UKai", KAI, subfontIndex=0))
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "UKai", "STSong-Light"


def _set(text: str) -> str:
    """``text`` as Paragraph markup: characters the Kai face lacks (垷) set in Song, as a
    typesetter's fallback font would."""
    from xml.sax.saxutils import escape

    from reportlab.pdfbase import pdfmetrics

    kai, song = _fonts()
    glyphs = pdfmetrics.getFont(kai).face.charToGlyph
    return "".join(escape(c) if ord(c) in glyphs or c.isspace() else f'<font name="{song}">{escape(c)}</font>' for c in text)


def _styles():
    from reportlab.lib.styles import ParagraphStyle

    kai, song = _fonts()
    body = ParagraphStyle("body", fontName=kai, fontSize=9, leading=13.5, firstLineIndent=18, wordWrap="CJK")
    return {
        "body": body,
        "head": ParagraphStyle("head", fontName=song, fontSize=15, leading=19, alignment=1, wordWrap="CJK"),
        "deck": ParagraphStyle("deck", fontName=kai, fontSize=10.5, leading=14, alignment=1, wordWrap="CJK"),
        "small": ParagraphStyle("small", fontName=song, fontSize=8, leading=11, wordWrap="CJK"),
        "label": ParagraphStyle("label", fontName=song, fontSize=12, leading=16, wordWrap="CJK", spaceBefore=4),
        "jump": ParagraphStyle("jump", parent=body, firstLineIndent=0, alignment=2),
    }


def write_reportlab(issue: Issue, out: Path, photo: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width, height = A4
    doc = BaseDocTemplate(str(out), pagesize=A4, title=issue.paper, author="reportlab")
    doc.ban = ("", 1)
    column = (width - 2 * MARGIN - 2 * 12) / 3

    def frames(top: float) -> list:
        return [Frame(MARGIN + i * (column + 12), MARGIN + 14, column, height - top - MARGIN - 14, id=f"c{i}",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for i in range(3)]

    def furniture(canvas, doc_) -> None:
        _furniture(canvas, issue, doc_, width, height)

    doc.addPageTemplates([PageTemplate("first", frames(150), onPageEnd=furniture, autoNextPageTemplate="later"),
                          PageTemplate("later", frames(70), onPageEnd=furniture)])
    capacity = CAPACITY
    while True:  # each 版 on one page (下转第N版 names the 版 a part is printed on)
        flowables, count = _flowables(issue, photo, column, capacity)
        doc.build(flowables)
        if doc.page == count or capacity < 500:
            return
        capacity = int(capacity * 0.85)


def _furniture(canvas, issue: Issue, doc, width: float, height: float) -> None:
    kai, song = _fonts()
    name, number = doc.ban
    canvas.saveState()
    if doc.page == 1:
        canvas.setFont(song, 40)
        canvas.drawString(MARGIN, height - 95, issue.paper)
        canvas.setFont(kai, 9)
        canvas.drawRightString(width - MARGIN, height - 70, f"主办：{issue.publisher}")
        canvas.drawRightString(width - MARGIN, height - 83, f"第{issue.number}期　{issue.date}")
        canvas.drawRightString(width - MARGIN, height - 96, "内部资料　免费交流")
        canvas.setLineWidth(2)
        canvas.line(MARGIN, height - 110, width - MARGIN, height - 110)
    canvas.setFont(song, 9)
    canvas.drawString(MARGIN, height - 45, f"第{number}版　{name}")
    canvas.drawRightString(width - MARGIN, height - 45, f"{issue.paper}　{issue.date}")
    canvas.setLineWidth(0.7)
    canvas.line(MARGIN, height - 50, width - MARGIN, height - 50)
    canvas.setFont(kai, 8)
    canvas.drawString(MARGIN, MARGIN - 4, "责任编辑：张建国　美编：陈晨")
    canvas.restoreState()


class _Ban:
    """A flowable of no size that starts a 版 (its name and number go to the page's furniture)."""

    def __new__(cls, name: str, number: int):
        from reportlab.platypus import Flowable

        class Ban(Flowable):
            def wrap(self, *_):
                return 0, 0

            def draw(self):
                self.canv._doctemplate.ban = (name, number)

        return Ban()


def _flowables(issue: Issue, photo: Path, column: float, capacity: int) -> tuple[list, int]:
    from reportlab.platypus import PageBreak

    styles = _styles()
    pages = plan_pages(issue.stories, capacity)
    carried: list = []
    out: list = []
    for number, (name, stories) in enumerate(pages, start=1):
        if number > 1:
            out.append(PageBreak())
        out += [_Ban(name, number), *carried]
        carried = []
        cut = next((s for s in stories if s.kind == "news" and len(s.paragraphs) >= 3), None) if number < len(pages) else None
        briefs: list[Story] = []
        for story in stories + [None]:
            if story is not None and story.kind == "brief":
                briefs.append(story)
                continue
            if briefs:
                out += _briefs(briefs, styles)
                briefs = []
            if story is None:
                break
            if story is cut:
                half = (len(story.paragraphs) + 1) // 2
                first, rest = copy.copy(story), copy.copy(story)
                first.paragraphs, rest.paragraphs, rest.lead, rest.deck = story.paragraphs[:half], story.paragraphs[half:], "", None
                out += _story(first, styles, photo, column, jump=f"（下转第{number + 1}版）", close=False)
                carried = _story(rest, styles, photo, column, above=f"（上接第{number}版）", captions=False)
            else:
                out += _story(story, styles, photo, column)
    from reportlab.platypus import Paragraph

    out.append(Paragraph(f"编印：{issue.publisher}　印刷：东方印务有限公司　印数：3000份", styles["small"]))
    return out, len(pages)


def _story(story: Story, styles: dict, photo: Path, column: float, jump: str = "", above: str = "",
           close: bool = True, captions: bool = True) -> list:
    from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

    head: list = [Spacer(1, 8)]
    if story.deck and story.deck_above:
        head.append(Paragraph(_set(story.deck), styles["deck"]))
    if story.headline:
        box = Table([[Paragraph(_set(story.headline), styles["head"])]], colWidths=[column])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"), ("TOPPADDING", (0, 0), (-1, -1), 4),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        head.append(box)
    if above:
        head.append(Paragraph(above, styles["jump"]))
    if story.deck and not story.deck_above:
        head.append(Paragraph(_set("——" + story.deck), styles["deck"]))
    out: list = [KeepTogether(head)]  # a headline is never parted from its 引题/副题
    for caption in story.captions if captions else []:
        credit = story.credit()
        out += [Spacer(1, 3), Image(str(photo), width=column, height=column * 2 / 3),
                Paragraph(_set(caption + (f"　{credit}" if credit else "")), styles["small"])]
    if story.kind == "photo" and not story.captions:
        out.append(Image(str(photo), width=column, height=column * 2 / 3))
    paras = list(story.paragraphs)
    if paras:
        paras[0] = story.lead + paras[0]
        byline = story.byline()
        if close and (byline or story.source):
            paras[-1] += f"（{byline}）" if byline else story.source
    out += [Paragraph(_set(p), styles["body"]) for p in paras]
    if jump:
        out.append(Paragraph(jump, styles["jump"]))
    return out


def _briefs(briefs: list[Story], styles: dict) -> list:
    from reportlab.platypus import Paragraph, Spacer

    out = [Spacer(1, 8), Paragraph("短消息", styles["label"])]
    return out + [Paragraph(_set("".join(s.paragraphs) + f"　■{s.byline(bare=True)}"), styles["body"]) for s in briefs]
