# nbdatachat: the two commands in the README are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench lab clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

## Install into .venv, run the end-to-end demo on the bundled datasets, then run the
## quickstart notebook headlessly and write it with its outputs to out/quickstart.html.
demo: $(STAMP)
	$(PY) -m nbdatachat.demo
	$(PY) -m nbdatachat.jupyter.execute notebooks/quickstart.ipynb --html out/quickstart.html

## Open the quickstart notebook in JupyterLab.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/quickstart.ipynb

## Install into .venv and run the whole test suite.
test: $(STAMP)
	$(PY) -m pytest

## Run every benchmark and print the tables (not part of the test suite).
bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
