"""Reading PDFs in the print tests, with poppler-utils (installed by install-system-deps.sh --test)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def page_texts(pdf: Path) -> list[str]:
    """Text of each page in drawing order (``pdftotext -raw``), one string per page."""
    return _run("pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-").split("\f")[:-1]


def flat(text: str) -> str:
    """Lines joined without breaks: a title broken over two lines still matches."""
    return re.sub(r"\s*\n\s*", "", text)


def fonts(pdf: Path) -> list[dict]:
    """``pdffonts`` rows: name, emb, sub."""
    rows = []
    for line in _run("pdffonts", str(pdf)).splitlines()[2:]:
        parts = line.split()
        # name type… encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def info(pdf: Path) -> dict[str, str]:
    out = {}
    for line in _run("pdfinfo", "-box", str(pdf)).splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def image_count(pdf: Path) -> int:
    return len(_run("pdfimages", "-list", str(pdf)).splitlines()[2:])


def write_issue(content: Path, issue_id: str, yml: str, articles: dict[str, str]) -> Path:
    """A small issue folder: ``issue.yml`` and ``<slug>.md`` files (front matter + body)."""
    folder = content / "issues" / issue_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "issue.yml").write_text(yml, encoding="utf-8")
    for slug, text in articles.items():
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder
