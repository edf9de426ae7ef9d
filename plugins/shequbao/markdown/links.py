"""Python-Markdown's links in linear time (a Markdown extension; knows nothing of MkDocs).

For every ``[`` of a paragraph, Markdown's link, image and reference patterns look for the
matching ``]`` by scanning the rest of the paragraph (``LinkInlineProcessor.getText``): a
paragraph of 40,000 ``[`` took minutes. :class:`LinearLinks` gives those patterns a
``getText`` that looks the match up in a table made once per text (one pass with a stack),
with the same result. The paragraphs that would still be slow (thousands of ``[x](``:
``getLink`` scans for the ``)``) are refused by the loader (``static_pages.MARKUP_BUDGET``).
"""

from __future__ import annotations

from markdown.extensions import Extension


class LinearLinks(Extension):
    def extendMarkdown(self, md) -> None:
        for processor in md.inlinePatterns:
            if hasattr(processor, "getText"):
                processor.getText = _Brackets().get_text


class _Brackets:
    """``getText`` of one pattern, with the brackets of the last text it saw matched once."""

    def __init__(self):
        self._data: str | None = None
        self._close: dict[int, int] = {}

    def get_text(self, data: str, index: int) -> tuple[str, int, bool]:
        """As ``LinkInlineProcessor.getText``: the text up to the ``]`` matching the ``[`` just
        before ``index``, the index after it, and whether there is one."""
        if data is not self._data:
            self._data, self._close = data, _matches(data)
        close = self._close.get(index - 1) if index > 0 and data[index - 1] == "[" else None
        if close is None:
            return _scan(data, index) if index == 0 or data[index - 1] != "[" else (data[index:], len(data), False)
        return data[index:close], close + 1, True


def _matches(data: str) -> dict[int, int]:
    """The position of the ``]`` matching each ``[`` of ``data`` that has one."""
    close, stack = {}, []
    position = data.find("[")
    end = data.find("]")
    while position != -1 or end != -1:
        if position != -1 and (end == -1 or position < end):
            stack.append(position)
            position = data.find("[", position + 1)
        else:
            if stack:
                close[stack.pop()] = end
            end = data.find("]", end + 1)
    return close


def _scan(data: str, index: int) -> tuple[str, int, bool]:
    """Markdown's own scan, for a call not made just after a ``[`` (none is, in Markdown 3)."""
    count = 1
    for position in range(index, len(data)):
        count += {"[": 1, "]": -1}.get(data[position], 0)
        if count == 0:
            return data[index:position], position + 1, True
    return data[index:], len(data), False


NAME = "shequbao.markdown.links"  # how Markdown loads it by name (for a print engine rendering bodies with Markdown)


def makeExtension(**kwargs) -> LinearLinks:  # noqa: N802 - Markdown's name for it
    return LinearLinks(**kwargs)
