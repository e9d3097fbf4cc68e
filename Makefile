# docket's two jobs: `make demo` (set up, then run the main job on the sample story)
# and `make test` (set up, then lint, type-check and run the tests). Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint typecheck pytest browser vendor-charts lock clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements/lock.txt pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	# The lock is the complete set (uv compiled every transitive dependency into it), so it
	# is installed as it is, without asking the resolver: a dependency's extra (justext's
	# lxml[html_clean]) would otherwise make pip pick the newest release over the pin.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/pip check
	touch $@

demo: setup
	$(BIN)/docket demo

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/python -m pytest

test: lint typecheck pytest

# Only the viewer's end-to-end tests in headless Chromium (screenshots in test-artifacts/).
browser: setup
	$(BIN)/python -m pytest -m browser tests/test_browser.py

# Fetch Chart.js again from npm into src/docket/web/static/vendor/ (commit the result).
vendor-charts:
	sh scripts/vendor_charts.sh

# Re-pin every dependency with hashes after editing requirements/main.in.
lock:
	$(PYTHON) -m venv /tmp/docket-lock-venv
	/tmp/docket-lock-venv/bin/pip install --quiet uv
	/tmp/docket-lock-venv/bin/uv pip compile --python-version 3.11 --generate-hashes requirements/main.in -o requirements/lock.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
