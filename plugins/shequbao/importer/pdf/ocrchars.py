"""An OCR line's characters as pdfplumber gives a typeset page's: positions (points), size
and face, with the spaces a byline or a headline has read from the page image, and
punctuation made full-width.

- **Characters.** Each word's characters share its box evenly; all characters of one OCR
  line stand on the line's baseline at the line's size. Gaps between characters of one line
  are closed when either side is Chinese (tesseract puts a space between Han characters),
  so no space is read into Chinese text.
- **Bylines** get spaces around their role words and between two names OCR ran together.
- **Punctuation.** Half-width , : ; ! ? ( ) next to a Han character become full-width.
"""

from __future__ import annotations

import re
from statistics import median

from ..bylines import parse_byline
from .glyphs import CLOSING, OPENING
from .ocrlayout import INK, OcrLine, _blank, _is_han, _is_solid, _is_wide

SPACE = 0.75  # em: a blank this wide between two characters of a body line is a gap (a gutter)
NAME_SPACE = 0.38  # em: in other lines (bylines, captions) a narrower blank is a space between names
HALF_EM = 0.5  # em: a full-width comma or quote has its ink in one half of its box
HALF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HEADER = re.compile(r"第\s*[0-9一二三四五六七八九十]{1,3}\s*版")  # a 版's header line …
HEADER_LONGEST = 30  # … is no longer (as masthead.page_marker)
_CREDIT = re.compile(r"([”\"　])?[\u4e00-\u9fff]{2,3}报$")  # a photographer's credit at a caption's end, misread


def page_chars(lines: list[OcrLine], sizes: dict, scale: float, image) -> list[dict]:
    """pdfplumber-like characters (points) of one page's OCR lines. tesseract's boxes often
    overlap or leave gaps that are not there, so whether two neighbours have a space between
    them is read from the page: the widest blank stretch of the line's band between them."""
    out = []
    for line in lines:
        em, bold, face = sizes[id(line)]
        size = round(em * scale, 1)
        bottom = (line.base + (1 - INK) / 2 * em) * scale
        band = image[max(0, int(line.base - INK * line.em)):int(line.base) + 1]
        cells = _cells(line, em)
        blanks = []
        for (char, x0, x1), nxt in zip(cells, cells[1:]):
            blank = _blank(band, (x0 + x1) / 2, (nxt[1] + nxt[2]) / 2)
            blanks.append(blank - (HALF_EM * line.em if char in CLOSING or nxt[0] in OPENING else 0.0))
        # body text has no spaces (its lines were cut at the gutters); a headline's are wide
        space = float("inf") if face == "Scan-Body" else (SPACE if bold else NAME_SPACE) * line.em
        spaced = {i for i, blank in enumerate(blanks) if blank >= space}
        text = "".join(c for c, _, _ in cells)
        if face == "Scan-Body" and (lead := _LEAD.match(text)):
            spaced |= _lead_spaces(cells, blanks, lead, line.em)
        elif face == "Scan-Body" and (tail := _TAIL.search(text)):
            spaced |= _tail_spaces(blanks, tail)
        elif credit_line := _CREDIT_LINE.match(text):  # 文/图 杨惠明 陈凯庭: the names apart, whatever the face
            spaced = _credit_spaces(credit_line, blanks)
        elif face == "Scan-Caption":
            spaced = _caption_spaces(text, spaced, blanks, line.em)
            if closing := _CLOSING_CREDIT.search(text):  # …进行。 陈凯庭 摄
                spaced |= _closing_credit_spaces(closing, blanks)
        elif face == "Scan-Byline":
            cells = mend_credit(cells)
            text = "".join(c for c, _, _ in cells)
            named = ROLE.search(text) or "■" in text  # (（社区党群办） is a source, not two names)
            breaks = find_name_breaks(text, blanks) if named else set()
            spaced = drop_lone_characters(text, spaced - breaks, breaks) | breaks
            if not named and _is_unit(text):  # （社区自治办）: a unit's name has no space (a blank of loose type)
                spaced = set()
        elif (marked := _MARKED_NAMES.fullmatch(text)) and not ROLE.search(text):  # ■ 郑海燕 马春梅 谢玉兰, in any face
            spaced = _marked_spaces(marked, blanks, line.em)
        spaced = {i for i in spaced if not (text[i].isdigit() and text[i + 1:i + 2].isdigit())}  # (2 025: one number)
        credit = _CREDIT.search(text) if face != "Scan-Body" else None
        ended = bool(credit) and credit.start() > 0 and cells[credit.start() - 1][0] in "。！？"
        if credit and not credit.group(1) and credit.start() > 0 and credit.start() - 1 not in spaced and not ended:
            credit = None  # (only a name set apart, after a sentence or alone on its line: 本报, 社区报 stay)
        if credit:  # a caption's "　陈凯庭 摄" read as "”陈凯庭报": the space taken for a quote, 摄 for 报
            n = len(cells)
            cells[n - 1] = ("摄", *cells[n - 1][1:])
            spaced |= {n - 2} | ({credit.start()} if credit.group(1) else set()) | ({credit.start() - 1} if ended else set())
            if credit.group(1):
                cells.pop(credit.start())
                blanks.pop(credit.start())
                spaced = {i - 1 if i > credit.start() else i for i in spaced}
        for i, (char, x0, x1) in enumerate(cells):
            if i + 1 < len(cells):  # a space stays inside the run: the line was cut at gutters
                x1 = cells[i + 1][1] - (min(max(blanks[i], WORD_SPACE * line.em), MAX_SPACE * line.em) if i in spaced else 0)
            out.append({"text": char, "x0": x0 * scale, "x1": max(x1, x0 + 0.1) * scale, "top": bottom - size,
                        "bottom": bottom, "size": size, "fontname": face, "upright": True})
    return out


_CREDIT_LINE = re.compile(r"^([“”\"]?(?:文[/／]图|图[/／]文))([\u3400-\u9fff]{2,12})$|^()([\u3400-\u9fff]{2,12})(?:文[/／])?摄$")


def _credit_spaces(m: re.Match, blanks: list[float]) -> set[int]:
    """A credit line's spaces: after 文/图 (or before 摄), and between two names run together."""
    group = 2 if m.group(2) else 4
    start, end = m.start(group), m.end(group)
    spaces = {i + start for i in find_name_breaks(m.group(group), blanks[start:end])}
    return spaces | ({start - 1} if start else {end - 1})


CREDIT_TAIL = 12  # characters: a caption line's tail after its last sentence, or a line this short, may be a credit …
CREDIT_START = 3  # … and so may a line's last few characters (a credit wrapped: …老人们 潘 | 建国 摄) …
CREDIT_BLANK = 0.9  # … and what follows a blank this wide (em; …现场 陈凯庭 摄)


def _caption_spaces(text: str, spaced: set[int], blanks: list[float], em: float) -> set[int]:
    """A caption line's spaces: after a sentence's end, before a credit or its start (a tail
    short enough to be one, a wide blank), and none inside its sentences, where loosely
    justified type leaves blanks (平凉地区总工会参赛队获得团体三等奖, not 平凉地区 总工会…获得团 体)."""
    end = max(text.rfind(c) for c in "。！？")
    kept = end if len(text) - end - 1 <= CREDIT_TAIL else len(text) - 1 - CREDIT_START
    return {i for i in spaced if i >= kept or text[i] in "。！？" or blanks[i] >= CREDIT_BLANK * em}


# a credit closing a caption after its last sentence (…殊荣。文/图杨惠明陈凯庭, …进行。陈凯庭摄)
_CLOSING_CREDIT = re.compile(r"(?<=[。！？”）)])(?:(?:文[/／]图|图[/／]文)([\u3400-\u9fff]{2,12})|([\u3400-\u9fff]{2,12})(?:文[/／])?摄)$")


def _closing_credit_spaces(m: re.Match, blanks: list[float]) -> set[int]:
    """A closing credit's spaces: before it, after 文/图 or before 摄, and between two names run together."""
    group = 1 if m.group(1) else 2
    start, end = m.start(group), m.end(group)
    spaces = {i + start for i in find_name_breaks(m.group(group), blanks[start:end])}
    return spaces | {m.start() - 1, start - 1 if group == 1 else end - 1}


# ■ and names only (a story's byline set flush right under its last line): OCR reads it in any face
_MARKED_NAMES = re.compile(r"■\s?([\u3400-\u9fff]{2,12})")


def _marked_spaces(m: re.Match, blanks: list[float], em: float) -> set[int]:
    """The spaces of a ■ byline: after the ■, and at the blanks as wide as a space between
    two names, when they leave names of two to four characters (else none: a 短消息's title
    starting with ■ keeps its words together)."""
    start, end = m.start(1), m.end(1)
    cuts = [i for i in range(start, end - 1) if blanks[i] >= NAME_SPACE * em]
    ends = [start - 1, *cuts, end - 1]
    if not cuts or any(not 2 <= b - a <= 4 for a, b in zip(ends, ends[1:])):
        return set()
    return {start - 1, *cuts}


LEAD_SPACE = 0.3  # em
# 本报讯(通讯员 张志举 胡晓千 记者 毛玺玺)“… opening a body: the names' spaces (OCR loses them)
_LEAD = re.compile(r"本报讯[(（《]([^)）]*)")


def _lead_spaces(cells: list, blanks: list[float], lead: re.Match, em: float) -> set[int]:
    """Where the byline in brackets after 本报讯 has a space: a blank ``LEAD_SPACE`` em wider
    than the line's usual one (lines of narrow columns are set loose), around a role word,
    and, when the bracket closes on this line, inside two names run together
    (:func:`find_name_breaks`; a name at the line's end may go on on the next line).
    Its bracket read as 《 is made （."""
    if cells[lead.start(1) - 1][0] == "《":
        cells[lead.start(1) - 1] = ("（", *cells[lead.start(1) - 1][1:])
    start, end = lead.start(1), lead.end(1)
    inner = {start + i for i in find_name_breaks(lead[1], blanks[start:end], runs=start < end < len(cells))}
    wide = max(NAME_SPACE * em, median(blanks) + LEAD_SPACE * em) if blanks else NAME_SPACE * em
    return inner | {i for i in range(start, min(end, len(blanks))) if blanks[i] >= wide}


# …工作水平。（通讯员 谷文君） closing a brief: its byline's spaces (OCR loses them in body text)
_ROLE_TAIL = re.compile(r"(?:本报记者|特约记者|记者|通讯员|实习生)[\u3400-\u9fff\s]*")
_TAIL = re.compile(r"[（(]((?:本报记者|特约记者|记者|通讯员|实习生)[\u3400-\u9fff\s]*)([）)])?$")


def _tail_spaces(blanks: list[float], tail: re.Match) -> set[int]:
    """Where the byline in brackets at a body line's end has a space: around its role words
    and, when the bracket closes on this line, inside two names run together (a name at
    the line's end may go on on the next line)."""
    start, end = tail.start(1), tail.end(1)
    return {start + i for i in find_name_breaks(tail[1], blanks[start:end], runs=bool(tail[2]))}


WORD_SPACE = 0.3  # em: the least space set between two names of a byline
MAX_SPACE = 0.6  # em: the most (a wider one would end the run, and the line was cut at gutters already)
ROLE = re.compile(r"本报记者|特约记者|记者|通讯员|实习生|摄影|文/|图/|摄$")  # OCR loses the spaces around them
NAME_RUN = (4, 6)  # Han characters between role words: two names run together


def find_name_breaks(text: str, blanks: list[float], runs: bool = True) -> set[int]:
    """Where a byline needs a space (after character i): around its role words, and (with
    ``runs``; not when the byline goes on on the next line) inside a run of two names read
    as one (陈玲王晓峰) at the widest blank that leaves two names of two or three characters;
    without ``runs`` only the runs a role word follows on the line ((通讯员 郑海弟马春梅 实习生)."""
    breaks = set()
    for m in ROLE.finditer(text):
        breaks |= {i for i in (m.start() - 1, m.end() - 1)
                   if 0 <= i < len(text) - 1 and text[i] not in OPENING and text[i + 1] not in CLOSING}
    start = 0
    for end in sorted(breaks) + ([len(text) - 1] if runs else []):
        while start <= end and not _is_han(text[start]):  # (■钱志刚徐立新, （张志举王芳）: the marks are no name)
            start += 1
        last = end
        while last >= start and not _is_han(text[last]):
            last -= 1
        run = text[start:last + 1]
        if NAME_RUN[0] <= len(run) <= NAME_RUN[1] and all(_is_han(c) for c in run) and not ROLE.fullmatch(run):
            cut = max(range(start + 1, last - 1), key=lambda i: (blanks[i], -abs(i - (start + last) / 2)))
            breaks.add(cut)
        start = end + 1
    return breaks


_BYLINE_CREDIT = re.compile(r"[\u4e00-\u9fff]{2}报$")
NEWSPAPER = ("本报", "日报", "晚报", "晨报", "商报", "社区报", "周报")


def mend_credit(cells: list) -> list:
    """The cells of a byline whose last 报 is 摄 (:func:`mend_credit_text`)."""
    text = "".join(c for c, _, _ in cells)
    return [*cells[:-1], ("摄", *cells[-1][1:])] if mend_credit_text(text) != text else cells


def mend_credit_text(text: str) -> str:
    """A byline with role words that ends in a name and 报 (记者 陈玲 通讯员 张志举 陈凯庭 摄, the
    names run together and 摄 read as 报): the 报 is 摄. A paper's name (本报, 日报) stays."""
    if _BYLINE_CREDIT.search(text) and not text.endswith(NEWSPAPER) and ROLE.search(text[:-1]):
        return text[:-1] + "摄"
    return text


def drop_lone_characters(text: str, spaces: set[int], keep: set[int]) -> set[int]:
    """The ``spaces`` (after character i) read from blanks in a byline, without those that
    would leave one Han character alone between two spaces (潘建 国 摄: tesseract's box of
    two characters was wider than their ink, so a blank seemed to fall inside a name); a
    role word alone (摄) is no such character. ``keep``: the spaces set by the role words."""
    out = set(spaces)
    for i in sorted(spaces):
        cuts = sorted(out | keep)
        at = cuts.index(i)
        before = text[(cuts[at - 1] + 1 if at else 0):i + 1]
        after = text[i + 1:(cuts[at + 1] + 1 if at + 1 < len(cuts) else len(text))]
        if any(len(piece) == 1 and _is_han(piece) and not ROLE.fullmatch(piece) for piece in (before, after)):
            out.discard(i)
    return out


def _cells(line: OcrLine, em: float) -> list[tuple[str, float, float]]:
    """(character, x0, x1) in pixels: a word's characters share its box (up to the next
    word's box, which tesseract's box of a word may reach over); punctuation made full-width
    where it stands next to Chinese."""
    raw = []
    for w, nxt in zip(line.words, [*line.words[1:], None]):
        width = min(w.width, nxt.left - w.left) if nxt is not None and nxt.left > w.left else w.width
        text = _OPENERS.sub(lambda m: m[0][-1], w.text) if w.conf < DOUBTED and not _is_solid(w) else w.text
        step = width / len(text)
        raw += [(c, w.left + i * step, w.left + (i + 1) * step) for i, c in enumerate(text)]
    raw = [cell for i, cell in enumerate(raw) if not _is_stroke(raw, i)]
    line_text = "".join(c for c, _, _ in raw)
    if line_text.startswith("一一") and len(line_text) > 2 and (_is_han(line_text[2]) or line_text[2].isdigit()):  # a 副题's dash
        raw = [("—", *raw[0][1:]), ("—", *raw[1][1:]), *raw[2:]]
    if _HEADER.match(line_text) and len(line_text) <= HEADER_LONGEST:  # 第1版 · 要闻: the dot read as a comma
        raw = [("·" if c in "，,.。" else c, x0, x1) for c, x0, x1 in raw]
    out: list[tuple[str, float, float]] = []
    for i, (char, x0, x1) in enumerate(raw):
        if out and x0 < out[-1][1]:  # a box reaching over the next word's: kept in tesseract's order
            x0 = max(x0, out[-1][1])
            x1 = max(x1, x0 + 0.1)
        before = raw[i - 1][0] if i else ""
        after = raw[i + 1][0] if i + 1 < len(raw) else ""
        if char in HALF and (_is_han(before) or _is_han(after)) and not (before.isdigit() and after.isdigit()):
            char = HALF[char]
        if char == "〈" and "〉" not in line_text[i:]:
            char = "（"  # a bracket read as the rare single angle mark, its ） maybe on the next line
        if char == "《" and "》" not in line_text and ("）" in line_text[i:] or ")" in line_text[i:]
                                                     or _ROLE_TAIL.fullmatch(line_text[i + 1:])):
            char = "（"  # a full-width bracket read as a title mark (its ） on the next line after a byline's role word)
        out.append((_wide_mark(char, before, after), x0, x1))
    return out


def _is_unit(text: str) -> bool:
    """A source in brackets: the name of a unit (社区自治办), no person's."""
    byline = parse_byline(text)
    return byline is not None and bool(byline.source) and not byline.people


DOUBTED = 20.0  # tesseract's confidence: below it, a run of opening brackets (。《〔〈) is one bracket read over and over
_OPENERS = re.compile(r"[《〈〔「『【（(]{2,}")


def _is_stroke(raw: list, i: int) -> bool:
    """A | next to Chinese: a stroke of a character (or a rule, or a gutter's edge) read
    apart, never text."""
    return raw[i][0] == "|" and any(0 <= j < len(raw) and _is_wide(raw[j][0]) for j in (i - 1, i + 1))


def _wide_mark(char: str, before: str, after: str) -> str:
    """An ASCII quote or full stop that tesseract read in Chinese text: the full-width mark
    (a quote opens after a colon, a comma or at the start of a line, else closes)."""
    if char == '"' and (_is_han(before) or _is_han(after) or before in "：，。"):
        return "“" if before in ("", "：", "，", "、", "（") and after else "”"
    if char == "." and _is_han(before) and not after.isdigit():
        return "。"
    return char
