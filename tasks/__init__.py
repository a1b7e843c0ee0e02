"""Pipeline stages as plain functions: ingest → validate → embed → project → index →
topics → dedupe → publish. Prefect wraps them in ``flows/``; each runs and tests alone."""
