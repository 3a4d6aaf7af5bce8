# The two commands: `make run` (serve locally) and `make test` (lint + tests). See README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run admin test serve e2e bench bench-connections audit lint format clean messages tokens

$(PY):
	$(PYTHON) -m venv $(VENV)

# Stamp files re-install only when the requirements change.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py load_sample_data
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/  (no account yet? run 'make admin' in another terminal)"
	DJANGO_DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# A staff account with every right, for the local site of `make run` (asks for a name and a password).
admin: $(VENV)/.runtime-installed
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py createsuperuser

test: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=npa_portal.test_settings $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -m "not e2e"
	$(PY) -m pytest -m e2e

# Only the end-to-end tests in a real browser (Debian's chromium; .ci/run installs it).
e2e: $(VENV)/.dev-installed
	$(PY) -m pytest -m e2e

# Lighthouse scores of the main page types, served as in production (tools/audit.sh). Not in `make test`.
audit: $(VENV)/.runtime-installed
	bash tools/audit.sh

# Production-like: DEBUG off, hashed static files, gunicorn. Needs DJANGO_SECRET_KEY in the environment or .env.
# Never loads sample data: a table staff emptied on purpose stays empty (sample data: `make run`,
# or `python manage.py load_sample_data` by hand). Each worker is replaced after about 1,000
# requests (the jitter keeps them from restarting together), so memory one request grew is given back.
serve: $(VENV)/.runtime-installed
	$(PY) manage.py collectstatic --noinput
	$(PY) manage.py migrate --noinput
	$(VENV)/bin/gunicorn npa_portal.wsgi --bind $(HOST):$(PORT) --limit-request-line 4094 \
	    --workers 2 --timeout 30 --max-requests 1000 --max-requests-jitter 100 --access-logfile -

# Benchmarks (not part of `make test`): synthetic data at scale, gunicorn, wrk. See BENCHMARKS.md.
bench: $(VENV)/.dev-installed
	$(PY) bench/run.py $(BENCH_ARGS)

# PostgreSQL connections kept, opened per request, or pooled (psycopg 3): bench/connections.py.
bench-connections: $(VENV)/.dev-installed
	$(PY) bench/connections.py $(BENCH_ARGS)

# After changing an interface string: collect the messages into locale/ja/LC_MESSAGES/django.po,
# translate the new entries there, then run this again to compile django.mo (needs GNU gettext).
messages: $(VENV)/.dev-installed
	DJANGO_SETTINGS_MODULE=npa_portal.test_settings $(PY) manage.py makemessages --locale ja --no-obsolete --no-location \
		--ignore .venv --ignore tests --ignore bench --ignore tools --ignore staticfiles --ignore test-artifacts
	msgfmt --check -o locale/ja/LC_MESSAGES/django.mo locale/ja/LC_MESSAGES/django.po

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# The Digital Agency design system's tokens (MIT), vendored as a plain static file: no build step.
# To update: change the pin and run `make tokens` (fetches the package from the npm registry).
DESIGN_TOKENS_VERSION := 1.1.9
DESIGN_TOKENS_URL := https://registry.npmjs.org/@digital-go-jp/design-tokens/-/design-tokens-$(DESIGN_TOKENS_VERSION).tgz
tokens:
	tmp=$$(mktemp) && curl -fsSL $(DESIGN_TOKENS_URL) -o $$tmp && { \
	  echo "/*! @digital-go-jp/design-tokens $(DESIGN_TOKENS_VERSION), $(DESIGN_TOKENS_URL)"; \
	  echo " * package/dist/tokens.css, unchanged below this notice. Its licence (package/LICENSE):"; \
	  echo " *"; tar -xzOf $$tmp package/LICENSE | sed 's/^/ * /;s/ *$$//'; echo " */"; \
	  tar -xzOf $$tmp package/dist/tokens.css; } > static/css/vendor/tokens.css; status=$$?; rm -f $$tmp; exit $$status
