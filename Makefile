# The two commands of the README: `make run` builds the warehouse from the bundled sample
# corpus, `make test` runs the test suite. Both create the environment first when needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
export DAGSTER_HOME ?= $(CURDIR)/dagster_home

.PHONY: setup run test lint bench ui clean

setup: $(VENV)/.installed

# uv installs the pinned lock file and compiles bytecode up front: PYTHONDONTWRITEBYTECODE=1
# is set on these machines, so without it every run would pay seconds of imports.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install -q --python $(BIN)/python --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --compile-bytecode --no-deps -e .
	touch $@

run: setup
	$(BIN)/skywatch run --report warehouse/report.html

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

# Realistic news prose by default (bench/news_corpus.py; the mixed runs are 1 in 10 about the air
# war); `make bench BENCH_CORPUS=filler` reproduces the figures of the earlier templated corpus.
BENCH_CORPUS ?= news

bench: setup
	$(BIN)/python bench/bench_ingest_clean.py --articles 10000 --corpus $(BENCH_CORPUS) --war-share 0.1
	$(BIN)/python bench/bench_extract.py --articles 2000 --corpus $(BENCH_CORPUS) --war-share 0.1
	$(BIN)/python bench/bench_resolve.py --articles 2000 --corpus $(BENCH_CORPUS)
	$(BIN)/python bench/bench_backfill.py --days 30 --per-day 15

ui: setup
	$(BIN)/skywatch ui

clean:
	rm -rf $(VENV) warehouse/*.duckdb warehouse/data_docs warehouse/report.html dagster_home/storage dagster_home/logs dagster_home/history
