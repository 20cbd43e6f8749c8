"""Editors' commands (run them through `python3 scripts/dev.py …`).

    check [--github]            check all content, print path:LINE: field: problem
    new-village SLUG CATEGORY   start villages/SLUG/village.yml
    new-article SLUG            start docs/news/posts/SLUG.md (a draft)
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config(config_file: Path):
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    return load_config(str(config_file))


def check(args) -> int:
    from publisher.check import check_all, github_annotation
    from publisher.mkdocs_glue import blog_settings, load_settings

    started = time.perf_counter()
    config = _config(args.config)
    root, settings = load_settings(config)
    docs = Path(config.docs_dir)
    post_dir, categories, authors = blog_settings(config.plugins["material/blog"], docs)
    content, news, findings = check_all(
        root, docs, settings.villages_dir, settings.campaign_file, post_dir, categories, authors,
    )
    for finding in findings:
        print(github_annotation(finding) if args.github else str(finding))
    seconds = time.perf_counter() - started
    summary = (
        f"检查了 {len(content.villages)} 个村、{len(news.articles)} 篇文章，用时 {seconds:.1f} 秒："
        + (f"发现 {len(findings)} 个问题。" if findings else "没有发现问题。")
    )
    print(summary, file=sys.stderr)
    return 1 if findings else 0


def new_village(args) -> int:
    from publisher.content import load_categories
    from publisher.scaffold import ScaffoldError
    from publisher.scaffold import new_village as make

    from publisher.mkdocs_glue import load_settings

    root, settings = load_settings(_config(args.config))
    findings: list = []
    categories = load_categories(root, settings.villages_dir, findings)
    try:
        path = make(root / settings.villages_dir, args.slug, args.category, categories)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已创建 {path.relative_to(root)}；照片请放在 {path.parent.relative_to(root)}/photos/")
    return 0


def new_article(args) -> int:
    from publisher.mkdocs_glue import blog_settings
    from publisher.scaffold import ScaffoldError
    from publisher.scaffold import new_article as make

    config = _config(args.config)
    docs = Path(config.docs_dir)
    post_dir, categories, authors = blog_settings(config.plugins["material/blog"], docs)
    try:
        path = make(docs / post_dir, args.slug, authors, categories)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"已创建 {path.relative_to(Path(args.config).resolve().parent)}（草稿，写完后删去 draft: true）")
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
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
