# Each target is one line that calls a script or a module; README.md says what each one does.
# Variables given on the command line (make conformance BASE_URL=... TOKEN=...) reach the
# commands as environment variables.
VENV ?= .venv
PY := $(VENV)/bin/python

.DEFAULT_GOAL := help
.PHONY: help setup generate docs check-generated serve conformance review review-release review-corpus test corpus lint bench bench-generate clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 26

setup: ## Create .venv with the pinned tools (and node_modules when npm is present).
	@scripts/setup_env.sh

generate: setup ## Validate spec/openapi.yaml and regenerate generated/ (no-op when up to date).
	@$(PY) -m protocol_codegen generate

docs: setup ## Regenerate only the reference page, generated/docs/, and print its path.
	@$(PY) -m protocol_codegen docs

check-generated: setup ## Fail, naming the stale files, when generated/ is not what spec/ and templates/ give.
	@$(PY) -m protocol_codegen check

serve: setup ## Run the reference server on HOST:PORT (default 127.0.0.1:8000); SPEC= another spec.
	@$(if $(SPEC),PROTOCOL_SPEC='$(SPEC)' )$(PY) -m protocol_server

conformance: generate ## Fuzz a server against the spec (the embedded reference server unless BASE_URL is set).
	@$(PY) -m protocol_conformance

review: setup ## What a spec change breaks on the wire and in each SDK, plus lint (SPEC=file, BASE=ref or file, FORMAT=...).
	@$(PY) -m protocol_review

review-release: setup ## The review against the last release (the commit in spec/RELEASE); CI runs it.
	@$(PY) -m protocol_review --release

review-corpus: setup ## Review every pair of oasdiff's corpus (tests/fixtures/oasdiff/) and print the agreement.
	@REVIEW_CORPUS=all $(PY) -m pytest -q tests/review/test_oasdiff.py

# Two pytest processes, one per core: the conformance tests (mostly waiting on servers) beside
# the rest; the conformance part's output follows the rest's. Fails with the first failure's status.
test: setup ## Run every test (Python, generator, server, conformance, TypeScript and PHP clients).
	@mkdir -p reports; \
	$(PY) -m pytest tests/conformance > reports/test-conformance.log 2>&1 & part=$$!; \
	$(PY) -m pytest --ignore=tests/conformance; rest=$$?; \
	wait $$part; conformance=$$?; \
	echo "--- tests/conformance (reports/test-conformance.log) ---"; cat reports/test-conformance.log; \
	if [ $$rest -ne 0 ]; then exit $$rest; fi; exit $$conformance

corpus: setup ## Generate, type-check and call (Prism) every spec of the corpus; print and write its table.
	@CORPUS=all $(PY) -m pytest -q tests/corpus

lint: setup ## ruff, mypy --strict, and our import rules (cycles, private names, root errors, __all__).
	@$(PY) -m pytest -q tests/test_static_checks.py

bench: setup ## Ours against openapi-python-client, datamodel-code-generator and Prism; exit 1 on a missed target.
	@$(PY) -m protocol_bench

bench-generate: setup ## Time `generate` and `docs` (median of several runs, full and no-op).
	@$(PY) -m protocol_codegen.bench

clean: ## Remove the virtualenv, node_modules, caches and local server data.
	@rm -rf $(VENV) node_modules var reports .cache .mypy_cache .pytest_cache .ruff_cache
