"""What the benchmarks share: where the repository is, and a build timed in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # the publisher, testkit and samples packages
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed_build(project: Path, config: str | Path = "mkdocs.yml") -> dict:
    """`mkdocs build` of ``project``: seconds, peak memory (MiB, by wait4) and its log."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=project, env=ENV,
            stdout=subprocess.DEVNULL, stderr=log, text=True,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        log.seek(0)
        text = log.read()
    if status != 0:
        raise SystemExit(f"build failed in {project}:\n{text[-3000:]}")
    return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024, "log": text}
