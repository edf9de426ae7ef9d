"""textmemo.py: what is made of a text is made once, kept between builds, and never shared."""

from __future__ import annotations

from shequbao.cache import textmemo
from shequbao.cache.textmemo import TextMemo


def test_a_text_is_parsed_once_and_each_caller_gets_its_own_copy(tmp_path):
    made = []

    def parse(text: str) -> dict:
        made.append(text)
        return {"title": text.upper(), "lines": [1, 2]}

    memo = TextMemo(tmp_path)
    first = memo.get("front-matter", "title: a", parse)
    first["lines"].append(3)  # a caller changing what it got changes nobody else's
    memo.save()
    again = TextMemo(tmp_path)
    assert again.get("front-matter", "title: a", parse) == {"title": "TITLE: A", "lines": [1, 2]}
    assert again.get("other", "title: a", parse)["title"] == "TITLE: A"  # another kind of thing: made anew
    assert made == ["title: a", "title: a"]


def test_an_error_is_raised_every_time_never_kept(tmp_path):
    memo = TextMemo(tmp_path)
    for _ in range(2):
        try:
            memo.get("front-matter", "bad", lambda text: 1 / 0)
        except ZeroDivisionError:
            pass
        else:
            raise AssertionError("the error was kept")


def test_a_damaged_or_foreign_memo_is_ignored(tmp_path):
    path = tmp_path / textmemo.FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    memo = TextMemo(tmp_path)
    assert memo.get("front-matter", "x", lambda text: "made") == "made"
    memo.save()
    assert TextMemo(tmp_path).known("front-matter", "x") == "made"


def test_what_builds_no_longer_use_is_forgotten_after_a_while(tmp_path, monkeypatch):
    monkeypatch.setattr(textmemo, "KEEP_BUILDS", 2)
    memo = TextMemo(tmp_path)
    memo.get("t", "old text", str.upper)
    memo.save()
    kept = []
    for step in range(2):  # two builds that read something else
        memo = TextMemo(tmp_path)
        memo.get("t", f"new text {step}", str.upper)
        memo.save()
        kept.append(TextMemo(tmp_path).known("t", "old text") is not None)  # a look that is not saved
    assert kept == [True, False]
