"""The media types of the API's answers that are not JSON, declared on their routes so
the OpenAPI schema says what a client gets (a schema-driven fuzzer checks it does)."""
from __future__ import annotations

from typing import Any

ARROW = "application/vnd.apache.arrow.stream"   # tiles
PNG = "image/png"                                 # thumbnails and atlases
BYTES = "application/octet-stream"                # one byte per row (outlier percentiles)


def answers(media_type: str) -> dict[str, Any]:
    """Route keyword arguments documenting a 200 of ``media_type`` (and no JSON)."""
    from fastapi.responses import Response

    return {"response_class": Response,
            "responses": {200: {"content": {media_type: {"schema": {"type": "string", "format": "binary"}}}}}}
