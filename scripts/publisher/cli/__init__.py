"""The editors' commands: check, new-village, new-article (run through `python3 scripts/dev.py`)."""
