"""Prefect flows that chain the stages in ``tasks/``, and the ``datamap`` CLI."""
import os as _os

# No network here: keep Prefect and Great Expectations from phoning home.
_os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
_os.environ.setdefault("DO_NOT_TRACK", "1")
_os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
_os.environ.setdefault("HF_HUB_OFFLINE", "1")
_os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
_os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
_os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
if "NUMBA_CACHE_DIR" not in _os.environ:
    _d = _os.path.join(_os.path.expanduser("~"), ".cache", "datamap", "numba")
    _os.makedirs(_d, exist_ok=True)
    _os.environ["NUMBA_CACHE_DIR"] = _d
