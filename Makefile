# ekusia — the targets CI calls verbatim. `make demo` runs the main job, `make test` every test.
SHELL := /bin/bash
CARGO ?= cargo
PY := .venv/bin/python
EXAMPLE := models/examples/jobbspar-forsorjningsstod.toml

.PHONY: demo test setup lint test-rust fuzz test-reference test-python wasm test-js test-browser bench bench-python serve clean

## The main job: the bundled example through `ekusia run`, as a Swedish table.
demo:
	$(CARGO) run --quiet --release -p ekusia-cli -- run $(EXAMPLE)

## Every test: Rust, the independent reference, Python, Node (wasm) and the browser.
test: setup lint test-rust test-reference test-python wasm test-js test-browser
	@echo "make test: all suites passed"

setup:
	bash scripts/setup.sh

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## The core with its presentation and the command line (a service's build, without
## `present`, is checked by `cargo tree`/`cargo package` in test-package).
test-rust:
	$(CARGO) test -p ekusia --features present -p ekusia-cli
	$(CARGO) build -p ekusia --no-default-features

## Long fuzzing of hostile models through every entry point and format (not part of `test`,
## which runs 300 cases): 100,000 cases in release mode, findings printed at the end.
fuzz:
	EKUSIA_FUZZ_CASES=100000 $(CARGO) test --release -p ekusia --features present --test hostile -- --nocapture

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

test-browser:
	node --test tests/e2e/

bench:
	$(CARGO) bench -p ekusia --bench evaluate

bench-python:
	$(PY) py/benchmarks/bench_python.py

## Serves the calculator at http://localhost:8000/ (build it first with `make wasm`).
serve: wasm
	python3 -m http.server 8000 --directory wasm/www

clean:
	rm -rf target wasm/pkg wasm/www/pkg .venv node_modules
