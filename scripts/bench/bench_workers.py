"""Build time with 1, 2 and 4 page-rendering workers, at province scale without photos (not a test).

    .venv/bin/python scripts/bench/bench_workers.py [--villages 1000] [--articles 2000] [--runs 2]

Builds the corpus (`corpus.py`) with PUBLISHER_WORKERS=1, 2, 4, alternating, and
reports the median seconds and the peak memory of the whole process tree (the
parent and its workers counted together, shared pages once: PSS, sampled every 0.1 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ENV, tree_pss  # noqa: E402

from bench.corpus import write_project  # noqa: E402


def build(project: Path, workers: int) -> tuple[float, int]:
    env = {**ENV, "PUBLISHER_WORKERS": str(workers)}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample():
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_pss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"build failed with {workers} workers")
    return time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        project = Path(temporary) / "province"
        print(write_project(project, args.villages, args.articles), flush=True)
        build(project, 1)  # warm the file cache
        results: dict[int, list] = {1: [], 2: [], 4: []}
        for _ in range(args.runs):
            for workers in results:
                results[workers].append(build(project, workers))
                print(workers, results[workers][-1], flush=True)
    print(f"\n{os.cpu_count()} cores\n\n| workers | build, median (min-max) | peak memory, all processes |\n| --- | --- | --- |")
    for workers, runs in results.items():
        seconds = [s for s, _ in runs]
        print(f"| {workers} | {statistics.median(seconds):.1f} s ({min(seconds):.1f}-{max(seconds):.1f}) "
              f"| {max(p for _, p in runs) / 2**20:.0f} MiB |")


if __name__ == "__main__":
    main()
