"""Links and images that editors write in markdown pages must point to files or planned pages."""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..findings import Finding
from ..news.articles import FRONT_MATTER
from ..project import Project
from ..urls import resolve

LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
CODE_FENCE = re.compile(r"^(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")


def check_links(project: Project, planned: set[str]) -> list[Finding]:
    """Relative links and images in markdown pages must point to existing files or planned pages."""
    docs = project.docs
    findings = []
    for path in sorted(docs.rglob("*.md")):
        source = path.relative_to(docs).as_posix()
        if source.startswith("_"):
            continue
        shown = project.shown(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        front = FRONT_MATTER.match(text)
        offset = text[: front.end()].count("\n") if front else 0
        fenced = False
        for number, line in enumerate(text[front.end() if front else 0:].splitlines(), offset + 1):
            if CODE_FENCE.match(line.lstrip()):
                fenced = not fenced
            if fenced:
                continue
            for match in LINK.finditer(INLINE_CODE.sub("", line)):
                target = match.group(1)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith(("#", "/")):
                    continue
                relative = unquote(target.split("#", 1)[0].split("?", 1)[0])
                if not relative:
                    continue
                resolved = resolve(source, relative)
                if (docs / resolved).exists() or resolved in planned:
                    continue
                kind = "图片" if match.group(0).startswith("!") else "链接"
                findings.append(Finding(shown, number, "link", f"{kind}指向的“{target}”不存在"))
    return findings
