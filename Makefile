# fcharness — set-up, build, test and benchmarks. `make test` and `make contract` install what
# is missing (libcurl's and zlib's headers, openssl, Python's hdrhistogram) before building, so
# a fresh Debian machine needs nothing else.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CURL_HEADER := $(firstword $(wildcard /usr/include/curl/curl.h /usr/include/*/curl/curl.h))
ZLIB_HEADER := $(wildcard /usr/include/zlib.h)
OPENSSL_TOOL := $(firstword $(wildcard /usr/bin/openssl /usr/local/bin/openssl))
# Debian packages to install: each named only when the file it provides is missing.
MISSING_PACKAGES := $(strip \
	$(if $(CURL_HEADER),,libcurl4-openssl-dev) \
	$(if $(ZLIB_HEADER),,zlib1g-dev) \
	$(if $(OPENSSL_TOOL),,openssl))

CONTRACT_ARGS ?=

.PHONY: all deps build release contract load-smoke test bench bench-json bench-curl bench-schema bench-load embed-spec clean

all: build

## deps: install what the build and the tests need when it is missing: libcurl's headers
## (libcurl4-openssl-dev), zlib's (zlib1g-dev, for HdrHistogram's encoding), openssl (the TLS
## tests make their certificates with it) and Python's hdrhistogram (tests read .hgrm with it)
deps:
ifneq ($(MISSING_PACKAGES),)
	@echo "installing $(MISSING_PACKAGES) (missing)"
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(MISSING_PACKAGES)
endif
	@python3 -c 'import hdrh' 2>/dev/null || { \
		echo "installing the Python package hdrhistogram (import hdrh fails)"; \
		python3 -m pip install -q hdrhistogram; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product fcharness

## contract: the main job — every shipped scenario against the embedded mock (release build)
contract: release
	.build/release/fcharness contract $(CONTRACT_ARGS)

## load-smoke: the smoke load profile against the embedded mock (release build)
load-smoke: release
	.build/release/fcharness load scenarios/load/smoke.yaml --no-progress

## test: every test target (unit and end-to-end)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## embed-spec: regenerate the copy of the spec compiled into the binary
embed-spec:
	scripts/embed-spec.sh

## benchmarks (release builds; see docs/performance.md)
bench: bench-json bench-schema bench-curl

bench-json: deps
	$(SWIFT) build -c release --product json-bench
	.build/release/json-bench ../shared/bench/list-conversations.json

bench-schema: deps
	scripts/bench/validators.sh

bench-curl: deps
	scripts/bench/curl-peers.sh

## bench-load: the load engine beside its peers (each script installs nginx, wrk, hey, Locust
## when missing); a few minutes, load-memory.sh alone takes 5
bench-load: deps
	scripts/bench/load-peers.sh
	scripts/bench/load-scaling.sh
	scripts/bench/load-schedule.sh
	scripts/bench/load-accuracy.sh
	scripts/bench/load-co.sh
	scripts/bench/load-memory.sh

clean:
	rm -rf .build
