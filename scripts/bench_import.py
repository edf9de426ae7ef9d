#!/usr/bin/env python3
"""Time and memory of ``shequbao import`` on large texts.

    python scripts/bench_import.py [--sizes 1 2 4 8 30] [--same-titles]

Each size (MB) is made by repeating the test paper ``tests/fixtures/import/newspaper.txt``
(with ``--same-titles``: one short item under one headline, over and over, the case that
used to be quadratic). Each import runs in its own process with ``--dry-run``; printed:
seconds, peak RSS, and the outcome (texts over the limit are refused before reading).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "import" / "newspaper.txt"
SAME = "社区简讯\n\n本报讯 近日，居民区组织志愿者清理楼道堆物，居民纷纷点赞。 ■薛明珠\n\n"


def make_text(path: Path, megabytes: float, same_titles: bool) -> None:
    block = SAME if same_titles else SEED.read_text(encoding="utf-8").split("第1版 要闻", 1)[1]
    size = int(megabytes * 1024 * 1024)
    with open(path, "w", encoding="utf-8") as out:
        out.write("河畔之声 2018年5月25日 第36期 总第412期\n\n第1版 要闻\n\n")
        written = 0
        while written < size:
            data = block.encode("utf-8")
            out.write(block)
            written += len(data)


def run(path: Path) -> tuple[float, float, str]:
    exe = Path(sys.executable).with_name("shequbao")
    with tempfile.TemporaryDirectory() as content:
        start = time.perf_counter()
        done = subprocess.run([str(exe), "import", str(path), "--issue", "bench", "--number", "9999",
                               "--date", "2018-05-25", "--dry-run", "--content", content],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MB, the largest child so far
    outcome = "ok" if done.returncode == 0 else done.stderr.strip().splitlines()[-1][:60]
    return seconds, rss, outcome


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8, 30])
    ap.add_argument("--same-titles", action="store_true")
    args = ap.parse_args()
    print(f"{'MB':>5} {'seconds':>8} {'peak RSS MB':>12}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"{mb}.txt"
            make_text(path, mb, args.same_titles)
            seconds, rss, outcome = run(path)
            print(f"{mb:>5g} {seconds:>8.1f} {rss:>12.0f}  {outcome}")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
