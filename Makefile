# Commonweal: two commands do all the set-up.
#   make run   serve the demo place on http://127.0.0.1:8000 (SQLite)
#   make test  check the layers (lint-imports), then run the whole suite, on every core
# Python 3.11 or newer is needed; PYTHON picks which one.
#
#   make check          lint, format, types and layers: ruff, mypy, lint-imports (CI runs it first)
#   make test-postgres  the suite against PostgreSQL (POSTGRES_URL, or DATABASE_URL if it is one)
#   make test-browser   only the browser tests: headless Chromium and axe-core on every page
#   make ocds-schema    download the OCDS 1.1.5 schema into var/ocds/schema-1.1.5/ (needs a network;
#                       open data is checked against it; tests and CI read the shared copy instead)
# PYTEST_ARGS passes more to pytest, for example PYTEST_ARGS='-m "not browser and not slow"'.
# WORKERS is how many processes run the tests (pytest-xdist): auto is one per core, 0 is none
# (one process: use it with a debugger or with -x).
# Browser tests need /usr/bin/chromium (apt-get install chromium) and node_modules/axe-core (npm ci);
# without them they skip and say why, unless CI=true, where they fail.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
WORKERS ?= auto
# worksteal: a worker that runs out takes tests from one still busy (the demo and browser tests are long).
PARALLEL = -n $(WORKERS) $(if $(filter 0,$(WORKERS)),,--dist worksteal)
LINTED = src tests bench scripts conftest.py
# pytest's exit status 5 means it collected no tests: say so, and fail.
NO_TESTS_IS_FAILURE = status=$$?; [ $$status -ne 5 ] || echo "pytest collected no tests: that is a failure." >&2; exit $$status
POSTGRES_URL ?= $(if $(filter postgres://% postgresql://%,$(DATABASE_URL)),$(DATABASE_URL),postgres://postgres@127.0.0.1:5432/commonweal)

.PHONY: run test test-postgres test-browser check assets install clean ocds-schema

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	COMMONWEAL_DEMO=true $(BIN)/commonweal serve --demo

test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS); $(NO_TESTS_IS_FAILURE)

# pytest-django makes (and, with --create-db, remakes) the database test_<name> beside <name>,
# one per worker (test_<name>_gw0, test_<name>_gw1, ...), and drops them at the end.
test-postgres: $(STAMP)
	DATABASE_URL='$(POSTGRES_URL)' $(BIN)/python -m pytest --create-db $(PARALLEL) $(PYTEST_ARGS); $(NO_TESTS_IS_FAILURE)

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser $(PARALLEL) tests/browser $(PYTEST_ARGS); $(NO_TESTS_IS_FAILURE)

check: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports

# The schemas every OCDS release is checked against before it is published (opendata/schema.py).
# Nothing downloads them at run time: set OCDS_SCHEMA_DIR to use a copy kept elsewhere.
OCDS_SCHEMA_URL := https://standard.open-contracting.org/schema/1__1__5
OCDS_SCHEMA_FOLDER := var/ocds/schema-1.1.5
OCDS_SCHEMA_FILES := release-schema.json release-package-schema.json record-package-schema.json versioned-release-validation-schema.json

ocds-schema:
	mkdir -p $(OCDS_SCHEMA_FOLDER)
	for file in $(OCDS_SCHEMA_FILES); do \
		curl --fail --silent --show-error --location --output "$(OCDS_SCHEMA_FOLDER)/$$file.part" "$(OCDS_SCHEMA_URL)/$$file" \
			&& mv "$(OCDS_SCHEMA_FOLDER)/$$file.part" "$(OCDS_SCHEMA_FOLDER)/$$file" || exit 1; \
	done
	@echo "The OCDS 1.1.5 schema is in $(OCDS_SCHEMA_FOLDER)."

# Rebuild the committed CSS and JavaScript from govuk-frontend (needs Node and npm).
assets:
	npm ci --no-audit --no-fund
	node assets/build.mjs

clean:
	rm -rf $(VENV) var .pytest_cache test-artifacts
