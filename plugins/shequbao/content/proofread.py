"""校对: punctuation and typing slips in Chinese text, after GB/T 15834-2011 (标点符号用法).

Pure text in, findings out: :func:`proofread` takes a text (an article body or a title) and
returns every :class:`Finding` with its line, column, what is wrong in Chinese and, for the
safe ones, the replacement. :func:`fix` applies the safe replacements. Nothing here knows
files or Markdown (``content/proofpaper.py`` does, and masks code, links and URLs first);
the importer can run the same rules over the text it reads.

What is found, only next to Chinese (never inside an English phrase or a number like 3.5):
- half-width , . ; : ? ! ( ) " ' → full-width (safe);
- unpaired or mixed quotes (a warning);
- a doubled function character such as 的的 (jieba tells 的的确确, 现在在 and 不了了之 apart);
- spaces between Han characters in a sentence (a warning: a signature, an address or a list of
  names without 。，？！； may be spaced on purpose, and so is a poem's line or 本报讯 记者…);
- wrong forms of 破折号 and 省略号 (-- ―― －－ → ——; ... …… 。。。 … → ……; a single — is a warning,
  since a 一字线 may mark a range like 北京—上海);
- full-width digits and letters (０１ → 01, safe).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—·"
QUOTED = 30  # characters of a quotation shown whole in one change
CONTEXT = 8  # characters shown on each side of a slip
MASK = "\ue000"  # stands for text that is not proofread (code, a URL, a link target), same length
TRANSPARENT = " \t*_~[]" + MASK  # Markdown emphasis and link brackets between a mark and its neighbour
_HAN = re.compile(f"[{HAN}]")
_CHINESE = re.compile(f"[{HAN}{CJK_PUNCT}]")
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", ".": "句点", "(": "括号", ")": "括号",
         '"': "双引号", "'": "单引号"}
_MARK = re.compile(r"[ \t]*([,;:?!]|(?<![.．\d])\.(?![.．\d]))[ \t]*")
_PARENS = re.compile(r"\(([^()\n]*)\)")
_MIXED_PARENS = re.compile(r"（[^（）()\n]*\)|\([^（）()\n]*）")
_ELLIPSIS = re.compile(r"\.{6}|\.{3}(?!\.)|。{3,}|．{3,}|(?<!…)…(?!…)")
_DASH = re.compile(r"-{2,3}|―{2}|－{2}|(?<![—\d])—(?![—\d])")
_FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ]+")
_SPACES = re.compile(f"(?<=[{HAN}])[ \t]+(?=[{HAN}])")
_SENTENCE = re.compile("[，。！？；]")  # a line without them is a signature, an address, a list of names
ROLES = "记者|通讯员|实习生|见习记者|特约记者|摄影|摄|编辑"
# 本报讯 记者 王晓峰 桂园新村… / 新华社北京3月5日电 …: the spaces of a 电头 and its byline are the paper's style
_DATELINE = re.compile(rf"[ \t#>*-]*(?:本报讯|[{HAN}\d]{{0,12}}电)[ \t]*[(（]?(?:[ \t]*(?:{ROLES})?[ \t]*[{HAN}·]{{2,4}})*[ \t]*")
_ROLE_BEFORE = re.compile(f"(?:{ROLES})$")  # 记者 陈玲
_ROLE_AFTER = re.compile(f"(?:{ROLES})")  # 胡晓琴 记者, 陈凯庭 摄
_NUMERAL = re.compile(r"[ \t#>*-]*[一二三四五六七八九十]{1,3}[ \t]*$")
_DOUBLED = re.compile(r"([的了是在和与地得也就都把被着过])\1")


@dataclass(frozen=True)
class Finding:
    """One slip: on ``line`` (1-based), columns ``start``–``end`` of that line; ``new`` is the
    safe replacement of ``old``, or ``None`` when an editor has to decide."""

    line: int
    start: int
    end: int
    old: str
    new: str | None
    message: str
    before: str  # the text around it on its line, for the message
    after: str

    @property
    def fixable(self) -> bool:
        return self.new is not None

    @property
    def context(self) -> str:
        return f"{self.before}{self.old}{self.after}"

    @property
    def fixed_context(self) -> str:
        return f"{self.before}{self.new}{self.after}"


def proofread(text: str, *, title: bool = False, first_line: int = 1) -> list[Finding]:
    """Every slip in ``text`` (``MASK`` characters stand for text that is not checked).
    ``title``: a headline, whose space between two halves is the paper's style."""
    found: list[tuple[int, int, str | None, str]] = []
    for rule in (_marks, _parens, _straight_quotes, _ellipses, _dashes, _fullwidth, _doubled):
        found.extend(rule(text))
    if not title:
        found.extend(_spaces(text))
    found.extend(_curly_quotes(text))
    return [_finding(text, first_line, *entry) for entry in sorted(found, key=lambda f: (f[0], f[1]))]


def applicable(findings: list[Finding]) -> list[Finding]:
    """The safe findings that one pass of :func:`fix` makes: in order, none overlapping one
    taken before it (that one is left for the next pass)."""
    taken: list[Finding] = []
    for item in sorted((f for f in findings if f.fixable), key=lambda f: (f.line, f.start)):
        if not taken or (item.line, item.start) >= (taken[-1].line, taken[-1].end):
            taken.append(item)
    return taken


def fix(text: str, findings: list[Finding], first_line: int = 1) -> str:
    """``text`` with the :func:`applicable` findings (of :func:`proofread` on it) replaced."""
    starts = _line_starts(text)
    for item in reversed(applicable(findings)):
        at = starts[item.line - first_line]
        text = text[:at + item.start] + item.new + text[at + item.end:]
    return text


def fix_all(text: str, *, title: bool = False) -> tuple[str, list[Finding]]:
    """``text`` with every safe slip replaced (a few passes, as one fix may reveal another:
    a straight quote made curly leaves the comma after it in Chinese), and what was replaced."""
    done: list[Finding] = []
    for _ in range(4):
        findings = [f for f in proofread(text, title=title) if f.fixable]
        if not findings:
            break
        fixed = fix(text, findings)
        if fixed == text:
            break
        done.extend(applicable(findings))
        text = fixed
    return text, done


def _finding(text: str, first_line: int, start: int, end: int, new: str | None, message: str) -> Finding:
    line_start = text.rfind("\n", 0, start) + 1
    line = text.count("\n", 0, start)
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    before = text[line_start:start].replace(MASK, "")
    after = text[end:line_end].replace(MASK, "")
    before = ("…" if len(before) > CONTEXT else "") + before[-CONTEXT:]
    after = after[:CONTEXT] + ("…" if len(after) > CONTEXT else "")
    return Finding(first_line + line, start - line_start, end - line_start, text[start:end], new, message, before, after)


def _neighbour(text: str, index: int, step: int) -> str:
    """The first character from ``index`` in direction ``step`` that is not a space, Markdown
    emphasis or masked text; ``""`` at the end of the line."""
    while 0 <= index < len(text) and text[index] in TRANSPARENT:
        index += step
    return text[index] if 0 <= index < len(text) and text[index] != "\n" else ""


def _chinese(char: str) -> bool:
    return bool(char) and _CHINESE.match(char) is not None


def _han(char: str) -> bool:
    return bool(char) and _HAN.match(char) is not None


def _marks(text: str):
    """, ; : ? ! and a full stop after Chinese, or before Chinese (not between two digits)."""
    for match in _MARK.finditer(text):
        mark = match.group(1)
        left, right = _neighbour(text, match.start(1) - 1, -1), _neighbour(text, match.end(1), 1)
        if mark == "." and not (_chinese(left) and (not right or _han(right) or right in "“‘（")):
            continue
        if not (_chinese(left) or _han(right) or (mark != "." and right in "“‘（《")):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        if mark == "." and _NUMERAL.match(text, line_start, match.start(1)):  # 一. 二. → 一、二、
            yield match.start(), match.end(), "、", "序号后面用了半角句点“.”，汉字序号后应为顿号“、”"
            continue
        yield match.start(), match.end(), FULL[mark], f"中文里用了半角{NAMES[mark]}“{mark}”，应为全角“{FULL[mark]}”"


def _parens(text: str):
    for match in _PARENS.finditer(text):
        inner = match.group(1)
        left, right = _neighbour(text, match.start() - 1, -1), _neighbour(text, match.end(), 1)
        if _HAN.search(inner) or _han(left) or _han(right):
            yield match.start(), match.end(), f"（{inner}）", "中文里用了半角括号“( )”，应为全角“（ ）”"
    for match in _MIXED_PARENS.finditer(text):
        inner = match.group()[1:-1]
        yield match.start(), match.end(), f"（{inner}）", "括号一半全角一半半角，应为全角“（ ）”"
    for at, char in _lone_parens(text):
        if _han(_neighbour(text, at - 1, -1)) or _han(_neighbour(text, at + 1, 1)):
            yield at, at + 1, None, f"半角括号“{char}”没有成对：请补上另一半，并改为全角“（ ）”"


def _lone_parens(text: str) -> list[tuple[int, str]]:
    """Positions of ( and ) that no pair (half-width, or half of each) takes."""
    taken = {i for pattern in (_PARENS, _MIXED_PARENS) for m in pattern.finditer(text) for i in (m.start(), m.end() - 1)}
    return [(i, c) for i, c in enumerate(text) if c in "()" and i not in taken]


def _paragraphs(text: str):
    """``(start, end)`` of each paragraph (lines between blank lines)."""
    start = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _straight_quotes(text: str):
    """Straight quotes around or next to Chinese: a pair becomes “ ” (or ‘ ’); one alone is a warning."""
    for begin, end in _paragraphs(text):
        doubles = [i for i in range(begin, end) if text[i] == '"']
        if doubles and len(doubles) % 2 == 0:
            for opening, closing in zip(doubles[::2], doubles[1::2]):
                if not _quoted_chinese(text, opening, closing):
                    continue
                message = "中文里用了半角双引号“\"\"”，应为全角“ ”"
                if closing - opening <= QUOTED and "\n" not in text[opening:closing]:  # one change, shown whole
                    yield opening, closing + 1, f"“{text[opening + 1:closing]}”", message
                else:
                    yield opening, opening + 1, "“", message
                    yield closing, closing + 1, "”", message
        elif doubles:
            for at in doubles:
                if _chinese(_neighbour(text, at - 1, -1)) or _chinese(_neighbour(text, at + 1, 1)):
                    mixed = "（这一段里还有全角引号，两种引号混用了）" if re.search("[“”]", text[begin:end]) else ""
                    yield at, at + 1, None, f"半角双引号\"没有成对{mixed}：请补上另一半，并改为全角“ ”"
        for match in re.finditer(f"'([^'\\n]{{0,{QUOTED}}}[{HAN}][^'\\n]{{0,{QUOTED}}})'", text[begin:end]):
            yield begin + match.start(), begin + match.end(), f"‘{match.group(1)}’", "中文里用了半角单引号“''”，应为全角‘ ’"


def _quoted_chinese(text: str, opening: int, closing: int) -> bool:
    return bool(_HAN.search(text, opening, closing)) or _chinese(_neighbour(text, opening - 1, -1)) \
        or _chinese(_neighbour(text, closing + 1, 1))


def _curly_quotes(text: str):
    """“ ” and ‘ ’ paired within a paragraph (a quotation of several paragraphs opens each with “
    and closes only the last, as GB/T 15834 says); straight and curly quotes mixed."""
    spans = list(_paragraphs(text))
    for number, (begin, end) in enumerate(spans):
        stack: list[tuple[str, int]] = []
        for at in range(begin, end):
            char = text[at]
            if char in "“‘":
                if stack and stack[-1][0] == char:
                    yield at, at + 1, None, f"连着两个前引号“{char}”：前一个引号没有结束，这里是不是应为后引号？"
                    stack.pop()
                else:
                    stack.append((char, at))
            elif char in "”’":
                want = "“" if char == "”" else "‘"
                if stack and stack[-1][0] == want:
                    stack.pop()
                elif char == "’" and re.match("[A-Za-z]", text[at - 1:at] or " "):
                    continue  # an apostrophe (it’s)
                else:
                    yield at, at + 1, None, f"后引号“{char}”前面没有对应的前引号“{want}”：请补上，或检查是不是写反了"
        following = text[spans[number + 1][0]:].lstrip() if number + 1 < len(spans) else ""
        for char, at in stack:
            if char == "“" and following.startswith("“"):
                continue  # a quotation that goes on in the next paragraph
            closing = "”" if char == "“" else "’"
            yield at, at + 1, None, f"前引号“{char}”没有对应的后引号“{closing}”：请在引语结束处补上"


def _ellipses(text: str):
    for match in _ELLIPSIS.finditer(text):
        left, right = _neighbour(text, match.start() - 1, -1), _neighbour(text, match.end(), 1)
        if match.group()[0] in ".．" and not (_chinese(left) or _chinese(right)):
            continue  # English: and so on...
        yield match.start(), match.end(), "……", f"省略号写成了“{match.group()}”，应为六个点“……”"


def _dashes(text: str):
    for match in _DASH.finditer(text):
        left, right = _neighbour(text, match.start() - 1, -1), _neighbour(text, match.end(), 1)
        if not (_chinese(left) or _chinese(right)):
            continue
        if match.group() == "—":
            yield match.start(), match.end(), None, ("破折号写成了一个“—”，应为两个字长的“——”"
                                                       "（表示起止的一字线，如“北京—上海”，可以不改）")
        elif match.group() == "---":
            yield match.start(), match.end(), None, "这里有三个“-”：破折号应为“——”，请检查"
        else:
            yield match.start(), match.end(), "——", f"破折号写成了“{match.group()}”，应为“——”"


def _fullwidth(text: str):
    for match in _FULLWIDTH.finditer(text):
        plain = "".join(chr(ord(c) - 0xFEE0) for c in match.group())
        yield match.start(), match.end(), plain, f"全角的数字或字母“{match.group()}”，应为半角“{plain}”"


def _spaces(text: str):
    for match in _SPACES.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start:len(text) if line_end < 0 else line_end]
        before = text[line_start:match.start()]
        if line.endswith("  ") or not _SENTENCE.search(line) or _ROLE_BEFORE.search(before) \
                or _ROLE_AFTER.match(text, match.end()) or (len(before) <= 40 and _DATELINE.fullmatch(before)):
            continue  # a poem's line, a signature or a list of names, a byline, the 电头
        yield match.start(), match.end(), None, "汉字之间有空格：请删掉空格（名单、诗句里有意空开的可以不改）"


def _doubled(text: str):
    for match in _DOUBLED.finditer(text):
        if _segmented_apart(text, match.start()):
            yield match.start(), match.end(), None, f"“{match.group()}”：多打了一个“{match.group(1)}”？请删掉一个"


def _segmented_apart(text: str, at: int) -> bool:
    """Whether jieba reads both characters at ``at`` as words of one character each (的/的,
    not 的的确确, 现在/在 or 不了了之)."""
    from .segment import words  # jieba takes a second to load: only when a doubled character is there

    begin = max(text.rfind(c, 0, at) for c in "\n。！？，；") + 1
    end = min([i for i in (text.find(c, at + 2) for c in "\n。！？，；") if i >= 0] or [len(text)])
    starts, offset = {}, begin
    for word in words(text[begin:end]):
        starts[offset] = word
        offset += len(word)
    return starts.get(at) == text[at] and starts.get(at + 1) == text[at]


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]
