"""Upload what changed, in an order that keeps the published site whole at every moment.

1. assets (photos, scripts, styles, search shards), 2. pages, 3. the home
page, the search manifest, feeds and sitemap, 4. deletions. A reader mid-deploy
sees old pages with their old assets, or new pages whose new assets are
already there; the old files go only when nothing published names them.

What is in the bucket is known from one listing (keys and ETags) and a small
state object of ours (key -> our digest and the ETag it was stored with). An
object whose ETag we do not know (a deploy killed midway) is asked for its
digest (one HEAD) before it is uploaded again.
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .bucket import Bucket
from .files import ASSETS, ENTRANCES, PAGES, STEPS, SiteFile


@dataclass
class Plan:
    uploads: list[SiteFile]
    deletions: list[str]
    unchanged: int
    state: dict[str, list[str]] = field(default_factory=dict)  # key -> [digest, etag]

    @property
    def upload_bytes(self) -> int:
        return sum(f.size for f in self.uploads)


def state_key(bucket: Bucket) -> str:
    target = bucket.target
    return f"{target.private}deploy/{target.prefix or '(root)/'}state.json"


def make_plan(bucket: Bucket, files: list[SiteFile], workers: int = 8) -> Plan:
    target = bucket.target
    remote = bucket.listing(target.prefix)
    raw = bucket.get(state_key(bucket))
    known = json.loads(raw) if raw else {}
    state: dict[str, list[str]] = {}
    uploads, unsure = [], []
    for file in files:
        etag = remote.get(file.key)
        if etag is None:
            uploads.append(file)
        elif known.get(file.key) == [file.digest, etag]:
            state[file.key] = [file.digest, etag]
        else:
            unsure.append((file, etag))
    with ThreadPoolExecutor(workers) as pool:
        digests = list(pool.map(lambda item: bucket.digest_of(target.prefix + item[0].key), unsure))
    for (file, etag), digest in zip(unsure, digests):
        if digest == file.digest:
            state[file.key] = [file.digest, etag]
        else:
            uploads.append(file)
    local = {f.key for f in files}
    private = target.private[len(target.prefix):] if target.private.startswith(target.prefix) else None
    deletions = sorted(k for k in remote if k not in local and not (private and k.startswith(private)))
    uploads.sort(key=lambda f: (f.step, f.key))
    return Plan(uploads, deletions, len(files) - len(uploads), state)


class Progress:
    """Files, bytes and rate, one line at a time (readable in CI logs, where nothing redraws)."""

    def __init__(self, step: str, files: list[SiteFile], out=sys.stdout, every: float = 2.0):
        self.step, self.total, self.total_bytes = step, len(files), sum(f.size for f in files)
        self.done = self.bytes = 0
        self.started = self.shown = time.monotonic()
        self.out, self.every = out, every

    def add(self, file: SiteFile) -> None:
        self.done += 1
        self.bytes += file.size
        now = time.monotonic()
        if now - self.shown >= self.every or self.done == self.total:
            self.shown = now
            rate = self.bytes / max(now - self.started, 1e-6)
            print(f"  {self.step}：{self.done}/{self.total} 个文件，{size_text(self.bytes)}/{size_text(self.total_bytes)}，"
                  f"{size_text(rate)}/秒", file=self.out, flush=True)


def run(bucket: Bucket, plan: Plan, workers: int = 8, out=sys.stdout) -> None:
    prefix = bucket.target.prefix
    for step in (ASSETS, PAGES, ENTRANCES):
        batch = [f for f in plan.uploads if f.step == step]
        if not batch:
            continue
        progress = Progress(STEPS[step], batch, out)

        def upload(file: SiteFile) -> tuple[SiteFile, str]:
            etag = bucket.put(prefix + file.key, file.body(), file.content_type, file.cache_control, file.gzip,
                              file.digest)
            return file, etag

        with ThreadPoolExecutor(workers) as pool:
            for file, etag in pool.map(upload, batch):  # a failure stops here, before the next step
                plan.state[file.key] = [file.digest, etag]
                progress.add(file)
        _save_state(bucket, plan)
    if plan.deletions:
        bucket.delete([prefix + key for key in plan.deletions])
        print(f"  删除：{len(plan.deletions)} 个不再使用的文件", file=out, flush=True)
        for key in plan.deletions:
            plan.state.pop(key, None)
    _save_state(bucket, plan)


def _save_state(bucket: Bucket, plan: Plan) -> None:
    body = json.dumps(plan.state, sort_keys=True, separators=(",", ":")).encode()
    bucket.put(state_key(bucket), body, "application/json", "no-store", False, "")


def size_text(size: float) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} KB"
