# 美镇申报 — the two commands: `make serve` and `make test`.
SHELL := /bin/bash
# npm's wasm-opt (binaryen 132) must come before any other on PATH; Debian's breaks the app.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: serve test build setup setup-test unit lint browser-test bench clean

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

unit:
	cargo test --quiet

lint:
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings

browser-test:
	node --test --test-concurrency=1 tests/browser/

clean:
	rm -rf dist target/wasm32-unknown-unknown

## Sign, verify and CLI throughput on 1,000 files (printed, not asserted)
bench:
	cargo bench --bench signing
