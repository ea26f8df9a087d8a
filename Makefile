# 美镇申报 — the two commands: `make serve` and `make test`.
SHELL := /bin/bash
# npm's wasm-opt (binaryen 132) must come before any other on PATH; Debian's breaks the app.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: serve test build setup setup-test setup-bench unit lint browser-test bench bench-signing clean

## Build the release and serve it on http://127.0.0.1:$(PORT)
serve: build
	node scripts/serve.mjs dist $(PORT)

## Install what is missing, then run every test
test: setup setup-test
	cargo fmt --check
	$(MAKE) --no-print-directory lint unit build browser-test

build: setup
	trunk build --release

setup:
	@scripts/setup-build.sh

setup-test:
	@scripts/setup-test.sh

setup-bench:
	@scripts/setup-bench.sh

unit:
	cargo test --quiet

lint:
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --features ssr --lib --bin meizhen-prerender -- -D warnings
	cargo clippy --quiet --target wasm32-unknown-unknown --features hydrate --all-targets -- -D warnings

browser-test:
	node --test --test-concurrency=1 tests/browser/

clean:
	rm -rf dist target/wasm32-unknown-unknown

## Page benchmark of the release build against the reference form (../shared/reference, or
## BENCH_REFERENCE): bytes, time to a usable form, keystroke work, DOM, memory, Lighthouse, each as a
## ratio app/reference; then verify.html with 20 signed files (printed beside the targets and
## written to BENCHMARKS.md, not asserted)
bench: build setup-test setup-bench
	node scripts/bench-page.mjs dist

## Sign, verify and CLI throughput on 1,000 files (printed and written to BENCHMARKS.md, not asserted)
bench-signing:
	cargo build --quiet --profile cli --bin meizhen
	set -o pipefail; MEIZHEN_CLI=target/cli/meizhen cargo bench --bench signing | tee target/bench-signing.txt
	node scripts/bench-report.mjs signing < target/bench-signing.txt
