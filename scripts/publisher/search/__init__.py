"""Chinese full-text search: a static, sharded index of overlapping bigrams."""
