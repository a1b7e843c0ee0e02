"""Great Expectations Data Docs for one build: rendered into the work area, published
with the version (``data_docs/``), served by the web map and linked from the ops page.

GX's ephemeral context would render into a fresh temporary folder per build and leave it
behind; this one has a single site whose folder we choose, or none at all.
"""
from __future__ import annotations

import os

# GX copies fonts and tutorial animations into every site (4 MB); a version keeps only
# what the pages need to read well, and pages fall back to the browser's fonts.
MAX_STATIC_BYTES = 32 * 1024


def docs_context(docs_dir: str | None):
    """An in-memory GX context whose one Data Docs site (``datamap``) is ``docs_dir``."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults

    sites = {} if docs_dir is None else {"datamap": {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": docs_dir},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"}}}
    cfg = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(init_temp_docs_sites=False),
                            data_docs_sites=sites)
    return gx.get_context(mode="ephemeral", project_config=cfg)


def prune_site(docs_dir: str) -> None:
    """Drop the site's large static files (fonts, animated tutorial images)."""
    static = os.path.join(docs_dir, "static")
    for root, _, names in os.walk(static):
        for n in names:
            p = os.path.join(root, n)
            if os.path.getsize(p) > MAX_STATIC_BYTES:
                os.remove(p)


def validation_page(docs_dir: str) -> str | None:
    """The site's page of this build's validation, relative to ``docs_dir``: the page to
    link to. (GX's index lists validations through scripts fetched from CDNs, which an
    offline or script-free viewer does not run; the validation page is plain HTML.)"""
    root = os.path.join(docs_dir, "validations")
    pages = sorted(os.path.relpath(os.path.join(d, n), docs_dir).replace(os.sep, "/")
                   for d, _, names in os.walk(root) for n in names if n.endswith(".html"))
    return pages[-1] if pages else None
