"""Benchmarks (not tests) and the province-scale corpus they generate."""
