"""The JSON bodies the web map API takes, with every bound declared in the model.

One ``Polygon`` type serves every lasso route (``select``, ``projections/{name}/select``,
the tag edit), so a limit added here holds for all of them: a route with its own
``list[list[float]]`` once had no vertex limit, and a 16 MB lasso held a core for a
minute. Shapes and integer ranges are checked here too, so a ragged polygon or a row
number past int64 is a 422 naming the field, not a ``ValueError`` deep in numpy (500).
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, FiniteFloat

from datamap.viewer.limits import MAX_ITEMS, MAX_K, MAX_ROW, MAX_VERTICES

# one [x, y] point in a layout's coordinates; NaN and infinities would poison the bbox test
Point = Annotated[list[FiniteFloat], Field(min_length=2, max_length=2)]


def _few_enough(v: Any) -> Any:
    """Count the vertices before validating each one: pydantic checks ``max_length``
    after the items, which for a 2.8M-vertex lasso was seconds of CPU to say no."""
    if isinstance(v, list) and len(v) > MAX_VERTICES:
        raise ValueError(f"a lasso has at most {MAX_VERTICES} vertices, this one has {len(v)}")
    return v


# a lasso: a closed ring is implied, so three points are the least that encloses anything
Polygon = Annotated[list[Point], Field(min_length=3, max_length=MAX_VERTICES), BeforeValidator(_few_enough)]
# a row position; the upper bound keeps it an int64 (rows past the map are the route's 404)
Row = Annotated[int, Field(ge=0, le=MAX_ROW)]


class Selection(BaseModel):
    # a lasso in map coordinates; ``limit`` caps the rows sent back, not the count
    # (a comment, not a docstring: the OpenAPI schema stays as it was)
    polygon: Polygon
    limit: int = Field(2000, ge=0, le=200_000)


class ProjectionSelection(BaseModel):
    polygon: Polygon
    limit: int = Field(2000, ge=0, le=MAX_ITEMS)


class Rows(BaseModel):
    rows: list[Row] = Field(..., max_length=MAX_ITEMS)


class TagEdit(BaseModel):
    """What to add to / remove from a tag: a polygon in map coordinates, rows or ids."""
    polygon: Polygon | None = None
    rows: list[Row] | None = Field(None, max_length=MAX_ITEMS)
    ids: list[str] | None = Field(None, max_length=MAX_ITEMS)
    filter: Filter | None = None      # the workbench's filtered rows ("add them to a tag")
    op: Literal["add", "remove"] = "add"


# ---- the workbench: cross-filter, table, export ------------------------------------------------
# a chart column's name as the map's data spells it (any text, shown as text, never as markup)
ColumnName = Annotated[str, Field(min_length=1, max_length=256)]
Bar = Annotated[str, Field(max_length=1000)]
Range = Annotated[list[FiniteFloat], Field(min_length=2, max_length=2)]
TagName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]


class Filter(BaseModel):
    """What the workbench keeps: AND across its parts, OR within one chart's bars.
    ``ranges`` are half-open, ``lo <= value < hi``."""
    model_config = ConfigDict(extra="forbid")
    ranges: dict[ColumnName, Range] = Field(default_factory=dict, max_length=64)
    values: dict[ColumnName, Annotated[list[Bar], Field(min_length=1, max_length=1000)]] = \
        Field(default_factory=dict, max_length=64)
    polygon: Polygon | None = None
    rows: list[Row] | None = Field(None, max_length=MAX_K)
    tag: TagName | None = None


class AggregateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filter: Filter = Field(default_factory=Filter)
    columns: list[ColumnName] | None = Field(None, max_length=256)
    mask: bool = False          # send the filtered rows' bitmap (the map's filter)
    density: bool = False       # send the density grid (maps over 200k points)


class RowsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filter: Filter = Field(default_factory=Filter)
    sort: ColumnName | None = None
    desc: bool = False
    offset: int = Field(0, ge=0, le=MAX_ROW)
    limit: int = Field(200, ge=0, le=1000)
    columns: list[ColumnName] = Field(default_factory=list, max_length=64)


class ExportRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filter: Filter = Field(default_factory=Filter)
    format: Literal["csv", "parquet"] = "csv"
    ids_only: bool = False


class SnippetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    filter: Filter = Field(default_factory=Filter)


TagEdit.model_rebuild()   # its ``filter`` is declared below it
