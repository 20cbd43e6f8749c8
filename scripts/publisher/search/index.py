"""Write the search index: a small manifest, token shards, one file per document.

A query downloads the manifest (document types and filters), the few shards
that hold its tokens, and the documents it shows: never the whole index.

- ``meta.json``: shard count and each shard's name, filter labels, and per
  document its type, filter values and name: ``[type, [category ids], [county ids], name]``.
- ``s/{n}.{name}.json``: ``{token: [ids, title_ids]}``, ids delta-encoded ascending.
- ``d/{id}.{name}.json``: ``{u: url, t: title, k: kind label, c: labels, d: date, x: text}``.

Each shard and document is named by a hash of its content: a changed one gets
a new name, so a reader holding the old manifest still finds its own files while
a deploy is under way (the manifest goes up last), the files can be cached for
good, and an edit publishes only the files it changed.

Document ids follow the result order: villages first, then news, newest first.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .tokens import index_tokens, shard_of

KINDS = {"village": "示范村", "news": "新闻"}
TARGET_SHARD_BYTES = 24_000


@dataclass
class SearchDoc:
    url: str  # site-relative, e.g. villages/feiyue/
    title: str
    kind: str  # a key of KINDS
    text: str
    label: str  # shown with the result: a village's category, an article's categories
    categories: list[str] = field(default_factory=list)  # filter values
    counties: list[str] = field(default_factory=list)
    date: str = ""  # news: YYYY-MM-DD


def build_index(docs: list[SearchDoc], category_order: list[str] = ()) -> dict[str, str]:
    """Relative path -> file content, for every file of the index.

    ``category_order``: how the category filter lists its values (others follow).
    """
    ordered = [d for d in docs if d.kind == "village"] + sorted(
        (d for d in docs if d.kind != "village"), key=lambda d: d.date, reverse=True
    )
    used = _labels(d.categories for d in ordered)
    categories = [c for c in category_order if c in used] + [c for c in used if c not in category_order]
    counties = sorted(_labels(d.counties for d in ordered))
    category_id = {name: number for number, name in enumerate(categories)}
    county_id = {name: number for number, name in enumerate(counties)}
    kind_id = {kind: number for number, kind in enumerate(KINDS)}
    postings: dict[str, tuple[list[int], list[int]]] = {}
    files: dict[str, str] = {}
    meta_docs = []
    for doc_id, doc in enumerate(ordered):
        for token in index_tokens(doc.title + "\n" + doc.text):
            postings.setdefault(token, ([], []))[0].append(doc_id)
        for token in index_tokens(doc.title):
            postings[token][1].append(doc_id)
        meta_docs.append([
            kind_id[doc.kind],
            [category_id[c] for c in doc.categories],
            [county_id[c] for c in doc.counties],
        ])
        text = _json({"u": doc.url, "t": doc.title, "k": KINDS[doc.kind], "c": doc.label, "d": doc.date, "x": doc.text})
        meta_docs[-1].append(_hash(text))
        files[f"d/{doc_id}.{meta_docs[-1][-1]}.json"] = text

    size = sum(len(t) * 3 + 6 + 3 * (len(a) + len(b)) for t, (a, b) in postings.items())
    shards = 1
    while size / shards > TARGET_SHARD_BYTES:
        shards *= 2
    grouped: list[dict[str, list[list[int]]]] = [{} for _ in range(shards)]
    for token, (ids, title_ids) in postings.items():
        grouped[shard_of(token, shards)][token] = [_deltas(ids), _deltas(title_ids)]
    shard_names = []
    for group in grouped:
        text = _json(dict(sorted(group.items())))
        shard_names.append(_hash(text))
        files[f"s/{len(shard_names) - 1}.{shard_names[-1]}.json"] = text

    meta = {
        "shards": shards,
        "shard_names": shard_names,
        "kinds": list(KINDS.values()),
        "categories": categories,
        "counties": counties,
        "docs": meta_docs,
    }
    # Changes whenever the index does (the service worker's version includes it).
    meta["version"] = hashlib.sha256("".join(sorted(files)).encode()).hexdigest()[:12]
    files["meta.json"] = _json(meta)
    return files


def _hash(text: str) -> str:
    """A file's name part from its content: a new index has new names only for what changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _labels(groups) -> list[str]:
    seen: dict[str, None] = {}
    for group in groups:
        for label in group:
            seen.setdefault(label, None)
    return list(seen)


def _deltas(ids: list[int]) -> list[int]:
    return [ids[0]] + [b - a for a, b in zip(ids, ids[1:])] if ids else []


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_index(folder: Path, docs: list[SearchDoc], category_order: list[str] = ()) -> int:
    """Replace ``folder`` with the index of ``docs``; return how many files were written."""
    if folder.exists():
        shutil.rmtree(folder)  # no shard of an older index may linger
    files = build_index(docs, category_order)
    for sub in {os.path.dirname(relative) for relative in files}:
        (folder / sub).mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        (folder / relative).write_bytes(text.encode("utf-8"))
    return len(files)
