"""Benchmark of the photo pipeline on camera-sized JPEGs (not a test).

    .venv/bin/python scripts/bench/bench_images.py [--photos 24] [--size 4000x3000] [--runs 3]

Generates the photos in a temporary folder (every fourth one rotated by EXIF,
as a phone held upright stores it), then reports medians over the runs:
- cold: empty cache, all cores; ms per photo per core = wall time x cores / photos
- warm: the same photos again, every derivative already in the cache
- decode floor: one full decode, and one DCT-scaled decode, per photo on one core
- bytes per photo of each format at each width
- phone photos at full resolution (a 108 MP JPEG, a 48 MP HEIC): time and peak
  memory of one photo processed alone, in a fresh process (`--no-phones` skips)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from publisher.images.pipeline import ImageCache, process_photos  # noqa: E402
from publisher.images.settings import ImageSettings  # noqa: E402
from samples.synthetic_photos import camera_jpeg, landscape, phone_sized, scenes  # noqa: E402

PHONES = [("108 MP JPEG, 12000x9000", (12000, 9000), "JPEG", "IMG_108MP.jpg"),
          ("48 MP HEIC, 8064x6048", (8064, 6048), "HEIF", "IMG_48MP.HEIC")]
# One photo through the pipeline in a fresh process, which reports its time; the process
# between reports the peak memory (Linux starts a child's peak at its parent's).
_ONE = (
    "import sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
    "from publisher.images.pipeline import ImageCache, process_photos; "
    "from publisher.images.settings import ImageSettings; t = time.perf_counter(); "
    "r = process_photos([Path(sys.argv[2])], ImageSettings(), ImageCache(Path(sys.argv[3])), workers=1); "
    "assert r.processed == 1 and not r.errors, r.errors; print(time.perf_counter() - t)"
)
_PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True); "
    "print(r.stdout.strip(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def phone_photos(root: Path) -> list[tuple[str, int, float, float]]:
    """(label, file bytes, seconds, peak MiB) for each full-resolution phone photo."""
    rows = []
    for label, size, fmt, name in PHONES:
        path = root / name
        path.write_bytes(phone_sized(size, fmt))
        scripts = str(Path(__file__).resolve().parents[1])
        out = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-c", _ONE, scripts, str(path),
                              str(root / f"cache-{name}")], check=True, capture_output=True, text=True).stdout
        seconds, peak = out.split()
        rows.append((label, path.stat().st_size, float(seconds), int(peak) / 1024))
    return rows


def make_photos(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    paths = []
    for index, scene in enumerate(scenes(count)):
        orientation = (1, 1, 1, 6, 1, 1, 1, 8)[index % 8]
        width, height = size if orientation == 1 else size[::-1]
        picture = landscape(width, height, seed=index, scene=scene)
        path = folder / f"IMG_{index:04d}.jpg"
        path.write_bytes(camera_jpeg(picture, orientation=orientation, quality=92))
        paths.append(path)
    return paths


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=24)
    parser.add_argument("--size", default="4000x3000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--webp-method", type=int, help="compare another WebP method (default: the site's)")
    parser.add_argument("--webp-quality", type=int, help="compare another WebP quality")
    parser.add_argument("--no-phones", action="store_true", help="skip the full-resolution phone photos")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    overrides = {"webp_method": args.webp_method, "webp_quality": args.webp_quality}
    settings = ImageSettings(**{k: v for k, v in overrides.items() if v is not None})
    cores = args.workers

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        print(f"Generating {args.photos} photos of {size[0]}x{size[1]} ...", flush=True)
        photos = make_photos(root, args.photos, size)
        source_bytes = sum(p.stat().st_size for p in photos) / len(photos)

        cold, warm, full_decode, draft_decode = [], [], [], []
        for _ in range(args.runs):
            cache = ImageCache(root / "cache")
            shutil.rmtree(cache.directory, ignore_errors=True)
            report = None

            def run():
                nonlocal report
                report = process_photos(photos, settings, cache, workers=cores)

            cold.append(timed(run) * cores / len(photos))
            assert report.processed == len(photos) and not report.errors, report.errors
            warm.append(timed(run) * cores / len(photos))
            assert report.cached == len(photos)
            for path in photos:
                full_decode.append(timed(lambda: Image.open(path).load()))

                def draft():
                    with Image.open(path) as im:
                        im.draft("RGB", (im.width // 2, im.height // 2))
                        im.load()

                draft_decode.append(timed(draft))

        sizes: dict[tuple[int, str], list[int]] = {}
        for name in os.listdir(cache.directory):
            stem, fmt = name.rsplit(".", 1)
            width = int(stem.rsplit("-", 1)[1])
            sizes.setdefault((width, fmt), []).append((cache.directory / name).stat().st_size)
        phones = [] if args.no_phones else phone_photos(root)

    def ms(values):
        return f"{statistics.median(values) * 1000:7.1f} (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f})"

    print(f"\n{args.photos} photos, {size[0]}x{size[1]}, source JPEG {source_bytes / 1024:.0f} KiB on average; "
          f"{cores} worker(s); settings {settings.fingerprint()}")
    print(f"cold   ms per photo per core: {ms(cold)}")
    print(f"warm   ms per photo per core: {ms(warm)}")
    print(f"decode ms per photo (floor):  full {ms(full_decode)}; DCT-scaled 1/2 {ms(draft_decode)}")
    print("\nbytes per photo (median):")
    for (width, fmt), values in sorted(sizes.items()):
        print(f"  {width:>5} {fmt:<4} {statistics.median(values) / 1024:7.1f} KiB")
    if phones:
        print("\nphone photos at full resolution, one at a time, one core:")
        for label, size, seconds, peak in phones:
            print(f"  {label:<24} {size / 2**20:5.1f} MiB file: {seconds:5.2f} s, peak memory {peak:5.0f} MiB")


if __name__ == "__main__":
    main()
