"""Headlines: where a title may break, and the balanced lines it gets at a size and width.

An editor may break a title by hand (``|`` or a new line). Otherwise a title breaks at a
space, after punctuation, or between two words (jieba's dictionary segmentation, loaded
once per process and only when a title needs breaking; pypinyin's phrase list when jieba
is missing), never between a number and its unit (15分钟), and the lines are made as even
as they can be, with no character alone on a line. Texts Typst breaks itself (引题, 副题,
导读 entries) get word joiners inside their words (:func:`keep_words`).
"""

from __future__ import annotations

from functools import lru_cache

MANUAL_BREAKS = ("|", "｜", "\n")
OPENING = "“‘（《〈「『【〔([{"
CLOSING = "，。、；：！？”’）》〉」』】〕,.;:!?)]}…—"
MARKS = frozenset(CLOSING + OPENING)
MAX_WORD = 6
JOINER = "\u2060"  # WORD JOINER: no line break on either side (UAX #14), prints nothing
NUMBER_BEFORE = "第约近超逾"  # 第15届: the character stays with the number after it


def title_parts(title: str) -> list[str]:
    """The title as the editor split it by hand (one part when it has no manual break)."""
    text = title
    for mark in MANUAL_BREAKS[1:]:
        text = text.replace(mark, MANUAL_BREAKS[0])
    return [part.strip() for part in text.split(MANUAL_BREAKS[0]) if part.strip()]


def display_title(title: str) -> str:
    """The title on one line (manual breaks become a space where the parts need one)."""
    return " ".join(title_parts(title))


def break_points(text: str) -> dict[int, int]:
    """Places where ``text`` may break → their cost (0: a space or punctuation, 1: between
    words, 3: inside a run of characters no word list knows). The break is before index i;
    a space at a break is dropped from both lines."""
    points: dict[int, int] = {}
    words = _word_bounds(text)
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in CLOSING or before in OPENING or (before.isascii() and before.isalnum() and (after.isalnum())):
            continue  # 避头尾, and a word or number in Latin letters stays whole
        if _holds_number(before, after):
            continue  # a number stays with its unit (15分钟), its decimals (1.6万) and 第
        if before == " " or after == " ":
            points[i] = 0
        elif before in CLOSING or after in OPENING:
            points[i] = 0
        else:
            points[i] = words.get(i, 3)
    return points


def candidate_pieces(text: str, max_lines: int = 3) -> set[str]:
    """Every line that a headline of ``text`` may have (for measuring their widths)."""
    points = break_points(text)
    targets = [len(text) * f for f in (1 / 3, 1 / 2, 2 / 3)]

    def nearest(cuts: list[int], count: int) -> list[int]:  # the ones nearest the thirds and the middle
        return sorted(cuts, key=lambda i: min(abs(i - t) for t in targets))[:count]

    good = nearest([i for i, cost in points.items() if cost < 3], 12)
    cuts = sorted(good + nearest([i for i, cost in points.items() if cost >= 3], 16 - len(good)))  # bad ones as a last resort
    bounds = [0, *cuts, len(text)]
    pieces = set()
    for a in range(len(bounds)):
        for b in range(a + 1, len(bounds)):
            if max_lines >= 3 or a == 0 or b == len(bounds) - 1:
                pieces.add(text[bounds[a]:bounds[b]].strip())
    return {piece for piece in pieces if piece}


def best_lines(text: str, fits, max_lines: int = 3) -> list[str] | None:
    """The most even way to set ``text`` in at most ``max_lines`` lines each of which ``fits``
    (a function of the line's text), preferring fewer lines and good breaks; None if none fits."""
    found = scored_lines(text, fits, max_lines)
    return found[0] if found else None


def scored_lines(text: str, fits, max_lines: int = 3) -> tuple[list[str], int] | None:
    """Like :func:`best_lines`, with the cost of its breaks (0 at spaces and punctuation, 1–2
    between words, 3 where a word may be split)."""
    text = text.strip()
    if fits(text):
        return [text], 0
    points = break_points(text)
    fitting: dict[str, bool] = {}  # a line is tried in many splits: ``fits`` once for each

    def fits_once(line: str) -> bool:
        known = fitting.get(line)
        if known is None:
            known = fitting[line] = fits(line)
        return known

    alone: dict[str, int] = {}  # line → 1 when it holds one character (and punctuation)
    best: tuple[float, list[str], int] | None = None
    for lines, costs in _splits(text, points, max_lines, fits_once):
        lengths = [len(line) for line in lines]
        cost = sum(costs)
        inside = sum(1 for c in costs if c >= 3)  # a word split: only when nothing else fits
        score = 10 * len(lines) + 4 * cost + 25 * inside + (max(lengths) - min(lengths)) / max(lengths)
        lone = 0
        for line in lines:
            if line not in alone:
                alone[line] = int(sum(1 for c in line if c not in MARKS) <= 1)
            lone += alone[line]
        score += 40 * lone
        if best is None or score < best[0]:
            best = (score, lines, cost + 9 * inside)  # a word split costs the shape far more than a plain break
    return (best[1], best[2]) if best else None


def _splits(text: str, points: dict[int, int], max_lines: int, fits):
    """Every way to break ``text`` at ``points`` into 2 to ``max_lines`` lines that all ``fits``
    (a split whose first line does not fit is not followed further), in a fixed order."""
    cuts = sorted(points)
    for i in cuts:
        lines = [text[:i].strip(), text[i:].strip()]
        if fits(lines[0]) and fits(lines[1]):
            yield lines, (points[i],)
    if max_lines >= 3:
        good = cuts if len(cuts) <= 24 else [i for i in cuts if points[i] < 3] or cuts  # a bad break costs, but may be all there is
        for a in good:
            first = text[:a].strip()
            if not fits(first):
                continue
            for b in good:
                if b > a:
                    lines = [first, text[a:b].strip(), text[b:].strip()]
                    if fits(lines[1]) and fits(lines[2]):
                        yield lines, (points[a], points[b])
    if max_lines >= 4:  # a narrow column: four lines rather than a word split (between words only)
        words = [i for i in cuts if points[i] < 3][:16]
        for x, a in enumerate(words):
            first = text[:a].strip()
            if not fits(first):
                continue
            for y in range(x + 1, len(words)):
                b = words[y]
                second = text[a:b].strip()
                if not fits(second):
                    continue
                for c in words[y + 1:]:
                    lines = [first, second, text[b:c].strip(), text[c:].strip()]
                    if fits(lines[2]) and fits(lines[3]):
                        yield lines, (points[a], points[b], points[c])


def keep_words(text: str) -> str:
    """``text`` with a word joiner between the characters of each word and between a number
    and its unit, and before a last word of one character: Typst breaks it only between words
    and never leaves one character alone."""
    if not text or JOINER in text:
        return text
    points = break_points(text)
    words = segment(text)
    solid = list(words)
    while solid and all(c in CLOSING for c in solid[-1]):  # closing marks at the end
        solid.pop()
    end = sum(len(w) for w in solid)
    last = end - 1 if len(solid) > 1 and len(solid[-1]) == 1 else -1  # a last word of one character
    out = [text[0]]
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        inside = points.get(i, 3) >= 3 and _is_cjk(after) and (_is_cjk(before) or before.isdigit())
        if inside or _holds_number(before, after) or i == last:
            out.append(JOINER)
        out.append(after)
    return "".join(out)


def _holds_number(before: str, after: str) -> bool:
    return ((before.isdigit() and after not in CLOSING + OPENING and not after.isspace())
            or (before in ".．" and after.isdigit()) or (before in NUMBER_BEFORE and after.isdigit()))


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _word_bounds(text: str) -> dict[int, int]:
    """Indices between two words → 1 when both have two characters or more, 2 next to a word
    of one character (maybe part of a word the dictionary does not know)."""
    bounds, at = {}, 0
    words = segment(text)
    for a, b in zip(words, words[1:]):
        at += len(a)
        bounds[at] = 1 if len(a) > 1 and len(b) > 1 else 2
    return bounds


@lru_cache(maxsize=4096)
def segment(text: str) -> tuple[str, ...]:
    """``text`` cut into words: jieba's dictionary (with its model for unknown words)."""
    jieba = _jieba()
    if jieba is None:
        return _greedy_words(text)
    out: list[str] = []
    for word in jieba.cut(text):
        out.extend(split_compound(word, jieba.dt.FREQ))
    return tuple(out)


def split_compound(word: str, words) -> tuple[str, ...]:
    """A compound of four characters or more (消防安全) as its two words (消防 安全), when it
    is made of two; else the word itself."""
    if len(word) >= 4:
        for at in sorted(range(2, len(word) - 1), key=lambda i: abs(i - len(word) / 2)):
            if words.get(word[:at]) and words.get(word[at:]):
                return word[:at], word[at:]
    return (word,)


@lru_cache(maxsize=1)
def _jieba():
    try:
        import jieba
    except ImportError:  # pragma: no cover - jieba is a dependency
        return None
    jieba.setLogLevel(60)
    return jieba


def _greedy_words(text: str) -> tuple[str, ...]:
    """Words of pypinyin's phrase list, longest first (without jieba)."""
    phrases = _phrases()
    segments = []
    i = 0
    while i < len(text):
        step = 1
        for length in range(min(MAX_WORD, len(text) - i), 1, -1):
            if text[i:i + length] in phrases:
                step = length
                break
        segments.append(text[i:i + step])
        i += step
    return tuple(segments)


@lru_cache(maxsize=1)
def _phrases() -> frozenset[str]:
    try:
        from pypinyin.phrases_dict import phrases_dict
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return frozenset()
    return frozenset(phrases_dict)
