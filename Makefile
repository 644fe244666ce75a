# Two commands on a fresh clone:  make demo   and   make test
# Each creates .venv and installs everything it needs (system packages too, when missing).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= khabar.db

.PHONY: demo test bench lint clean system-deps

# Debian packages the project needs: python3-venv for the virtualenv (only if venv is missing).
system-deps:
	@$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || { \
	  echo "installing python3-venv (needs root)"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv python3-pip; }
	@test -x /usr/bin/chromium || { \
	  echo "installing Debian chromium for the browser tests (needs root)"; \
	  apt-get update -qq && apt-get install -y -qq chromium; }

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

## make demo: ingest the bundled sample articles into $(DEMO_DB) and print what came out
demo: $(STAMP)
	$(BIN)/khabar ingest src/khabar/samples/seeds --db $(DEMO_DB)
	$(BIN)/khabar stats --db $(DEMO_DB)
	$(BIN)/khabar search "مسئول أميركي" --db $(DEMO_DB) --limit 3
	$(BIN)/khabar eval clean
	$(BIN)/khabar eval langid tests/data/langid.tsv
	$(BIN)/khabar eval extract
	$(BIN)/khabar stories --db $(DEMO_DB)
	$(BIN)/khabar eval stories
	$(BIN)/khabar story 1 --db $(DEMO_DB)
	$(BIN)/khabar export events.csv --format acled-csv --db $(DEMO_DB)
	$(BIN)/khabar eval fuse
	$(BIN)/khabar embed --db $(DEMO_DB)
	$(BIN)/khabar similar --text "حمله موشکی به نیروهای آمریکایی" --limit 3 --db $(DEMO_DB)
	$(BIN)/khabar eval similar
	$(BIN)/khabar eval ner
	$(BIN)/khabar eval events
	$(BIN)/khabar eval stories --gold tests/data/real/stories/saudi-dev.json
	@echo "serving the web UI over $(DEMO_DB): open http://127.0.0.1:8700/ (Ctrl-C stops)"
	$(BIN)/khabar serve --db $(DEMO_DB)

## make test: lint, then the whole test suite (pytest exits non-zero if no test runs), on two
## workers that each take whole files (pytest-xdist; one file's fixtures are built once), each
## with one BLAS and OpenMP thread: two workers of two spinning threads each on two cores
## slowed the array tests (the e5 reference: 25 s, now 10 s)
test: $(STAMP)
	$(BIN)/ruff check src tests bench scripts training
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(BIN)/python -m pytest -q -n 2 --dist loadfile

## make bench: throughput benchmarks (on demand, not part of the tests)
bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/langid_corpora.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts training

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .hypothesis
