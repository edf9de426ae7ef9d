"""Sizes and faces of a scan's OCR lines (:mod:`.ocrlayout`): a scan has no font names, so
they are read from the lines' measured sizes and the darkness of their ink.

Line sizes are grouped (``SAME`` apart at most); the group with the most characters is the
body. The body group reads as one face, every other group as a face of its own (a 引题 or
副题 set at about body size is then another face, as in a typeset PDF). A line whose ink is
``BOLD_INK`` × as dark as the body's is bold (a 黑体 headline, a brief's title), as is any
line ``DISPLAY`` × the body size; a line ``DENSE`` × as dark is in a heavier, plain face (a
sans 引题, 副题, byline or caption next to a 宋体 body). The lines of one headline, caption
or deck get one size and face.
"""

from __future__ import annotations

import re
from statistics import median

from ..bylines import parse_byline
from .ocrchars import ROLE, mend_credit_text
from .ocrlayout import INK, OcrLine, _is_han, _text

SAME = 0.09  # line sizes closer than this (relative) are one size
DISPLAY = 1.6  # × body: a size group this large is a headline's, bold or not
BOLD_INK = 1.85  # × the body's ink density: a line this dark is set bold (a 黑体 headline, a brief's title);
# a 引题, 副题 or byline in a plain sans face is about 1.3–1.75 × as dark as the 宋体 body
DENSE = 1.3  # × the body's ink density: a line this much darker is set in a heavier face
HEAD_PITCH = 1.6  # × size: two bold lines whose baselines are this close are one headline's
HEAD_SAME = 0.25  # … when their sizes are this close (relative)
BYLINE_CHARS = 24  # a byline line is no longer
SMALL = 0.9  # × body: the size a byline in a heavier face is read at (a scan's sizes are too rough to tell)
BODY_BAND = (0.93, 1.12)  # × body: a heavy line of this size is a bold line (a brief's title)
SNAP = 0.12  # lines this close (relative) to the body size are body size


def group_sizes(pages: list[list[OcrLine]]) -> tuple[float, dict[int, tuple[float, bool, str]]]:
    """(body em, {id(line): (em, bold, face)}) for the lines of every page: sizes grouped, the
    group with the most characters the body. A line whose ink is ``BOLD_INK`` × the body's
    is bold (a headline; at body size a brief's title, all in one face); one ``DENSE`` × as
    dark is in a plain face other than the body's (a sans 引题, 副题, byline or caption): the
    face's name says "Dark", never "Heavy" (which :func:`.glyphs.is_bold` takes for bold)."""
    lines = sorted((line for page in pages for line in page), key=lambda ln: ln.em)
    groups = _size_groups(lines)
    if not groups:
        return 10.0, {}
    weight = [sum(len(_text(ln)) for ln in g) for g in groups]
    first = groups[weight.index(max(weight))]
    body = _weighted_em(first)
    inked = [ln.density for ln in first if ln.density]
    ink = median(inked) if inked else 0.0

    def heavy(line: OcrLine) -> bool:
        text = _text(line)  # (the last line of a paragraph is no title or byline, whatever its ink)
        return bool(ink and line.density >= DENSE * ink and len(text) >= 2 and not text.endswith("。"))

    over = _over_headlines(pages, body)
    plain = [ln for ln in lines if (abs(ln.em - body) <= SNAP * body or _opens_story(ln, body)) and not heavy(ln)
             and not _byline(ln, body) and id(ln) not in over]
    taken = {id(ln) for ln in plain}
    out = {id(ln): (body, False, "Scan-Body") for ln in plain}
    for number, group in enumerate(_size_groups([ln for ln in lines if id(ln) not in taken])):
        em = _weighted_em(group)
        for line in group:
            at_body = BODY_BAND[0] * body <= em <= BODY_BAND[1] * body
            bold = em >= DISPLAY * body or (bool(ink) and line.density >= BOLD_INK * ink and em >= BODY_BAND[0] * body) \
                or (heavy(line) and _marked_title(line) and at_body)
            face = f"Scan-{number}{'-Dark' if heavy(line) else ''}{'-Bold' if bold else ''}"
            out[id(line)] = (em, bold, face)
            if bold and em <= BODY_BAND[1] * body:  # a bold line at body size: one face (briefs' titles)
                out[id(line)] = (body, True, "Scan-Body-Bold")
            if em <= BODY_BAND[1] * body and not bold and _byline(line, body):
                out[id(line)] = (SMALL * body, False, "Scan-Byline")  # small print, as a typeset byline
                for w in line.words:  # (its brackets as printed: OCR reads （ as 《 or ()
                    w.text = w.text.translate(_BRACKETS)
    for page in pages:
        _unify_headlines(page, out)
        _unify_blocks(page, out)
        _join_small_print(page, out, body)
        _join_credits(page, out, body)
        mark_kickers(page, out, body)
    return body, out


CAPTION_GAP = 1.5  # × body: a caption's first line starts this close under its photo …
CAPTION_LINES = 3  # … it has at most this many lines, this close one under the other …
CAPTION_PITCH = 1.75  # … (× body, baseline to baseline) …
CAPTION_APART = 1.9  # … and the text under it starts at least this far under its last line (× body)


def mark_body_captions(lines: list[OcrLine], sizes: dict, pictures: list[dict], scale: float, body: float) -> None:
    """Lines read at body size right under a photo, flush with its left edge and within its
    width, a short block set apart from any text under it: the photo's caption, set in a
    face at about body size (楷体 at 0.95 × the body, which a scan's sizes cannot tell) and
    read as small print, as a typeset PDF gives it (in the size and face of a line of the
    block read as small print, if one was). Text going on under a photo runs on at the
    body's pitch; its first line is indented."""
    plain = [ln for ln in lines if sizes[id(ln)][2] == "Scan-Body"]
    small = [ln for ln in lines if sizes[id(ln)][0] < BODY_BAND[0] * body and not sizes[id(ln)][1]]
    for p in pictures:
        left, right, bottom = p["x0"] / scale, p["x1"] / scale, p["bottom"] / scale
        block: list[OcrLine] = []
        for line in sorted(plain + small, key=lambda ln: ln.base):
            x0, x1 = _span(line)
            if x0 > left + 0.5 * body or x0 < left - body or x1 > right + body:
                continue
            top = line.base - INK * line.em
            if not block and -0.3 * body <= top - bottom <= CAPTION_GAP * body or \
                    block and 0 < line.base - block[-1].base <= CAPTION_PITCH * body:
                block.append(line)
        read = [ln for ln in block if ln in plain]
        if not read or len(block) > CAPTION_LINES:
            continue
        x0, x1 = _span(block[0])
        if any(0 < ln.base - block[-1].base < CAPTION_APART * body and _span(ln)[0] < x1 and x0 < _span(ln)[1]
               for ln in plain if ln not in block):
            continue
        look = next((sizes[id(ln)] for ln in block if ln not in plain), (SMALL * body, False, "Scan-Caption"))
        for line in read:
            sizes[id(line)] = look


LEAD_SIZE = 1.25  # × body: a story's first line (本报讯…) read at most this large is body text


def _opens_story(line: OcrLine, body: float) -> bool:
    """A story's first line, 本报讯（通讯员 …: body text, though tesseract's boxes of the names
    in brackets may reach up into the white over it, so that it is measured larger."""
    return line.em <= LEAD_SIZE * body and _text(line).startswith("本报讯")


KICKER_LONGEST = 20  # characters: a 栏目 label or 引题 at body size over a headline (身边好人) is no longer
KICKER_GAP = 1.3  # × body: … and its baseline this close over the headline's ink
PARAGRAPH_PITCH = 2.0  # × body: a body line this close over it in its column makes it a paragraph's last line


def mark_kickers(lines: list[OcrLine], sizes: dict, body: float) -> None:
    """A short line read at body size in the body's look right over a headline, within its
    width, with no body line just over it (a 栏目 label or 引题 set in a sans face that is
    no darker than the 宋体 body: 身边好人): another face, as a typeset PDF gives it, so it
    goes with the headline and not to the end of the story above."""
    heads = [ln for ln in lines if sizes[id(ln)][1] and sizes[id(ln)][0] > BODY_BAND[1] * body]
    for line in (ln for ln in lines if sizes[id(ln)][2] == "Scan-Body"):
        text = _text(line)
        if not 2 <= len(text) <= KICKER_LONGEST or not _WORDS.fullmatch(text) or parse_byline(text) is not None:
            continue
        x0, x1 = _span(line)
        over = any(-0.2 * body <= head.base - INK * sizes[id(head)][0] - line.base <= KICKER_GAP * body
                   and _span(head)[0] - body <= x0 and x1 <= _span(head)[1] + body for head in heads)
        if over and not _ends_paragraph(line, lines, body):
            sizes[id(line)] = (body, False, "Scan-Kicker")


_WORDS = re.compile(r"[\u3400-\u9fff0-9“”‘’《》、，·—]+")  # a label's words: no sentence


def _span(line: OcrLine) -> tuple[int, int]:
    return line.words[0].left, max(w.left + w.width for w in line.words)


LABEL_CHARS = 16  # characters: a line this short …
LABEL_GAP = 0.8  # … whose ink ends this close (× its size) over a headline's is its 引题 or label


def _over_headlines(pages: list[list[OcrLine]], body: float) -> set[int]:
    """The short lines right over a headline (a line ``DISPLAY`` × the body size), flush with
    it: a column label or 引题 (身边好人) set in another face at about body size, told from
    the body by where it stands (a body line is never that close over a headline)."""
    out = set()
    for page in pages:
        heads = [ln for ln in page if ln.em >= DISPLAY * body]
        for line in page:
            if len(_text(line)) > LABEL_CHARS or line.em >= DISPLAY * body:
                continue
            if _ends_paragraph(line, page, body):
                continue
            for head in heads:
                gap = head.base - INK * head.em - line.base
                if 0 <= gap <= LABEL_GAP * line.em and abs(head.words[0].left - line.words[0].left) <= line.em:
                    out.add(id(line))
    return out


def _ends_paragraph(line: OcrLine, lines: list[OcrLine], body: float) -> bool:
    """Whether a line of body size stands at most ``PARAGRAPH_PITCH`` × the body size over
    ``line`` in its column: then ``line`` is a paragraph's last line, whatever stands under it."""
    x0, x1 = _span(line)
    return any(o is not line and abs(o.em - body) <= SNAP * body and 0 < line.base - o.base <= PARAGRAPH_PITCH * body
               and _span(o)[0] < x1 and x0 < _span(o)[1] for o in lines)


CREDIT_GAP = 1.5  # em: a byline this close after a caption's words on its baseline is the caption's credit


def _join_credits(lines: list[OcrLine], sizes: dict, body: float) -> None:
    """A photo credit (张志举摄) read as a piece of its own after a caption's last words on
    the same baseline (a caption's space before its credit is as wide as a gutter) is the
    caption line's end: the caption is one block, as when it was typeset."""
    small = [ln for ln in lines if sizes[id(ln)][0] < BODY_BAND[0] * body and not sizes[id(ln)][1]]
    for line in [ln for ln in small if _byline(ln, body)]:
        for left in small:
            em = sizes[id(left)][0]
            gap = line.words[0].left - (left.words[-1].left + left.words[-1].width)
            if left is not line and abs(line.base - left.base) <= SNAP * em and -0.5 * em <= gap <= CREDIT_GAP * em:
                left.words += line.words  # (one line, its space before the credit read from the page)
                lines.remove(line)
                break


SMALL_PITCH = 1.45  # × a small line's size: a line whose baseline is this close under it is its next line


def _join_small_print(lines: list[OcrLine], sizes: dict, body: float) -> None:
    """A caption's or a note's next line measured at body size takes the size and face of
    the line above it: body text is set at a wider pitch, so a line this close under small
    print is small print. So is a credit read as a byline right under a caption's line (巡逻　徐立新 摄:
    its last line)."""
    small = [ln for ln in lines if sizes[id(ln)][0] < BODY_BAND[0] * body and not sizes[id(ln)][1]]
    credits = [ln for ln in lines if sizes[id(ln)][2] == "Scan-Byline" and _text(ln).endswith("摄")]
    for lower in [ln for ln in lines if sizes[id(ln)][2] == "Scan-Body"] + credits:
        for upper in (ln for ln in small if sizes[id(ln)][2] != "Scan-Byline"):
            em = sizes[id(upper)][0]
            if 0 < lower.base - upper.base <= SMALL_PITCH * em and abs(upper.words[0].left - lower.words[0].left) <= em:
                sizes[id(lower)] = sizes[id(upper)]
                break


BLOCK_PITCH = 1.9  # × size: a line whose baseline is this close under another's …
SHORT_LAST = 0.6  # of the line above: a block's last line this short may read lighter or darker
BLOCK_SAME = 0.2  # … with the same left edge, a size this close (relative) and as dark is the same block's


def _unify_blocks(lines: list[OcrLine], sizes: dict) -> None:
    """The lines of one caption, 引题, 副题 or brief's title get one size and face, the longer
    line's (a short line's size and ink are measured from a few characters: a caption's
    second line read 5% larger would be taken for other text)."""
    plain = sorted((ln for ln in lines if sizes[id(ln)][2] not in ("Scan-Body", "Scan-Byline")), key=lambda ln: ln.base)
    for i, upper in enumerate(plain):
        a = sizes[id(upper)]
        for lower in plain[i + 1:]:
            b = sizes[id(lower)]
            pitch = lower.base - upper.base
            if pitch > BLOCK_PITCH * max(a[0], b[0]):
                break
            aligned = abs(upper.words[0].left - lower.words[0].left) <= max(a[0], b[0])
            dark = ("-Dark" in a[2] or a[1]) == ("-Dark" in b[2] or b[1])  # (a bold title's short line reads lighter)
            dark = dark or len(_text(lower)) <= SHORT_LAST * len(_text(upper))  # (so does a caption's short last line)
            if pitch > 0 and aligned and dark and abs(a[0] - b[0]) <= BLOCK_SAME * max(a[0], b[0]):
                longer = upper if len(_text(upper)) >= len(_text(lower)) else lower
                sizes[id(upper)] = sizes[id(lower)] = sizes[id(longer)]
                break


def _unify_headlines(lines: list[OcrLine], sizes: dict) -> None:
    """The lines of one headline broken over two or three lines get one size and face (their
    measured sizes differ a little, with the quotes and digits each line has)."""
    heads = sorted((ln for ln in lines if sizes[id(ln)][1]), key=lambda ln: ln.base)
    for i, upper in enumerate(heads):
        for lower in heads[i + 1:]:
            a, b = sizes[id(upper)], sizes[id(lower)]
            left = max(upper.words[0].left, lower.words[0].left)
            right = min(upper.words[-1].left + upper.words[-1].width, lower.words[-1].left + lower.words[-1].width)
            near = 0 < lower.base - upper.base <= HEAD_PITCH * max(a[0], b[0]) and left < right
            if near and abs(a[0] - b[0]) <= HEAD_SAME * max(a[0], b[0]):
                sizes[id(lower)] = sizes[id(upper)] = max(a, b)
                break


TITLE_CHARS = 6  # Han characters after a ■: a brief's title (■谷文君 is a name)


def _marked_title(line: OcrLine) -> bool:
    """A line that starts with ■ and goes on with a title's words, not a name: in a heavier face
    it is a brief's bold title (its ■ and short strokes read lighter than a 黑体 headline's ink)."""
    text = _text(line)
    return text.startswith("■") and sum(_is_han(c) for c in text) >= TITLE_CHARS


def _byline(line: OcrLine, body: float) -> bool:
    """A short line at about body size or smaller that is only a byline (记者 陈玲 通讯员 张志举)."""
    text = mend_credit_text(_text(line).translate(_BRACKETS))
    if line.em > BODY_BAND[1] * body or len(text) > BYLINE_CHARS:
        return False
    spaced = ROLE.sub(lambda m: f" {m.group(0)} ", text).strip()
    return any(parse_byline(t) is not None for t in (text, spaced, _NAMES.sub(_split_names, spaced)))


_BRACKETS = str.maketrans({"《": "（", "(": "（", ")": "）"})  # OCR reads a byline's （ as 《 or (: (通讯员 张志举)
_NAMES = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff]{4,6}(?![\u3400-\u9fff])")


def _split_names(m: re.Match) -> str:
    """Four to six Han characters between role words: two names run together by OCR
    (陈玲王晓峰 → 陈玲 王晓峰; which of two splits is right is read from the image later)."""
    names = m.group(0)
    cut = len(names) // 2
    return f"{names[:cut]} {names[cut:]}"


def _size_groups(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines (sorted by size) in groups of about one size."""
    groups: list[list[OcrLine]] = []
    for line in lines:
        if groups and line.em <= groups[-1][0].em * (1 + SAME):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _weighted_em(group: list[OcrLine]) -> float:
    ems = [ln.em for ln in group for _ in range(max(1, len(_text(ln))))]
    return median(ems)


def mark_face_captions(lines: list[OcrLine], pictures: list[dict], scale: float, sizes: dict, body: float) -> None:
    """Lines at about body size or smaller in another face than the body's right under a photo,
    within its width, one under the other: its caption (a 黑体 caption under a 宋体 or 楷体
    body reads as dark as a brief's bold title, or at the body's size, which a scan measures
    roughly), made small print as a typeset caption is: not a bold title, nor an 引题 over the
    headline under it. A line in the body's face ends it (text going on under the photo)."""
    for pic in pictures:
        x0, x1, reach = pic["x0"] / scale - body, pic["x1"] / scale + body, pic["bottom"] / scale
        for line in sorted(lines, key=lambda ln: min(w.top for w in ln.words)):
            top, bottom = line.base - INK * line.em, line.base  # (from its ink: a garbled word's box may be tall)
            left, right = _span(line)
            em, _, face = sizes[id(line)]
            if not -0.2 * body <= top - reach <= CAPTION_GAP * body or right <= x0 + body or left >= x1 - body:
                continue  # (a line of another column)
            if face == "Scan-Body" or em > BODY_BAND[1] * body or not (x0 <= left and right <= x1):
                break  # the caption ends at the first line that is not one
            if face != "Scan-Byline":  # (a credit under it is small print already)
                sizes[id(line)] = (SMALL * body, False, "Scan-Caption")
            reach = bottom


HEADER_SHARE = 0.3  # of the page's height: a 版眉 stands over a rule in its top part …
HEADER_SPAN = 0.9  # … that spans this share of the text's width …
HEADER_ROW = 1.0  # × body: … as one row of text (its lines' baselines this close)


def mark_page_head(lines: list[OcrLine], rules: list[dict], scale: float, height: float, sizes: dict, body: float) -> None:
    """The one row of text over the first full-width rule at the top of the page (第3版 综合 …
    2019年12月25日): the 版眉, read in a face of its own, never the body's (OCR reads its date
    at body size, and a page head has no body text over its rule)."""
    if not lines:
        return
    left, right = min(_span(ln)[0] for ln in lines), max(_span(ln)[1] for ln in lines)
    full = [r for r in rules if r["x1"] - r["x0"] >= HEADER_SPAN * (right - left) * scale
            and r["bottom"] - r["top"] < r["x1"] - r["x0"] and r["bottom"] <= HEADER_SHARE * height * scale]
    if not full:
        return
    rule = min(full, key=lambda r: r["top"])
    above = [ln for ln in lines if max(w.top + w.height for w in ln.words) * scale <= rule["top"] + 1]
    if above and max(ln.base for ln in above) - min(ln.base for ln in above) <= HEADER_ROW * body:
        for line in above:
            if sizes[id(line)][2] == "Scan-Body":
                sizes[id(line)] = (sizes[id(line)][0], False, "Scan-Header")
