# Entry points for maintainers, analysts and CI. Each target sets up the venv first.
#
# The interpreter: PYTHON=... wins (`make test PYTHON=python3.12`); else python3 when it is
# Python >= 3.11; else python3.11. The venv is rebuilt whenever its interpreter is not that one.
# Three stamps in the venv, each written only once its step succeeded, so a failed step is
# simply retried by the next `make`:
#   .interpreter  the venv exists; holds the interpreter it was made from (prefix and version)
#   .runtime      `pip install -e .`: what `make ingest` and `make check` need
#   .dev          `pip install -e '.[dev]'`: adds the test, lint and bench tools
MIN_PYTHON := 3.11
comma := ,
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in python3 python$(MIN_PYTHON); do \
	$$p -c 'import sys; sys.exit(sys.version_info < ($(subst .,$(comma) ,$(MIN_PYTHON))))' >/dev/null 2>&1 \
	&& { echo $$p; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python

# One line that names an interpreter: where it is installed and its full version (a venv's
# python prints the same line as the interpreter it was made from).
IDENTIFY := import sys; print(sys.base_prefix, *sys.version.split())
WANT := $(if $(PYTHON),$(shell $(PYTHON) -c '$(IDENTIFY)' 2>/dev/null))
HAVE := $(shell $(PY) -c '$(IDENTIFY)' 2>/dev/null)

.PHONY: setup ingest test check bench lint clean report FORCE
.DELETE_ON_ERROR:

setup: $(VENV)/.dev

ingest: $(VENV)/.runtime
	$(PY) cli.py ingest data/raw --out data/clean

test: $(VENV)/.dev
	$(PY) -m ruff check pipeline cli.py tests bench
	$(PY) -m pytest

check: $(VENV)/.runtime
	$(PY) cli.py check data/raw --baseline data/divergences.baseline.json

# The HTML report of data/raw (with the baseline check) in data/report/report.html.
report: $(VENV)/.runtime
	$(PY) cli.py report data/raw --out data/report --baseline data/divergences.baseline.json

bench: $(VENV)/.dev
	$(PY) bench/bench.py

lint: $(VENV)/.dev
	$(PY) -m ruff check pipeline cli.py tests bench

clean:
	rm -rf $(VENV) data/clean/*.parquet data/clean/manifest.json

# Rebuild the venv when it was made from another interpreter (or is broken: HAVE is empty),
# and check the interpreter whenever it does not answer (WANT is empty).
ifneq ($(WANT),$(HAVE))
$(VENV)/.interpreter: FORCE
endif
ifeq ($(WANT),)
$(VENV)/.interpreter: FORCE
endif

# The interpreter is checked before the old venv is removed: a bad PYTHON= leaves it as it was.
$(VENV)/.interpreter:
	@if [ -z "$(PYTHON)" ]; then \
	  found=$$(for p in python3 python$(MIN_PYTHON); do \
	    if command -v $$p >/dev/null 2>&1; then echo "$$p = $$($$p --version 2>&1 | head -n 1)"; \
	    else echo "$$p = not found"; fi; done | paste -s -d ';' | sed 's/;/; /g'); \
	  echo "error: Python >= $(MIN_PYTHON) is needed; found: $$found." \
	    "Install one, or name it: make PYTHON=/path/to/python3.11" >&2; \
	  exit 2; \
	fi
	@if ! command -v "$(PYTHON)" >/dev/null 2>&1; then \
	  echo "error: PYTHON=$(PYTHON): no such command (Python >= $(MIN_PYTHON) is needed)" >&2; exit 2; \
	elif ! version=$$($(PYTHON) -c 'import sys; print(sys.version.split()[0])' 2>&1); then \
	  echo "error: PYTHON=$(PYTHON) does not run: $$(echo "$$version" | head -n 1)" >&2; exit 2; \
	elif ! $(PYTHON) -c 'import sys; sys.exit(sys.version_info < ($(subst .,$(comma) ,$(MIN_PYTHON))))'; then \
	  echo "error: PYTHON=$(PYTHON) is Python $$version; Python >= $(MIN_PYTHON) is needed" >&2; exit 2; \
	fi
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -c '$(IDENTIFY)' > $@

$(VENV)/.runtime: pyproject.toml $(VENV)/.interpreter
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

FORCE:
