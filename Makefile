# Developer and CI entry points. Everything runs from the virtualenv in .venv, created with
# the python3 found on PATH. See .ci/run for the full CI sequence.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; make reinstalls only when pyproject.toml is newer
# (or when .venv, and with it the stamp, is gone).
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: install run test lint services benchmarks checkers

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

# Install, migrate, load the demo catalog, rebuild the search index (a second of work; it also
# picks up a new layout of the search tables after an upgrade), create the demo users and print
# their sign-in details last (after pip's output, where a newcomer looks), then serve it on
# http://127.0.0.1:5000 in development mode (--dev: the public development secret key, which
# `catalog serve` refuses otherwise). The RDF's URIs and hydra paging point at the local server.
RUN_HOST := 127.0.0.1
RUN_PORT := 5000
run: export CATALOG_BASE_URI ?= http://$(RUN_HOST):$(RUN_PORT)
run: install
	@$(BIN)/catalog db upgrade
	@$(BIN)/catalog demo load
	@$(BIN)/catalog search rebuild
	@$(BIN)/catalog demo accounts
	$(BIN)/catalog serve --dev --host $(RUN_HOST) --port $(RUN_PORT)

# Whole test suite, one xdist worker per CPU. Extra pytest options: make test PYTEST_ARGS='-k foo'
# Services: CATALOG_TEST_DATABASE=sqlite|postgres, CATALOG_TEST_POSTGRES_URL,
# CATALOG_TEST_OPENSEARCH_URL, CATALOG_TEST_CHROMIUM (see `make services`).
test: install
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The browser checkers of tests/e2e (axe-core, the Nu Html Checker), pinned in package-lock.json;
# vnu-jar's install script (a Java download) is skipped: it runs on the machine's Java.
checkers:
	npm ci --ignore-scripts --no-audit --no-fund

# ruff, the import contracts, then mypy (configured in pyproject.toml: app, dictionary, search, vocab)
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Start PostgreSQL (Debian packages, needs root) and a local OpenSearch node for the tests.
# Paste the printed `export ...` lines into your shell, or:
#   eval "$$(bash .ci/start-postgres.sh)"; eval "$$(bash .ci/start-opensearch.sh)"
# Stop OpenSearch with: bash .ci/stop-opensearch.sh
services:
	bash .ci/start-postgres.sh
	bash .ci/start-opensearch.sh

# Run every benchmark script in benchmarks/ (they print their own figures).
benchmarks: install
	@set -e; found=0; \
	for f in benchmarks/*.py; do \
	  [ -f "$$f" ] || continue; \
	  case "$${f##*/}" in _*|conftest.py) continue ;; esac; \
	  found=1; echo "== $$f"; $(BIN)/python "$$f"; \
	done; \
	[ $$found -eq 1 ] || echo "no benchmark scripts in benchmarks/"
