"""The artifact schema: file names, column names and manifest layout of a map version.

This module is the single owner of these facts. Pipeline stages, the publisher and the
reader all import names from here, so a change of layout is one edit plus a
``SCHEMA_VERSION`` bump that old readers can detect.
"""
from __future__ import annotations

import re
from typing import Any, TypedDict

SCHEMA_VERSION = 1

# Column that identifies a datum in every artifact (always a string).
ID = "id"
# where an input's own ``id`` column goes when another column is the id (``_2``… if taken)
ID_ORIGINAL = "id_original"

# --- per-version artifacts (relative to versions/<version>/) -------------------------
DATA = "data.parquet"                 # id + every input column, in row order
EMBEDDINGS = "embeddings.arrow"       # Arrow IPC file: id, latent (fixed_size_list)
PROJECTION = "projection.parquet"     # id, x, y
INDEX = "index.usearch"               # usearch HNSW; key = row position
KNN_IDX = "knn_idx.npy"               # (N, K) int64 row positions of each point's nearest, self first
KNN_DIST = "knn_dist.npy"             # (N, K) float32 cosine distances to them (a refresh reuses both)
VALIDATION = "validation.json"        # Great Expectations' validation result document (GX's own JSON)
EXPECTATION_SUITE = "expectation_suite.json"   # the suite that ran: contract + the user's expectations
DATA_DOCS = "data_docs"               # folder: GX Data Docs of that validation (index.html)
MANIFEST = "manifest.json"            # written last; its presence = version complete
TOPICS = "topics.parquet"             # per point: id, topic_depth_d, _topic_depth_d_id
TOPIC_METADATA = "topic_metadata.parquet"
TOPIC_MODEL = "topic_model"           # folder: BERTopic safetensors serialization
DUPLICATES = "duplicates.parquet"     # id, cluster_id, duplicate_class, ...
DUPLICATE_NEIGHBORS = "duplicate_neighbors.parquet"
TILES = "tiles"                       # folder of quadtree tiles for the web map
THUMBNAILS = "thumbnails"             # folder: image thumbnails packed in atlases + index.json
OUTLIERS = "outliers.parquet"          # per point: id, outlier_score, rank (1 = most outlying)
FAST_MODEL = "fast_model.npz"         # fast mode fitted to this corpus (--fast-fit-sample): linear map + token corrections

LATENT = "latent"
X, Y = "x", "y"

# Layout coordinates are scaled isotropically into this box so tiles, labels and
# the viewer can rely on a fixed extent whatever the projection produced.
BOX = (0.0, 1.0)

# --- the build's work area (one folder per build; flows/runtime/workarea.py) ----------
# What every stage after ``ingest`` may read; each stage's own outputs are named by the
# artifact names above, so publishing is a rename.
WORK_DATA = DATA                      # validated table, id first
WORK_VECTORS = "vectors.arrow"        # float32 latent vectors (Arrow IPC, id + latent)
WORK_BYO_VECTORS = "byo_vectors.arrow"   # the user's own vectors, as ingest validated them
WORK_KNN_IDX = KNN_IDX                # (N, K+1) int64 row positions, self first
WORK_KNN_DIST = KNN_DIST              # (N, K+1) float32 cosine distances, self first (0)
WORK_PROJECTION = PROJECTION
WORK_PROJECTION_INFO = "projection.json"   # what the main layout ran and why
WORK_INDEX = INDEX
WORK_LOCALITY = "locality_order.npy"  # (N,) int64 rows in the index's locality order (big maps only)
WORK_FAST_MODEL = FAST_MODEL
WORK_REFRESH_PLAN = "refresh_plan.npz"     # the row diff against the parent version
WORK_REFRESH_INFO = "refresh_plan.json"    # … its summary and the full-layout reason, if any
WORK_REFRESH_STATE = "refresh_state.npz"   # anchored mask, placed rows, parent positions
WORK_TOKEN = "TOKEN"                       # the area's identity in stage cache keys

# --- folder artifacts (tiles, thumbnails) --------------------------------------------
FOLDER_INDEX = "index.json"           # what a folder artifact holds; read first
TILE_FORMAT = "arrow-ipc-stream"
TILES_VERSION = 1
# tile columns (besides colour fields): position, row in data.parquet, sampling rank
TILE_ROW = "row"
TILE_RANK = "rank"

# --- version ids ----------------------------------------------------------------------
# UTC time of the publish, sortable as text: 2026-11-23T094512.123456Z
VERSION_ID_FORMAT = "%Y-%m-%dT%H%M%S.%fZ"
VERSION_ID = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{6}\.\d{6}Z$")

# --- per-dataset files (relative to <store>/<dataset>/) ------------------------------
VERSIONS_DIR = "versions"
LATEST = "LATEST"
TAGS_DIR = "tags"
WORK_DIR = "_work"
# --- per-store files (relative to <store>/) ------------------------------------------
EMBED_CACHE_DIR = "_cache/embeddings"
SOURCES = "_ops/sources.json"         # registered sources + last seen fingerprints (operations)
RUN_LOG_DIR = "_ops/runs"             # <dataset>/<start>-<run>.json: one record per build (resources/runlog.py)

# --- the run log: one small JSON record per build, CLI or deployment -----------------
# outcomes of a run; "running" is written at the start and replaced at the end, so a
# build killed mid-way stays "running" (the overview calls an old one "crashed")
RUN_RUNNING = "running"
RUN_PUBLISHED = "published"
RUN_UNCHANGED = "unchanged"           # skip_unchanged: the source and options equalled LATEST's
RUN_FAILED = "failed"
RUN_SUCCESS = (RUN_PUBLISHED, RUN_UNCHANGED)
# the registry entry's key for a dataset's refresh schedule (cron, UTC)
SOURCE_SCHEDULE = "schedule"

LATENT_DTYPES = ("float32", "float16")
USER_VECTORS_MODEL = "user-provided"   # manifest model id of a map built from your own vectors

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def check_name(name: str, what: str = "dataset") -> str:
    """Refuse names that could escape the store (``../x``, ``a/b``) or hide files."""
    from datamap.resources.errors import InvalidName

    if not isinstance(name, str) or not _NAME.fullmatch(name) or ".." in name:
        raise InvalidName(
            f"invalid {what} name {name!r}: use 1-128 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit, and no '..'"
        )
    return name


# topic_metadata.parquet columns (one row per topic, every depth)
TOPIC_ID = "topic_id"
TOPIC_DEPTH = "depth"
TOPIC_PARENT = "parent"
TOPIC_LABEL = "topic_short_description"
TOPIC_DESCRIPTION = "topic_description"
TOPIC_KEYWORDS = "keywords"
TOPIC_COUNT = "count"


# duplicates.parquet columns (one row per point, row order)
DUP_CLUSTER_ID = "cluster_id"
DUP_CLASS = "duplicate_class"          # singleton | retention candidate | deletion candidate
DUP_RETAINED_ID = "retained_id"        # id of the cluster's retained point (itself if retained)
DUP_DISTANCE = "distance_to_retained"  # cosine distance to it
# duplicate_neighbors.parquet: every unordered pair closer than the stored radius, once
NEIGHBOR_ID = "neighbor_id"
NEIGHBOR_DISTANCE = "distance"
# the text check's verdict on the pair (dictionary-encoded string: one of
# resources.duplicate_clusters.TEXT_REASONS); absent when the build ran without the check
NEIGHBOR_TEXT_CHECK = "text_check"
NEIGHBOR_RADIUS_KEY = b"datamap.neighbor_radius"   # parquet schema metadata
# … and the distance up to which every point's pairs are complete (to the widening cap);
# below it on maps from 200k rows (tasks.dedupe.DuplicateOptions.widen_to), pairs beyond
# it come from the 33-NN graph only. Absent: complete to the radius.
NEIGHBOR_COMPLETE_KEY = b"datamap.pairs_complete_to"
# the tag derived from each version's deletion candidates (dedupe option tag_duplicates)
DUPLICATES_TAG = "duplicates"


# outliers.parquet columns (one row per point, row order)
OUTLIER_SCORE = "outlier_score"        # higher = more isolated (mean k-NN cosine distance, or LOF)
OUTLIER_RANK = "rank"                  # 1 = the most outlying point of the version


def topic_label_column(depth: int) -> str:
    return f"topic_depth_{depth}"


def topic_id_column(depth: int) -> str:
    return f"_topic_depth_{depth}_id"


# extra projections (BuildOptions.projection["extra"]): one layout file and one tile set each;
# the main layout stays PROJECTION / TILES
def projection_artifact(method: str) -> str:
    return f"projection_{method}.parquet"      # id, x, y (box coordinates)


def tiles_artifact(method: str) -> str:
    return f"tiles_{method}"                   # folder, same layout as TILES


# --- the manifest (manifest.json): what a version is and how it was made -------------
# Typed so a misspelt key is a type error, not a silent None. ``total=False``: maps built
# without a stage have no entry for it. Written by tasks/publish.py (after the flow's
# ``build_map._manifest``), read by the reader, the refresh stages and the ops pages.
class BuildInfo(TypedDict, total=False):
    params: dict[str, Any]            # the BuildOptions that made it (flows/build_map.py)
    timings: dict[str, float]         # seconds per stage
    seconds: float                    # whole build, up to publish
    build_key: str                    # the work area's key: hash of input + options
    resumed_stages: list[str]         # stages a crashed run had finished already
    peak_rss_mb: dict[str, float]     # memory high-water mark after each stage


class ModelInfo(TypedDict, total=False):
    id: str                           # embedding model id ("user-provided" for BYO vectors)
    dim: int
    embedded_rows: int
    cached_rows: int
    max_seq_length: int | None
    mode: str | None                  # quality | exact | fast | torch
    fit: dict[str, Any] | None        # fast mode fitted to this corpus (tasks/embed/fast_fit.py): recipe, fit_id,
                                      # model_id, sample, stats, target_model_id, seconds, residuals (texts,
                                      # k, power, folds, seconds; recipe v2), reused (a refresh)


class ValidationSummary(TypedDict, total=False):
    success: bool
    rows_in: int
    rows_out: int
    dropped: dict[str, int]           # "<field>: <check>" → rows dropped (--on-invalid skip)
    suite: str                        # the Expectation Suite's name, datamap.<dataset>
    expectations: int                 # how many ran
    data_docs: str | None             # the artifact of this validation's Data Docs page (under DATA_DOCS)


class Artifact(TypedDict):
    bytes: int
    sha256: str


class Manifest(TypedDict, total=False):
    schema_version: int               # SCHEMA_VERSION when written
    dataset: str
    version: str                      # VERSION_ID_FORMAT
    created_at: str                   # ISO 8601, UTC
    artifacts: dict[str, Artifact]    # every file of the version, by name
    rows: int
    parent: str | None                # the version LATEST named when this one was built
    input: dict[str, Any]             # the source's fingerprint
    build: BuildInfo
    model: ModelInfo
    text_field: str | None
    id_field: str | None
    latent_dtype: str                 # one of LATENT_DTYPES
    validation: ValidationSummary
    refresh: dict[str, Any] | None    # incremental refresh: what was kept, placed, why
    projection: dict[str, Any] | None # main layout: method that ran, and why
    topics: dict[str, Any]            # per-stage summaries, one key per optional stage
    dedupe: dict[str, Any]
    outliers: dict[str, Any]
    projections: dict[str, Any]
    thumbnails: dict[str, Any]
    tiles: dict[str, Any]
    relabel: dict[str, Any]           # ``datamap relabel``: parent, labeller, artifacts rewritten


MANIFEST_KEYS = frozenset(Manifest.__annotations__)


class RunRecord(TypedDict, total=False):
    """One build in the run log (``RUN_LOG_DIR``), written by flows/runtime/runlog.py."""
    run_id: str                       # the Prefect flow run id, else a fresh uuid
    dataset: str
    source: str
    started_at: str                   # ISO 8601, UTC
    ended_at: str | None
    seconds: float | None
    outcome: str                      # RUN_RUNNING | RUN_PUBLISHED | RUN_UNCHANGED | RUN_FAILED
    version: str | None               # published (or, unchanged, the latest) version
    parent: str | None
    rows: int | None
    stage_seconds: dict[str, float]
    error_class: str | None
    error_message: str | None
    trigger: str                      # "deployment" (Prefect deployment run) | "direct" (CLI, Python)
    deployment: str | None
    prefect_flow_run_id: str | None
    datamap_version: str


RUN_RECORD_KEYS = frozenset(RunRecord.__annotations__)

