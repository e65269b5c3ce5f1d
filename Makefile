# The single entry point. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/bundel_ci

.PHONY: setup run serve demo check test test-fast test-pg ci bench bench-full messages messages-check openapi schema-check rules clean

setup: $(VENV)/.installed node_modules/.installed var/.compiled

$(VENV)/.installed: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(UV) || $(BIN)/pip install --quiet uv==0.13.9
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

var/.compiled: $(VENV)/.installed $(wildcard locale/*/LC_MESSAGES/*.po)
	mkdir -p var
	$(BIN)/bundel compilemessages --ignore=.venv --ignore=node_modules -v 0
	touch $@

run: setup
	$(BIN)/bundel migrate --no-input -v 0
	$(BIN)/bundel demo
	$(BIN)/bundel collectstatic --no-input -v 0
	@trap 'kill 0' EXIT; $(BIN)/bundel db_worker & $(BIN)/bundel runserver $(HOST):$(PORT)

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/bundel makemigrations --check --dry-run -v 0
	$(MAKE) --no-print-directory schema-check
	$(MAKE) --no-print-directory messages-check

test: setup
	$(BIN)/pytest -q

test-pg: setup
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q

ci: check test test-pg bench

bench: setup
	$(BIN)/python bench/import.py
	DATABASE_URL=$(PG_URL) $(BIN)/python bench/import.py
	$(BIN)/python bench/billing.py
	DATABASE_URL=$(PG_URL) $(BIN)/python bench/billing.py

# Not in CI: the billing run at 74x the register too (the most the 5-digit board numbers hold).
bench-full: setup
	$(BIN)/python bench/import.py
	DATABASE_URL=$(PG_URL) $(BIN)/python bench/import.py
	$(BIN)/python bench/billing.py --full
	DATABASE_URL=$(PG_URL) $(BIN)/python bench/billing.py --full

messages: setup
	$(BIN)/bundel makemessages -l nl -l en --ignore=.venv --ignore=node_modules --ignore=var
	$(BIN)/bundel compilemessages --ignore=.venv --ignore=node_modules

openapi: setup
	$(BIN)/bundel spectacular --lang en --file docs/api/openapi.yaml --validate --fail-on-warn

schema-check:
	$(BIN)/bundel spectacular --lang en --file var/openapi.yaml --validate --fail-on-warn
	diff -u docs/api/openapi.yaml var/openapi.yaml || (echo "docs/api/openapi.yaml is out of date: run 'make openapi'"; exit 1)

# Dutch first: every message has its Dutch translation, none is fuzzy.
messages-check:
	@stats=$$(msgfmt --check --statistics -o /dev/null locale/nl/LC_MESSAGES/django.po 2>&1); \
	echo "nl: $$stats"; \
	case "$$stats" in *fuzzy*|*untranslated*) echo "translate them in locale/nl (make messages)"; exit 1;; esac

rules: setup
	$(BIN)/python -m tests.rules

clean:
	rm -rf $(VENV) node_modules var staticfiles
