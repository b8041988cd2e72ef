# One-command entry points. Everything installs itself into .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench setup clean-venv

$(BIN)/cleanup: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup: $(BIN)/cleanup
	$(BIN)/python -m cleanup.grammar setup

# The main job on the samples: what would change, as diffs, and what to review.
demo: setup
	$(BIN)/cleanup check --diff samples/ || test $$? -eq 1
	$(BIN)/cleanup check --diff samples/005_article_page.html || test $$? -eq 1

# The test suite, with the real LanguageTool server (provisioned by `setup`).
test: setup
	$(BIN)/python -m pytest -q

bench: $(BIN)/cleanup
	$(BIN)/pip install -q justext
	$(BIN)/python benchmarks/boilerplate.py
	$(BIN)/python benchmarks/mt.py

clean-venv:
	rm -rf $(VENV)
