"""Benchmarks for sitegen: synthetic corpora and timed builds (not tests)."""
