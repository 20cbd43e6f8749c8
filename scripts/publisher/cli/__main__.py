"""Editors' commands (run them through `python3 scripts/dev.py …`).

    check [--github]            check all content, print path:LINE: field: problem
    new-village SLUG CATEGORY   start villages/SLUG/village.yml
    new-article SLUG            start docs/news/posts/SLUG.md (a draft)
    deploy [--dry-run]          upload site/ to S3-compatible storage (publisher/deploy)
    photo-cache pull|push       share the photo derivatives cache through the bucket
    mark-build                  record that site/ is a strict build of this commit
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
from publisher.cli import deploy as publish  # noqa: E402
from publisher.cli.scaffold import ScaffoldError  # noqa: E402
from publisher.cli.scaffold import new_article as make_article  # noqa: E402
from publisher.cli.scaffold import new_village as make_village  # noqa: E402
from publisher.content.load import load_categories  # noqa: E402
from publisher.engine.settings import read_project_file  # noqa: E402
from publisher.loading import author_keys  # noqa: E402


def check(args) -> int:
    started = time.perf_counter()
    project = read_project_file(args.config)
    loaded, findings = check_project(project)
    for finding in findings:
        print(github_annotation(finding) if args.github else str(finding), flush=True)
    print(summary(loaded, findings, time.perf_counter() - started), file=sys.stderr)
    return 1 if findings else 0


def summary(loaded, findings, seconds: float) -> str:
    """Every file read is counted, the broken ones too."""
    content, news = loaded.content, loaded.news
    villages, broken = len(content.villages) + len(loaded.broken_villages), len(loaded.broken_villages)
    articles, rejected = len(news.articles) + len(news.rejected), len(news.rejected)
    photos = len({entry.path for village in content.villages for entry in village.photos})
    parts = [
        f"{villages} 个村" + (f"（其中 {broken} 个的档案有错误，已跳过）" if broken else ""),
        f"{articles} 篇文章" + (f"（其中 {rejected} 篇有错误，已跳过）" if rejected else ""),
        f"{photos} 张照片",
    ]
    text = f"检查了 {'、'.join(parts)}，用时 {seconds:.1f} 秒："
    if not findings:
        return text + "没有发现问题。"
    files = len({finding.path for finding in findings})
    return text + f"发现 {len(findings)} 个问题，涉及 {files} 个文件。请按每行的提示修改。"


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


class ChineseParser(argparse.ArgumentParser):
    """Mistakes on the command line told in Chinese, with the usage."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        missing = message.split(":", 1)[1].strip() if "required" in message and ":" in message else None
        text = f"缺少：{missing}" if missing else f"命令写得不对（{message}）"
        self.exit(2, f"{text}。用法见上一行，或运行 python3 scripts/dev.py 查看全部命令。\n")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "用法：")


def main(argv: list[str]) -> int:
    parser = ChineseParser(prog="python3 scripts/dev.py", description="检查内容，新建村档案或文章。", add_help=False)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="配置文件（默认 mkdocs.yml）")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=ChineseParser, title="命令")
    checking = commands.add_parser("check", help="检查全部内容，不生成网站", add_help=False)
    checking.add_argument("--github", action="store_true", help="输出 GitHub Actions 标注")
    checking.set_defaults(run=check)
    village = commands.add_parser("new-village", help="新建村档案：new-village 文件夹名 分类键", add_help=False)
    village.add_argument("slug", metavar="文件夹名", help="村名拼音，如 huahebian")
    village.add_argument("category", metavar="分类键", help="如 red-culture，见 villages/categories.yml")
    village.set_defaults(run=new_village)
    article = commands.add_parser("new-article", help="新建文章草稿：new-article 文件名", add_help=False)
    article.add_argument("slug", metavar="文件名", help="文章文件名（拼音），如 malan-huakai")
    article.set_defaults(run=new_article)
    deploying = commands.add_parser("deploy", help="发布 site/ 到对象存储（S3 接口）", add_help=False)
    deploying.add_argument("--dry-run", action="store_true", help="只列出将上传和删除的文件")
    deploying.set_defaults(run=lambda a: publish.deploy(read_project_file(a.config), a.dry_run))
    cache = commands.add_parser("photo-cache", help="与存储桶同步照片缓存：pull 或 push", add_help=False)
    cache.add_argument("direction", choices=["pull", "push"], metavar="pull|push")
    cache.set_defaults(run=lambda a: publish.photo_cache_command(read_project_file(a.config), a.direction))
    marking = commands.add_parser("mark-build", help="记录 site/ 是当前提交的严格构建（dev.py build 调用）",
                                  add_help=False)
    marking.set_defaults(run=lambda a: publish.mark_build(read_project_file(a.config)))
    args = parser.parse_args(argv)
    args.config = args.config.resolve()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
