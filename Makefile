# Two commands on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
CORPUS ?= data/articles
PROFILE ?= karabakh
# Notebook parameters, space-separated NAME=VALUE: make report PARAMS="FREQ=week TOP_ACTORS=20"
PARAMS ?=
OUT ?= output

.PHONY: report test lab lint typecheck bench clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

GOLD ?= tests/fixtures/dev_gold_statements.csv

report: $(STAMP)
	$(BIN)/workbench annotate $(CORPUS) --profile $(PROFILE) --out $(OUT) \
		$(if $(and $(wildcard $(GOLD)),$(filter data/articles,$(CORPUS))),--gold $(GOLD))
	$(BIN)/workbench report --corpus $(CORPUS) --profile $(PROFILE) --out $(OUT)/report \
		$(foreach p,$(PARAMS),--param $(p))

# Debian's Chromium for the test that opens the shared HTML (no browser download).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "could not install Debian's chromium: the browser test will say so"

test: $(DEV_STAMP) chromium
	$(BIN)/ruff check workbench tests benchmarks notebooks recipes
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(DEV_STAMP)
	$(BIN)/ruff check workbench tests benchmarks notebooks recipes
	$(BIN)/ruff format --check workbench tests benchmarks notebooks recipes

typecheck: $(DEV_STAMP)
	$(BIN)/mypy

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@ $(DEV_STAMP) $(STAMP)

# BENCH_SCALE=--quick for a short scale run (default: 25k and 100k articles, a 1M store).
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_documents.py
	$(BIN)/python benchmarks/bench_annotate.py
	$(BIN)/python benchmarks/bench_scale.py $(BENCH_SCALE)
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_attribution.py
	$(BIN)/python benchmarks/collect.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
