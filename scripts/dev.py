"""One entry point for a fresh machine with only Python 3.

    python3 scripts/dev.py serve   # set up .venv, preview on http://127.0.0.1:8000/
    python3 scripts/dev.py build   # set up .venv, build site/ exactly as CI does (--strict)
    python3 scripts/dev.py test    # set up .venv, run the test suite
    python3 scripts/dev.py check [--github]          # check all content, no build
    python3 scripts/dev.py new-village SLUG CATEGORY # start a village
    python3 scripts/dev.py new-article SLUG          # start a news article (draft)

The virtual environment is (re)installed from the pinned requirements files
whenever they change; extra arguments are passed on to the tool. What this
script prints is Chinese, for editors: MkDocs' own English progress lines of
`serve` and `build` are translated or hidden (`--verbose` shows them all).
"""

from __future__ import annotations

import hashlib
import os
import re
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
        print(f"正在创建虚拟环境 {VENV} ……", flush=True)
        venv.create(VENV, with_pip=True)
    print("正在安装依赖（版本固定，只在依赖文件改动后安装一次）……", flush=True)
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
    "deploy": ["python", "scripts/publisher/cli", "deploy"],
    "photo-cache": ["python", "scripts/publisher/cli", "photo-cache"],
}


def _commit_time() -> str:
    """Seconds since 1970 of the checked-out commit, or "" outside a git checkout."""
    try:
        return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


USAGE = """用法：python3 scripts/dev.py 命令

    serve                          本地预览，打开 http://127.0.0.1:8000/ ，保存文件后自动刷新
    build                          生成网站到 site/（与发布时完全相同，有任何问题都会停止）
    check [--github]               只检查内容，不生成网站
    new-village 文件夹名 分类键     新建村档案，如 new-village huahebian rural-governance
    new-article 文件名             新建文章草稿，如 new-article malan-huakai
    deploy [--dry-run]             把 site/ 发布到对象存储（OSS、COS、OBS 等 S3 接口；先运行 build）
    photo-cache pull|push          与存储桶同步照片缓存（CI 用）
    test                           运行测试（开发者用）

serve 和 build 加 --verbose 可显示 MkDocs 的全部英文输出。"""

# MkDocs' progress lines, as editors read them; None: hidden. Anything else it logs at INFO is hidden too.
_LEVEL = re.compile(r"^(INFO|WARNING|ERROR|DEBUG)\s+-\s+(.*)$")
_TIME = re.compile(r"^\[\d\d:\d\d:\d\d\]\s*")
_SAID = [
    (re.compile(r"^Building documentation(\.\.\.| to directory: .*)$"), "正在生成网站……"),
    (re.compile(r"^Documentation built in ([\d.]+) seconds$"), "网站已生成，用时 {0} 秒"),
    (re.compile(r"^Serving on (\S+)$"), "预览地址：{0}  （保存文件后页面会自动刷新；按 Ctrl+C 停止）"),
    (re.compile(r"^Detected file changes$"), "发现文件改动，正在重新生成……"),
    (re.compile(r"^Aborted with (\d+) warnings? in strict mode!$"), "有 {0} 个问题，网站没有生成。请按上面每一行的提示修改。"),
]


def editors_line(line: str) -> str | None:
    """One line of MkDocs' output as editors see it: translated, passed on, or hidden (None)."""
    text = line.rstrip("\n")
    match = _LEVEL.match(text)
    if match is None:
        message = text  # a continuation line, or a tool's own output
        level = None
    else:
        level, message = match.groups()
    message = _TIME.sub("", message)
    for pattern, said in _SAID:
        found = pattern.match(message.strip())
        if found:
            return said.format(*found.groups())
    if level == "INFO" or level == "DEBUG":
        return message if re.search(r"[\u4e00-\u9fff]", message) else None  # ours are Chinese
    if level == "WARNING":
        return f"问题：{message}"
    if level == "ERROR":
        return f"错误：{message}"
    return text if text.strip() else None


def _run_filtered(command: list[str], env: dict) -> int:
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, encoding="utf-8", errors="replace", bufsize=1)
    try:
        for line in process.stdout:
            shown = editors_line(line)
            if shown is not None:
                print(shown, flush=True)
        return process.wait()
    except KeyboardInterrupt:
        process.wait()
        print("已停止。")
        return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(USAGE)
        return 2
    ensure_venv()
    tool, *args = COMMANDS[argv[0]]
    # MkDocs 1.6 prints a banner about MkDocs 2.0 on every run; we pin mkdocs<2.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if argv[0] == "build" and "SOURCE_DATE_EPOCH" not in env and _commit_time():
        # Reproducible: the dates in sitemap and feeds are the commit's, not today's.
        env["SOURCE_DATE_EPOCH"] = _commit_time()
    extra = argv[1:]
    command = [str(_bin(tool)), *args]
    if argv[0] not in ("serve", "build"):
        return subprocess.call(command + extra, cwd=ROOT, env=env)
    verbose = {"--verbose", "-v"} & set(extra)
    extra = [a for a in extra if a not in ("--verbose", "-v")]
    if verbose:  # MkDocs' own output, all of it
        code = subprocess.call(command + extra + ["-v"], cwd=ROOT, env=env)
    else:
        code = _run_filtered(command + extra, env)
    if argv[0] == "build" and code == 0 and not extra:
        # The proof `deploy` asks for: site/ is this commit's complete strict build.
        code = subprocess.call([str(_bin("python")), "scripts/publisher/cli", "mark-build"], cwd=ROOT, env=env)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
