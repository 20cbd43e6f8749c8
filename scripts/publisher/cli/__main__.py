"""Editors' commands (run them through `python3 scripts/dev.py …`).

    check [--github]            check all content, print path:LINE: field: problem
    new-village SLUG CATEGORY   start villages/SLUG/village.yml
    new-article SLUG            start docs/news/posts/SLUG.md (a draft)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))  # run as a file: find the publisher package

from publisher.check import check_project  # noqa: E402
from publisher.check.annotations import github_annotation  # noqa: E402
from publisher.cli.scaffold import ScaffoldError  # noqa: E402
from publisher.cli.scaffold import new_article as make_article  # noqa: E402
from publisher.cli.scaffold import new_village as make_village  # noqa: E402
from publisher.content.load import load_categories  # noqa: E402
from publisher.engine.settings import read_project_file  # noqa: E402
from publisher.loading import author_keys  # noqa: E402


def check(args) -> int:
    started = time.perf_counter()
    loaded, findings = check_project(read_project_file(args.config))
    for finding in findings:
        print(github_annotation(finding) if args.github else str(finding))
    seconds = time.perf_counter() - started
    summary = (
        f"检查了 {len(loaded.content.villages)} 个村、{len(loaded.news.articles)} 篇文章，用时 {seconds:.1f} 秒："
        + (f"发现 {len(findings)} 个问题。" if findings else "没有发现问题。")
    )
    print(summary, file=sys.stderr)
    return 1 if findings else 0


def new_village(args) -> int:
    project = read_project_file(args.config)
    findings: list = []
    categories = load_categories(project.root, project.villages_dir, findings)
    try:
        path = make_village(project.root / project.villages_dir, project.villages_dir, args.slug, args.category,
                            categories)
    except ScaffoldError as error:
        print(error.finding, file=sys.stderr)
        return 1
    print(f"已创建 {project.shown(path)}；照片请放在 {project.shown(path.parent)}/photos/")
    return 0


def new_article(args) -> int:
    project = read_project_file(args.config)
    if project.post_dir is None:
        print(f"{args.config.name}: 没有启用新闻（blog 插件），无法新建文章", file=sys.stderr)
        return 1
    authors, _ = author_keys(project)
    posts = project.docs / project.post_dir
    try:
        path = make_article(posts, project.shown(posts), args.slug, authors or [], project.news_categories)
    except ScaffoldError as error:
        print(error.finding, file=sys.stderr)
        return 1
    print(f"已创建 {project.shown(path)}（草稿，写完后删去 draft: true）")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 scripts/dev.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="check all content")
    checking.add_argument("--github", action="store_true", help="print GitHub Actions annotations")
    checking.set_defaults(run=check)
    village = commands.add_parser("new-village", help="start a village")
    village.add_argument("slug")
    village.add_argument("category")
    village.set_defaults(run=new_village)
    article = commands.add_parser("new-article", help="start an article")
    article.add_argument("slug")
    article.set_defaults(run=new_article)
    args = parser.parse_args(argv)
    args.config = args.config.resolve()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
