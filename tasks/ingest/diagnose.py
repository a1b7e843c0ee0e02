"""Find the line a text file breaks on, so ingest errors can name it.

Polars reports parse failures by byte offset or not at all; users fix files by line.
These run only after a read has failed (or to check what polars would silently accept,
like duplicate column names), so their cost does not matter.
"""
from __future__ import annotations

import csv
import io
import json


def utf8_problem(raw: bytes) -> str | None:
    """'line N: …' for the first byte sequence that is not UTF-8, else None."""
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return (f"line {line} is not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start}); "
                "re-encode the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)")


def csv_problem(raw: bytes, sep: str) -> str | None:
    """'line N: …' for the first row whose field count differs from the header's."""
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return None
    except csv.Error as e:
        return f"line 1: {e}"
    try:
        for row in reader:
            if len(row) != len(header) and row:
                return (f"line {reader.line_num} has {len(row)} fields but the header has "
                        f"{len(header)} (check quoting and the separator {sep!r})")
    except csv.Error as e:
        return f"line {reader.line_num}: {e} (an unclosed or stray quote?)"
    if text.count('"') % 2:
        return "the file has an unclosed quote (odd number of '\"')"
    return None


def header_names(raw: bytes, sep: str) -> list[str]:
    """The header's column names; [] when the first line does not parse on its own (a
    quoted name spanning lines): polars' own read then reports the file."""
    first = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r")
    try:
        return next(csv.reader([first], delimiter=sep), [])
    except csv.Error:
        return []


def cr_only_line_ends(raw: bytes) -> bool:
    """True for a file whose lines end in a bare CR (classic Mac OS, some spreadsheet
    exports): polars reads LF and CRLF only, and would see one long line."""
    cr = raw.find(b"\r")
    if cr < 0:
        return False
    lf = raw.find(b"\n")
    return lf < 0 or (lf > cr + 1 and raw[cr + 1:cr + 2] != b"\n")


def duplicate_columns(raw: bytes, sep: str) -> list[str]:
    """Header names that occur more than once (polars would rename them silently)."""
    names = header_names(raw, sep)
    seen: set[str] = set()
    dup = []
    for n in names:
        if n in seen and n not in dup:
            dup.append(n)
        seen.add(n)
    return dup


def jsonl_problem(raw: bytes) -> str | None:
    """'line N: …' for the first line that is not a JSON object."""
    for i, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            return f"line {i} is not valid JSON: {e.msg} at column {e.colno}"
        if not isinstance(obj, dict):
            return f"line {i} is a JSON {type(obj).__name__}, expected an object per line"
    return None


def nested_value_lines(raw: bytes, name: str) -> list[int]:
    """Line numbers of a JSON Lines file whose field ``name`` is an object or an array
    (run only when the parsed column has a value that starts like one)."""
    out = []
    for i, line in enumerate(raw.decode("utf-8", errors="replace").splitlines(), start=1):
        if line.strip():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get(name), (dict, list)):
                out.append(i)
    return out
