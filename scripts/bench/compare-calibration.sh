#!/usr/bin/env bash
# Calibration of `fcharness compare` (docs/compare.md): its false-positive rate over A/A pairs
# (two fresh runs against the same mock; goal ≤ 5%), its detection rate over A/B pairs (the
# mock's latency raised 25%; goal ≥ 95%), and the time of a full PR gate on the embedded mock
# (contract, a short load, compare; goal < 60 s).
# Usage: scripts/bench/compare-calibration.sh        PAIRS=20 FCHARNESS=path/to/release/fcharness
# A: fcharness mock --latency normal:20ms,4ms; B: normal:25ms,5ms (every figure +25%). The mocks
# share CPU 0, the load generator runs on CPU 1 with one thread, as in the other load benchmarks.
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
PAIRS=${PAIRS:-20}
if [ -z "${FCHARNESS:-}" ]; then build_release; fi
profile="$root/Benchmarks/compare/list-agents-200.yaml"

start_mock 18201 --latency normal:20ms,4ms; mock_a=$MOCK_PID
start_mock 18202 --latency normal:25ms,5ms; mock_b=$MOCK_PID

run_load() {  # port out: one calibration run against the mock on port
  taskset -c 1 "$FCHARNESS" load "$profile" --base-url "http://127.0.0.1:$1/v2" --token bench --threads 1 \
    --validate-sample 0 --no-progress --out "$2" > "$2.log" 2>&1 || { echo "load failed:" >&2; tail -5 "$2.log" >&2; exit 1; }
}

compare_status() {  # baseline current: compare's exit status (0 none, 1 regression; anything else stops the script)
  local status=0
  "$FCHARNESS" compare "$1" "$2" --no-color --markdown "$2.md" > "$2.compare" 2>&1 || status=$?
  [ "$status" -le 1 ] || { echo "compare failed ($status):" >&2; cat "$2.compare" >&2; exit 1; }
  echo "$status"
}

false_positives=0; detected=0
for i in $(seq 1 "$PAIRS"); do
  # Two fresh A runs (an A/A pair), then a B run compared with the second A (an A/B pair).
  run_load 18201 "$work/a1-$i.json"
  run_load 18201 "$work/a2-$i.json"
  run_load 18202 "$work/b-$i.json"
  aa=$(compare_status "$work/a1-$i.json" "$work/a2-$i.json")
  ab=$(compare_status "$work/a2-$i.json" "$work/b-$i.json")
  false_positives=$((false_positives + aa)); detected=$((detected + ab))
  printf "pair %2d: A/A %s, A/B %s\n" "$i" "$([ "$aa" = 0 ] && echo "no regression" || echo "REGRESSION (false positive)")" \
    "$([ "$ab" = 1 ] && echo "regression" || echo "MISSED")"
  if [ "$aa" = 1 ]; then grep "▲" "$work/a2-$i.json.compare" | sed 's/^/    /'; fi
done
echo "sample A/B comparison (pair $PAIRS):"; sed 's/^/    /' "$work/b-$PAIRS.json.md"
kill "$mock_a" "$mock_b" 2>/dev/null || true

awk -v f="$false_positives" -v d="$detected" -v n="$PAIRS" 'BEGIN {
  printf "A/A false positives: %d of %d pairs (%.1f%%; goal <= 5%%)\n", f, n, 100 * f / n
  printf "A/B detected:        %d of %d pairs (%.1f%%; goal >= 95%%)\n", d, n, 100 * d / n }'

# The PR gate on the embedded mock: contract, the smoke load, compare against a baseline smoke run.
cd "$root"
"$FCHARNESS" load scenarios/load/smoke.yaml --no-progress --out "$work/gate-baseline.json" > /dev/null 2>&1
start=$(date +%s.%N)
"$FCHARNESS" contract > "$work/gate-contract.log" 2>&1 || { echo "contract failed:" >&2; tail -5 "$work/gate-contract.log" >&2; exit 1; }
"$FCHARNESS" load scenarios/load/smoke.yaml --no-progress --out "$work/gate-current.json" > /dev/null 2>&1
gate_status=0; "$FCHARNESS" compare "$work/gate-baseline.json" "$work/gate-current.json" --no-color > "$work/gate-compare.log" 2>&1 || gate_status=$?
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v c="$gate_status" 'BEGIN { printf "PR gate (contract + smoke load 10 s + compare): %.1f s (compare exit %d; goal < 60 s)\n", e - s, c }'
