"""Validate a YAML document against a committed JSON Schema.

jsonschema finds the problems; this module places each on its line (through
the document's key-path index) and words it for editors, in Chinese, naming
the valid choices or the nearest known key where that helps.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..findings import Finding
from .yamlsource import YamlDocument, dotted, read_yaml

_TYPE_NAMES = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "boolean": "是/否（true/false）",
    "array": "列表（每项以“- ”开头）",
    "object": "键值对（字段: 值）",
    "null": "空值",
}


def load_validator(schema_file: Path) -> Draft202012Validator:
    """The schema's validator, compiled once per version of the file."""
    return _compile(schema_file, schema_file.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _compile(schema_file: Path, _mtime: int) -> Draft202012Validator:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def read_checked(path: Path, shown: str, schema: Path, findings: list[Finding]) -> YamlDocument | None:
    """A data file read and validated; None (and its findings reported) when it has problems."""
    doc = read_yaml(path, shown)
    if doc.ok:
        doc.findings += validate(doc, schema)
    findings += doc.findings
    return doc if doc.ok else None


def validate(doc: YamlDocument, schema_file: Path) -> list[Finding]:
    """Every schema problem of ``doc`` as a finding with its line, in file order."""
    validator = load_validator(Path(schema_file))
    findings = [
        finding
        for error in validator.iter_errors(doc.data)
        for finding in _explain(error, doc)
    ]
    return sorted(set(findings), key=lambda f: (f.line or 0, f.field or "", f.message))


def _explain(error: ValidationError, doc: YamlDocument) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator

    if kind == "required":
        parent = error.instance if isinstance(error.instance, dict) else {}
        for name in error.validator_value:
            if name not in parent:
                about = schema.get("properties", {}).get(name, {}).get("description")
                message = f"缺少必填字段（{about}）" if about else "缺少必填字段"
                yield Finding(doc.path, doc.line_of(path), dotted(path + (name,)), message)
        return

    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        for name in error.instance:
            if name in known:
                continue
            hint = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
            message = "未知字段（多半是拼写错误）"
            message += f"，是否想写 {hint[0]}？" if hint else "。"
            message += f"可用字段：{'、'.join(known)}"
            yield Finding(doc.path, doc.line_of(path + (name,), key=True), dotted(path + (name,)), message)
        return

    field = dotted(path) or None
    line = doc.line_of(path)
    message = _number_with_unit(error, path) or _message(error, schema)
    if path[-2:] == ("location", "lat") and error.validator == "maximum":
        message += "；lat 是纬度（黄冈约 29–32），lng 是经度（约 114–117），多半把两者写反了"
    yield Finding(doc.path, line, field, message)


def _message(error: ValidationError, schema: dict[str, Any]) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    if "errorMessage" in schema and kind in ("pattern", "format"):
        return f"{schema['errorMessage']}（现在是 {_show(value)}）"
    if kind == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        return f"应为{'或'.join(_TYPE_NAMES.get(t, t) for t in wanted)}，现在是{_kind_of(value)} {_show(value)}"
    if kind == "enum":
        return f"{_show(value)} 不是可选值；可选：{'、'.join(map(str, expected))}"
    if kind == "minLength":
        return "不能为空" if expected == 1 else f"至少 {expected} 个字"
    if kind == "maxLength":
        return f"太长了：最多 {expected} 个字，现在 {len(value)} 个字"
    if kind == "minItems":
        return f"至少要有 {expected} 项"
    if kind == "maxItems":
        return f"最多 {expected} 项"
    if kind == "uniqueItems":
        return "列表中有重复的项"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{_show(value)} 太小：不能小于 {expected}"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{_show(value)} 太大：不能大于 {expected}"
    if kind == "pattern":
        return f"{_show(value)} 格式不对（应符合 {expected}）"
    return error.message  # a check this module has no wording for yet


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_NUMBER_FIRST = re.compile(r"^\s*(约|近|超过)?\s*([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*(.*?)\s*$")
_MAGNITUDE = re.compile(r"^[十百千万亿多余]+$")


def _number_with_unit(error: ValidationError, path: tuple) -> str | None:
    """``value: 1.2亿`` (a number written as text with its unit): say how to split it."""
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    if error.validator != "type" or not {"number", "integer"} & set(wanted) or not isinstance(error.instance, str):
        return None
    match = _NUMBER_FIRST.match(error.instance.translate(_FULL_WIDTH_DIGITS))
    if not match or not path:
        return None
    number, unit = match.group(2).replace(",", ""), match.group(3)
    key = path[-1]
    if not unit:
        return f"数字要用半角数字、不加引号和逗号：写成 {key}: {number}（现在是 {_show(error.instance)}）"
    if key != "value":
        return f"这里只写数字，不写单位：写成 {key}: {number}（现在是 {_show(error.instance)}）"
    hint = f"unit: {unit}元" if _MAGNITUDE.match(unit) else f"unit: {unit}"
    advice = f"数字和单位要分开写：写成 value: {number}，另起一行写 {hint}（现在是 {_show(error.instance)}）"
    if _MAGNITUDE.match(unit):
        advice += f"；如果不是钱，把“元”换成实际的单位，如 {unit}人"
    return advice


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值对"
    return "空值"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"
