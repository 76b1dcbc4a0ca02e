# Entry points for maintainers, analysts and CI. Each target sets up the venv first.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup ingest test check bench lint clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (Python 3.11 is required)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

ingest: $(STAMP)
	$(PY) cli.py ingest data/raw --out data/clean

test: $(STAMP)
	$(PY) -m ruff check pipeline cli.py tests bench
	$(PY) -m pytest

check: $(STAMP)
	$(PY) cli.py check data/raw --baseline data/divergences.baseline.json

bench: $(STAMP)
	$(PY) bench/bench.py

lint: $(STAMP)
	$(PY) -m ruff check pipeline cli.py tests bench

clean:
	rm -rf $(VENV) data/clean/*.parquet data/clean/manifest.json
