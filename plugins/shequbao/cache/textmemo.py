"""What is made of texts, kept from one build to the next (``.cache/texts/memo.pickle``; knows
nothing of MkDocs): front matters, the photos in texts, feeds.

Reading the front matter of 5,000 articles (YAML, with issue 21's checks on its size and
depth) and finding the photos in their texts (through Markdown) took most of a warm build
that renders nothing. Both are pure functions of a file's text, so their results are kept
under the SHA-256 of that text (and the name of what was made of it): a build parses only
the files whose text changed. The loader keeps whole issues the same way, under a stamp of
their folder's files (``content/load.py``), but only those that had no problem, so a problem is
reported on every build until it is fixed. Feeds are kept under the words of their items
(``outputs/feeds.py``): feedgen runs only for a feed that changed.

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

from .store import code_key, write_atomic

T = TypeVar("T")
FILE = Path("texts") / "memo.pickle"
KEEP_BUILDS = 20  # builds that keep what they did not use
PACKAGE = Path(__file__).parents[1]
CODE = code_key(PACKAGE / "content" / "reading.py", PACKAGE / "cache" / "textmemo.py", PACKAGE / "markdown" / "links.py",
                PACKAGE / "photos",
                packages=("pyyaml", "markdown", "pymdown-extensions"))


class TextMemo:
    """What was made of each text, by the text's digest. ``root``: the cache folder (``None``:
    remember only for this build). What a build did not use is kept for :data:`KEEP_BUILDS`
    more builds that used something else (a preview of one issue, an article edited back)."""

    def __init__(self, root: Path | None = None):
        self.path = Path(root) / FILE if root is not None else None
        self._generation, self._known = self._read() if self.path is not None else (0, {})
        self._used: dict[str, bytes] = {}

    def get(self, what: str, text: str, make: Callable[[str], T]) -> T:
        """``make(text)``, or what it returned for the same text before; ``what`` names what is
        made (with its settings: ``"images:attr_list,md_in_html"``)."""
        found = self.known(what, text)
        if found is not None:
            return found
        value = make(text)  # an error is raised, never kept
        self.keep(what, text, value)
        return value

    def known(self, what: str, text: str):
        """What was kept for ``text`` (a fresh copy), or None."""
        key = _key(what, text)
        blob = self._used.get(key) or self._known.get(key, (0, None))[1]
        if blob is None:
            return None
        self._used[key] = blob
        return pickle.loads(blob)

    def keep(self, what: str, text: str, value) -> None:
        self._used[_key(what, text)] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Keep what this build used; written only when that is not what the last build used."""
        if self.path is None:
            return
        if self._used.keys() == {key for key, (used, _) in self._known.items() if used == self._generation}:
            return
        generation = self._generation + 1
        texts = {key: (generation, blob) for key, blob in self._used.items()}
        texts.update((key, known) for key, known in self._known.items()
                     if key not in texts and known[0] > generation - KEEP_BUILDS)
        write_atomic(self.path, pickle.dumps({"code": CODE, "generation": generation, "texts": texts},
                                             protocol=pickle.HIGHEST_PROTOCOL))
        self._generation, self._known = generation, texts

    def _read(self) -> tuple[int, dict[str, tuple[int, bytes]]]:
        try:
            data = pickle.loads(self.path.read_bytes())
            if data["code"] == CODE and isinstance(data["texts"], dict):
                return int(data["generation"]), data["texts"]
        except Exception:  # missing, truncated, or written by other code: start again
            pass
        return 0, {}


def _key(what: str, text: str) -> str:
    return what + "\0" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
