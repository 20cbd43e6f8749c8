"""What the benchmarks share: where the repository is, and a build timed in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # the publisher, testkit and samples packages
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed_build(project: Path, config: str | Path = "mkdocs.yml", env: dict | None = None) -> dict:
    """`mkdocs build` of ``project``: seconds, peak memory (MiB) and its log. ``peak_mib``: the
    largest process (wait4); ``tree_mib``: the build and its workers together (PSS, sampled)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=project, env={**ENV, **(env or {})},
            stdout=subprocess.DEVNULL, stderr=log, text=True,
        )
        tree = _Sampler(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        tree.stop()
        log.seek(0)
        text = log.read()
    if status != 0:
        raise SystemExit(f"build failed in {project}:\n{text[-3000:]}")
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "tree_mib": tree.peak / 2**20, "log": text}


class _Sampler:
    """The peak memory of a process tree, sampled every 0.1 s in a thread."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(0.1):
            self.peak = max(self.peak, tree_pss(self.pid))

    def stop(self) -> None:
        self._done.set()
        self._thread.join()


def tree_pss(root: int) -> int:
    """Memory of ``root`` and all its descendants (proportional set size), in bytes (Linux /proc)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    total = 0
    for pid in tree:  # proportional set size: pages the workers share with the parent count once
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:")) * 1024
        except (OSError, StopIteration):
            continue
    return total
