#!/usr/bin/env python3
"""Build benchmark (issue 10): shequbao against bare MkDocs + Material on one synthetic paper.

    python scripts/bench.py --articles 5000                      # one size (runs in .venv, made by make site)
    .venv/bin/python scripts/bench.py                            # 1,000 and 5,000
    .venv/bin/python scripts/bench.py --sizes 1000,5000 --big    # … and 10,000 (about half an hour)

For each size it generates (or reuses) a corpus with scripts/make_corpus.py under --work
(default /tmp/shequbao-bench; one photo per two articles unless --photos), then runs, each
as a fresh ``mkdocs build --strict`` process:

  bare     MkDocs + Material, the same content and the short nav, no plugin (the baseline;
           the photo originals are left out with exclude_docs, as shequbao never publishes them)
  cold     shequbao, empty cache: every photo rendered, the search index made (print off)
  full     shequbao, photos from the cache, search index made anew, the site folder emptied:
           the "full build, cold photos and PDFs excluded" the ≤ 1.3× target is about
  warm     shequbao, nothing changed since the previous build: 0 photos decoded, the search
           index and every page but the menu's from the cache (incremental builds); PDFs on and
           from the cache when --pdf-all made them, else off
  edit1    shequbao, one article's text edited: that page (and the menu's) rendered again, the
           search index made anew from rendered and cached pages
  issue20  shequbao, a new issue of 20 articles added: its pages, the issue before it, the
           lists and the people in it rendered again

The full build empties the page cache too, so it renders every page. Both edits are undone
after the run (the corpus stays as generated).

and separately the print edition: the newest --pdf-issues issues rendered on one core
(seconds per 4-版 A3 PDF) and on --pdf-workers processes (PDFs/s); --pdf-all renders every
issue (long: ~2.5 s an issue on two cores) so that the warm build runs with PDFs on.

Search bytes per query come from scripts/bench_search.py (Debian's chromium through
Playwright, fresh context per query), run on the built site; without Playwright the
column shows the size of the index on disk instead. Peak RSS is the largest resident set
of the build process or any process it waited for (os.wait4), not their sum.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_PYTHON = ROOT / ".venv/bin/python"
if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])  # `python scripts/bench.py` after `make site`
BIN = Path(sys.executable).parent
NAV = "nav:\n  - 首页: index.md\n  - 往期: issues/index.md\n  - 作者: people/index.md\n  - 图片: gallery/index.md\n  - 关于: about.md\n"
BARE = ("site_name: 合成报\nsite_url: https://example.org/\ndocs_dir: content\nsite_dir: {site}\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        "nav:\n  - 首页: index.md\n  - 关于: about.md\n"
        "plugins: []\nexclude_docs: |\n  images/\n  people.yml\nvalidation:\n  nav:\n    omitted_files: info\n"
        "  links:\n    not_found: info\nextra:\n  generator: false\n")
SHEQUBAO = ("site_name: 合成报\nsite_url: https://example.org/\ndocs_dir: content\nsite_dir: {site}\n"
            "theme:\n  name: material\n  language: zh\n  font: false\n" + NAV +
            "plugins:\n  - shequbao:\n      print_enabled: {print_enabled}\n      search_enabled: true\n"
            "      feeds_enabled: true\n      images_workers: {workers}\n      print_workers: {workers}\n"
            "  - glightbox:\n      manual: true\nextra:\n  generator: false\n")


@dataclass
class Run:
    name: str
    seconds: float
    rss_mb: float
    pages: int
    log: str = ""
    extra: dict = field(default_factory=dict)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--articles", type=int, help="one size (default: --sizes)")
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated article counts (default 1000,5000)")
    parser.add_argument("--big", action="store_true", help="add 10,000 articles")
    parser.add_argument("--photos", type=int, help="photos per corpus (default: one per two articles)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/shequbao-bench"))
    parser.add_argument("--workers", type=int, default=2, help="photo and PDF processes (default 2)")
    parser.add_argument("--pdf-issues", type=int, default=4, help="issues in the PDF sample (0: skip)")
    parser.add_argument("--pdf-all", action="store_true", help="render every PDF, and run the warm build with PDFs on")
    parser.add_argument("--no-search-browser", action="store_true", help="skip the chromium measurement of search")
    args = parser.parse_args(argv)
    sizes = [args.articles] if args.articles else [int(s) for s in args.sizes.split(",") if s]
    if args.big and 10000 not in sizes:
        sizes.append(10000)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    results = []
    for articles in sizes:
        results.append(bench_size(articles, args))
        print_table(results)  # after every size, so a long run shows what it has
    return 0


def bench_size(articles: int, args) -> dict:
    photos = args.photos if args.photos is not None else articles // 2
    work = args.work / f"n{articles}-p{photos}"
    corpus = ensure_corpus(work, articles, photos)
    site, cache = work / "site", work / ".cache"
    env = {**os.environ, "SHEQUBAO_CACHE_DIR": str(cache)}
    print(f"\n== {articles} articles, {photos} photos: {work}", flush=True)

    bare_cfg = corpus / "bench-bare.yml"
    bare_cfg.write_text(BARE.format(site=work / "site-bare"), encoding="utf-8")
    shutil.rmtree(work / "site-bare", ignore_errors=True)
    bare = build("bare", bare_cfg, work / "site-bare", env, strict=False)

    def config(print_enabled: bool) -> Path:
        path = corpus / f"bench-shequbao{'-print' if print_enabled else ''}.yml"
        path.write_text(SHEQUBAO.format(site=site, print_enabled=str(print_enabled).lower(), workers=args.workers),
                        encoding="utf-8")
        return path

    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    cold = build("cold", config(False), site, env)
    shutil.rmtree(cache / "pagefind", ignore_errors=True)
    shutil.rmtree(cache / "pages", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    full = build("full", config(False), site, env)
    search = search_bytes(site, args)

    pdf = {}
    if args.pdf_issues:
        pdf = pdf_sample(corpus, work / "pdf-sample", args.pdf_issues, args.workers)
    if args.pdf_all:
        pdf["all"] = pdf_all(corpus, cache / "pdf", args.workers)
    warm = build("warm", config(args.pdf_all), site, env)
    runs = [bare, cold, full, warm, *edited_builds(corpus, config(args.pdf_all), site, env)]
    for run in runs:
        print(f"  {run.name:<5} {run.seconds:7.1f} s  {run.rss_mb:6.0f} MB  {run.pages:6d} pages  {run.extra}", flush=True)
    return {"articles": articles, "photos": photos, "runs": runs, "search": search, "pdf": pdf}


def edited_builds(corpus: Path, config: Path, site: Path, env: dict) -> list[Run]:
    """A build after one article is edited, then one after a new issue of 20 articles; undone after."""
    issues = sorted((corpus / "content/issues").iterdir())
    latest = issues[-1]
    article = sorted(latest.glob("*.md"))[0]
    before = article.read_bytes()
    added = latest.with_name(latest.name + "-new")
    try:
        article.write_text(before.decode("utf-8") + "\n\n本报讯 补记：居民代表又提出了三条意见。\n", encoding="utf-8")
        edit1 = build("edit1", config, site, env)
        shutil.copytree(latest, added)  # its photos too: the same bytes, so their renditions come from the cache
        stories = sorted(added.glob("*.md"))
        for extra in stories[20:]:
            extra.unlink()
        yml = added / "issue.yml"
        numbers = [int(m) for path in issues for m in re.findall(r"^number: (\d+)", (path / "issue.yml").read_text(), re.M)]
        text = re.sub(r"^number: \d+", f"number: {max(numbers) + 1}", yml.read_text(encoding="utf-8"), flags=re.M)
        yml.write_text(re.sub(r"^total: \d+\n", "", text, flags=re.M), encoding="utf-8")
        issue20 = build("issue20", config, site, env)
    finally:
        article.write_bytes(before)
        shutil.rmtree(added, ignore_errors=True)
    return [edit1, issue20]


def ensure_corpus(work: Path, articles: int, photos: int) -> Path:
    stamp = work / "corpus.json"
    spec = {"articles": articles, "photos": photos, "generator": (ROOT / "scripts/make_corpus.py").stat().st_size}
    if stamp.is_file() and json.loads(stamp.read_text()) == spec:
        return work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts/make_corpus.py"), "--articles", str(articles),
                    "--photos", str(photos), "--out", str(work)], check=True)
    print(f"corpus generated in {time.perf_counter() - started:.0f} s", flush=True)
    stamp.write_text(json.dumps(spec))
    return work


def build(name: str, config: Path, site: Path, env: dict, strict: bool = True) -> Run:
    command = [str(BIN / "mkdocs"), "build", "-f", str(config), "-d", str(site)] + (["--strict"] if strict else [])
    log_path = config.with_suffix(f".{name}.log")
    started = time.perf_counter()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=config.parent, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{name} build failed ({log_path}):\n{text[-3000:]}")
    pages = sum(1 for _ in site.rglob("*.html"))
    run = Run(name, seconds, usage.ru_maxrss / 1024, pages, text)
    if match := re.search(r"图片 (\d+) 张：新生成 (\d+) 张，缓存 (\d+) 张（([\d.]+) 秒）", text):
        rendered, cached, secs = int(match[2]), int(match[3]), float(match[4])
        run.extra.update(photos_rendered=rendered, photos_cached=cached, photo_seconds=secs)
    if match := re.search(r"印刷版 PDF (\d+) 期（新生成 (\d+) 期", text):
        run.extra.update(pdfs=int(match[1]), pdfs_rendered=int(match[2]))
    if match := re.search(r"页面：重新生成 (\d+)，沿用 (\d+)", text):
        run.extra.update(pages_rendered=int(match[1]), pages_cached=int(match[2]))
    if match := re.search(r"搜索：索引 (\d+) 篇文章，分 (\d+) 部分（新生成 (\d+)，取自缓存 (\d+)，([\d.]+) 秒）", text):
        run.extra.update(search_pages=int(match[1]), search_parts=int(match[2]), search_made=int(match[3]),
                         search_seconds=float(match[5]))
    return run


def search_bytes(site: Path, args) -> dict:
    index = site / "pagefind"
    on_disk = sum(p.stat().st_size for p in index.rglob("*") if p.is_file()) if index.is_dir() else 0
    chunks = sorted(p.stat().st_size for p in index.rglob("*.pf_index"))
    result = {"index_mb": on_disk / 1e6, "chunks": len(chunks), "largest_chunk_kb": (chunks[-1] / 1024) if chunks else 0}
    if args.no_search_browser or not Path("/usr/bin/chromium").exists():
        return result
    try:
        out = subprocess.run([sys.executable, str(ROOT / "scripts/bench_search.py"), "--site", str(site)],
                             capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return result
    per_query = []
    for line in out.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[-1].isdigit() and re.fullmatch(r"[\d.]+", fields[-3] or ""):
            try:
                per_query.append((" ".join(fields[:-5]), int(fields[-5]), float(fields[-3]), float(fields[-2])))
            except ValueError:
                continue
    if per_query:
        result["queries"] = per_query
        result["max_kib"] = max(q[2] for q in per_query)
        result["mean_kib"] = sum(q[2] for q in per_query) / len(per_query)
    else:
        result["error"] = (out.stderr or out.stdout)[-500:]
    return result


PDF_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from shequbao.content.load import load_archive
from shequbao.model import Paper
from shequbao.print import PrintOptions, build_editions
content, cache, count, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
archive, _ = load_archive(content, Paper("合成报"))
issues = archive.issues[:count] if count else archive.issues
started = time.perf_counter()
pdfs = build_editions(archive, content, cache, PrintOptions("A3"), issues=issues, workers=workers)
seconds = time.perf_counter() - started
print(json.dumps({"issues": len(pdfs), "rendered": sum(p.rendered for p in pdfs), "seconds": seconds,
                  "pages": [p.pages for p in pdfs], "overflow": sum(len(p.overflow) for p in pdfs)}))
"""


def _pdf_run(content: Path, cache: Path, count: int, workers: int) -> dict:
    out = subprocess.run([sys.executable, "-c", PDF_SCRIPT, str(content), str(cache), str(count), str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pdf_sample(corpus: Path, scratch: Path, count: int, workers: int) -> dict:
    """Seconds per PDF on one core, and PDFs/s on ``workers`` processes (each from an empty cache)."""
    result = {}
    for n in sorted({1, workers}):
        shutil.rmtree(scratch, ignore_errors=True)
        result[n] = _pdf_run(corpus / "content", scratch, count, n)
    shutil.rmtree(scratch, ignore_errors=True)
    return result


def pdf_all(corpus: Path, cache: Path, workers: int) -> dict:
    return _pdf_run(corpus / "content", cache, 0, workers)


def print_table(results: list[dict]) -> None:
    print("\n" + "=" * 118)
    head = (f"{'articles':>8} {'build':<6} {'wall s':>7} {'× bare':>6} {'ms/page':>7} {'ms/art':>6} {'RSS MB':>7} "
            f"{'pages':>6} {'photos/s':>8} {'decoded':>7} {'PDFs':>9} {'search':>22}")
    print(head)
    for r in results:
        bare = r["runs"][0]
        search = r["search"]
        for run in r["runs"]:
            ratio = run.seconds / bare.seconds
            photos_s = ""
            if run.extra.get("photos_rendered"):
                photos_s = f"{run.extra['photos_rendered'] / max(run.extra['photo_seconds'], 1e-9):.1f}"
            decoded = str(run.extra.get("photos_rendered", "")) if run.name != "bare" else ""
            pdfs = ""
            if "pdfs" in run.extra:
                pdfs = f"{run.extra['pdfs_rendered']}/{run.extra['pdfs']} new"
            srch = ""
            if "search_parts" in run.extra:  # parts of the index made anew / all, and the wait for them
                srch = f"{run.extra['search_made']}/{run.extra['search_parts']} parts {run.extra['search_seconds']:.1f} s"
            if run.name == "full":
                srch = (f"{search['max_kib'] / 1024:.2f} MB/query max" if "max_kib" in search
                        else f"index {search['index_mb']:.1f} MB")
            print(f"{r['articles']:>8} {run.name:<6} {run.seconds:>7.1f} {ratio:>6.2f} {1000 * run.seconds / max(run.pages, 1):>7.2f} "
                  f"{1000 * run.seconds / r['articles']:>6.1f} {run.rss_mb:>7.0f} {run.pages:>6} {photos_s:>8} {decoded:>7} "
                  f"{pdfs:>9} {srch:>22}")
    print("-" * 118)
    for r in results:
        pdf = r["pdf"]
        for workers, s in sorted((k, v) for k, v in pdf.items() if isinstance(k, int)):
            print(f"{r['articles']:>8} PDF sample: {s['issues']} issues on {workers} process(es): {s['seconds']:.1f} s = "
                  f"{s['seconds'] / s['issues']:.2f} s/PDF, {s['issues'] / s['seconds']:.2f} PDFs/s "
                  f"(pages {s['pages']}, 版 overflowing: {s['overflow']})")
        if "all" in pdf:
            s = pdf["all"]
            print(f"{r['articles']:>8} PDF all: {s['issues']} issues: {s['seconds']:.0f} s, {s['issues'] / s['seconds']:.2f} PDFs/s")
        search = r["search"]
        line = (f"{r['articles']:>8} search: index {search['index_mb']:.1f} MB on disk, {search['chunks']} index chunks "
                f"(largest {search['largest_chunk_kb']:.0f} KiB)")
        if "queries" in search:
            line += "; per query (KiB incl. pagefind.js+wasm): " + ", ".join(f"{q[0]} {q[2]:.0f}" for q in search["queries"])
        elif "error" in search:
            line += f"; browser measurement failed: {search['error'][-200:]!r}"
        print(line)
    print("=" * 118, flush=True)


if __name__ == "__main__":
    sys.exit(main())
