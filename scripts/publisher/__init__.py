"""The publisher: village profiles and campaign data -> markdown pages.

Everything here is plain Python that hands an engine markdown and data; the
MkDocs-facing layer is ``scripts/hooks.py``, ``publisher/mkdocs_glue.py``, and
two helpers it uses: ``publisher/preview.py`` (partial rebuilds for
``mkdocs serve --dirty``) and ``publisher/blog_speedups.py`` (Material's blog
plugin at scale).
"""
