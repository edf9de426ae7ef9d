"""The Word-like layout of the foreign test set (see foreign_pdfs.py), set by reportlab: an A4
document in two columns as a street office makes it in Word (a 简报): a red title block on the
first page (paper, 第N期, editor and date over a red rule), a running header on the other pages,
footers "- N -", headlines in a bold Song (STSong with a stroked outline, as Word's fake bold),
引题/副题 and body in Kai at 10.5 pt, bylines centred under the headline or closing the story on a
right-aligned line, captions "…… 张三 摄" under the photo, 【简讯】 with "（通讯员 …）" after each,
and a ruled 报送/发 block at the end. Stories run on over columns and pages."""

from __future__ import annotations

from pathlib import Path

from foreign_pdfs import ROLE_WORDS, Issue, Story
from foreign_reportlab import _fonts, _set

MARGIN = 64.0  # 22.5 mm, Word's default page margins are near this
GAP = 22.0


def write_word2(issue: Issue, out: Path, photo: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    width, height = A4
    column = (width - 2 * MARGIN - GAP) / 2
    doc = BaseDocTemplate(str(out), pagesize=A4, title=f"{issue.paper}第{issue.number}期", author="Microsoft Word")

    def frames(top: float) -> list:
        return [Frame(MARGIN + i * (column + GAP), MARGIN, column, height - top - MARGIN, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0) for i in range(2)]

    def first(canvas, doc_) -> None:
        _title_block(canvas, issue, width, height)
        _footer(canvas, doc_, width)

    def later(canvas, doc_) -> None:
        _header(canvas, issue, width, height)
        _footer(canvas, doc_, width)

    doc.addPageTemplates([PageTemplate("first", frames(MARGIN + 150), onPage=first, autoNextPageTemplate="later"),
                          PageTemplate("later", frames(MARGIN + 10), onPage=later)])
    doc.build(_flowables(issue, photo, column))


def _title_block(canvas, issue: Issue, width: float, height: float) -> None:
    kai, song = _fonts()
    canvas.saveState()
    canvas.setFillColorRGB(0.8, 0, 0)
    canvas.setStrokeColorRGB(0.8, 0, 0)
    text = canvas.beginText()
    text.setTextRenderMode(2)
    text.setFont(song, 36)
    title = issue.paper
    text.setTextOrigin((width - 36 * len(title)) / 2, height - MARGIN - 40)
    text.textOut(title)
    canvas.drawText(text)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(song, 12)
    canvas.drawCentredString(width / 2, height - MARGIN - 70, f"（第{issue.number}期）")
    canvas.setFont(kai, 12)
    canvas.drawString(MARGIN, height - MARGIN - 100, f"{issue.publisher}办事处编")
    canvas.drawRightString(width - MARGIN, height - MARGIN - 100, issue.date)
    canvas.setLineWidth(2)
    canvas.line(MARGIN, height - MARGIN - 110, width - MARGIN, height - MARGIN - 110)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, height - MARGIN - 114, width - MARGIN, height - MARGIN - 114)
    canvas.restoreState()


def _header(canvas, issue: Issue, width: float, height: float) -> None:
    kai, _ = _fonts()
    canvas.saveState()
    canvas.setFont(kai, 9)
    canvas.drawCentredString(width / 2, height - MARGIN + 12, f"{issue.paper}　第{issue.number}期")
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, height - MARGIN + 8, width - MARGIN, height - MARGIN + 8)
    canvas.restoreState()


def _footer(canvas, doc, width: float) -> None:
    _, song = _fonts()
    canvas.saveState()
    canvas.setFont(song, 10.5)
    canvas.drawCentredString(width / 2, MARGIN - 30, f"- {doc.page} -")
    canvas.restoreState()


def _styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    kai, song = _fonts()
    body = ParagraphStyle("body", fontName=kai, fontSize=10.5, leading=17, firstLineIndent=21, wordWrap="CJK")
    return {"body": body,
            "deck": ParagraphStyle("deck", fontName=kai, fontSize=11, leading=15, alignment=1, wordWrap="CJK"),
            "by": ParagraphStyle("by", fontName=kai, fontSize=10, leading=16, alignment=1, wordWrap="CJK"),
            "close": ParagraphStyle("close", fontName=kai, fontSize=10.5, leading=17, alignment=2, wordWrap="CJK"),
            "caption": ParagraphStyle("caption", fontName=kai, fontSize=9, leading=13, wordWrap="CJK"),
            "small": ParagraphStyle("small", fontName=song, fontSize=10, leading=15, wordWrap="CJK")}


def _bold(text: str, size: float, width: float, before: float = 10):
    """A headline in Song with Word's fake bold (fill and stroke), centred, wrapped by hand."""
    from reportlab.platypus import Flowable

    _, song = _fonts()
    per_line = max(1, int(width // size))
    lines = [text[i:i + per_line] for i in range(0, len(text), per_line)]

    class Bold(Flowable):
        def wrap(self, *_):
            return width, before + len(lines) * size * 1.35

        def draw(self):
            y = before + len(lines) * size * 1.35 - size * 1.1 - before
            for line in lines:
                obj = self.canv.beginText()
                obj.setTextRenderMode(2)
                obj.setFont(song, size)
                self.canv.setLineWidth(size / 30)
                obj.setTextOrigin((width - size * len(line)) / 2, y)
                obj.textOut(line)
                self.canv.drawText(obj)
                y -= size * 1.35

    return Bold()


def roles(story: Story) -> str:
    words, role = [], None
    for name, r in story.writers():
        if r != role:
            words.append(ROLE_WORDS.get(r, ""))
        role = r
        words.append(name)
    return " ".join(w for w in words if w)


def _story(story: Story, turn: int, styles: dict, photo: Path, column: float) -> list:
    from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer

    head: list = []
    if story.deck and story.deck_above:
        head.append(Paragraph(_set(story.deck), styles["deck"]))
    if story.headline:
        head.append(_bold(story.headline, 15, column))
    if story.deck and not story.deck_above:
        head.append(Paragraph(_set("——" + story.deck), styles["deck"]))
    names = roles(story) if len(story.lead) <= len("本报讯") else ""
    on_top = names and story.headline and turn % 2 == 0
    if on_top:
        head.append(Paragraph(_set(names), styles["by"]))
    out: list = [Spacer(1, 12), KeepTogether(head + [Spacer(1, 4)])]
    credit = story.credit()
    for caption in story.captions:
        out += [Image(str(photo), width=column, height=column * 2 / 3), Spacer(1, 2),
                Paragraph(_set(caption + (f"　{credit}" if credit else "")), styles["caption"]), Spacer(1, 4)]
    paras = list(story.paragraphs)
    if paras:
        paras[0] = story.lead + paras[0]
    out += [Paragraph(_set(p), styles["body"]) for p in paras]
    if story.source:
        out.append(Paragraph(_set(story.source), styles["close"]))
    if names and not on_top:
        out.append(Paragraph(_set(names), styles["close"]))
    return out


def _flowables(issue: Issue, photo: Path, column: float) -> list:
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    styles = _styles()
    out: list = []
    for index, story in enumerate(issue.stories):
        if story.kind == "brief":
            if index == 0 or issue.stories[index - 1].kind != "brief":
                out += [Spacer(1, 12), _bold("【简讯】", 13, column, before=4)]
            out.append(Paragraph(_set("".join(story.paragraphs) + f"（{roles(story)}）"), styles["body"]))
        else:
            out += _story(story, index, styles, photo, column)
    sent = Table([[Paragraph("报送：区委宣传部、区文明办　　发：各居民区党总支、居委会", styles["small"])],
                  [Paragraph(f"{issue.publisher}办事处　　　{issue.date}印发（共印300份）", styles["small"])]],
                 colWidths=[column])
    sent.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, -1), (-1, -1), 1, "black"),
                              ("LINEBELOW", (0, 0), (-1, 0), 0.5, "black")]))
    return out + [Spacer(1, 16), sent]
