"""MkDocs hooks (named in mkdocs.yml): each event delegates to the engine adapter, publisher/engine/.

`mkdocs serve` reloads content and templates, but not this Python code:
restart it after editing scripts/.
"""

from __future__ import annotations

from publisher.engine import blog_speedups, event_priority, parallel, preview, render_ahead
from publisher.engine.events import Publisher

_publisher: Publisher | None = None


def on_startup(command, dirty):
    preview.start(command, dirty)  # serve --dirty: rebuild only what changed (publisher/engine/preview.py)


# Before Material's blog plugin (0), which stops on a broken authors file with
# its own words: ours name the file's line.
@event_priority(100)
def on_config(config):
    global _publisher
    _publisher = Publisher(config)
    _publisher.check_settings()
    blog_speedups.RENDER_ONCE = _publisher.project.fast


# Before Material's blog plugin (-50): it must not read articles we reject,
# and our generated pages must be in the files every plugin sees.
@event_priority(50)
def on_files(files, config):
    blog_speedups.remember_unchanged_posts(preview.serving())
    return _publisher.add_pages(files, config)


# After the blog plugin's on_files (-50), which finds the articles.
def on_nav(nav, config, files):
    blog_speedups.index_posts(config.plugins)
    _publisher.attach_to_nav(nav, files, config)


def on_page_markdown(markdown, page, config, files):
    return _publisher.page_markdown(markdown, page)


# Before mkdocs-glightbox (default priority 0), which reads the page meta we set.
@event_priority(50)
def on_page_content(html, page, config, files):
    blog_speedups.shorten_excerpt(page)  # made by the blog's on_page_markdown
    return _publisher.page_content(html, page)


def on_env(env, config, files):
    preview.reuse_compiled_templates(env)
    _publisher.remove_originals(files)
    _publisher.start_search_index(config.site_dir)
    _publisher.template_globals(env)


def on_page_context(context, page, config, nav):
    _publisher.share_preview(page, config)
    return context


def on_post_page(output, page, config):
    return _publisher.post_page(output, page)


def on_post_template(output_content, template_name, config):
    return _publisher.post_template(output_content)  # 404.html and other theme pages


def on_post_build(config):
    _publisher.finish_search_index()
    _publisher.finish_build(config.site_dir)


def on_build_error(error):
    render_ahead.abandon()  # the build's workers, if it failed while they worked
    parallel.abandon()
