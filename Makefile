# Quick start: `make demo` (set up, build the bundled sample, serve it) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench clean

setup: $(STAMP)

# torch first, pinned to the CPU wheel, so nothing later pulls a multi-GB CUDA build
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/datamap build sample/debian-3k.parquet --dataset debian-sample --text-field text --id-field id
	$(BIN)/datamap versions debian-sample
	@if $(BIN)/datamap --help | grep -q serve; then $(BIN)/datamap serve; fi

test: setup
	$(BIN)/python -m pytest -q -ra

bench: setup
	$(BIN)/python bench/build.py --rows 10000

clean:
	rm -rf $(VENV) datamap-store
