"""Hypothesis, derandomized and bounded: random PDFs (random items laid out by Typst, in
modules side by side) never crash the importer and lose no character of their bodies, and
import time is linear in the input (10× the text takes at most 12× the time).

Random plain texts are fuzzed in ``test_fuzz.py`` (never crash, never lose a character).
"""

from __future__ import annotations

import gc
import time
from collections import Counter

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from shequbao.importer.drafts import build
from shequbao.importer.reflow import squeeze
from shequbao.importer.segment import segment
from test_importer_pdf import typst_pdf

from shequbao.importer.reading import read_issue

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
WORDS = st.text(HAN, min_size=2, max_size=12)
SENTENCE = st.builds(lambda a, b: f"{a}，{b}。", st.text(HAN, min_size=4, max_size=30), st.text(HAN, min_size=2, max_size=30))
NAME = st.text(HAN, min_size=2, max_size=3)
ITEM = st.fixed_dictionaries(
    {"title": st.text(HAN, min_size=4, max_size=16), "paras": st.lists(st.builds("".join, st.lists(SENTENCE, min_size=1, max_size=4)), min_size=1, max_size=3)},
    optional={"kicker": WORDS, "subtitle": WORDS, "byline": st.builds("记者 {} 通讯员 {}".format, NAME, NAME),
              "cols": st.integers(1, 3)},
)
PAGE = st.lists(st.lists(ITEM, min_size=1, max_size=2), min_size=1, max_size=2)
PDF_SETTINGS = settings(derandomize=True, max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate],
                        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@PDF_SETTINGS
@given(st.lists(PAGE, min_size=1, max_size=2))
def test_random_pdfs_import_without_losing_a_character(tmp_path_factory, pages):
    tmp = tmp_path_factory.mktemp("fuzz")
    parsed = read_issue(typst_pdf(pages, tmp))
    kept = Counter(squeeze("".join(a.kicker + a.title + a.subtitle + a.body_text + "".join(a.captions)
                                   for a in parsed.articles) + "".join(p.text for p in parsed.leftover)))
    bodies = Counter(squeeze("".join("".join(m["paras"]) for rows in pages for row in rows for m in row)))
    assert not bodies - kept
    assert build(parsed, year=2025, issue_date=None)


def seconds(text: str, repeats: int = 3) -> float:
    """CPU seconds of this process (other work on the machine does not count), the fastest of a
    few runs, with the garbage collector paused (its full passes grow with the heap of the whole
    test run, not with this input)."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.process_time()
            build(segment(text), year=2012, issue_date=None)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


@settings(derandomize=True, max_examples=2, deadline=None)
@given(st.lists(ITEM, min_size=5, max_size=5), st.booleans())
def test_import_time_is_linear(items, same_titles):
    block = "\n\n".join(
        f"{'同一个标题' if same_titles else m['title']}\n\n" + "\n\n".join(m["paras"]) + f"\n\n■{m['title'][:3]}"
        for m in items
    ) + "\n\n"
    small = block * max(1, 50_000 // len(block))
    large = small * 10
    seconds(small)  # warm up
    assert seconds(large) <= 12 * seconds(small) + 0.05
