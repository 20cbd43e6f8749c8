"""Text of the skeletons that `new-village` and `new-article` write, which must not be published.

The skeletons (``cli.scaffold``) take their placeholder values from here, and
the check rejects any of them still in a file: one list, both sides.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..findings import Finding
from .yamlsource import YamlDocument, dotted

VILLAGE_NAME = "请填写村名"
VILLAGE_COUNTY = "请填写县"
VILLAGE_SUMMARY = "请用一两句话介绍这个村。"
ARTICLE_TITLE = "请填写标题"
ARTICLE_LEAD = "第一段是列表页显示的摘要。"
# The optional fields of the village skeleton, commented out there: uncommented unchanged, they are placeholders too.
OPTIONAL = ("某某镇", "某某村党支部", "姓名", "一句话亮点", "图片说明", "一句话描述画面", "报道标题", "标签")
STORY_START = "村庄故事，每段写成一行"

PLACEHOLDERS = {VILLAGE_NAME, VILLAGE_COUNTY, VILLAGE_SUMMARY, ARTICLE_TITLE, ARTICLE_LEAD, *OPTIONAL}


def is_placeholder(text: str) -> bool:
    text = text.strip()
    return text in PLACEHOLDERS or text.startswith(("请填写", STORY_START))


def check_placeholders(doc: YamlDocument) -> list[Finding]:
    """Every text value of the document that is still the skeleton's, at its line."""
    return [
        Finding(doc.path, doc.line_of(path), dotted(path), f"还是模板里的示例文字“{text.strip()}”，请换成真实内容")
        for path, text in _texts(doc.data, ())
        if is_placeholder(text)
    ]


def check_body(shown: str, lines: list[str], first_line: int) -> list[Finding]:
    """Placeholder lines of an article's body (``first_line``: the number of ``lines[0]`` in the file)."""
    return [
        Finding(shown, number, None, f"正文中还有模板里的示例文字“{line.strip()}”，请换成真实内容")
        for number, line in enumerate(lines, first_line)
        if is_placeholder(line.lstrip("# ").strip()) and line.strip()
    ]


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
