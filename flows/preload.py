"""What a build imports while Prefect's API server starts.

The server is a process of its own that takes ~5–9 s to import and migrate its database
(``flows.runtime.api_server``), with this process waiting and one of the two cores idle.
The stages' heavy imports (Great Expectations for ingest, BERTopic with umap-learn and
scikit-learn for topics) are otherwise paid inside the stages, each on one core; moved
into that wait they cost nothing while they fit in it (measured: the server alone
answered at 5.5 s; with both imports beside it at 6.6 s, where they take ~4.5–6 s alone).
"""
from __future__ import annotations

from collections.abc import Callable


def preload_for(options: dict | None) -> Callable[[], None]:
    """The imports the build with these (already checked) ``options`` will need, as one
    call for ``local_api``'s ``while_starting``: ingest's always; the topic stage's when
    it runs on texts (without a text field it fits no BERTopic)."""
    opts = options or {}
    topics = opts.get("topics", {}) is not None and bool(opts.get("text_field"))

    def preload() -> None:
        from datamap.flows.stages.ingest import preload_ingest

        preload_ingest()
        if topics:
            from datamap.flows.stages.topics import preload_topics

            preload_topics()
    return preload
