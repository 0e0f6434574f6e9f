# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test lint format browser-deps bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Serve the demo site on http://127.0.0.1:5000/demo (SQLite in ./instance, no servers needed).
demo: $(INSTALLED)
	$(BIN)/widget demo

## Lint, then run every test (browser tests included) on SQLite, or on WIDGET_DATABASE_URL.
test: $(INSTALLED) browser-deps lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

browser-deps:
	@scripts/ensure-chromium

## Compare throughput and latency with Isso and a bare Flask ceiling (needs wrk).
bench: $(INSTALLED)
	$(BIN)/python benchmarks/compare.py
