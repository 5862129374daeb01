# nbdatachat: the two commands in the README are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench lab clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[all,test]'
	touch $(STAMP)

## Install into .venv, run the end-to-end demo on the bundled datasets, then run the
## quickstart notebook headlessly and write it with its outputs to out/quickstart.html.
demo: $(STAMP)
	$(PY) -m nbdatachat.demo
	$(PY) -m nbdatachat.jupyter.execute notebooks/quickstart.ipynb --html out/quickstart.html

## Open the quickstart notebook in JupyterLab.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/quickstart.ipynb

## The panel's TypeScript unit tests need its node_modules; installed when Node.js is on
## the machine (the Python tests never need Node: the panel ships prebuilt).
LABEXT_DEPS := labextension/node_modules/.yarn-state.yml
$(LABEXT_DEPS): labextension/yarn.lock labextension/package.json | $(STAMP)
	@if command -v node >/dev/null 2>&1; then \
		cd labextension && ../$(VENV)/bin/jlpm install --immutable >/dev/null \
			|| echo "jlpm install failed: the TypeScript unit tests will be skipped"; \
	else echo "node not found: the TypeScript unit tests will be skipped"; fi

## Install into .venv and run the whole test suite.
test: $(STAMP) $(LABEXT_DEPS)
	$(PY) -m pytest

## Run every benchmark and print the tables (not part of the test suite).
bench: $(STAMP)
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) build dist .pytest_cache
