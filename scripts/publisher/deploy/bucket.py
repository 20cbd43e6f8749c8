"""The bucket, through boto3: configured from the environment, every failure told in Chinese.

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3 reads
them itself); they are never printed, and botocore's logging stays off.
"""

from __future__ import annotations

import ipaddress
import os
import threading
from dataclasses import dataclass
from urllib.parse import urlparse

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError, NoCredentialsError

DIGEST = "publisher-digest"  # user metadata: x-amz-meta-publisher-digest


class DeployError(Exception):
    """Told to the person deploying as it is; nothing more to add."""


@dataclass(frozen=True)
class Target:
    endpoint: str
    bucket: str
    prefix: str  # "" or ending in /
    region: str
    addressing: str  # virtual or path
    private: str  # the prefix of what is not the site (deploy state, photo cache), relative to the bucket

    @classmethod
    def from_environment(cls, environ=os.environ) -> Target:
        missing = [name for name in ("S3_ENDPOINT", "S3_BUCKET") if not environ.get(name)]
        if missing:
            raise DeployError(f"缺少环境变量 {'、'.join(missing)}：S3_ENDPOINT 是存储的地址（如 https://oss-cn-wuhan-lr.aliyuncs.com），"
                              "S3_BUCKET 是存储桶名")
        endpoint = environ["S3_ENDPOINT"].rstrip("/")
        if urlparse(endpoint).scheme not in ("http", "https"):
            raise DeployError(f"S3_ENDPOINT 应以 https:// 开头（现在是 {endpoint}）")
        prefix = environ.get("S3_PREFIX", "").strip("/")
        prefix = prefix + "/" if prefix else ""
        host = urlparse(endpoint).hostname or ""
        local = host == "localhost" or _is_ip(host)
        addressing = environ.get("S3_ADDRESSING") or ("path" if local else "virtual")
        private = environ.get("S3_PRIVATE_PREFIX", "_private/").strip("/") + "/"
        return cls(endpoint, environ["S3_BUCKET"], prefix, environ.get("S3_REGION") or "us-east-1", addressing, private)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


class Bucket:
    def __init__(self, target: Target, connections: int = 8):
        self.target = target
        self.requests = 0
        self._lock = threading.Lock()
        config = Config(
            region_name=target.region,
            s3={"addressing_style": target.addressing},
            retries={"max_attempts": 6, "mode": "standard"},  # with back-off; throttling and 5xx are retried
            connect_timeout=10, read_timeout=120, max_pool_connections=connections,
            # OSS, COS and OBS do not all take the CRC checksums botocore sends by default since 1.36.
            request_checksum_calculation="when_required", response_checksum_validation="when_required",
        )
        try:
            self.client = boto3.session.Session().client("s3", endpoint_url=target.endpoint, config=config)
        except BotoCoreError as error:
            raise DeployError(f"无法连接存储：{type(error).__name__}") from None
        self.client.meta.events.register("before-send.s3", self._count)

    def _count(self, **_) -> None:
        with self._lock:
            self.requests += 1

    def listing(self, prefix: str) -> dict[str, str]:
        """Key (relative to ``prefix``) -> ETag of every object under it."""
        found = {}
        with self._told():
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.target.bucket, Prefix=prefix):
                for item in page.get("Contents", []):
                    found[item["Key"][len(prefix):]] = item["ETag"].strip('"')
        return found

    def digest_of(self, key: str) -> str | None:
        with self._told():
            try:
                head = self.client.head_object(Bucket=self.target.bucket, Key=key)
            except ClientError as error:
                if _missing(error):
                    return None
                raise
        return head.get("Metadata", {}).get(DIGEST)

    def put(self, key: str, body: bytes, content_type: str, cache_control: str, gzip: bool, digest: str) -> str:
        extra = {"ContentEncoding": "gzip"} if gzip else {}
        with self._told():
            answer = self.client.put_object(
                Bucket=self.target.bucket, Key=key, Body=body, ContentType=content_type, CacheControl=cache_control,
                Metadata={DIGEST: digest}, **extra,
            )
        return answer["ETag"].strip('"')

    def get(self, key: str) -> bytes | None:
        with self._told():
            try:
                return self.client.get_object(Bucket=self.target.bucket, Key=key)["Body"].read()
            except ClientError as error:
                if _missing(error):
                    return None
                raise

    def delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            batch = [{"Key": key} for key in keys[start:start + 1000]]
            with self._told():
                answer = self.client.delete_objects(Bucket=self.target.bucket, Delete={"Objects": batch, "Quiet": True})
            if answer.get("Errors"):
                first = answer["Errors"][0]
                raise DeployError(f"删除 {first.get('Key')} 失败：{first.get('Code')}")

    def _told(self):
        return _Told(self.target)


def _missing(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound")


class _Told:
    """Failures of the storage as one clear sentence; never a traceback, never a credential."""

    def __init__(self, target: Target):
        self.target = target

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _trace):
        if error is None or isinstance(error, DeployError):
            return False
        where = f"{self.target.endpoint} 的存储桶 {self.target.bucket}"
        if isinstance(error, NoCredentialsError):
            raise DeployError("没有凭据：请设置环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY") from None
        if isinstance(error, EndpointConnectionError):
            raise DeployError(f"连不上 {self.target.endpoint}：请检查 S3_ENDPOINT 和网络") from None
        if isinstance(error, ClientError):
            code = error.response.get("Error", {}).get("Code", "?")
            meaning = {
                "InvalidAccessKeyId": "访问密钥 ID 不存在：请检查 AWS_ACCESS_KEY_ID",
                "SignatureDoesNotMatch": "签名不对，多半是密钥写错了：请检查 AWS_SECRET_ACCESS_KEY",
                "AccessDenied": "没有权限：这个密钥不能读写该存储桶（需要列出、读取、上传和删除对象的权限）",
                "NoSuchBucket": "存储桶不存在：请检查 S3_BUCKET 和 S3_REGION",
                "PermanentRedirect": "存储桶不在这个地域：请检查 S3_ENDPOINT 和 S3_REGION",
            }.get(code, f"存储返回错误 {code}")
            raise DeployError(f"{where}：{meaning}（{code}）") from None
        if isinstance(error, BotoCoreError):
            raise DeployError(f"{where}：{type(error).__name__}") from None
        return False
