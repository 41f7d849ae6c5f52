# The two commands of the README: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve-prod install browser lint

run: $(VENV)/.installed node_modules/.installed
	bash scripts/system-packages.sh media
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo "Site : http://$(HOST):$(PORT)/  ·  administration : http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed node_modules/.installed browser
	bash scripts/test.sh $(PYTEST_ARGS)

# Production layout on this machine: HTTP through gunicorn (WSGI), /ws/ through uvicorn (ASGI), PostgreSQL and
# Redis from DATABASE_URL and REDIS_URL. See the README's "Déploiement" section.
serve-prod: $(VENV)/.installed
	bash scripts/serve-prod.sh

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	bash scripts/system-packages.sh venv
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	rm -rf build *.egg-info
	touch $@

node_modules/.installed: package.json package-lock.json
	bash scripts/system-packages.sh npm
	npm ci --no-audit --no-fund --silent
	touch $@

browser:
	bash scripts/system-packages.sh browser

lint: $(VENV)/.installed
	$(PY) -m ruff check . && $(PY) -m ruff format --check .
