# Praksisbanken. `make run` serves the portal with all content; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install setup test-sqlite test-postgres clean

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Kræver $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

install: $(STAMP)

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) import_content fixtures/
	$(MANAGE) setup_demo_erfa
	$(MANAGE) update_index -v0
	$(MANAGE) rebuild_search_index
	$(MANAGE) create_demo_editor

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The whole suite on SQLite; DATABASE_URL=postgres://... runs it on PostgreSQL instead.
test: install lint node_modules/axe-core/axe.min.js
	$(MANAGE) check --settings=portal.settings.test
	$(MANAGE) makemigrations --check --dry-run --settings=portal.settings.test
	$(VENV)/bin/pytest --cov --cov-report=term

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache .coverage
