"""Exception classes shared by the pipeline, the store and the reader.

Every error a user can cause or fix has its own class and a message that says what to
do, so callers (CLI, web server, tests) can react to the kind of failure instead of
parsing strings.
"""
from __future__ import annotations


class DatamapError(Exception):
    """Base class: anything datamap raises on purpose."""


class StoreError(DatamapError):
    """The store cannot be read or written (permissions, layout, full disk)."""


class StorageUnreachable(StoreError):
    """The storage endpoint (e.g. an S3 server) cannot be reached at all."""


class DatasetNotFound(DatamapError):
    """No published version of that dataset exists in the store."""


class VersionNotFound(DatamapError):
    """The dataset exists but not the requested version."""


class InvalidName(DatamapError):
    """A dataset, version or tag name that would escape the store or is malformed."""


class IngestError(DatamapError):
    """The input file cannot be read or lacks a requested field."""


class ValidationFailed(DatamapError):
    """Rows break the data contract (ids, text, vectors); nothing was published.

    ``failures`` holds one dict per broken expectation: field, check, count, examples.
    """

    def __init__(self, message: str, failures: list[dict] | None = None):
        super().__init__(message)
        self.failures = failures or []


class EmbeddingError(DatamapError):
    """The embedding model cannot be loaded or produced unusable vectors."""


class ImportOrderError(EmbeddingError):
    """The embedder's engine cannot be loaded in this process because of what was
    imported before datamap (``tasks/embed/load_order.py``): loading it would crash."""


class IntegrityError(DatamapError):
    """A published artifact does not match the checksum in its manifest."""


class ResourceMissing(DatamapError):
    """The version exists but was built without this resource (e.g. no topics)."""


class UnknownField(DatamapError, KeyError):
    """A field name that is not a column of this map's data."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class InvalidTopicDepth(DatamapError, ValueError):
    """A topic depth outside 1..D for this map's topic hierarchy."""


class UnknownTag(DatamapError, KeyError):
    """A tag name that does not exist for this dataset (the message lists those that do)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ReservedTag(DatamapError, ValueError):
    """A tag name owned by datamap itself (e.g. the derived ``duplicates`` tag)."""


class InvalidOption(DatamapError, ValueError):
    """An option is unknown or has a value outside its choices; the message names both."""


class InvalidSchedule(InvalidOption):
    """A refresh schedule (source registry) that is not a cron expression."""


class InvalidOutlierOptions(InvalidOption):
    """Options of the outliers stage that it cannot use (unknown method, k out of range)."""


class TagTooSmall(DatamapError, ValueError):
    """``tags.suggest`` needs more tagged points (or untagged ones) to learn from."""


class UnknownProjection(DatamapError, KeyError):
    """A projection method this datamap does not know, or one this map version lacks."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


class ImageUnreadable(DatamapError):
    """An image referenced by a row cannot be opened (missing file, not an image)."""


class MissingExtra(DatamapError):
    """A command or function needs an optional part of datamap that is not installed."""


class LabellerError(DatamapError, ValueError):
    """A topic labeller is misconfigured (unknown name, missing server URL or model).

    Failures of a reachable-or-not labelling *server* are never raised: those topics fall
    back to the offline labels and the manifest records which and why."""


class UnknownLabeller(LabellerError, InvalidOption):
    """``--labeller`` / ``topics.labeller`` names nothing that can name topics (an unknown
    name, a ``module:attr`` whose module is not importable, ``openai`` without a URL):
    refused before any work, as a usage error."""


class NoQueryModel(DatamapError):
    """A map's vectors came from a model datamap cannot load to embed a query (your own
    vectors, or a model folder that is gone): embed the query yourself and search with
    ``m.vector_search(queries=…)``."""
