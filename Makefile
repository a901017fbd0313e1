# partylines: `make report` and `make test` are all a new user needs; `make help` lists the rest.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.partylines-installed
LOCK := requirements.lock
CORPUS := data/raw/corpora/ungd-china-usa
# Python may keep compiled modules (gitignored __pycache__/) even where the environment turns that off: every
# kernel, worker process and test run would otherwise compile partylines and the tests again (seconds each).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: help setup report verify test test-fast lab lock benchmark clean

## Show this help
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-zA-Z_-]+:/{if(doc){split($$1,t,":"); printf "  make %-10s %s\n", t[1], doc}; doc=""}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name partylines --display-name "Python (partylines)" >/dev/null
	@touch $(STAMP)

## Create .venv with the locked dependencies and the spaCy pipeline (once; later calls do nothing)
setup: $(STAMP)

## Run the document notebooks on the default article and the corpus notebooks on the bundled corpus (reports/<name>/)
report: $(STAMP)
	$(BIN)/partylines report
	$(BIN)/partylines report $(CORPUS) --jobs 2

## Regenerate the committed reports in a temporary folder; list every file and version that differs
verify: $(STAMP)
	$(BIN)/partylines verify

## Run the test suite (unit tests, notebooks on two documents, CLI, report reproducibility, browser)
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder --durations=25

## Run the unit tests only (no notebook, kernel or browser), on every core: under a minute
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow and not kernel" -n auto

# `make lab` options: the folder it opens and extra JupyterLab flags (make lab LAB_ARGS="--port=8890 --no-browser").
LAB_DIR ?= notebooks
LAB_ARGS ?=

## Start JupyterLab on the notebooks; they open with the "partylines" kernel (this environment), no kernel to pick
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(LAB_DIR) --MultiKernelManager.default_kernel_name=partylines \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

## Regenerate requirements.lock (exact versions) from pyproject.toml in a throw-away environment
lock:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp" $(LOCK).tmp' EXIT && \
	$(PYTHON) -m venv "$$tmp/venv" && \
	"$$tmp/venv/bin/python" -m pip install --quiet --upgrade pip && \
	"$$tmp/venv/bin/python" -m pip install --quiet '.[test]' && \
	{ echo "# Exact versions that 'make setup' installs. Regenerate with 'make lock' after changing pyproject.toml."; \
	  "$$tmp/venv/bin/python" -m pip freeze --exclude-editable | grep -v -e '^-e ' -e '^partylines[= @]'; \
	} > $(LOCK).tmp && mv $(LOCK).tmp $(LOCK) && echo "wrote $(LOCK)"

## Measure speed and memory against raw spaCy (ratios, printed)
benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

## Remove the environment and caches (not data/raw, not committed reports)
clean:
	rm -rf $(VENV) data/processed .pytest_cache
