# Praksisbanken. `make run` serves the portal with all content; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve serve-setup test test-elasticsearch lint format install setup test-sqlite test-postgres clean restore-drill bench-load

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Kræver $(PYTHON)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# The project's Danish additions to Wagtail's admin catalogue (locale/, LOCALE_PATHS); the .mo
# files are built here, not committed. msgfmt is Debian's gettext.
MO_FILES := locale/da/LC_MESSAGES/django.mo locale/da/LC_MESSAGES/djangojs.mo
locale/%.mo: locale/%.po
	@command -v msgfmt >/dev/null || { echo "Kræver msgfmt (apt-get install gettext)"; exit 1; }
	msgfmt --check -o $@ $<

install: $(STAMP) $(MO_FILES)

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) import_content fixtures/
	$(MANAGE) setup_roles
	$(MANAGE) setup_demo_erfa
	$(MANAGE) update_index -v0
	$(MANAGE) rebuild_search_index
	$(MANAGE) create_demo_editor

run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

# Production-like locally: portal.settings.production on PostgreSQL, hashed and compressed static
# files served by WhiteNoise, gunicorn (gunicorn.conf.py). Production needs SECRET_KEY,
# ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, DATABASE_URL, ELASTICSEARCH_URL, REDIS_URL, EMAIL_HOST,
# DEFAULT_FROM_EMAIL and WAGTAILADMIN_BASE_URL (portal/settings/production.py); the defaults
# below are for this machine only: plain HTTP, the embedded search index unless ELASTICSEARCH_URL
# is set, and a random SECRET_KEY per start unless you set one (sessions end at a restart).
# Nothing stands in front of this gunicorn, so no X-Forwarded-For is trusted (TRUSTED_PROXY_COUNT=0):
# a client cannot escape the login lockout or the submission limit by forging the header.
# The database is created if missing; load content with `make serve-setup` the first time.
SERVE_ENV = DJANGO_SETTINGS_MODULE=portal.settings.production \
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/praksisbanken}" \
	SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	CSRF_TRUSTED_ORIGINS="$${CSRF_TRUSTED_ORIGINS:-http://$(HOST):$(PORT)}" \
	WAGTAILADMIN_BASE_URL="$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)}" \
	EMAIL_HOST="$${EMAIL_HOST:-localhost}" \
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/1}" \
	DEFAULT_FROM_EMAIL="$${DEFAULT_FROM_EMAIL:-praksisbanken@localhost}" \
	SEARCH_BACKEND="$${SEARCH_BACKEND:-$$([ -n "$$ELASTICSEARCH_URL" ] && echo elasticsearch || echo embedded)}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	TRUSTED_PROXY_COUNT=0 \
	GUNICORN_BIND="$${GUNICORN_BIND:-$(HOST):$(PORT)}"

serve: install
	$(SERVE_ENV) $(MANAGE) ensure_database
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v0
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c gunicorn.conf.py

# Once, before `make serve`: the content, roles and search index in the serve database.
serve-setup: install
	$(SERVE_ENV) $(MANAGE) ensure_database
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) import_content fixtures/
	$(SERVE_ENV) $(MANAGE) setup_roles
	$(SERVE_ENV) $(MANAGE) rebuild_search_index --no-progress

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The whole suite on SQLite; DATABASE_URL=postgres://... runs it on PostgreSQL instead.
# PYTEST_ARGS passes options on to pytest (e.g. -m to choose tests by marker).
PYTEST_ARGS ?=
test: install lint node_modules/axe-core/axe.min.js
	$(MANAGE) check --settings=portal.settings.test
	$(MANAGE) makemigrations --check --dry-run --settings=portal.settings.test
	$(VENV)/bin/pytest --cov --cov-report=term $(PYTEST_ARGS)

# The search contract suite, the live Elasticsearch scenarios and the index sync against a real
# Elasticsearch 8 (a throwaway cluster): ELASTICSEARCH_URL=http://127.0.0.1:9200 make test-elasticsearch.
# Every index it writes has the prefix ELASTICSEARCH_TEST_INDEX_PREFIX (default pbtest) and is
# deleted afterwards; nothing named praksisbanken-* is touched.
test-elasticsearch: install
	@test -n "$$ELASTICSEARCH_URL" || { echo "Sæt ELASTICSEARCH_URL til en Elasticsearch, der må skrives i (fx http://127.0.0.1:9200)."; exit 2; }
	ELASTICSEARCH_TEST_INDEX_PREFIX="$${ELASTICSEARCH_TEST_INDEX_PREFIX:-pbtest}" \
	$(VENV)/bin/pytest -p no:cacheprovider tests/search/contract tests/search/elasticsearch \
		tests/search/test_sync.py tests/search/test_outbox.py $(PYTEST_ARGS)

# Backup → wipe → restore on the local PostgreSQL, compared before/after (ops/restore_drill.py).
restore-drill: install
	$(PY) ops/restore_drill.py

# Load benchmark: gunicorn + PostgreSQL with 10,000 cases; results in docs/performance.md.
bench-load: install
	$(PY) -m bench.load --cases 10000 --duration 60 --concurrency 32 --docs

# Search benchmark: embedded backend vs Wagtail's database search at 1,000 and 10,000 cases (with
# methods and erfa groups), all facets, type-ahead; ~10 min on 2 cores. Results in bench/results/.
.PHONY: bench-search bench-relevance
bench-search: install
	$(PY) -m bench.search_bench --sizes 1000 10000

# Relevance: ../shared/relevance/evaluate.py against the portal with a freshly set-up database and
# search index (serves it on a free port and stops it). RELEVANCE_ARGS e.g. --verbose, --qrels FILE.
RELEVANCE_ARGS ?=
bench-relevance: setup
	$(PY) -m bench.relevance $(RELEVANCE_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache .coverage $(MO_FILES)
