"""The ``thumbnails`` stage: atlas PNGs of every row's image, for image maps.

Runs only when the data has an image column (``options["image_field"]`` or detected:
paths/URLs with an image suffix, or image bytes); otherwise it writes nothing and says so
in the manifest. Images are never embedded here: image maps bring their own vectors.
"""
from __future__ import annotations

import os
import shutil
import time

import pyarrow.parquet as pq

from datamap.flows.runtime.stagekit import cached_stage
from datamap.resources import schema


@cached_stage("thumbnails")
def thumbnails(key: str, work_dir: str, text_field: str | None, options: dict) -> dict:
    t0 = time.perf_counter()
    from datamap.resources.errors import UnknownField
    from datamap.tasks import thumbnails as T

    opts = T.ThumbnailOptions.from_dict(options)
    data_path = os.path.join(work_dir, schema.WORK_DATA)
    names = pq.read_schema(data_path).names
    field = opts.image_field
    if field is not None and field not in names:
        raise UnknownField(f"thumbnails image_field {field!r} is not a column; columns: {names}")
    if field is None:
        # only plain string/binary columns can hold image references
        import pyarrow as pa

        cand = [f.name for f in pq.read_schema(data_path) if f.name not in (schema.ID, text_field) and (
            pa.types.is_string(f.type) or pa.types.is_large_string(f.type) or pa.types.is_binary(f.type)
            or pa.types.is_large_binary(f.type))]
        if cand:
            head = pq.ParquetFile(data_path).read_row_group(0, columns=cand) if cand else None
            field = T.detect_image_field(head) if head is not None else None
    if field is None:
        return {"seconds": time.perf_counter() - t0, "files": {}, "summary": {"images": False}}
    values = pq.read_table(data_path, columns=[field]).column(field).to_pylist()
    out_dir = os.path.join(work_dir, schema.THUMBNAILS)
    shutil.rmtree(out_dir, ignore_errors=True)      # a resumed run rewrites it whole
    index = T.write_thumbnails(out_dir, values, opts)
    return {"seconds": time.perf_counter() - t0, "files": {schema.THUMBNAILS: schema.THUMBNAILS},
            "summary": {"images": True, "field": field, "size": index["size"], "atlases": index["atlases"],
                        "missing": index["missing"]}}
