# The two commands a newcomer needs: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi:app

.PHONY: run test test-postgres bench lint clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.12, for example)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create $(VENV); on Debian or Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

# axe-core for the accessibility tests and vnu-jar (the Nu HTML Checker) for the HTML checks, pinned
# in package-lock.json; installed again only when the lockfile changes. Without npm (or offline)
# those tests are skipped and say why. --ignore-scripts: vnu-jar's install script would download a
# Java runtime; the checks use Debian's (default-jre-headless).
AXE := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)
node_modules/.installed: package.json package-lock.json
	@if npm ci --no-audit --no-fund --ignore-scripts --silent; then touch $@; \
	else echo "npm ci failed: the accessibility (axe) and HTML (vnu) tests will be skipped"; fi

run: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/flask demo seed
	$(BIN)/flask jobs dev --host 127.0.0.1 --port 5000  # the site and the background worker

test: $(VENV)/.installed-dev $(AXE)
	$(BIN)/python -m pytest

# The same suite against PostgreSQL (browser tests excluded):
# TEST_DATABASE_URL=postgresql://user:password@localhost/db make test-postgres
test-postgres: $(VENV)/.installed-dev
	@test -n "$$TEST_DATABASE_URL" || (echo "Set TEST_DATABASE_URL to a PostgreSQL database" && exit 2)
	$(BIN)/python -m pytest -m "not e2e"

bench: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check community tests benchmarks
	$(BIN)/ruff format --check community tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache node_modules
