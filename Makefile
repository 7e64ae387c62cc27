# Latih: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: setup run test lint format messages bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Latih needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed
	$(MANAGE) compile_catalogues
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) collectstatic --noinput -v0

run: setup
	$(MANAGE) load_demo -v0
	$(MANAGE) serve 127.0.0.1:$(PORT) --noreload

test: $(VENV)/.installed
	$(MANAGE) compile_catalogues
	$(BIN)/lint-imports
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract new strings into the catalogues (needs GNU gettext).
messages: $(VENV)/.installed
	cd src/latih && ../../$(BIN)/python ../../manage.py makemessages -l id -l en --no-obsolete --no-location

bench: setup
	for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) var
