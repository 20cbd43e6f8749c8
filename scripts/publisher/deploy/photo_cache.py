"""The photo derivatives cache, shared through the bucket's private prefix.

Derivatives are named by their content (``images.pipeline``), so a name that
exists is the file: any runner downloads what it lacks and uploads what it
made, and several runners can share one cache without locks.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .bucket import Bucket


def cache_prefix(bucket: Bucket) -> str:
    return f"{bucket.target.private}images/"


def pull(bucket: Bucket, folder: Path, workers: int = 8) -> int:
    prefix = cache_prefix(bucket)
    missing = [name for name in bucket.listing(prefix) if "/" not in name and not (folder / name).is_file()]
    folder.mkdir(parents=True, exist_ok=True)

    def fetch(name: str) -> None:
        data = bucket.get(prefix + name)
        if data is not None:
            temporary = folder / f".{name}.part"
            temporary.write_bytes(data)
            temporary.replace(folder / name)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(fetch, missing))
    return len(missing)


def push(bucket: Bucket, folder: Path, workers: int = 8) -> int:
    prefix = cache_prefix(bucket)
    there = set(bucket.listing(prefix))
    new = [p for p in sorted(folder.glob("*")) if p.is_file() and not p.name.startswith(".") and p.name not in there]

    def send(path: Path) -> None:
        bucket.put(prefix + path.name, path.read_bytes(), "application/octet-stream", "private, max-age=0", False, "")

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(send, new))
    return len(new)
