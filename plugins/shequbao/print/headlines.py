"""Headlines: where a title may break, and the balanced lines it gets at a size and width.

An editor may break a title by hand (``|`` or a new line). Otherwise a title breaks at a
space, after punctuation, or between two words (pypinyin's phrase list tells where a word
of two or more characters is), and the lines are made as even as they can be.
"""

from __future__ import annotations

from functools import lru_cache

MANUAL_BREAKS = ("|", "｜", "\n")
OPENING = "“‘（《〈「『【〔([{"
CLOSING = "，。、；：！？”’）》〉」』】〕,.;:!?)]}…—"
MAX_WORD = 6


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
            continue  # 避头尾, and a number stays with its unit (15分钟)
        if before == " " or after == " ":
            points[i] = 0
        elif before in CLOSING or after in OPENING:
            points[i] = 0
        else:
            points[i] = words.get(i, 3)
    return points


def candidate_pieces(text: str, max_lines: int = 3) -> set[str]:
    """Every line that a headline of ``text`` may have (for measuring their widths)."""
    cuts = sorted(i for i, cost in break_points(text).items() if cost < 3) or []
    if not cuts:
        cuts = sorted(break_points(text))
    if len(cuts) > 12:  # keep the ones nearest the thirds and the middle
        targets = [len(text) * f for f in (1 / 3, 1 / 2, 2 / 3)]
        cuts = sorted(sorted(cuts, key=lambda i: min(abs(i - t) for t in targets))[:12])
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
    best: tuple[float, list[str], int] | None = None
    for lines, cost in _splits(text, points, max_lines):
        if not all(fits(line) for line in lines):
            continue
        lengths = [len(line) for line in lines]
        score = 10 * len(lines) + 4 * cost + (max(lengths) - min(lengths)) / max(lengths)
        if lines[-1] and len(lines[-1]) == 1:
            score += 20  # one character alone
        if best is None or score < best[0]:
            best = (score, lines, cost)
    return (best[1], best[2]) if best else None


def _splits(text: str, points: dict[int, int], max_lines: int):
    cuts = sorted(points)
    for i in cuts:
        yield [text[:i].strip(), text[i:].strip()], points[i]
    if max_lines >= 3:
        good = [i for i in cuts if points[i] < 3] or cuts
        for a in good:
            for b in good:
                if b > a:
                    yield [text[:a].strip(), text[a:b].strip(), text[b:].strip()], points[a] + points[b]


def _word_bounds(text: str) -> dict[int, int]:
    """Indices between two words → 1 when both are words of the phrase list (greedy longest
    match), 2 next to a lone character (maybe part of a word the list does not know)."""
    phrases = _phrases()
    segments = []
    i = 0
    while i < len(text):
        step = 1
        for length in range(min(MAX_WORD, len(text) - i), 1, -1):
            if text[i:i + length] in phrases:
                step = length
                break
        segments.append((i, i + step))
        i += step
    bounds = {}
    for (a0, a1), (b0, b1) in zip(segments, segments[1:]):
        bounds[a1] = 1 if a1 - a0 > 1 and b1 - b0 > 1 else 2
    return bounds


@lru_cache(maxsize=1)
def _phrases() -> frozenset[str]:
    try:
        from pypinyin.phrases_dict import phrases_dict
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return frozenset()
    return frozenset(phrases_dict)
