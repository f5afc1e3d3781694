#!/usr/bin/env bash
# Coordinated omission, shown: the mock (CPU 0) stops answering for 1 s, 3 s after its first
# request. An open-model run (100/s for 10 s) measures from each request's intended start, so
# the stall shows in its tail; a closed-model run (constant-vus) waits out the stall and
# hides it. Goal: open-model p99 ≥ 0.8 s.
# Usage: scripts/bench/load-co.sh          RATE=100/s DUR=10s CLOSED_VUS=2
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
RATE=${RATE:-100/s}; DUR=${DUR:-10s}; CLOSED_VUS=${CLOSED_VUS:-2}
ensure_tools
build_release
port=18096
report() {  # label file
  python3 - "$1" "$2" <<'PY'
import json, sys
label, path = sys.argv[1], sys.argv[2]
r = json.load(open(path)); t = r["totals"]
print(f"{label:<34} requests {t['requests']:>5}  p50 {t['latency_ms']['p50']:8.1f} ms  p99 {t['latency_ms']['p99']:8.1f} ms  "
      f"p99.9 {t['latency_ms']['p999']:8.1f} ms  max {t['latency_ms']['max']:8.1f} ms")
PY
}
start_mock $port --stall 3s,1s
taskset -c 1 "$FCHARNESS" load "$root/Benchmarks/load/open-loop.yaml" --base-url "http://127.0.0.1:$port/v2" --token bench \
  --rate "$RATE" --duration "$DUR" --threads 1 --no-progress --out "$work/open.json" > /dev/null || true
stop_mock > /dev/null
start_mock $port --stall 3s,1s
taskset -c 1 "$FCHARNESS" load "$root/Benchmarks/load/closed-loop.yaml" --base-url "http://127.0.0.1:$port/v2" --token bench \
  --vus "$CLOSED_VUS" --duration "$DUR" --threads 1 --no-progress --out "$work/closed.json" > /dev/null || true
stop_mock > /dev/null
report "open model ($RATE, intended start)" "$work/open.json"
report "closed model ($CLOSED_VUS VUs, from the send)" "$work/closed.json"
python3 - "$work/open.json" <<'PY'
import json, sys
p99 = json.load(open(sys.argv[1]))["totals"]["latency_ms"]["p99"]
print("goal (open-model p99 >= 800 ms):", "met" if p99 >= 800 else "NOT met")
PY
