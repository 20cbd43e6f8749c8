"""News articles: their front matter checked before an engine sees them, and the text rules for Chinese."""
