# Two entry points, both usable on a machine that has only Python 3.11+ and make:
#   make demo   brings up the quickstart program against the embedded TCMPP emulator
#   make test   runs the test suite
# `make demo` installs the package with its runtime dependencies only; `make test` (and
# `make lint`, `make bench`) add the test and development extras: pytest, the vendor SDK the
# tests use as an oracle, ruff and mypy.
SHELL       := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
PIP_STEPS := ^(Collecting|Installing collected|Successfully installed)

.PHONY: demo test lint bench clean

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "make: pulumi-tcmpp needs Python 3.11 or newer; '$(PYTHON)' is not (or is missing)."; \
	  echo "      Name another one: make $(MAKECMDGOALS) PYTHON=python3.12"; exit 1; }
	@echo "==> creating $(VENV) with $$($(PYTHON) --version)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: '$(PYTHON) -m venv' failed; on Debian or Ubuntu install python3-venv first."; \
	  exit 1; }
	@echo "==> updating pip"
	@$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	@echo "==> installing pulumi-tcmpp and its runtime dependencies into $(VENV)"
	@echo "    (pulumi, grpcio, httpx, pydantic, cryptography, PyYAML; downloaded from PyPI the first time)"
	@$(PIP) install --progress-bar off -e . | { grep -E "$(PIP_STEPS)" || true; }
	@$(PY) -c 'import pulumi, httpx, pydantic, cryptography, yaml, pulumi_tcmpp' && touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	@echo "==> adding the test and development extras (pytest, the vendor SDK, ruff, mypy)"
	@$(PIP) install --progress-bar off -e '.[test,dev]' | { grep -E "$(PIP_STEPS)" || true; }
	@$(PY) -c 'import pytest, mypy, ruff, tencentcloud' && touch $@

demo: $(VENV)/.installed
	@echo "==> pulumi-tcmpp demo"
	$(PY) -m pulumi_tcmpp demo

test: $(VENV)/.installed-dev
	$(PY) -m pytest -q

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check provider tests benchmarks
	$(VENV)/bin/ruff format --check provider tests benchmarks
	$(VENV)/bin/mypy

bench: $(VENV)/.installed-dev
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
