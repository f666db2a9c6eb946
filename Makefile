# ekusia — the targets CI calls verbatim. `make demo` runs the main job, `make test` every test.
SHELL := /bin/bash
CARGO ?= cargo
PY := .venv/bin/python
EXAMPLE := models/examples/jobbspar-forsorjningsstod.toml

.PHONY: demo test test-fuzz fuzz setup lint lint-js lint-py test-rust test-package test-reference test-python wasm test-js test-browser bench bench-python serve clean

## The main job: the bundled example through `ekusia run`, as a Swedish table.
demo:
	$(CARGO) run --quiet --release -p ekusia-cli -- run $(EXAMPLE)

## Every test: Rust, the independent reference, Python, Node (wasm) and the browser.
test: setup lint test-rust test-package test-reference test-python wasm test-js test-fuzz test-browser
	@echo "make test: all suites passed"

setup:
	bash scripts/setup.sh

lint: lint-js lint-py
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## ESLint over the JS package, the page and the JS tests; tsc over the package's types in use.
lint-js:
	node_modules/.bin/eslint wasm/js wasm/www tests/js tests/e2e tests/fuzz benches
	node_modules/.bin/tsc -p tsconfig.json

## ruff (from .venv, made by `make setup`) over the Python package, its tests, the reference.
lint-py:
	.venv/bin/ruff check py/python py/tests py/benchmarks tests/reference tests/vectors/*.py tests/fuzz benches
	cd py/python && ../../.venv/bin/mypy -p ekusia --ignore-missing-imports

## The core with its presentation and the command line (a service's build, without
## `present`, is checked by `cargo tree`/`cargo package` in test-package).
test-rust:
	$(CARGO) test -p ekusia --features present -p ekusia-xlsx -p ekusia-cli
	$(CARGO) build -p ekusia --no-default-features

## The crate a Rust service depends on: packages on its own, and pulls in no CLI or table crates.
test-package:
	$(CARGO) package -p ekusia --allow-dirty --quiet
	@if $(CARGO) tree -p ekusia -e normal | grep -E 'clap|comfy-table|indicatif|csv|rust_xlsxwriter'; then \
	  echo "the core crate must not depend on CLI, presentation or spreadsheet crates by default"; exit 1; fi

## The golden vectors must be exactly what the independent reference computes today.
test-reference:
	python3 tests/reference/ekusia_ref.py --check-vectors
	python3 tests/reference/sim_ref.py --check-vectors

test-python:
	cd py && ../$(PY) -m pytest -q tests

wasm:
	bash scripts/build-wasm.sh

test-js:
	node --test tests/js/

## Hostile models through Python, JavaScript and the command line (a fixed budget; see SECURITY.md).
test-fuzz:
	$(PY) tests/fuzz/run.py --cases 300

## Long campaigns (not part of `test`, which runs a fixed budget): the Rust in-process generator
## of hostile models through every entry point and format (100,000 cases in release, findings
## printed at the end), then the cross-interface harness.
fuzz:
	EKUSIA_FUZZ_CASES=100000 $(CARGO) test --release -p ekusia --features present --test hostile -- --nocapture
	EKUSIA_FUZZ_CASES=300000 $(CARGO) test --release -p ekusia --features present --test errors
	$(PY) tests/fuzz/run.py --cases 20000 --cli-every 20

test-browser:
	node --test tests/e2e/

bench:
	$(CARGO) bench -p ekusia --bench evaluate

bench-python:
	$(PY) py/benchmarks/bench_python.py
	$(PY) py/benchmarks/bench_observe.py --rows 1000000

## Serves the calculator at http://localhost:8000/ (build it first with `make wasm`).
serve: wasm
	python3 -m http.server 8000 --directory wasm/www

clean:
	rm -rf target wasm/pkg wasm/www/pkg .venv node_modules
