"""Slips of a Chinese input method in YAML, named at the line where they are.

A full-width colon after a key (``name：花河边村``), full-width spaces as
indentation, and full-width commas or quotes inside a ``[ ]`` list are typed
without noticing; YAML then fails a line later with a message about
indentation, or silently makes one item of two. Only keys (latin words) are
looked at, so Chinese prose in a story, which uses these characters
rightly, is never flagged.
"""

from __future__ import annotations

import re

from ..findings import Finding

_KEY = r"(?:- )?[A-Za-z_][A-Za-z0-9_]*"
_COLON = re.compile(rf"^[ \u3000]*({_KEY})[ \t\u3000]*：")
_INDENT = re.compile(rf"^ *\u3000[ \u3000]*{_KEY}[ \t]*[:：]")
_FLOW = re.compile(rf"^[ \u3000]*({_KEY}):[ \t]*\[([^\]]*)\]")
_WRONG_IN_LIST = {"，": "中文逗号“，”", "、": "顿号“、”", "“": "中文引号“", "”": "中文引号”", "‘": "中文引号‘", "’": "中文引号’"}


def find_slips(text: str, path: str, offset: int = 0) -> list[Finding]:
    findings = []
    for number, line in enumerate(text.split("\n"), 1 + offset):
        if _INDENT.match(line):
            findings.append(Finding(path, number, None, "行首用了全角空格“　”缩进；YAML 只能用半角空格缩进，请关闭输入法的全角后重打空格"))
            continue
        colon = _COLON.match(line)
        if colon:
            key = colon.group(1).removeprefix("- ")
            findings.append(Finding(path, number, key, f"“{key}”后面用了中文冒号“：”；请改成英文冒号加一个空格：{key}: "))
            continue
        flow = _FLOW.match(line)
        if flow:
            key = flow.group(1).removeprefix("- ")
            wrong = [name for char, name in _WRONG_IN_LIST.items() if char in flow.group(2)]
            if wrong:
                findings.append(Finding(
                    path, number, key,
                    f"方括号列表里用了{'、'.join(wrong)}；各项之间请用英文逗号加空格分开，如 [村企共建, 产业党小组]，不要加引号",
                ))
    return findings
