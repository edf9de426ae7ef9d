#!/usr/bin/env python3
"""Benchmark the photo step: cold (render every photo) and warm (all from the cache).

Generates N photo-like 3000×2000 JPEGs with EXIF (GPS, orientation) in a temporary
folder, then runs shequbao.images.process_photos twice on them:

    .venv/bin/python scripts/bench_images.py            # 200 photos, 2 workers
    .venv/bin/python scripts/bench_images.py -n 50 --workers 1
    .venv/bin/python scripts/bench_images.py -n 80 --set webp_method=0 --set big=box

It prints the CPU seconds per photo of a cold render in one process, and 2 / that: the
photos per second 2 idle cores manage, a figure that moves far less on a busy machine than
the wall-clock rate of the cold run with the pool. ``--set`` tries other ImageSettings.

Target: ≥ 20 photos/s cold on 2 cores (≤ 0.100 CPU s per photo); the warm run decodes nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, TiffImagePlugin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from shequbao.photos import ImageSettings, Job, PhotoRef, init_worker, process_photos, render  # noqa: E402

SIZE = (3000, 2000)


def make_photo(args: tuple[Path, int]) -> None:
    """A photo-like picture: gradient sky, blocks, blobs, a little blur and sensor noise."""
    path, seed = args
    rng = random.Random(seed)
    small = Image.new("RGB", (SIZE[0] // 4, SIZE[1] // 4))
    draw = ImageDraw.Draw(small)
    for y in range(small.height):
        t = y / small.height
        draw.line([(0, y), (small.width, y)], fill=(int(110 + 100 * t), int(160 + 60 * t), int(220 - 40 * t)))
    for _ in range(60):
        x, y = rng.randrange(small.width), rng.randrange(small.height // 3, small.height)
        w, h = rng.randint(20, 160), rng.randint(20, 200)
        colour = tuple(rng.randint(30, 230) for _ in range(3))
        (draw.rectangle if rng.random() < 0.6 else draw.ellipse)([x, y, x + w, y + h], fill=colour)
    image = small.resize(SIZE, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(SIZE, 12).convert("RGB")
    image = Image.blend(image, noise, 0.06)
    exif = Image.Exif()
    exif[0x0112] = rng.choice((1, 1, 1, 6, 8, 3))
    exif[0x010F] = "BenchPhone"
    exif[0x8825] = {1: "N", 2: (TiffImagePlugin.IFDRational(31), TiffImagePlugin.IFDRational(14), TiffImagePlugin.IFDRational(5))}
    image.save(path, "JPEG", quality=88, exif=exif)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=200, help="number of photos (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="render processes (default 2)")
    parser.add_argument("--cpu-sample", type=int, default=0, metavar="N",
                        help="photos for the CPU-per-photo figure (default 0: all of them)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="another ImageSettings value, e.g. webp_method=0 or big=box (repeatable)")
    args = parser.parse_args(argv)
    changes = {}
    for item in args.set:
        name, _, value = item.partition("=")
        changes[name] = int(value) if value.isdigit() else value
    base = dataclasses.replace(ImageSettings(), **changes)
    with tempfile.TemporaryDirectory(prefix="sqb-bench-") as tmp:
        content = Path(tmp) / "content"
        folder = content / "issues/bench/images"
        folder.mkdir(parents=True)
        paths = [folder / f"p{i:04d}.jpg" for i in range(args.n)]
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(make_photo, [(p, i) for i, p in enumerate(paths)], chunksize=4))
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"generated {args.n} photos {SIZE[0]}×{SIZE[1]} ({size:.0f} MB) in {time.perf_counter() - started:.1f} s")
        refs = [PhotoRef(f"issues/bench/a{i}.md", f"issues/bench/images/{p.name}", "images[1].src", 0) for i, p in enumerate(paths)]
        settings = dataclasses.replace(base, workers=args.workers)
        print(f"settings: {settings.fingerprint()}")
        cache = Path(tmp) / "cache"

        # CPU seconds per photo in one process (the worker's render() called here): it depends
        # far less than the wall clock below on what else the machine is doing (on a shared
        # one still ±15 %: compare runs made one right after the other), and 2 idle cores
        # render about 2 / (CPU s per photo) photos a second. Every photo counts (a third are
        # stored rotated, which costs about three times as much); one is rendered first so
        # that imports and encoder set-up are not counted.
        init_worker(base.max_pixels)
        sample = refs if args.cpu_sample <= 0 else refs[:args.cpu_sample]
        for n, ref in enumerate([refs[0], *sample]):
            folder = Path(tmp) / "cpu" / str(n)
            folder.mkdir(parents=True)
            if n == 1:
                cpu = time.process_time()
            render(Job(str(content / ref.src), str(folder), base))
        cpu = (time.process_time() - cpu) / len(sample)
        print(f"cpu: {cpu:.4f} s per photo in one process ({len(sample)} photos) "
              f"⇒ 2 / {cpu:.4f} = {2 / cpu:.1f} photos/s on 2 idle cores")

        started = time.perf_counter()
        cold = process_photos(refs, content, cache, settings)
        cold_s = time.perf_counter() - started
        assert cold.stats.rendered == args.n, cold.stats
        out = sum(Path(r.file).stat().st_size for p in cold.photos.values() for r in p.renditions) / 1e6
        print(f"cold: {args.n} photos in {cold_s:.2f} s = {args.n / cold_s:.1f} photos/s "
              f"({args.workers} workers, {len(cold.outputs())} renditions, {out:.0f} MB)")

        started = time.perf_counter()
        warm = process_photos(refs, content, cache, settings)
        warm_s = time.perf_counter() - started
        assert warm.stats.rendered == 0 and warm.stats.cached == args.n, warm.stats
        print(f"warm: {args.n} photos in {warm_s:.3f} s = {args.n / warm_s:.0f} photos/s (0 decoded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
