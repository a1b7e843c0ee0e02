# Quick start: `make demo` (set up, build the bundled sample, serve it) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test test-all bench clean viewer browser packaging

# Python keeps compiled modules (.pyc) beside their sources. An environment that sets
# PYTHONDONTWRITEBYTECODE (this machine's does) makes every process compile every module
# it imports again: with the venv installed --no-compile, that was 40-50 % of a build
# process's import time (umap 6.4 -> 3.2 CPU-s, great_expectations 6.9 -> 4.3) and the
# suite starts hundreds of such processes. The venv and the checkout are ours to write.
unexport PYTHONDONTWRITEBYTECODE

setup: $(STAMP)

# torch first, pinned to the CPU wheel, so nothing later pulls a multi-GB CUDA build.
# --no-compile: Python compiles what is imported on first use (and keeps it: see the
# unexport above); pip compiling every file of torch and the rest up front took most of
# the install (torch alone: 46 s -> 14 s here)
$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --no-compile torch==2.13.0
	$(BIN)/pip install -q --no-compile -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/datamap build sample/debian-3k.parquet --dataset debian-sample --text-field text --id-field id
	$(BIN)/datamap versions debian-sample
	$(BIN)/datamap serve --port $${PORT:-8000}

# the web map's browser tests drive Debian's chromium (never a downloaded browser)
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get install -y chromium || ($$SUDO apt-get update && $$SUDO apt-get install -y chromium); fi

# Three pytest workers on two cores: most of the suite waits on subprocesses, servers and
# the browser. One module per worker (--dist loadfile) keeps module fixtures built once;
# modules go out longest first (tests/module_costs.json, see tests/conftest.py).
# The packaging check (fresh venvs, pip) starts first, at the lowest CPU priority, and needs
# nothing of .venv: its installs run on the core that `make setup`'s pip (one process, one
# core) leaves idle, and the rest on the cycles the suite leaves (servers, browsers and
# subprocess waits). Its log is printed at the end.
# `make test` leaves out the tests marked `exhaustive` (longer variants of checks it runs in
# a quicker form: the crash chain's 20 points on S3 and on local disk, where it kills 12; two
# more publish kill points); `make test-all` runs every test.
test: TEST_SELECT = -m "not exhaustive"
test-all: TEST_SELECT =
test test-all: browser
	@nice -n 19 bash .ci/packaging.sh $(PY) > .packaging.log 2>&1 & pkg=$$!; \
	$(MAKE) --no-print-directory setup && $(BIN)/python .ci/warm_numba.py && \
	$(BIN)/python -m pytest -q -ra --durations=25 -n 3 --dist loadfile --no-loadscope-reorder $(TEST_SELECT); rc=$$?; \
	wait $$pkg; prc=$$?; cat .packaging.log; rm -f .packaging.log; \
	[ $$prc -eq 0 ] || echo "packaging check failed (exit $$prc)"; exit $$(( rc || prc ))

# the wheel, installed twice outside the repository: datamap[all] builds a map from the CLI,
# the core wheel reads it with nothing heavy installed (issue 16)
packaging:
	bash .ci/packaging.sh $(PY)

# regenerate the web map bundle committed in viewer/static (needs Node 18+ and npm)
viewer:
	cd viewer/frontend && npm ci --no-audit --no-fund && npm run build

bench: setup
	$(BIN)/python bench/build.py --sizes 10000,63666 --embed-rows 1000

clean:
	rm -rf $(VENV) datamap-store
