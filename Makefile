# civicnb: `make run` and `make test` work on a fresh machine (Python >= 3.11 and, for
# the PostgreSQL tests, Debian's apt; everything else comes from PyPI).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PY      = $(BIN)/python
WORKSPACE ?= civicnb-workspace
PYTEST_ARGS ?=
VENV_LOWEST ?= .venv-lowest

.PHONY: run test test-lowest venv venv-test venv-lowest lint bench catalogs pg-start pg-stop clean

$(BIN)/civicnb-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	$(PY) -m compileall -q civicnb >/dev/null  # as pip does for a wheel: kernels start faster
	touch $@

$(BIN)/civicnb-test-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q civicnb >/dev/null  # as pip does for a wheel: kernels start faster
	touch $@ $(BIN)/civicnb-installed

# the lowest versions pyproject.toml allows for every direct dependency (uv's lowest-direct
# resolution; what they pull in comes at its newest), in a venv of their own
$(VENV_LOWEST)/bin/civicnb-lowest-installed: pyproject.toml $(BIN)/civicnb-test-installed
	rm -rf $(VENV_LOWEST)
	$(PYTHON) -m venv $(VENV_LOWEST)
	$(PY) -m pip install --quiet 'uv>=0.5,<1'
	$(BIN)/uv pip install --quiet --python $(VENV_LOWEST)/bin/python --resolution lowest-direct -e '.[test]'
	$(VENV_LOWEST)/bin/python -m compileall -q civicnb >/dev/null
	touch $@

venv: $(BIN)/civicnb-installed
venv-test: $(BIN)/civicnb-test-installed
venv-lowest: $(VENV_LOWEST)/bin/civicnb-lowest-installed

PORT ?= 8866
PARTICIPANTS ?= 4

## run: set up, create the demo workspace (or keep the one there, with everything recorded
## in it) and serve it (Ctrl-C stops); `civicnb demo --reset` starts the demo afresh
run: venv
	$(BIN)/civicnb demo --keep --workspace $(WORKSPACE)
	$(BIN)/civicnb summary villaflor --workspace $(WORKSPACE)
	$(BIN)/civicnb serve --workspace $(WORKSPACE) --port $(PORT) --participants $(PARTICIPANTS) --no-browser

## test: set up, start a throwaway PostgreSQL, make sure Chromium is there, run everything
test: venv-test
	bash scripts/pg-test-server.sh start
	PYTHON="$(abspath $(PY))" bash scripts/install-chromium.sh
	bash scripts/install-debian.sh pdftotext=poppler-utils nginx=nginx sqlite3=sqlite3
	CIVICNB_TEST_PG_URL="$$(bash scripts/pg-test-server.sh url)" \
		$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

## test-lowest: the fast, store and kernel tiers and the doctests on the lowest versions
## the bounds in pyproject.toml allow, so that every lower bound is a tested claim (CI runs
## it after `make test`). Not ruff and mypy (test_quality): lint rules and stubs change
## between versions, and `make test` runs them on the versions we develop with.
## Nor the load tests (test_crowd_load's 30 participants, test_deploy_load's 60): load
## tests, not versions tests, that `make test` runs; 30 kernels at once also contend for
## IPython's history file.
test-lowest: venv-lowest
	bash scripts/pg-test-server.sh start
	CIVICNB_TEST_PG_URL="$$(bash scripts/pg-test-server.sh url)" \
		$(VENV_LOWEST)/bin/pytest -n 2 --dist loadgroup --ignore tests/fast/test_quality.py \
		--ignore tests/kernel/test_crowd_load.py \
		--ignore tests/kernel/test_deploy_load.py \
		tests/fast tests/store tests/kernel civicnb $(PYTEST_ARGS)

lint: venv-test
	$(BIN)/ruff check civicnb tests benchmarks
	$(BIN)/ruff format --check civicnb
	$(BIN)/mypy civicnb

## catalogs: extract civicnb's English words (civicnb/i18n/*.py) into the template
## civicnb/locale/civicnb.pot, bring every language's .po up to date with it (a new message
## comes in untranslated, a changed one fuzzy, with its previous English) and compile the
## .mo files the package ships; docs/translating.md says what a translator does between
catalogs: venv-test
	BIN=$(BIN) bash scripts/catalogs.sh

## bench: every benchmark of benchmarks/, with small arguments (minutes, not hours);
## run one by hand with its defaults for the figures of docs/benchmarks.md
BENCH_PG = CIVICNB_TEST_PG_URL="$$(bash scripts/pg-test-server.sh url)"
bench: venv-test
	bash scripts/pg-test-server.sh start
	$(BENCH_PG) $(PY) benchmarks/bench_analysis.py --localities 300
	$(BENCH_PG) $(PY) benchmarks/bench_store.py --writers 8 --per-writer 10 --baseline-ratings 80
	$(PY) benchmarks/bench_report.py --runs 1
	$(PY) benchmarks/bench_batch.py --localities 4 --workers 2 --baseline 1
	$(PY) benchmarks/bench_course.py --groups 1 --workers 1
	$(PY) benchmarks/bench_new.py --runs 2 --baseline 1
	PYTHON="$(abspath $(PY))" bash scripts/install-chromium.sh
	$(PY) benchmarks/bench_app.py --runs 5 --crowd 4
	$(PY) benchmarks/bench_crowd_http.py --crowd 4
	$(PY) benchmarks/bench_crowd_protocol.py --crowd 4
	$(PY) benchmarks/bench_lab_open.py --runs 1

pg-start:
	bash scripts/pg-test-server.sh start
pg-stop:
	bash scripts/pg-test-server.sh stop

clean:
	rm -rf $(VENV) $(VENV_LOWEST) dist build .pytest_cache .mypy_cache .ruff_cache
