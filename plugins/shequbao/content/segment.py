"""Chinese words (jieba, loaded on first use: its dictionary takes about a second)."""

from __future__ import annotations

import functools
import logging


@functools.cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict…" on an editor's screen
    return jieba


def words(text: str) -> list[str]:
    """``text`` cut into words (every character belongs to exactly one word)."""
    return _jieba().lcut(text, HMM=False)
