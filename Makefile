# cjresearch: `make report` builds the sample client report, `make test` runs the suite
# (all but the tests marked slow: `make test-slow` runs those, CI runs both).
# Both create the environment first when it is missing (python3 3.11 and make are enough).
PYTHON ?= python3
VENV   := .venv
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
STAMP  := $(VENV)/.synced
RUN    := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: env report test test-slow test-all bench lint typecheck docs clean

env: $(STAMP)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# uv.lock pins every package: the same lock gives the same environment later.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

report: $(STAMP)
	$(VENV)/bin/cjresearch report data/sample/report.yaml

test: $(STAMP)
	$(RUN) -m pytest -n 2 --dist loadgroup -m "not slow"

# whole reports in every language, Spark, the browser, coverage simulations (~35 min)
test-slow: $(STAMP)
	$(RUN) -m pytest -n 2 --dist loadgroup -m slow

test-all: $(STAMP)
	$(RUN) -m pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(RUN) benchmarks/run_all.py

lint: $(STAMP)
	$(VENV)/bin/ruff check cjresearch tests benchmarks
	$(VENV)/bin/ruff format --check cjresearch tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# the API reference and the worked examples: docs/_build/html/index.html (offline, warnings fail)
docs: $(STAMP)
	$(RUN) -m sphinx -W --keep-going -q -b html docs docs/_build/html

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache docs/_build docs/reference/generated docs/examples/notebooks
