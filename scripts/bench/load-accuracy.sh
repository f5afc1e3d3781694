#!/usr/bin/env bash
# Is the measured latency the server's? The mock (CPU 0) answers every request after a fixed
# 20 ms and measures that delay itself; fcharness (CPU 1) runs open-model at 100/s and
# 1,000/s. Goal: fcharness's p50 within 5% of the mock's own measured service time.
# Usage: scripts/bench/load-accuracy.sh     RATES="100/s 1000/s" DUR=20s
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
RATES=${RATES:-"100/s 1000/s"}; DUR=${DUR:-20s}
ensure_tools
build_release
port=18095
for rate in $RATES; do
  start_mock $port --latency fixed:20ms
  taskset -c 1 "$FCHARNESS" load "$root/Benchmarks/load/open-loop.yaml" --base-url "http://127.0.0.1:$port/v2" --token bench \
    --rate "$rate" --duration "$DUR" --threads 1 --validate-sample 0 --no-progress --out "$work/accuracy.json" > /dev/null
  stop_mock > "$work/mock-statistics.txt"
  mock_line=$(grep "measured delay" "$work/mock-statistics.txt")
  python3 - "$work/accuracy.json" "$rate" "$mock_line" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1])); rate = sys.argv[2]; line = sys.argv[3]
mean = float(re.search(r"mean=([0-9.]+)ms", line).group(1))
p50 = r["totals"]["latency_ms"]["p50"]; service = r["totals"]["service_ms"]["p50"]
print(f"{rate}: mock measured {mean:.3f} ms (mean of {re.search(r'n=([0-9]+)', line).group(1)}); "
      f"fcharness p50 {p50:.3f} ms from the intended start ({(p50 - mean) / mean * 100:+.2f}%), "
      f"service p50 {service:.3f} ms; requests {r['totals']['requests']}, errors {r['totals']['errors']}")
print("  goal (p50 within 5%):", "met" if abs(p50 - mean) <= 0.05 * mean else "NOT met")
PY
done
