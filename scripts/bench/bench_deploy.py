"""Benchmark of `dev.py deploy` at province scale, to a local S3-compatible server (not a test).

    .venv/bin/python scripts/bench/bench_deploy.py [--villages 1000] [--articles 2000] [--photos 200] [--keep DIR]

Builds the corpus site (`corpus.py`), starts moto's S3 on 127.0.0.1, and
deploys three times: into an empty bucket, again with nothing changed, and
after one village was edited. Reports files, bytes on disk and stored (text
gzip-compressed), seconds and requests of each deploy.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ENV, ROOT, timed_build  # noqa: E402
from publisher.deploy.files import site_files  # noqa: E402

from bench.corpus import write_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--villages", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=200, help="villages with photos (6 each)")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()

    import logging

    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the server's log line per request

    with tempfile.TemporaryDirectory() as temporary:
        project = args.keep or Path(temporary) / "province"
        # Photos of 1600x1200: each still makes every derivative, and the corpus is written in minutes.
        made = write_project(project, args.villages, args.articles, photos=args.photos, photo_size=(1600, 1200))
        print(f"corpus: {made}", flush=True)
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "corpus"]):
            subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *command],
                           cwd=project, check=True, capture_output=True)
        (project / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
        _commit(project)
        build = timed_build(project)
        print(f"build: {build['seconds']:.1f} s", flush=True)
        _mark(project)

        files = site_files(project / "site")
        stored = sum(len(f.body()) for f in files)
        text = [f for f in files if f.gzip]
        print(f"site: {len(files)} files, {_mb(sum(f.size for f in files))} on disk, {_mb(stored)} stored; "
              f"text files {len(text)}: {_mb(sum(f.size for f in text))} -> {_mb(sum(len(f.body()) for f in text))}")

        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        env = {**ENV, "S3_ENDPOINT": f"http://{host}:{port}", "S3_BUCKET": "site",
               "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"}
        boto3.client("s3", endpoint_url=env["S3_ENDPOINT"], region_name="us-east-1",
                     aws_access_key_id="bench", aws_secret_access_key="bench").create_bucket(Bucket="site")
        rows = [("first deploy, empty bucket", _deploy(project, env)), ("again, nothing changed", _deploy(project, env))]
        village = next(p for p in sorted((project / "villages").glob("*/village.yml")))
        village.write_text(village.read_text(encoding="utf-8").replace("summary: ", "summary: 修改后的简介。", 1), encoding="utf-8")
        _commit(project)
        timed_build(project)
        _mark(project)
        rows.append(("after one village was edited", _deploy(project, env)))
        server.stop()

    print("\n| deploy | uploaded | seconds | requests |\n| --- | --- | --- | --- |")
    for label, (seconds, uploaded, requests) in rows:
        print(f"| {label} | {uploaded} | {seconds:.1f} | {requests} |")


def _commit(project: Path) -> None:
    for command in (["add", "-A"], ["commit", "-qm", "edit", "--allow-empty"]):
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *command],
                       cwd=project, check=True, capture_output=True)


def _mark(project: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts/publisher/cli"), "--config", str(project / "mkdocs.yml"),
                    "mark-build"], check=True, capture_output=True, env=ENV)


def _deploy(project: Path, env: dict) -> tuple[float, str, int]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "scripts/publisher/cli"), "--config",
                             str(project / "mkdocs.yml"), "deploy"], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    summary = result.stdout.splitlines()[0]
    uploaded = re.search(r"上传 (\d+) 个（([^）]*)）", summary)
    requests = int(re.search(r"(\d+) 次请求", result.stdout).group(1))
    return seconds, f"{uploaded.group(1)} files ({uploaded.group(2)})", requests


def _mb(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


if __name__ == "__main__":
    main()
