# The two set-up commands of the README: `make run` and `make test`. Each creates the
# virtual environment under .venv and installs the pinned dependencies when needed: `make run`
# the runtime alone (what `pip install .` brings), `make test` and the other targets the tools of
# development and tests too (the `dev` extra).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-stamp
STAMP := $(VENV)/.installed-stamp

.PHONY: install browser ruby-node run test test-fast lint check reference docs clean contract docker bench profile mutation

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml requirements.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $(RUNTIME_STAMP)

$(STAMP): pyproject.toml requirements.lock | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(RUNTIME_STAMP) $(STAMP)

install: $(STAMP)

# Chromium, its driver and axe-core for the console's browser tests (apt as root, npm);
# where they cannot be installed, those tests are skipped with a warning.
browser:
	@.ci/install-browser || echo "!!! browser tools unavailable: the console's browser tests will be skipped"

# Ruby (rspec, vcr) and Node for the example suites of examples/ruby and examples/node (apt as root);
# where they cannot be installed, those suites are skipped with a warning.
ruby-node:
	@.ci/install-ruby-node || echo "!!! ruby or node unavailable: the Ruby and Node example suites will be skipped"

run: $(RUNTIME_STAMP)
	$(BIN)/api-entreprise-mock serve

# The layers (tests/layers.py; tests/test_suite_layout.py checks these commands run each once): the unit
# layer; the sweeps (marked `sweep`: property tests, the conformance suite, the world's invariants over
# thousands of identifiers); the system tests (marked `system`: they start servers, containers, a browser,
# a fresh clone), of which the `concurrent` ones time nothing they start.
# Every test: the unit layer, the sweeps and the concurrent system tests on every core (pytest-xdist), then
# the other system tests, which time what they start, after them: two files at a time (a file's tests on one
# worker, so that its servers and clones are started once), nothing CPU-bound beside them.
test: $(STAMP) browser ruby-node
	$(BIN)/pytest -n auto -m "not system or concurrent"
	$(BIN)/pytest -n 2 --dist loadfile -m "system and not concurrent"

# The unit layer alone, on every core: the quick run while working. It collects the directories that hold unit
# tests alone (contract_tests/ holds the conformance suite, a sweep). Each worker starts on its own share of the
# suite, in order, and takes over part of another's when it runs out (worksteal): a file's tests mostly stay on one
# worker, which sets up their module's fixtures once. One worker more than the cores: some 35 s of the unit layer wait
# rather than compute (the example clients' retries and Retry-After, a slow provider past a client's timeout), and a
# core would idle meanwhile. Python and pytest keep the modules they compile (and the test files whose asserts pytest
# rewrites) in __pycache__, where PYTHONDONTWRITEBYTECODE in the environment would have every worker compile them
# again at each run (some 12 of ~75 CPU seconds).
FAST_WORKERS = $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
test-fast: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(FAST_WORKERS) --dist worksteal -m "not system and not sweep" tests examples

# The conformance suite against a running API Entreprise (a sandbox, or the real staging):
#   make contract BASE_URL=http://127.0.0.1:8080 TOKEN=eyJ...   (without BASE_URL: in-process)
# The command is not echoed: TOKEN may be a real staging token, and terminals and CI logs keep what they show.
contract: $(STAMP)
	@echo "conformance suite against $(or $(BASE_URL),the sandbox in-process)$(if $(TOKEN), with the given token,)"
	@API_ENTREPRISE_BASE_URL='$(BASE_URL)' API_ENTREPRISE_TOKEN='$(TOKEN)' $(BIN)/pytest contract_tests

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile

# What CI runs (.ci/run), in this order: the linters; the facts of the official files, when
# they are beside the checkout (fails when the committed ones are stale); the tests.
check: lint
	$(BIN)/python -m tests.reference --if-present
	$(MAKE) test

# The facts the tests take from the official API Entreprise files (tests/reference_facts.json) and
# production's staging answers (tests/staging_payloads.json), derived again from them; fails when a
# committed file was stale or the files are absent:
#   make reference [REFERENCE=path/to/shared/reference]   (default: ../shared/reference)
reference: $(STAMP)
	$(BIN)/python -m tests.reference $(REFERENCE)

# The tables of docs/ generated from the code (routes, scenarios, token presets, settings);
# tests/test_docs.py fails when the committed ones are stale.
docs: $(STAMP)
	$(BIN)/python -m mockserver.serving.docs

# The image; needs a running Docker (tests run the image's command without one).
docker:
	@command -v docker >/dev/null || { echo "make docker: docker is not installed"; exit 1; }
	docker build -t api-entreprise-sandbox .

# Throughput, latency, cold start and memory against nginx and Prism, in one run (bench/README.md); not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Where a request's time goes: a pyinstrument profile of the pipeline in-process.
profile: $(STAMP)
	$(BIN)/python bench/profile.py

# The rules' mutation score: mutmut over mockserver/rules and the pipeline's stages ([tool.mutmut] in
# pyproject.toml), one change at a time against the tests that pin them; fails under 90 % killed.
# CPU-heavy (tens of minutes on two cores); not part of `make test`. `$(BIN)/mutmut results` lists survivors.
mutation: $(STAMP)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -c 'import json, sys; s = json.load(open("mutants/mutmut-cicd-stats.json")); \
	killed, tested = s["killed"] + s["timeout"], s["total"] - s["skipped"]; \
	print("mutation score: %.1f %% (%d of %d killed, %d survived)" % (100 * killed / tested, killed, tested, s["survived"])); \
	sys.exit(killed < 0.9 * tested)'

clean:
	rm -rf $(VENV) mutants .pytest_cache .ruff_cache tests/browser/node_modules
