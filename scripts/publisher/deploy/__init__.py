"""Publish a built site to S3-compatible object storage (Alibaba OSS, Tencent COS, Huawei OBS, AWS S3).

Engine-free: ``files`` says what each file of ``site/`` is (its digest, its
headers, when it goes up), ``marker`` proves the folder is a strict build of
the commit, ``bucket`` talks to the storage, ``sync`` uploads in a safe order.
"""
