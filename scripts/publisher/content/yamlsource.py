"""Read an editor's YAML file into data plus the line of every value.

PyYAML reports syntax errors with a position, but the data it returns has
lost them; schema errors need them too. We compose the node tree (which keeps
marks), construct the data from it and index every key path to its line.
Dates stay strings (no implicit timestamps), and a key written twice in one
mapping is reported instead of silently keeping the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..findings import Finding
from .slips import find_slips

KeyPath = tuple  # a key path: ("figures", 2, "value")
MAX_BYTES = 1 << 20  # no profile, data file or article is near this; a larger file is refused unread


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, where built) without the implicit timestamp type:
    `2018-06-28` stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    path: str  # as shown to editors
    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)  # value's line, 1-based
    key_lines: dict[KeyPath, int] = field(default_factory=dict)  # line of the key itself
    findings: list[Finding] = field(default_factory=list)
    offset: int = 0  # lines before the YAML in its file (front matter)

    @property
    def ok(self) -> bool:
        return not self.findings

    def line_of(self, path: KeyPath, *, key: bool = False) -> int:
        """Line of the deepest known prefix of ``path`` (1 for the document)."""
        path = tuple(path)
        while path:
            if key and path in self.key_lines:
                return self.key_lines[path]
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(file: Path, shown_as: str) -> YamlDocument:
    """Read ``file``; problems are returned as findings, never raised."""
    doc = YamlDocument(shown_as)
    raw = read_bounded(file, doc)
    text = None if raw is None else decode_text(raw, doc)
    return doc if text is None else parse_yaml(text, shown_as, doc=doc)


def read_bounded(file: Path, doc: YamlDocument, limit: int = MAX_BYTES) -> bytes | None:
    """The file's bytes, or None with a finding: unreadable, or too large to be an editor's file."""
    try:
        with file.open("rb") as handle:
            data = handle.read(limit + 1)  # never more, however large the file
        if len(data) > limit:
            size = max(file.stat().st_size, len(data))
            doc.findings.append(Finding(
                doc.path, None, None,
                f"文件太大（{size / 2**20:.1f} MB，上限 {limit / 2**20:.0f} MB），未读取；"
                "照片请放进 photos/ 文件夹，不要写进文字文件",
            ))
            return None
        return data
    except OSError as error:
        doc.findings.append(Finding(doc.path, None, None, f"无法读取文件：{error.strerror}"))
        return None


def decode_text(raw: bytes, doc: YamlDocument) -> str | None:
    """UTF-8 text (a byte-order mark dropped, Windows and old Mac line ends read as
    line ends, as the engine reads files), or None with a finding on the line of
    the first bad byte."""
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        doc.findings.append(Finding(
            doc.path, line, None,
            "文件不是 UTF-8 编码（这一行有无法识别的字节）；请在编辑器中用 UTF-8 编码另存",
        ))
        return None


def parse_yaml(text: str, shown_as: str, first_line: int = 1, doc: YamlDocument | None = None) -> YamlDocument:
    """Parse YAML text that starts on line ``first_line`` of the file ``shown_as``."""
    doc = doc or YamlDocument(shown_as)
    doc.offset = first_line - 1
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        doc.findings.append(Finding(shown_as, first_line, None, "文件是空的，没有任何内容"))
        return doc

    alias = _first_alias(text)
    if alias is not None:
        line, name = alias
        doc.findings.append(Finding(
            shown_as, line + doc.offset, None,
            f"用了 YAML 的锚点和别名（*{name}）；档案里不需要它们，请把内容直接写出来",
        ))
        return doc
    slips = find_slips(text, shown_as, doc.offset)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc.data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        syntax = _syntax_finding(error, shown_as, doc.offset, text)
        # A slip at or before the line YAML stumbled on is what went wrong there.
        named = [slip for slip in slips if syntax.line is None or slip.line <= syntax.line]
        doc.findings += named or [syntax]
        return doc
    except yaml.YAMLError as error:
        doc.findings.append(Finding(shown_as, None, None, f"YAML 格式错误（{error}）"))
        return doc
    finally:
        loader.dispose()

    if node is None:
        doc.findings.append(Finding(shown_as, first_line, None, "文件是空的，没有任何内容"))
        return doc
    _index(node, (), doc)
    doc.findings += slips  # parsed, but not as the editor meant
    return doc


def _first_alias(text: str) -> tuple[int, str] | None:
    """Line and name of the first alias (``*name``), before anything is built or walked:
    nested aliases make billions of nodes of a few hundred bytes ("billion laughs")."""
    if "*" not in text:
        return None  # no alias without one: most files are parsed once
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1, event.anchor
    except yaml.YAMLError:
        return None  # composing reports the syntax error with its line
    return None


# Common PyYAML problems, explained; the original wording follows in brackets.
_HINTS = [
    ("found character '\\t'", "用了 Tab 键缩进，YAML 只能用空格缩进"),
    ("mapping values are not allowed", "这一行缩进不对，或文字里含有“: ”（含冒号的文字请整体加上引号）"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合"),
    ("expected ',' or '}'", "花括号 { } 没有闭合"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("expected <block end>", "缩进没有对齐"),
    ("could not find expected ':'", "缺少冒号，或上一行的引号没有闭合"),
]


def _syntax_finding(error: yaml.MarkedYAMLError, shown_as: str, offset: int, text: str) -> Finding:
    mark = error.problem_mark or error.context_mark
    detail = " ".join(str(part) for part in (error.context, error.problem) if part)
    lines = text.splitlines()
    if mark and mark.line < len(lines) and "\t" in lines[mark.line] and "start any token" in detail:
        detail = detail.replace("found character", "found character '\\t'")  # libyaml omits it
    hint = next((hint for pattern, hint in _HINTS if pattern in detail), "请检查这一行及上一行的缩进、冒号和引号")
    message = f"YAML 格式错误：{hint}"
    if error.context_mark and mark and error.context_mark.line != mark.line:
        message += f"（问题从第 {error.context_mark.line + 1 + offset} 行开始）"
    return Finding(shown_as, mark.line + 1 + offset if mark else None, None, f"{message} [{detail}]")


def _index(node: yaml.Node, path: KeyPath, doc: YamlDocument) -> None:
    doc.lines[path] = node.start_mark.line + 1 + doc.offset
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + doc.offset
            if key in seen:
                doc.findings.append(Finding(
                    doc.path, line, dotted(path + (key,)),
                    f"这个字段写了两次（第 {seen[key]} 行已有）；请合并为一处，以免内容丢失",
                ))
                continue
            seen[key] = line
            doc.key_lines[path + (key,)] = line
            _index(value_node, path + (key,), doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index(item, path + (index,), doc)


def dotted(path: KeyPath) -> str:
    """("figures", 2, "value") -> "figures[3].value" (items counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


