"""Request size limits of the web map API, in one place.

Every bound here keeps one request from tying up the server: the numbers are sized for
what a person can do in the browser (a lasso drawn by hand, a tag edit of a large
selection), not for bulk loading, which the CLI and the reader are for.
"""
from __future__ import annotations

MAX_BODY = 16 << 20          # bytes of a request body (a 200k-id tag edit is ~5 MB)
MAX_VERTICES = 10_000        # a lasso with more points is not drawn by a hand
# bytes of a body to a lasso-only route (``…/select``): 10,000 vertices of full-precision
# numbers are ~450 kB; a 16 MB one (2.8M vertices) cost seconds of JSON parsing to refuse
MAX_LASSO_BODY = 1 << 20
MAX_ITEMS = 1_000_000        # rows / ids in one tag edit
MAX_K = 1000                 # hits of one search
MAX_ROW = 2**63 - 1          # a row number must fit an int64 (numpy indexes with them)
