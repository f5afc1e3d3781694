#!/usr/bin/env bash
# Does the open model keep its schedule? 1,000 arrivals/s for 30 s against nginx (CPU 0),
# fcharness on CPU 1 with one thread. Goals: requests within 1% of planned, and the lag of
# each iteration's actual send behind its intended start p99 < 1 ms.
# Usage: scripts/bench/load-schedule.sh     RATE=1000/s DUR=30s THREADS=1
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
RATE=${RATE:-1000/s}; DUR=${DUR:-30s}; THREADS=${THREADS:-1}
ensure_tools
build_release
start_nginx 18080
taskset -c 1 "$FCHARNESS" load "$root/Benchmarks/load/open-loop.yaml" --base-url http://127.0.0.1:18080/v2 \
  --rate "$RATE" --duration "$DUR" --threads "$THREADS" --no-progress --out "$work/schedule.json" > "$work/summary.txt"
tail -4 "$work/summary.txt"
python3 - "$work/schedule.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
planned = r["run"]["planned_iterations"]; started = r["iterations"]["started"]; requests = r["totals"]["requests"]
lag = r["lateness_ms"]
print(f"planned {planned} iterations, started {started} ({(started - planned) / planned * 100:+.2f}%), "
      f"requests {requests} ({(requests - planned) / planned * 100:+.2f}%), dropped {r['iterations']['dropped']}")
print(f"send lag behind the intended start: p50 {lag['p50']:.3f} ms, p99 {lag['p99']:.3f} ms, p99.9 {lag['p999']:.3f} ms, max {lag['max']:.3f} ms")
print(f"latency from the intended start: p50 {r['totals']['latency_ms']['p50']:.3f} ms, p99 {r['totals']['latency_ms']['p99']:.3f} ms")
ok = abs(requests - planned) <= 0.01 * planned and lag["p99"] < 1.0
print("goals (requests within 1% of planned, lag p99 < 1 ms):", "met" if ok else "NOT met")
PY
