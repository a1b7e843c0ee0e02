"""Ingest: read any supported table from any fsspec URL (``read``), name the line a
broken text file fails on (``diagnose``), and check the data contract (``validate``)."""
