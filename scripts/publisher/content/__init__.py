"""Content: read the editors' YAML keeping every line, validate it, load villages, categories and campaign figures."""
