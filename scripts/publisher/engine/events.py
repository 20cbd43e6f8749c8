"""What each MkDocs event does: translate between MkDocs' objects and the plain core.

``scripts/hooks.py`` forwards the events here. Loading and checking, photos, the
page plan and pages, and the search index are engine-free; this class holds one
build's state and hands MkDocs what they make.
"""

from __future__ import annotations

from functools import cached_property, partial
from pathlib import Path

from material.plugins.blog.structure import View as BlogView
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..check import check_planned
from ..check.links import article_source, articles_by_url
from ..check.photos import drop_duplicate_photos
from ..content.model import Campaign, Content
from ..findings import Finding
from ..images.photos import IMAGE_SUFFIXES, drop_failed_photos, village_photo_files
from ..images.pipeline import ImageCache, Report, process_photos
from ..images.settings import ImageSettings
from ..loading import author_keys, load_site
from ..news.articles import Article, News
from ..search.index import SearchDoc
from ..search.pages import article_doc, village_doc
from ..search.writer import IndexWriter
from ..urls import page_url, relative_url
from ..views.articles import article_header, article_markdown
from ..views.fragments import Fragments
from ..views.links import site_relative
from ..views.offline import write_service_worker
from ..views.page_images import PageImages
from ..views.pages import PageMaker, PageSource
from ..views.pictures import ASSET_DIR
from ..views.plan import HOME_URI, PagePlan, plan_pages, taken_by_editors, village_uri
from ..views.problems import problem_pages, problems_html
from ..views.share import share_image, share_preview
from ..views.valid_html import valid_page
from . import nav as navigation
from . import parallel, preview, render_ahead
from .held_html import HeldHtml
from .nav_cache import NavCache
from .settings import log, read_project


class Publisher:
    """State of one build: the content, its photos, and the pages made from them."""

    def __init__(self, config: MkDocsConfig):
        self.project = project = read_project(config)
        self.images = ImageSettings(publish_originals=project.publish_originals)
        self.cache = ImageCache(project.root / project.cache_dir)
        self.fragments = Fragments(project.root / project.fragments_dir)
        self.config_file = Path(config.config_file_path).resolve()
        self.custom_dir = config.theme.custom_dir
        self.blog = config.plugins.get("material/blog")  # renders the news articles
        self.rss = config.plugins.get("rss")  # writes the news feeds
        if self.rss is not None and isinstance(getattr(self.rss, "pages_to_filter", None), list):
            # mkdocs-rss-plugin 1.19 empties its list of articles in on_startup only; `serve` keeps
            # the plugin between rebuilds, so each rebuild would list every article once more.
            self.rss.pages_to_filter = []
        self.plan = preview.Plan(config.site_dir) if preview.active() else None  # serve --dirty
        self.content = Content([], [], Campaign(), [])
        self.news = News([], [], [])
        self.report = Report()
        self.pages = PagePlan([])
        self.maker: PageMaker | None = None
        self.sources: dict[str, PageSource] = {}
        self.page_images = PageImages({}, self.report, project.shown)
        self.page_image_files: list[File] = []  # images in docs/ (articles' photos)
        self.search_docs: dict[str, SearchDoc] = {}  # by page source path
        self.index = IndexWriter()
        self.articles_by_uri: dict[str, Article] = {}
        self.villages_by_uri = {}
        self.problems = ""  # every finding, for the preview's 404 page
        self.nav_cache = NavCache(None)
        self.held = HeldHtml(enabled=project.fast)  # our HTML blocks, kept out of Python-Markdown

    def check_settings(self) -> None:
        """Before the blog plugin reads its authors file: a broken one is told as itself."""
        if self.project.post_dir is not None:
            _, findings = author_keys(self.project)
            if findings:
                raise PluginError("\n".join(map(str, findings)))

    def add_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """Load and check the content, process photos, report every finding, add pages."""
        loaded = load_site(self.project, preview.files if self.plan is not None else None)
        self.content, self.news = loaded.content, loaded.news
        self.villages_by_uri = {village_uri(v.slug): v for v in self.content.villages}
        self.articles_by_uri = {a.src_uri: a for a in self.news.articles}
        findings = list(loaded.findings)
        for src_uri in self.news.rejected:
            files.remove(files.get_file_from_path(src_uri))

        self.page_image_files = [f for f in files.media_files() if self._is_page_image(f)]
        images = {f.src_uri: Path(f.abs_src_path) for f in self.page_image_files}
        self.report = process_photos(
            village_photo_files(self.content.villages) + list(images.values()), self.images, self.cache,
            known=preview.photos if self.plan is not None else None,
        )
        findings += drop_failed_photos(self.content.villages, self.report)
        keys = {path: photo.key for path, photo in self.report.photos.items()}
        findings += drop_duplicate_photos(self.content.villages, keys)
        self.page_images = PageImages(images, self.report, self.project.shown)
        findings += self.page_images.findings
        self._add_derivatives(files, config)

        self.pages = plan_pages(self.content, has_photos=lambda village: bool(village.photos))
        taken = taken_by_editors(self.pages, lambda uri: files.get_file_from_path(uri) is not None,
                                 lambda uri: self.project.shown(self.project.docs / uri))
        self.pages = self.pages.without(taken)
        findings += taken.values()
        findings += check_planned(self.project, loaded, self.pages)
        self._report(findings)

        self.maker = PageMaker(
            self.content, self.fragments, directory_urls=self.project.directory_urls, photos=self.report.photos,
            news=self.news, include_drafts=self.drafts_shown(), news_categories=self.project.news_categories,
        )
        self.search_docs = {}
        self.sources = {source.src_uri: source for source in self.maker.pages(self.pages)}
        for uri, source in self.sources.items():
            story = self.villages_by_uri[uri].data.get("story", "") if uri in self.villages_by_uri else ""
            files.append(File.generated(config, uri, content=self.held.hold(uri, source.markdown, written=story),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        if preview.serving():
            self._add_problem_pages(files, config, loaded, findings)
        return files

    def _add_problem_pages(self, files: Files, config: MkDocsConfig, loaded, findings: list[Finding]) -> None:
        """`serve`: at a bad village's or article's address, its problems instead of a 404."""
        guide = "editors/" if (self.project.docs / "editors.md").is_file() else None
        address = partial(article_source, self.project)  # (src_uri, date) -> where the blog puts it
        for page in problem_pages(self.project, findings, set(loaded.broken_villages), self.news.rejected, address):
            if files.get_file_from_path(page.src_uri) is None:
                here = page_url(page.src_uri, self.project.directory_urls)
                body = problems_html(self.fragments, page.findings, guide and relative_url(here, guide))
                files.append(File.generated(config, page.src_uri, content=f"# {page.title}\n\n{body}\n",
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        self.problems = problems_html(self.fragments, findings, None) if findings else ""

    def workers(self) -> int:  # the preview renders only what changed, in one process
        return 1 if preview.serving() or self.plan is not None else self.project.workers

    def template_globals(self, env) -> None:  # hg_offline: the preview registers no service worker
        env.globals.update(preview_problems=self.problems, hg_offline=not preview.serving(),
                           **self.nav_cache.template_globals())

    def _report(self, findings: list[Finding]) -> None:
        for finding in sorted(findings):
            log.warning(str(finding))
        if findings:
            log.info(f"内容检查发现 {len(findings)} 个问题；有错误的档案和照片已跳过，其余照常生成。")

    def drafts_shown(self) -> bool:  # by `mkdocs serve` (draft_on_serve), never by a build
        return bool(self.blog is not None and self.blog.config.draft)

    def _is_page_image(self, file: File) -> bool:
        """Photos in docs/ (articles' images); not the site's own assets."""
        return (
            file.abs_src_path is not None
            and Path(file.abs_src_path).suffix.lower() in IMAGE_SUFFIXES
            and Path(file.abs_src_path).resolve().is_relative_to(self.project.docs)
            and not file.src_uri.startswith(("assets/", "stylesheets/", "javascripts/"))
        )

    def _add_derivatives(self, files: Files, config: MkDocsConfig) -> None:
        for name in sorted(self.report.files()):
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(self.cache.path(name))))
        log.info(f"照片：{len(self.report.photos)} 张，其中 {self.report.processed} 张新处理、"
                 f"{self.report.cached} 张来自缓存，用时 {self.report.seconds:.1f} 秒")

    def attach_to_nav(self, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
        navigation.attach(nav, files, list(self.sources.values()))
        # Where the images of pages are published: the blog plugin moved those of
        # posts in its on_files, after ours.
        self.page_images.place({f.src_uri: f.url for f in self.page_image_files})
        if self.plan is not None:
            preview.plan_rebuild(self, nav, files, config)
        render_ahead.arm(self.workers())  # the pages' markdown, converted by workers as well
        self.nav_cache = NavCache(nav, enabled=self.project.fast)

    @cached_property
    def home_sections(self) -> str:  # once per build (a Publisher is made for each)
        return self.maker.home_sections()

    def page_markdown(self, markdown: str, page: Page) -> str:
        if page.file.src_uri == HOME_URI and self.maker is not None:
            return markdown.rstrip() + "\n\n" + self.home_sections + "\n"
        article = self.articles_by_uri.get(page.file.src_uri)
        if article is None:
            return markdown
        cards = self.held.hold(page.file.src_uri, self.maker.article_villages(article, page.url))
        return article_markdown(markdown, article, cards)

    def page_content(self, html: str, page: Page) -> str:
        """Images in pages become processed pictures; pages without any skip the lightbox."""
        # A news list repeats its articles' excerpts: their images are told of on the articles.
        source = None if isinstance(page, BlogView) else (self.project.docs / page.file.src_uri, page.markdown or "")
        html = site_relative(self.held.restore(page.file.src_uri, html), page.url)
        html, findings = self.page_images.pictures(html, page.url, page.file.src_uri, self.fragments, source=source)
        for finding in findings:
            log.warning(str(finding))
        if 'class="glightbox' not in html:
            page.meta["glightbox"] = False  # mkdocs-glightbox then adds nothing to the page
        article = self.articles_by_uri.get(page.file.src_uri)
        if article is not None:
            page.meta["read_aloud"] = "article"  # 读给我听 (main.html)
            minutes, page.meta["description"] = article_header(html, page.meta.get("description"))
            post_config = getattr(page, "config", None)
            if post_config is not None and hasattr(post_config, "readtime") and not post_config.readtime:
                post_config.readtime = minutes  # the blog counts space-separated "words"
        self._index_for_search(html, page, article)
        return html

    def _index_for_search(self, html: str, page: Page, article: Article | None) -> None:
        """Villages and articles go into the search index (drafts only in a preview)."""
        if not self.project.search or (page.meta.get("search") or {}).get("exclude"):
            return
        village = self.villages_by_uri.get(page.file.src_uri)
        if article is not None:
            self.search_docs[page.file.src_uri] = article_doc(article, self.content, page.url, html)
        elif village is not None:
            self.search_docs[page.file.src_uri] = village_doc(village, self.content, page.url, html)

    def post_page(self, output: str, page: Page) -> str:
        """The blog's list pages show excerpts of articles, rendered after page_content:
        their images become pictures here (on these pages only: parsing costs)."""
        output = valid_page(output)
        if not isinstance(page, BlogView):
            return output
        return self.page_images.excerpts(output, page.url, page.file.src_uri, self.fragments, self._article_at)

    def post_template(self, output: str) -> str:  # the theme's own pages (404.html)
        return valid_page(output)

    def _article_at(self, url: str) -> str | None:
        return self._articles_by_url.get(url)

    @cached_property
    def _articles_by_url(self) -> dict[str, str]:  # once per build, when a news list needs it
        return articles_by_url(self.project, self.news)

    def start_search_index(self, site_dir: str) -> None:
        """Every page's text was collected in page_content, which runs for all pages before on_env.
        Then the pages' templates may be rendered in workers (not in the preview)."""
        render_ahead.finish()
        parallel.arm(self.workers())
        if not self.project.search:
            return
        docs = self.plan.search_docs(self.search_docs) if self.plan else list(self.search_docs.values())
        self._search_count = len(docs)
        folder = Path(site_dir) / "assets" / "search"
        self.index.start(folder, docs, [c.name for c in self.content.categories], background=self.plan is not None)

    def finish_search_index(self) -> None:
        if self.project.search:
            files = self.index.finish()
            log.info(f"搜索索引：{self._search_count} 个页面，{'在后台写入' if files is None else f'{files} 个文件'}")

    def share_preview(self, page: Page, config: MkDocsConfig) -> None:
        """Open Graph data for every page, as plain text; the template escapes it."""
        article = self.articles_by_uri.get(page.file.src_uri)
        if article is not None:
            image = share_image(self.page_images.photos.get(article.cover_uri),
                                self.content.villages_named(article.villages), self.report.photos)
        else:
            image = share_image(None, self.pages.villages_on(page.file.src_uri), self.report.photos)
        site_url = self.project.site_url
        page.meta["share"] = share_preview(
            title=page.title or config.site_name,
            description=page.meta.get("description") or config.site_description or "",
            url=site_url + page.url,
            site_name=config.site_name,
            image_url=site_url + f"{ASSET_DIR}/{image}" if image else None,
            published=article.date if article else None,
        )

    def remove_originals(self, files: Files) -> None:
        """Photos in docs/ are published as derivatives only."""
        for file in self.page_image_files:
            files.remove(file)

    def finish_build(self, site_dir: str) -> None:
        """After a build: the page workers done, this build's service worker, the preview's snapshot."""
        parallel.join()
        if not preview.serving():
            write_service_worker(Path(site_dir), self.fragments)
        if self.plan is not None:
            self.plan.finish()
        removed = self.cache.prune(self.report.files())
        if removed:
            log.info(f"照片缓存：删除了 {removed} 个不再使用的文件")
