# README command 1: `make demo`  — venv, install, build the graph from the embedded seeds, pages.
# README command 2: `make test`  — install test dependencies (browser, servers) and run every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SEMIKG := $(VENV)/bin/semikg
OUT ?= build

.PHONY: demo install test-deps test bench clean regen

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

install: $(PY)
	$(PY) -m pip install --quiet -e .

demo: install
	$(SEMIKG) build --out $(OUT)
	$(SEMIKG) viz --out $(OUT)/viz/graph.html
	$(SEMIKG) viz --focus 台积电 --hops 2 --out $(OUT)/viz/tsmc.html
	$(SEMIKG) stats --graph $(OUT)/semikg.ttl --no-shacl
	@echo "The semikg command is $(SEMIKG): run 'source $(VENV)/bin/activate' to type 'semikg ...' (see README, Using it)."

test-deps: $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	bash .ci/install-browser.sh

test: test-deps
	$(PY) -m pytest -q -ra

bench: install
	$(PY) bench/quality.py
	$(PY) bench/extract_bench.py

regen: install
	$(PY) -m semikg.ontology.codegen
	$(PY) -m pytest -q tests/graph/test_builder.py tests/queries/test_saved_queries_seed.py --regen-golden

clean:
	rm -rf $(OUT) .pytest_cache
