# The two commands of the README: `make run` and `make test`. Everything else is a
# building block of those two.
SHELL := /bin/bash
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup build build-debug web run test format clean

setup:
	@scripts/setup

build: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target godwit

build-debug: setup
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

web: setup
	@if [ -f web/package.json ]; then cd web && npm run build --silent; fi

run: build web
	@./build/release/godwit serve --host $(HOST) --port $(PORT)

test: setup
	@scripts/test

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
