# fcharness — set-up, build, test and benchmarks. `make test` and `make contract` install what
# is missing (libcurl's headers) before building, so a fresh Debian machine needs nothing else.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CURL_HEADER := $(firstword $(wildcard /usr/include/curl/curl.h /usr/include/*/curl/curl.h))

CONTRACT_ARGS ?=

.PHONY: all deps build release contract test bench bench-json bench-curl bench-schema embed-spec clean

all: build

## deps: install libcurl's development package when its header is missing
deps:
ifeq ($(CURL_HEADER),)
	@echo "installing libcurl4-openssl-dev (libcurl headers are missing)"
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcurl4-openssl-dev
endif

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product fcharness

## contract: the main job — every shipped scenario against the embedded mock (release build)
contract: release
	.build/release/fcharness contract $(CONTRACT_ARGS)

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

clean:
	rm -rf .build
