"""One entry point for a fresh machine with only Python 3.

    python3 scripts/dev.py serve   # set up .venv, preview on http://127.0.0.1:8000/
    python3 scripts/dev.py build   # set up .venv, build site/ exactly as CI does (--strict)
    python3 scripts/dev.py test    # set up .venv, run the test suite
    python3 scripts/dev.py check [--github]          # check all content, no build
    python3 scripts/dev.py new-village SLUG CATEGORY # start a village
    python3 scripts/dev.py new-article SLUG          # start a news article (draft)

The virtual environment is (re)installed from the pinned requirements files
whenever they change; extra arguments are passed on to the tool.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
STAMP = VENV / ".requirements.sha256"


def _bin(name: str) -> Path:
    return VENV / ("Scripts" if os.name == "nt" else "bin") / name


def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for path in REQUIREMENTS:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the pinned requirements unless already current."""
    wanted = _requirements_digest()
    if STAMP.is_file() and STAMP.read_text().strip() == wanted and _bin("python").exists():
        return
    if not _bin("python").exists():
        print(f"Creating virtual environment in {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    print("Installing pinned requirements ...", flush=True)
    subprocess.run(
        [str(_bin("python")), "-m", "pip", "install", "--disable-pip-version-check",
         "-q", "-r", str(ROOT / "requirements-dev.txt")],
        check=True,
    )
    STAMP.write_text(wanted + "\n")


COMMANDS = {
    # --dirty: rebuild only what an edit touches (scripts/publisher/engine/preview.py).
    "serve": ["mkdocs", "serve", "--dirty"],
    "build": ["mkdocs", "build", "--strict"],
    "test": ["python", "-m", "pytest"],
    "check": ["python", "scripts/publisher/cli", "check"],
    "new-village": ["python", "scripts/publisher/cli", "new-village"],
    "new-article": ["python", "scripts/publisher/cli", "new-article"],
}


def _commit_time() -> str:
    """Seconds since 1970 of the checked-out commit, or "" outside a git checkout."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    ensure_venv()
    tool, *args = COMMANDS[argv[0]]
    # MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; we pin mkdocs<2.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if argv[0] == "build" and "SOURCE_DATE_EPOCH" not in env and _commit_time():
        # Reproducible: the dates in sitemap and feeds are the commit's, not today's.
        env["SOURCE_DATE_EPOCH"] = _commit_time()
    return subprocess.call([str(_bin(tool)), *args, *argv[1:]], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
