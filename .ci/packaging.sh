#!/usr/bin/env bash
# Packaging check (issue 16): build the wheel from the checkout, install it twice in fresh
# virtual environments, outside the repository so no folder shadows the package:
#   full: datamap[all] non-editable, builds a small map end to end from the CLI;
#   core: the bare wheel reads that map (tests nothing heavy is imported or installed).
# Both reuse the one wheel and pip's cache. PYTHON (default python3) only makes the venvs:
# nothing of the repository's own .venv is needed, so `make test` starts this check while
# `make setup` is still installing. Usage: .ci/packaging.sh [PYTHON]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
py=$(command -v "${1:-python3}" || echo "${1:-python3}")
case "$py" in /*) ;; *) py="$PWD/$py" ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PREFECT_SERVER_ANALYTICS_ENABLED=false GX_ANALYTICS_ENABLED=false DO_NOT_TRACK=1
# beside the suite's workers on two cores: idle OpenMP / OpenBLAS threads sleep instead of
# spinning on a core the suite needs (tests/conftest.py sets the same for the suite)
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
# make test runs this check at the lowest CPU priority beside the suite, so its build's Prefect
# API server (a first start: it creates and migrates its database) gets only the cycles the
# suite leaves; on a slow host that took over the 120 s default (CI, 2026-12-03: pytest alone
# 1,172 s). At nice 19 against two busy cores it may get ~2 % of a core, so it waits as long
# as a whole CI run may take; waiting longer costs nothing when the server is up sooner.
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="${PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS:-1800}"
# its own Prefect home, as the suite has one: the check never writes into ~/.prefect
export PREFECT_HOME="$work/prefect"
t0=$(date +%s)
# The wheel is built from a copy of the files git would ship (tracked, plus new files not
# ignored), never in the checkout: `make test` runs this check while `make setup` installs
# the checkout in editable mode, and both would write build/ and *.egg-info there at once;
# a build/ left in the checkout could also carry a deleted module into the wheel.
mkdir "$work/src"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
     | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -C "$work/src" -xf -
else
  tar -C "$repo" --exclude=.venv --exclude=build --exclude='*.egg-info' -cf - . | tar -C "$work/src" -xf -
fi
"$py" -m venv "$work/full"
"$work/full/bin/pip" wheel -q --no-deps -w "$work/dist" "$work/src" 2>&1 | grep -v "^WARNING: Location" || true
wheel=$(ls "$work"/dist/datamap-*.whl)
echo "packaging: built $(basename "$wheel")"

"$work/full/bin/pip" install -q --no-compile torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true   # CPU wheel first
"$work/full/bin/pip" install -q --no-compile "${wheel}[all]" 2>&1 | grep -v "^WARNING: Location" || true
cd "$work"     # no repository folder on sys.path
"$work/full/bin/python" -c "import datamap.flows.build_map, datamap.viewer.app" \
  || { echo "packaging: the [all] install cannot import its own modules"; exit 1; }
"$work/full/bin/python" - "$repo/sample/debian-3k.parquet" "$work/small.parquet" <<'PY'
import sys, pyarrow.parquet as pq
pq.write_table(pq.read_table(sys.argv[1]).slice(0, 400), sys.argv[2])
PY
"$work/full/bin/datamap" build "$work/small.parquet" --dataset pkgcheck --text-field text --id-field id \
  --store "$work/store" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; exit 1; }
echo "packaging: datamap[all] built a map from the CLI ($(grep -o 'published [^ ]*' "$work/build.log"))"
if "$work/full/bin/python" -c "import flows" 2>/dev/null; then echo "packaging: 'import flows' works"; exit 1; fi

"$py" -m venv "$work/core"
"$work/core/bin/pip" install -q --no-compile "$wheel" 2>&1 | grep -v "^WARNING: Location" || true
"$work/core/bin/python" "$repo/.ci/core_reader_check.py" "$work/store" pkgcheck
"$work/core/bin/datamap" versions pkgcheck --store "$work/store" >/dev/null
if "$work/core/bin/datamap" build "$work/small.parquet" --dataset x --text-field text --store "$work/store" \
     >"$work/core-build.log" 2>&1; then echo "packaging: core install built a map?"; exit 1; fi
grep -q "datamap\[build\]" "$work/core-build.log" \
  || { echo "packaging: core 'datamap build' does not name the extra:"; cat "$work/core-build.log"; exit 1; }
echo "packaging: ok in $(( $(date +%s) - t0 )) s"
