"""Parsed texts kept from one build to the next (``.cache/texts/memo.pickle``; knows nothing of
MkDocs).

Reading the front matter of 5,000 articles (YAML, with issue 21's checks on its size and
depth) and finding the photos in their texts (through Markdown) took most of a warm build
that renders nothing. Both are pure functions of a file's text, so their results are kept
under the SHA-256 of that text (and the name of what was made of it): a build parses only
the files whose text changed, and the loader still reads every file and checks every field,
so a problem is reported on every build until it is fixed.

The memo is keyed by :func:`~shequbao.cache.code_key` of the parsing code, so a change of it
starts an empty memo; a text that fails to parse is not kept (its error is raised each time).
Values are stored pickled and unpickled on each use, so no caller can change what another
gets. The file is only ever written by the builds of this project (like ``.cache/jinja/``'s
compiled templates); an unreadable or foreign file is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .cache import code_key, write_atomic

T = TypeVar("T")
FILE = Path("texts") / "memo.pickle"
PACKAGE = Path(__file__).parent
CODE = code_key(PACKAGE / "yamlio.py", PACKAGE / "textmemo.py", PACKAGE / "mdlinear.py", PACKAGE / "photos",
                packages=("pyyaml", "markdown", "pymdown-extensions"))


class TextMemo:
    """What was made of each text, by the text's digest. ``root``: the cache folder (``None``:
    remember only for this build)."""

    def __init__(self, root: Path | None = None):
        self.path = Path(root) / FILE if root is not None else None
        self._known: dict[str, bytes] = self._read() if self.path is not None else {}
        self._used: dict[str, bytes] = {}
        self.hits = self.misses = 0

    def get(self, what: str, text: str, make: Callable[[str], T]) -> T:
        """``make(text)``, or what it returned for the same text before; ``what`` names what is
        made (with its settings: ``"images:attr_list,md_in_html"``)."""
        key = what + "\0" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        blob = self._used.get(key) or self._known.get(key)
        if blob is not None:
            self.hits += 1
            self._used[key] = blob
            return pickle.loads(blob)
        self.misses += 1
        value = make(text)  # an error is raised, never kept
        self._used[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return value

    def save(self) -> None:
        """Keep what this build used (texts no longer in the paper are forgotten)."""
        if self.path is not None and self._used.keys() != self._known.keys():
            write_atomic(self.path, pickle.dumps({"code": CODE, "texts": self._used}, protocol=pickle.HIGHEST_PROTOCOL))
            self._known = dict(self._used)

    def _read(self) -> dict[str, bytes]:
        try:
            data = pickle.loads(self.path.read_bytes())
        except Exception:  # missing, truncated, or written by other code: start again
            return {}
        if not isinstance(data, dict) or data.get("code") != CODE or not isinstance(data.get("texts"), dict):
            return {}
        return data["texts"]
