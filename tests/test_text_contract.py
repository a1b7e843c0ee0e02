"""The text field's part of the data contract: not null and not blank, checked by GX on
two boolean columns that polars computes (``tasks.ingest.validate._text_checks``), as
the regex GX used to run on every text decided them."""
from __future__ import annotations

import re

import numpy as np
import polars as pl
import pytest

from datamap.resources import schema
from datamap.resources.errors import ValidationFailed
from datamap.tasks.ingest.validate import _text_checks, validate

PYTHON_BLANK = re.compile(r"^\s*$")     # what GX's expect_column_values_to_not_match_regex ran


def test_blank_means_what_pythons_regex_meant_for_every_character():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    texts = chars + ["", " a", "a ", "  \n\t ", "\x1c\u3000\x85", "x\n"]
    present, not_blank = _text_checks(pl.Series(texts))
    expected = np.array([PYTHON_BLANK.match(t) is None for t in texts])
    assert present.all()
    assert (not_blank == expected).all(), [repr(t) for t, a, b in zip(texts, not_blank, expected) if a != b][:5]


def _table(texts: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame({schema.ID: [f"r{i}" for i in range(len(texts))], "text": texts})


TEXTS = ["a package", None, "   ", "\x1c\x1d", "another", "\u3000\t", "", "fine"]


def test_a_failing_text_is_named_by_row_and_check():
    with pytest.raises(ValidationFailed) as err:
        validate(_table(TEXTS), None, "text")
    msg = str(err.value)
    assert "'text': 1 row(s) fail 'not null' (first ids: ['r1'])" in msg
    assert "'text': 4 row(s) fail 'not blank' (first ids: ['r2', 'r3', 'r5', 'r6'])" in msg


def test_skip_drops_exactly_the_null_and_blank_rows():
    v = validate(_table(TEXTS), None, "text", on_invalid="skip")
    assert v.table[schema.ID].to_list() == ["r0", "r4", "r7"]
    assert v.report["rows_out"] == 3
    checks = {(c["field"], c["check"]): c["count"] for c in v.report["checks"]}
    assert checks[("text", "not null")] == 1 and checks[("text", "not blank")] == 4


def test_good_texts_pass():
    v = validate(_table(["one", " two ", "three\n"]), None, "text")
    assert v.report["success"] and v.report["rows_out"] == 3
