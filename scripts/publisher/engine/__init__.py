"""The only folder that talks to MkDocs and Material for MkDocs (and ProperDocs, which runs them).

Everything else in ``publisher`` is plain Python that hands markdown and data
to this adapter; ``scripts/hooks.py`` forwards MkDocs' events to ``events``.
"""

from mkdocs.plugins import event_priority  # noqa: F401  (for scripts/hooks.py)
