# Two commands matter: `make run` (site with demo content) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs in two processes (one per core), each test file whole in one of them so its
# module-scoped fixtures are built once. PYTEST_WORKERS=0 runs it in this process. Files are
# handed out in the order tests/conftest.py sorts them (browser tests, which empty the database
# when they end, last), not largest first as pytest-xdist would. The 15 slowest tests are listed
# at the end, to keep the suite within its few minutes.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15
# pytest-django takes one settings module per run, so the suite is two runs: the plugin's tests
# against the minimal test site of tests/plugin, and this site's own tests with its settings.
PLUGIN_TESTS := --ds tests.plugin.settings tests/plugin
SITE_TESTS := --ds cms_site.settings.test tests/site
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test test-plugin test-site install install-test demo lint format messages screenshots audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files make the install step a no-op until a requirements file changes.
$(VENV)/.installed: requirements.txt requirements.lock pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -r requirements.txt -c requirements.lock
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(PIP_INSTALL) -r requirements-test.txt -c requirements.lock
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# load_demo prints the site and admin URLs and the demo accounts.
demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --site-url http://127.0.0.1:$(PORT)
	# The loader leaves content it finds up to date unsaved; indexing it again makes content
	# saved before a search field was added findable (a few seconds for the demo).
	$(BIN)/python manage.py update_index > /dev/null

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Both runs, even when the first fails; the target fails if either does (exit 5, no tests
# collected, included).
test: install-test
	@status=0; \
	$(PYTEST) $(PLUGIN_TESTS) || status=$$?; \
	$(PYTEST) $(SITE_TESTS) || status=$$?; \
	exit $$status

test-plugin: install-test
	$(PYTEST) $(PLUGIN_TESTS)

test-site: install-test
	$(PYTEST) $(SITE_TESTS)

# Full-page screenshots of the event page in each language at 375 and 1280 px wide, written to
# artifacts/screenshots/. Needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium).
screenshots: install-test
	$(BIN)/python -m pytest --ds cms_site.settings.test tests/site/browser -m browser -k screenshot

# Known vulnerabilities in the pinned dependencies: pip-audit, with a conservative fallback on
# PyPI's project data where pip-audit's services are out of reach (see docs/security.md).
audit: install-test
	$(BIN)/python tools/audit_dependencies.py requirements.lock

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract interface strings, then derive sr_Cyrl from sr_Latn and compile every catalogue.
# Needs GNU gettext (xgettext, msgmerge) for extraction only; the compiled files are committed.
messages: install-test
	cd panel_event && ../$(BIN)/django-admin makemessages -l sr_Latn -l en --no-obsolete
	$(BIN)/python manage.py makemessages -l sr_Latn -l en --no-obsolete \
		--ignore=.venv --ignore=panel_event --ignore=tests --ignore=tools --ignore=bench
	$(BIN)/python tools/build_catalogues.py
