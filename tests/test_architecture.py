"""The layout's rules: only publisher/engine/ talks to MkDocs; the site builds with ProperDocs too."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, site_files

ENGINES = {"mkdocs", "material", "properdocs"}
ENGINE_FOLDER = REPO / "scripts" / "publisher" / "engine"


def engine_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of an engine package: import statements,
    importlib.import_module("…") and __import__("…") with a literal name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            function = node.func
            called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found += [(node.lineno, name) for name in names if name.split(".")[0] in ENGINES]
    return found


def test_the_rule_finds_every_kind_of_import():
    source = "import os\nimport mkdocs.plugins\nfrom material.plugins import blog\n" \
             "import importlib\nimportlib.import_module('properdocs.config')\nfrom .mkdocs import x\n"
    assert engine_imports(source) == [(2, "mkdocs.plugins"), (3, "material.plugins"), (5, "properdocs.config")]


def test_only_the_engine_folder_imports_mkdocs_material_or_properdocs():
    """scripts/ is the product and its tools (hooks, commands, benchmarks); tests drive the engine."""
    offenders = []
    for path in sorted((REPO / "scripts").rglob("*.py")):
        if path.is_relative_to(ENGINE_FOLDER):
            continue
        for line, module in engine_imports(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(REPO)}:{line}: {module}")
    assert offenders == []
    assert engine_imports((ENGINE_FOLDER / "events.py").read_text(encoding="utf-8")), "the rule reads the engine too"


def test_no_product_module_is_over_300_lines():
    long = [
        f"{p.relative_to(REPO)}: {n} lines"
        for p in sorted((REPO / "scripts" / "publisher").rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    ]
    assert long == []


def _build(tool: str, site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1530144000"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(tmp_path):
    """ProperDocs (the maintained MkDocs 1.x) runs our hooks and Material 9: the same files, byte for
    byte, but for the generator line of each page."""
    _build("mkdocs", tmp_path / "mkdocs")
    _build("properdocs", tmp_path / "properdocs")
    ours, theirs = site_files(tmp_path / "mkdocs"), site_files(tmp_path / "properdocs")
    assert sorted(ours) == sorted(theirs)
    assert len(ours) > 100
    generators = set()
    for name, data in ours.items():
        if data != theirs[name]:
            generators.update(GENERATOR.findall(theirs[name]))
            assert GENERATOR.sub(b"", data) == GENERATOR.sub(b"", theirs[name]), name
    assert generators, "ProperDocs names itself in each page's generator line"
    assert all(b"ProperDocs" in g and b"mkdocs-material" in g for g in generators), generators
