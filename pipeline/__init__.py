"""RTES export ingestion pipeline: read, clean, split, metadata, diverge, extract, write."""
