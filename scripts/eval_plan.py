"""From import to print, on every real issue of ../shared/corpus: how ``./sqb plan`` does.

    .venv/bin/python scripts/eval_plan.py [--size A3] [--pages 4] [--corpus DIR] [--only NAME] [--keep DIR]

For each text: a new paper (``./sqb init``) in a scratch folder, ``./sqb import``, every draft
set to ``draft: false`` (as an editor does after checking), ``./sqb plan ISSUE --pages N --write``,
then ``./sqb print ISSUE`` and scripts/measure_print.py's figures of the PDF. Prints one line per
issue: characters, stories, 版 used, trials and seconds of the plan, each 版's fill as the plan
says, the print's exit status, and the measure (blank at the foot, holes, stubs, widows, 孤字,
头条, what is missing). When the plan says its 版 are more than 10% empty and offers one 版 fewer
with named stories as 备用稿, a second line (→) runs that (``--spare --write``) and measures it.
Exit status 1 when a plan said it fits and the print left something out.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))


def corpus_folder() -> Path:
    return next((p / "shared/corpus" for p in ROOT.parents if (p / "shared/corpus").is_dir()), ROOT.parent / "shared/corpus")


def run(argv: list[str]) -> tuple[int, str, str]:
    from shequbao.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def evaluate(text: Path, scratch: Path, size: str, pages: int) -> tuple[str, bool]:
    """One issue from import to print; (its lines, whether it printed everything a fitting plan
    promised). When the plan says the text leaves its 版 underfull and offers one 版 fewer with
    备用稿, a second line does what it says (``--spare``) and measures that print too."""
    paper = scratch / text.stem
    year = re.search(r"(19|20)\d\d", text.stem).group(0)
    assert run(["init", str(paper), "--name", "试排报"])[0] == 0
    os.chdir(paper)
    code, out, err = run(["import", str(text), "--issue", "issue", "--year", year, "--number", "99"])
    assert code == 0, err
    for draft in (paper / "content/issues/issue").glob("*.md"):
        draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    line, ok, out = plan_and_print(paper, ["--pages", str(pages), "--size", size], size)
    stories = len(list((paper / "content/issues/issue").glob("*.md")))
    chars = sum(int(n) for n in re.findall(r"^  (?:头条|    )  [^《\s].*?（(\d+) 字", out, re.MULTILINE))
    lines = f"{text.stem:<20} {chars:>5} 字 {stories:>2} 篇 | {line}"
    fewer = re.search(r"\./sqb plan issue (--pages \d+.*--spare) --write", out)
    if fewer:
        line, more_ok, _ = plan_and_print(paper, fewer.group(1).split(), size)
        lines += f"\n{'  → 少一个版，加备用稿':<30} | {line}"
        ok &= more_ok
    return lines, ok


def plan_and_print(paper: Path, options: list[str], size: str) -> tuple[str, bool, str]:
    """``./sqb plan issue OPTIONS --write``, ``./sqb print`` and the measure: (its line, honest, the plan's output)."""
    from measure_print import measure_project

    start = time.perf_counter()
    planned, out, err = run(["plan", "issue", *options, "--write"])
    seconds = time.perf_counter() - start
    trials = re.search(r"试排了 (\d+) 次", out)
    fills = re.findall(r"^第\d+版 .*?(?:约 (\d+)% 满|(排不下))", out, re.MULTILINE)
    spare = re.search(r"排不下的 (\d+) 篇改为备用稿", out)
    printed, _, perr = run(["print", "issue", "--size", size])
    line = (f"plan {planned} {len(fills)} 版 {trials.group(1) if trials else '?'} 次 {seconds:4.1f} s 满 "
            + "/".join(a or "超" for a, b in fills) + "%" + (f" 备用稿 {spare.group(1)} 篇" if spare else "")
            + f" | print {printed}")
    if printed == 0:
        [figures] = [f for f in measure_project(paper, size, images=False) if f.issue == "issue"]
        layout = figures.layout
        line += (f" | 空白 {max(figures.blank_mean):.1%}/{max(figures.blank_worst):.1%}"
                 f" 空洞 {max(p.holes_mean for p in layout):.1%}/{max(p.holes_worst for p in layout):.1%}"
                 f" 短条 {max(len(p.stubs) for p in layout)} 寡行 {max(len(p.widows) for p in layout)}"
                 f" 孤字 {max(len(p.orphans) for p in layout)} 头条 {sum(p.lead for p in layout)}/{len(layout)}"
                 f" 短行 {figures.short_share:.1%} 缺 {len(figures.missing)}")
    elif planned == 0:
        line += " | " + perr.strip().splitlines()[-1]
    return line, not (planned == 0 and printed != 0), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="A3")
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=corpus_folder())
    parser.add_argument("--only", help="only the texts whose name contains this (e.g. weidong)")
    parser.add_argument("--keep", type=Path, help="make the papers in this folder and keep them (to look at the PDFs)")
    args = parser.parse_args(argv)
    texts = [t for t in sorted(args.corpus.glob("*.txt")) if not args.only or args.only in t.stem]
    if not texts:
        print(f"{args.corpus}: no corpus texts", file=sys.stderr)
        return 2
    honest = True
    with tempfile.TemporaryDirectory(prefix="eval-plan-") as scratch:
        if args.keep:
            scratch = str(args.keep.resolve())
            shutil.rmtree(scratch, ignore_errors=True)
            Path(scratch).mkdir(parents=True)
        os.environ.setdefault("SHEQUBAO_CACHE_DIR", str(Path(scratch) / "cache"))
        here = Path.cwd()
        try:
            for text in texts:
                line, ok = evaluate(text, Path(scratch), args.size, args.pages)
                honest &= ok
                print(line, flush=True)
        finally:
            os.chdir(here)
    return 0 if honest else 1


if __name__ == "__main__":
    sys.exit(main())
