"""`dev.py deploy` against a real S3-compatible server on 127.0.0.1 (moto's, checking signatures).

Each test builds a real site, deploys it with the real command and reads the
objects back: what is uploaded, in what order, with which headers, and what
a deploy killed midway leaves for readers.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import boto3
import pytest
from conftest import REPO, village_yaml

POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'


@pytest.fixture(scope="module")
def server():
    """moto's S3 on 127.0.0.1; after four set-up calls every request must be signed with the key made here."""
    os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "4"
    from moto.server import ThreadedMotoServer

    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    host, port = moto.get_host_and_port()
    url = f"http://{host}:{port}"
    anyone = {"endpoint_url": url, "region_name": "us-east-1", "aws_access_key_id": "x", "aws_secret_access_key": "x"}
    iam = boto3.client("iam", **anyone)
    iam.create_user(UserName="ci")
    key = iam.create_access_key(UserName="ci")["AccessKey"]
    iam.put_user_policy(UserName="ci", PolicyName="site", PolicyDocument=POLICY)
    boto3.client("s3", **anyone).create_bucket(Bucket="site")
    yield {"url": url, "port": port, "id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}
    moto.stop()


@pytest.fixture
def bucket(server):
    """A fresh prefix of the bucket for each test, and a client to read it back."""
    client = boto3.client("s3", endpoint_url=server["url"], region_name="us-east-1",
                          aws_access_key_id=server["id"], aws_secret_access_key=server["secret"])
    prefix = f"t{time.monotonic_ns()}"
    return client, prefix


@pytest.fixture
def site(project, monkeypatch):
    """A project in git, with three villages and an article, built as `dev.py build` builds it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1530144000")
    project.village("huahebian", village_yaml(name="花河边村"))
    project.village("feiyue", village_yaml(name="飞跃村", county="蕲春县"))
    project.village("panjiawan", village_yaml(name="潘家湾村", category="folk-custom"))
    project.article("chanye", "title: 油茶\ndate: 2018-06-20\nvillages: [feiyue]")
    project.write(".gitignore", (REPO / ".gitignore").read_text(encoding="utf-8"))
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "content"]):
        _git(project, *args)
    _build(project)
    return project


def _git(project, *args):
    subprocess.run(["git", "-c", "user.name=ci", "-c", "user.email=ci@example.org", *args], cwd=project.root,
                   check=True, capture_output=True)


def _build(project):
    """What `dev.py build` runs: the strict build, then the marker."""
    built = project.cli("build", "--strict")
    assert built.returncode == 0, built.stderr
    marked = _cli(project, "mark-build")
    assert marked.returncode == 0, marked.stderr


def _commit(project, message="edit"):
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", message)


def _environment(server, prefix, **changes):
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "S3_ENDPOINT": server["url"], "S3_BUCKET": "site",
           "S3_PREFIX": prefix, "AWS_ACCESS_KEY_ID": server["id"], "AWS_SECRET_ACCESS_KEY": server["secret"]}
    env.update(changes)
    return env


def _cli(project, *args, env=None, **options):
    return subprocess.run([sys.executable, str(REPO / "scripts/publisher/cli"), "--config",
                           str(project.root / "mkdocs.yml"), *args],
                          capture_output=True, text=True, timeout=300, env=env or {"PATH": "/usr/bin:/bin"}, **options)


def _deploy(project, server, prefix, *args, **changes):
    result = _cli(project, "deploy", *args, env=_environment(server, prefix, **changes))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _uploaded(result) -> set[str]:
    """The keys a --dry-run says it would upload."""
    return {line.split()[1] for line in result.stdout.splitlines() if line.startswith("  上传 ")}


def _objects(client, prefix) -> dict[str, bytes]:
    """Every object of the site as readers get it (gzip undone), private ones left out."""
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket="site", Prefix=prefix + "/"):
        for item in page.get("Contents", []):
            answer = client.get_object(Bucket="site", Key=item["Key"])
            body = answer["Body"].read()
            found[item["Key"][len(prefix) + 1:]] = gzip.decompress(body) if answer.get("ContentEncoding") == "gzip" else body
    return found


def _local(project) -> dict[str, bytes]:
    return {p.relative_to(project.site).as_posix(): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}


def test_first_deploy_uploads_every_file_and_a_second_nothing(site, server, bucket):
    client, prefix = bucket
    first = _deploy(site, server, prefix)
    assert first.returncode == 0, first.stderr
    assert _objects(client, prefix) == _local(site)  # byte for byte, once decompressed
    again = _deploy(site, server, prefix)
    assert again.returncode == 0 and "上传 0 个" in again.stdout and "删除 0 个" in again.stdout
    requests = int(re.search(r"(\d+) 次请求", again.stdout).group(1))
    assert requests <= 3  # one listing, the state, nothing else


def test_objects_are_served_with_the_right_headers(site, server, bucket):
    client, prefix = bucket
    assert _deploy(site, server, prefix).returncode == 0

    def head(key):
        return client.head_object(Bucket="site", Key=f"{prefix}/{key}")

    page = head("villages/huahebian/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["ContentEncoding"] == "gzip" and page["CacheControl"] == "no-cache"
    bundle = next(k for k in _local(site) if re.match(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$", k))
    assert head(bundle)["CacheControl"] == "public, max-age=31536000, immutable"
    assert head(bundle)["ContentType"] == "text/javascript; charset=utf-8"
    for key in ("index.html", "assets/search/meta.json", "sitemap.xml", "feed_rss_created.xml"):
        assert head(key)["CacheControl"] == "no-cache", key
        assert head(key)["ContentType"].endswith("charset=utf-8"), key
    meta = json.loads((site.site / "assets/search/meta.json").read_text(encoding="utf-8"))
    shard = head(f"assets/search/s/0.{meta['shard_names'][0]}.json")
    assert shard["CacheControl"] == "public, max-age=31536000, immutable" and shard["ContentEncoding"] == "gzip"
    css = head(next(k for k in _local(site) if k.startswith("assets/stylesheets/main.") and k.endswith(".css")))
    assert css["ContentType"] == "text/css; charset=utf-8"


def test_photos_are_stored_as_they_are(site, server, bucket):
    from samples.synthetic_photos import camera_jpeg, landscape

    client, prefix = bucket
    site.write("villages/huahebian/photos/a.jpg", camera_jpeg(landscape(640, 480, seed=3)))
    site.village("huahebian", village_yaml(name="花河边村", photos="  - file: a.jpg\n    caption: 村貌（示意图）\n    alt: 村貌"))
    _commit(site)
    _build(site)
    assert _deploy(site, server, prefix).returncode == 0
    photo = next(k for k in _local(site) if k.startswith("assets/photos/") and k.endswith(".webp"))
    answer = client.head_object(Bucket="site", Key=f"{prefix}/{photo}")
    assert answer["ContentType"] == "image/webp" and "ContentEncoding" not in answer
    assert answer["CacheControl"] == "public, max-age=31536000, immutable"


def test_an_edit_uploads_what_changed_and_a_removed_village_is_deleted(site, server, bucket):
    client, prefix = bucket
    assert _deploy(site, server, prefix).returncode == 0
    site.village("panjiawan", village_yaml(name="潘家湾村", category="folk-custom", summary="新的简介。"))
    (site.root / "villages/feiyue/village.yml").unlink()
    (site.root / "villages/feiyue").rmdir()
    site.article("chanye", "title: 油茶\ndate: 2018-06-20")
    _commit(site)
    _build(site)
    planned = _deploy(site, server, prefix, "--dry-run")
    uploads = _uploaded(planned)
    assert "villages/panjiawan/index.html" in uploads
    assert "villages/huahebian/index.html" not in uploads  # not touched by the edit
    # What the edit changed, and no more: of the search index only the files that changed.
    assert len(uploads) < 25, sorted(uploads)
    assert sum(1 for key in uploads if key.startswith("assets/search/d/")) <= 3
    assert "villages/feiyue/index.html" not in _local(site)
    assert "  删除 villages/feiyue/index.html" in planned.stdout
    assert _objects(client, prefix).get("villages/feiyue/index.html") is not None  # a dry run changes nothing

    done = _deploy(site, server, prefix)
    assert done.returncode == 0, done.stderr
    assert _objects(client, prefix) == _local(site)


def test_a_deploy_refuses_a_site_that_is_not_this_commits_strict_build(site, server, bucket):
    client, prefix = bucket
    (site.site / "villages/huahebian/index.html").write_text("changed by hand", encoding="utf-8")
    refused = _deploy(site, server, prefix)
    assert refused.returncode == 1 and "在构建之后被改动过" in refused.stderr
    _build(site)
    site.village("huahebian", village_yaml(name="花河边村", summary="还没有提交的改动。"))
    uncommitted = _deploy(site, server, prefix)
    assert uncommitted.returncode == 1 and "未提交的改动" in uncommitted.stderr
    (site.root / ".cache/publish/build.json").unlink()
    _commit(site)
    unmarked = _deploy(site, server, prefix)
    assert unmarked.returncode == 1 and "不是 dev.py build 生成的" in unmarked.stderr
    assert "Contents" not in client.list_objects_v2(Bucket="site", Prefix=prefix + "/")


def test_a_wrong_key_fails_clearly_and_uploads_nothing(site, server, bucket):
    client, prefix = bucket
    wrong = _deploy(site, server, prefix, AWS_SECRET_ACCESS_KEY="not-the-secret")
    assert wrong.returncode == 1
    assert "签名不对，多半是密钥写错了：请检查 AWS_SECRET_ACCESS_KEY（SignatureDoesNotMatch）" in wrong.stderr
    assert "not-the-secret" not in wrong.stdout + wrong.stderr and server["secret"] not in wrong.stdout + wrong.stderr
    unknown = _deploy(site, server, prefix, AWS_ACCESS_KEY_ID="AKIANOBODY")
    assert unknown.returncode == 1 and "InvalidAccessKeyId" in unknown.stderr
    assert "Contents" not in client.list_objects_v2(Bucket="site", Prefix=prefix + "/")


class StallingProxy:
    """Forwards to the server until it has passed ``limit`` requests, then holds every byte (a dead network)."""

    def __init__(self, port: int, limit: int):
        self.target, self.limit, self.seen = port, limit, 0
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(32)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source, sink, counting):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    return
                if counting:
                    with self.lock:
                        self.seen += len(re.findall(rb"^(GET|PUT|HEAD|POST|DELETE) ", data, re.M))
                        stalled = self.seen > self.limit
                    if stalled:
                        time.sleep(3600)
                sink.sendall(data)
        except OSError:
            return


def test_a_deploy_killed_midway_leaves_the_old_site_readable_and_the_next_completes(site, server, bucket):
    client, prefix = bucket
    assert _deploy(site, server, prefix).returncode == 0
    old_home = _objects(client, prefix)["index.html"]
    site.village("huahebian", village_yaml(name="花河边村", summary="整顿之后，村里建起了产业党小组。"))
    site.write("docs/index.md", (site.root / "docs/index.md").read_text(encoding="utf-8") + "\n新的首页段落。\n")
    _commit(site)
    _build(site)
    changed = _uploaded(_deploy(site, server, prefix, "--dry-run"))
    assert "index.html" in changed and len(changed) >= 6  # only what the edit changed

    proxy = StallingProxy(server["port"], limit=4)  # the listing, the state, then two uploads
    env = _environment(server, prefix, S3_ENDPOINT=f"http://127.0.0.1:{proxy.port}", S3_CONCURRENCY="1")
    running = subprocess.Popen([sys.executable, str(REPO / "scripts/publisher/cli"), "--config",
                                str(site.root / "mkdocs.yml"), "deploy"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while proxy.seen <= proxy.limit and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    running.send_signal(signal.SIGKILL)
    running.wait(timeout=10)
    assert proxy.seen > proxy.limit

    # Readers still get the old home page, and everything it links to is there.
    objects = _objects(client, prefix)
    assert objects["index.html"] == old_home
    for link in re.findall(r'(?:href|src)="([^"#?:]+)"', old_home.decode("utf-8")):
        key = link.lstrip("./") if not link.endswith("/") else link.lstrip("./") + "index.html"
        if key and not key.startswith(".."):
            assert key in objects or key == "index.html", key

    finished = _deploy(site, server, prefix)
    assert finished.returncode == 0, finished.stderr
    assert _objects(client, prefix) == _local(site)
