"""The publisher: village profiles, news and photos -> the pages of a static site.

Everything here is plain Python that hands an engine markdown and data; only
``publisher/engine/`` talks to MkDocs and Material (``tests/test_architecture.py``
enforces it). See the README's "How it works" for the map of the folders.
"""
