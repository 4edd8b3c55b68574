"""Ingest: sources -> bytes -> text -> the articles table (discovery, decoding, readers,
cleaning, dates, sidecars, duplicates)."""
