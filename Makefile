# Entry points: `make run` (demo server) and `make test` (lint, migration check, whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
TEST_ENV := DJANGO_SETTINGS_MODULE=config.test_settings
# One test process per core (pytest-xdist); each gets its own test database.
PYTEST_ARGS ?= -n auto
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint translations messages lock bench clean

$(STAMP): pyproject.toml requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/lock.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

translations: install
	$(TEST_ENV) $(PY) manage.py compile_translations -v0 > /dev/null

run: translations
	DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=1 $(PY) manage.py createcachetable
	DJANGO_DEBUG=1 $(PY) manage.py load_demo
	@echo "Thi đua is at http://$(HOST)/ (background imports run in the worker started beside it)"
# One shell line: the worker runs while the server does and is stopped when it exits.
	DJANGO_DEBUG=1 $(PY) manage.py db_worker --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		DJANGO_DEBUG=1 $(PY) manage.py runserver $(HOST)

lint: install
	$(VENV)/bin/ruff check .

test: translations lint
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

# Province-scale speed and memory targets (tests/bench/run.py): pages through gunicorn loaded by
# Debian's wrk, imports, report, screening; bench/results.json. Not part of `make test`.
bench: install
	@command -v wrk > /dev/null || echo "make bench: wrk is missing (apt-get install wrk): the pages will not be loaded."
	$(PY) -m tests.bench.run

# Regenerate the .po catalogues after changing strings (needs GNU gettext).
messages: install
	$(TEST_ENV) $(PY) manage.py makemessages -l vi -l en -l fr --no-obsolete \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'

# Re-pin exact versions after editing the ranges in pyproject.toml.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-header --no-emit-index-url --no-emit-find-links \
		-o requirements/lock.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .test-media
