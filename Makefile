# Commonweal: two commands do all the set-up.
#   make run   serve the demo place on http://127.0.0.1:8000 (SQLite)
#   make test  run the whole suite
# Python 3.11 or newer is needed; PYTHON picks which one.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-postgres test-browser assets install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	COMMONWEAL_DEMO=true $(BIN)/commonweal serve --demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rebuild the committed CSS and JavaScript from govuk-frontend (needs Node and npm).
assets:
	npm ci --no-audit --no-fund
	node assets/build.mjs

clean:
	rm -rf $(VENV) var .pytest_cache
