"""Two articles with the same title: readers could not tell them apart in lists and feeds."""

from __future__ import annotations

from collections import defaultdict

from ..findings import Finding
from ..news.articles import News


def check_duplicate_titles(news: News) -> list[Finding]:
    by_title: dict[str, list] = defaultdict(list)
    for article in news.articles:
        by_title[article.title].append(article)
    findings = []
    for title, articles in by_title.items():
        first, *others = sorted(articles, key=lambda a: a.source)
        for article in others:
            findings.append(Finding(article.source, article.title_line, "title", f"与 {first.source} 标题相同：“{title}”"))
    return findings
