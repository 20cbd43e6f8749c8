"""Findings as GitHub Actions annotations, shown on the pull request's diff."""

from __future__ import annotations

from ..findings import Finding


def github_annotation(finding: Finding) -> str:
    """The finding as a GitHub Actions annotation on the pull request's diff."""
    def escape(text: str, extra: str = "") -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for char in extra:
            text = text.replace(char, {":": "%3A", ",": "%2C"}[char])
        return text

    properties = f"file={escape(finding.path.rstrip('/'), ':,')}"
    if finding.line:
        properties += f",line={finding.line}"
    if finding.field:
        properties += f",title={escape(finding.field, ':,')}"
    return f"::error {properties}::{escape(str(finding))}"
