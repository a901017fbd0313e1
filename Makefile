# partylines: `make report` and `make test` are all a new user needs; `make help` lists the rest.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.partylines-installed
LOCK := requirements.lock

.PHONY: help setup report verify test lab lock benchmark clean

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

## Run every notebook on the default article and write reports/<document>/ (figures, tables, manifest)
report: $(STAMP)
	$(BIN)/partylines report

## Regenerate the default report in a temporary folder and compare it with the committed one
verify: $(STAMP)
	$(BIN)/partylines verify

## Run the test suite (unit tests, notebooks on two documents, CLI, report reproducibility, browser)
test: $(STAMP)
	$(BIN)/python -m pytest

## Start JupyterLab on the notebooks with the "partylines" kernel
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

## Regenerate requirements.lock from pyproject.toml in a throw-away environment
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^-e ' > $(LOCK).tmp && mv $(LOCK).tmp $(LOCK)
	rm -rf .lock-venv

## Measure speed and memory against raw spaCy (ratios, printed)
benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py

## Remove the environment and caches (not data/raw, not committed reports)
clean:
	rm -rf $(VENV) data/processed .pytest_cache
