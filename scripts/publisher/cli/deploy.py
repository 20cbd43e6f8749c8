"""`dev.py deploy`, `dev.py photo-cache pull|push` and the build marker `dev.py build` writes."""

from __future__ import annotations

import os
import sys
import time

from ..deploy import photo_cache, sync
from ..deploy.bucket import Bucket, DeployError, Target
from ..deploy.files import site_files
from ..deploy.marker import refusal, write_marker
from ..project import Project


def _workers() -> int:
    return max(1, int(os.environ.get("S3_CONCURRENCY", "8")))


def deploy(project: Project, dry_run: bool = False) -> int:
    site = project.site_dir  # absolute: MkDocs resolves it against mkdocs.yml
    try:
        target = Target.from_environment()
        if not site.is_dir():
            raise DeployError(f"没有 {site}：请先运行 python3 scripts/dev.py build")
        files = site_files(site)
        why = refusal(project.root, site, files)
        if why:
            raise DeployError(why)
        bucket = Bucket(target, connections=_workers())
        started = time.perf_counter()
        plan = sync.make_plan(bucket, files, _workers())
        where = f"{target.endpoint}/{target.bucket}/{target.prefix}"
        print(f"发布到 {where}：{len(files)} 个文件，{plan.unchanged} 个未变，"
              f"上传 {len(plan.uploads)} 个（{sync.size_text(plan.upload_bytes)}），删除 {len(plan.deletions)} 个", flush=True)
        if dry_run:
            for file in plan.uploads:
                print(f"  上传 {file.key}  {file.content_type}  {file.cache_control}{'  gzip' if file.gzip else ''}")
            for key in plan.deletions:
                print(f"  删除 {key}")
            print("（试运行：什么也没有上传或删除）")
            return 0
        sync.run(bucket, plan, _workers())
        print(f"发布完成，用时 {time.perf_counter() - started:.1f} 秒，{bucket.requests} 次请求。", flush=True)
        return 0
    except DeployError as error:
        print(f"发布失败：{error}", file=sys.stderr)
        return 1


def photo_cache_command(project: Project, direction: str) -> int:
    folder = project.root / project.cache_dir
    try:
        bucket = Bucket(Target.from_environment(), connections=_workers())
        if direction == "pull":
            print(f"照片缓存：从存储桶取回 {photo_cache.pull(bucket, folder, _workers())} 个文件")
        else:
            print(f"照片缓存：上传 {photo_cache.push(bucket, folder, _workers())} 个新文件到存储桶")
        return 0
    except DeployError as error:
        print(f"照片缓存同步失败：{error}", file=sys.stderr)
        return 1


def mark_build(project: Project) -> int:
    path = write_marker(project.root, project.site_dir)
    print(f"构建记录：{project.shown(path)}")
    return 0
