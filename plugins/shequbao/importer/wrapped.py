"""Bylines wrapped over two lines by a narrow column:

    ■记者 陈玲 通讯员        ……的知识。■谷
    张志举                   文君

The second line alone looks like a headline (a short line without punctuation); joined to
the first it completes the byline, and is not read again.

And bare names centred under a headline (``　　　　　　田慧聪``): a byline, not a 副题.
"""

from __future__ import annotations

import re

from .bylines import ROLE_WORDS, SUFFIX_ROLES, _SPLIT, parse_byline, parse_names
from .structure import Unit

_CUT_NAME = re.compile(r"■\s*([\u3400-\u9fff])$")  # ■谷| — a name cut after its first character
_NEXT_MAX = 12  # characters of the second line


def _dangling_role(text: str) -> bool:
    """The byline ends with a role word still waiting for its names (``通讯员``)."""
    chunks = [c for c in _SPLIT.split(text.replace("■", " ").strip()) if c]
    return bool(chunks) and chunks[-1] in ROLE_WORDS and chunks[-1] not in SUFFIX_ROLES


def _names_line(u: Unit) -> bool:
    plain = "".join(u.text.split())
    return (u.kind in ("text", "heading") and not u.level and not u.lead and not u.byline
            and 2 <= len(plain) <= _NEXT_MAX and parse_names(u.text) is not None)


def join_wrapped_bylines(units: list[Unit]) -> None:
    """Complete every byline cut at a line end with the names on the next line."""
    for i in range(len(units) - 1):
        u, nxt = units[i], units[i + 1]
        if u.byline is not None and _dangling_role(u.byline.text) and _names_line(nxt):
            byline = parse_byline(f"{u.byline.text} {nxt.text}")
            if byline is not None:
                u.byline = byline
                _absorb(u, nxt)
        elif u.kind == "text" and (cut := _CUT_NAME.search(u.body)) and u.byline is None:
            byline = parse_byline("■" + cut[1] + "".join(nxt.text.split())) if _names_line(nxt) or _one_more(nxt) else None
            if byline is not None and byline.names:
                u.body = u.body[: cut.start()].rstrip()
                u.byline, u.candidate = byline, False
                u.markup.append(u.text[len(u.body):].strip())
                if not u.body:
                    u.kind = "byline"
                _absorb(u, nxt)


def _one_more(u: Unit) -> bool:
    """The rest of a cut name: one to three characters alone on the line."""
    plain = "".join(u.text.split())
    return u.kind == "text" and not u.level and 1 <= len(plain) <= 3 and bool(re.fullmatch(r"[\u3400-\u9fff]+", plain))


def _absorb(u: Unit, nxt: Unit) -> None:
    """``nxt`` is the rest of ``u``'s byline: kept as removed structure, never read again."""
    nxt.kind, nxt.candidate, nxt.body, nxt.value = "furniture", False, "", "byline"
    nxt.markup[:] = [nxt.text]


CENTRED = 4  # leading spaces of a centred line (a paragraph's indent is two)
_BARE_NAMES = re.compile(r"^[\u3400-\u9fff]{2,4}(?:\s+[\u3400-\u9fff]{2,4}){0,2}$")


def mark_centred_names(units: list[Unit]) -> None:
    """A centred line of one to three bare names right under a headline line and above the
    text: the byline (its names have no role: authors, reported as unsure)."""
    for i in range(1, len(units) - 1):
        u, before, after = units[i], units[i - 1], units[i + 1]
        if not (u.kind == "text" and u.candidate and u.indent >= CENTRED and _BARE_NAMES.match(u.text)):
            continue
        if not (before.candidate or before.kind == "heading") or after.kind != "text" or after.candidate:
            continue
        byline = parse_names(u.text)
        if byline is not None:
            u.kind, u.byline, u.candidate, u.body = "byline", byline, False, ""
            u.markup[:] = [u.text]
