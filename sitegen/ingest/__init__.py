"""Ingest: `sitegen import` and `sitegen new` (fetch, extract, page furniture).

Imports only the floor."""
