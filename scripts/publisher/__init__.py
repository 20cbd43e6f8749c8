"""The publisher: village profiles and campaign data -> markdown pages.

Everything here is plain Python that hands an engine markdown and data; the
MkDocs-facing layer is ``scripts/hooks.py`` and ``publisher/mkdocs_glue.py``.
"""
