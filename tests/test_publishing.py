"""The publishing workflow and the build it publishes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO, site_files

WORKFLOW = REPO / ".github/workflows/site.yml"
BIN = Path(sys.executable).parent

# The first major version of each action that runs on Node 24 (Node 20 is deprecated).
CURRENT_MAJORS = {
    "actions/checkout": 5,
    "actions/cache/restore": 5,
    "actions/cache/save": 5,
    "actions/upload-artifact": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def test_workflow_passes_actionlint():
    result = subprocess.run([str(BIN / "actionlint"), str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_has_no_high_severity_zizmor_finding():
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", str(WORKFLOW.parent)],
        capture_output=True, text=True, cwd=REPO,
    )
    findings = json.loads(result.stdout or "[]")
    high = [f["ident"] for f in findings if f["determinations"]["severity"] == "High"]
    assert high == [], high


def test_workflow_uses_current_actions():
    uses = re.findall(r"uses: ([\w./-]+)@v(\d+)", WORKFLOW.read_text(encoding="utf-8"))
    assert {name for name, _ in uses} == set(CURRENT_MAJORS)
    for name, major in uses:
        assert int(major) >= CURRENT_MAJORS[name], (name, major)


def test_workflow_publishes_only_what_passed():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = [step.get("run", step.get("uses", "")).strip() for step in build["steps"]]
    test = steps.index("bash .ci/run")  # which runs python3 scripts/dev.py test
    check, site = (steps.index(f"python3 scripts/dev.py {c}") for c in ("check --github", "build"))
    assert test < check < site < next(i for i, s in enumerate(steps) if "upload-pages-artifact" in str(s))
    assert deploy["needs"] == "build" and deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {}


def _commands(text: str) -> set[str]:
    return set(re.findall(r"python3 scripts/dev\.py [a-z-]+(?: --[a-z]+)?", text))


def test_workflow_ci_and_readme_run_the_same_commands():
    readme = _commands((REPO / "README.md").read_text(encoding="utf-8"))
    ci = _commands((REPO / ".ci/run").read_text(encoding="utf-8"))
    workflow = _commands(WORKFLOW.read_text(encoding="utf-8"))
    assert ci == {"python3 scripts/dev.py test"}
    assert workflow <= readme, workflow - readme
    # The workflow tests through .ci/run itself: the same packages, installed the same way.
    assert "bash .ci/run" in [step.get("run", "").strip() for step in
                              yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]]


def test_two_builds_of_the_same_commit_are_identical(tmp_path):
    sites = []
    for name in ("one", "two"):
        site = tmp_path / name
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=REPO, check=True, capture_output=True, timeout=300,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1530144000"},
        )
        sites.append(site_files(site))
    assert sites[0].keys() == sites[1].keys()
    different = sorted(name for name in sites[0] if sites[0][name] != sites[1][name])
    assert different == [], different
    assert b"<lastmod>2018-06-28</lastmod>" in sites[0]["sitemap.xml"]  # the commit's date, not today's
