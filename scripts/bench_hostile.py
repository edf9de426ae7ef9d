"""Pathological inputs, timed: YAML bombs through `shequbao check` (seconds and peak memory of
the whole command), pathological Markdown bodies (what `check` says, and how long Markdown
takes on the largest body it accepts), and hostile PDFs through `shequbao import` (a 1.2 MB
Flate bomb inflating 1000×: the budget is 2 s and 200 MB). Prints figures; the tests assert
messages (and the bomb's budget, tests/test_importer_limits.py).

    .venv/bin/python scripts/bench_hostile.py
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from bad_content.cases import bomb  # noqa: E402
from hostile_pdfs import MEASURED, busy_page, encrypted_issue, flate_bomb  # noqa: E402

ISSUE = "number: 7\ndate: 2023-05-20\npages:\n  - {page: 1, name: 要闻}\n"
YAML = {
    "(a good paper: start-up)": ("issues/2023-05/a.md", "---\ntitle: x\npage: 1\n---\n\n正文。\n"),
    "billion laughs (article)": ("issues/2023-05/a.md", "---\ntitle: x\npage: 1\n" + bomb() + "---\n\n正文。\n"),
    "billion laughs (issue.yml)": ("issues/2023-05/issue.yml", ISSUE + bomb()),
    "billion laughs (people.yml)": ("people.yml", bomb()),
    "recursive alias": ("issues/2023-05/a.md", "---\ntitle: x\npage: 1\nimages: &x [*x]\n---\n"),
    "100,000 nested [": ("issues/2023-05/a.md", "---\ntitle: " + "[" * 100_000 + "\n---\n"),
    "200,000 list items": ("issues/2023-05/issue.yml", ISSUE + "total: [" + "0, " * 200_000 + "0]\n"),
    "4 MB scalar": ("issues/2023-05/a.md", "---\ntitle: '" + "居" * 1_300_000 + "'\npage: 1\n---\n"),
    "5 MB file": ("issues/2023-05/a.md", "---\ntitle: x\npage: 1\n---\n" + "居民" * 900_000),
}
BODIES = {
    "~~x × 80 KB": "~~x" * 26_666,
    "[x]( × 80 KB": "[x](" * 20_000,
    "500 nested lists": "".join("    " * n + "- 居民\n" for n in range(500)),
    "- - - … 500 markers": "- " * 500 + "x\n",
    "> × 500": ">" * 500 + " x\n",
}
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "pymdownx.betterem", "pymdownx.tilde", "shequbao.markdown.sanitize"]
LINEAR = "shequbao.markdown.links"  # Markdown's links in linear time (every page of the site gets it)


def check(files: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak MB (the `shequbao check` process) and its first line of output."""
    root = Path(tempfile.mkdtemp(prefix="sqb-bench-"))
    try:
        (root / "content/issues/2023-05").mkdir(parents=True)
        (root / "content/issues/2023-05/issue.yml").write_text(ISSUE, encoding="utf-8")
        for rel, text in files.items():
            (root / "content" / rel).write_text(text, encoding="utf-8")
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        started = time.perf_counter()
        done = subprocess.run([str(Path(sys.executable).with_name("shequbao")), "check", str(root / "content")],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = max(usage.ru_maxrss, before) / 1024
        first = (done.stderr or done.stdout).strip().splitlines()[0][:110]
        return seconds, usage.ru_utime + usage.ru_stime - cpu, peak, first
    finally:
        shutil.rmtree(root, ignore_errors=True)


def import_pdf(make) -> tuple[float, float, float, str, int]:
    """Wall seconds, CPU seconds, peak MB of `shequbao import` of the PDF ``make(path)`` writes (its
    own process: the figures of one run), its last line of output, and the file's size."""
    root = Path(tempfile.mkdtemp(prefix="sqb-bench-"))
    try:
        pdf = make(root / "hostile.pdf")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", MEASURED, "import", str(pdf), "--issue", "1987-05", "--number", "41",
                               "--content", str(root / "content"), "--dry-run"], check=False, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        last = done.stderr.strip().splitlines()[-1][:200] if done.stderr.strip() else ""
        return seconds, figures["cpu"], figures["peak_mb"], last, pdf.stat().st_size
    finally:
        shutil.rmtree(root, ignore_errors=True)


PDFS = {
    "Flate bomb (1.2 MB → 1.2 GB)": flate_bomb,
    "2 million operators": lambda path: busy_page(path, 2_000_000),
    "encrypted (AES-128)": encrypted_issue,
}


def main() -> None:
    import markdown


    from shequbao.content.static_pages import MARKUP_BUDGET

    print("YAML through `shequbao check` (the whole command, start-up included: wall, CPU, peak memory)")
    for name, (rel, text) in YAML.items():
        seconds, cpu, peak, first = check({rel: text})
        print(f"  {name:28s} {seconds:5.2f} s  {cpu:5.2f} s CPU  {peak:6.0f} MB  {first[-60:]}")
    print("\nMarkdown bodies: what `shequbao check` says")
    for name, body in BODIES.items():
        seconds, cpu, _, first = check({"issues/2023-05/a.md": "---\ntitle: x\npage: 1\n---\n\n" + body})
        print(f"  {name:22s} {seconds:5.2f} s  {cpu:5.2f} s CPU  {first[-70:]}")
    print(f"\nMarkdown time of the densest paragraphs `check` accepts (characters × marks ≤ {MARKUP_BUDGET:,}), 80 KB of them")
    for mark in ("[", "~~", "[x]("):
        for length in (500, 2_000):
            marks = MARKUP_BUDGET // length
            paragraph = (mark * marks + "居" * length)[:length]
            body = "\n\n".join([paragraph] * (80_000 // length))
            timings = []
            for extensions in (EXTENSIONS, [*EXTENSIONS, LINEAR]):
                started = time.process_time()
                markdown.Markdown(extensions=extensions).convert(body)
                timings.append(time.process_time() - started)
            print(f"  {mark!r:7s} paragraphs of {length:5d} characters: {timings[0]:5.2f} s plain Markdown, "
                  f"{timings[1]:5.2f} s with {LINEAR}")
    print("\nOne 80 KB paragraph, with shequbao.markdown.links (what the loader would refuse, rendered anyway)")
    for name, body in (("[ × 80,000", "[" * 80_000), ("居民 × 40,000", "居民" * 40_000)):
        started = time.process_time()
        markdown.Markdown(extensions=[*EXTENSIONS, LINEAR]).convert(body)
        print(f"  {name:16s} {time.process_time() - started:5.2f} s")
    print("\nHostile PDFs through `shequbao import` (the whole command, start-up included: wall, CPU, peak memory"
          " of its own process; budget 2 s, 200 MB)")
    for name, make in PDFS.items():
        seconds, cpu, peak, last, size = import_pdf(make)
        print(f"  {name:30s} {size / 1e6:5.2f} MB  {seconds:5.2f} s  {cpu:5.2f} s CPU  {peak:6.0f} MB  {last[-60:]}")


if __name__ == "__main__":
    main()
