#!/usr/bin/env bash
# Soak: the pre-release mix at about 1,000 requests/s against the mock for 10 minutes (issue 11).
# The mock runs as its own process on CPU 0, `fcharness load` on CPU 1 (release builds). Every
# 10 s the script samples both processes' RSS and open file descriptors; at the end it prints
# the pass conditions:
#   - RSS growth of the load process under 10% between minute 2 and the last sample;
#   - the mock's file descriptors back to their count before the run, once the run has ended;
#   - zero errors in the results file.
# SOAK_DURATION (default 10m) shortens it for a try; loopback only. Exit 1 when a condition fails.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${SOAK_DURATION:-10m}
# 5.54 requests per iteration on average over the pre-release mix's weights: 181 iterations/s ≈ 1,000 req/s.
rate=${SOAK_RATE:-181/s}
make -s release >/dev/null
bin=.build/release/fcharness
work=${SOAK_DIR:-.build/soak}
rm -rf "$work" && mkdir -p "$work"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
taskset -c 0 "$bin" mock --port "$port" --token soak-token >"$work/mock.log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$work/mock.log" 2>/dev/null && break; sleep 0.1; done
fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mock_fds_before=$(fds $mock)

taskset -c 1 "$bin" load scenarios/load/pre-release.yaml --base-url "http://127.0.0.1:$port/v2" --token soak-token \
  --var app_id=soak --rate "$rate" --duration "$duration" --threads 1 --no-progress --out "$work/results.json" \
  >"$work/load.txt" 2>&1 &
load=$!
start=$(date +%s)
echo "seconds,load_rss_kb,load_fds,mock_rss_kb,mock_fds" >"$work/samples.csv"
while kill -0 $load 2>/dev/null; do
  sleep 10
  kill -0 $load 2>/dev/null || break
  echo "$(( $(date +%s) - start )),$(rss $load),$(fds $load),$(rss $mock),$(fds $mock)" >>"$work/samples.csv"
done
status=0
wait $load || status=$?
elapsed=$(( $(date +%s) - start ))
sleep 2
mock_fds_after=$(fds $mock)

python3 - "$work" "$mock_fds_before" "$mock_fds_after" "$status" "$elapsed" <<'PY'
import csv, json, sys
work, before, after, status, elapsed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = [dict((k, int(v)) for k, v in row.items()) for row in csv.DictReader(open(f"{work}/samples.csv"))]
results = json.load(open(f"{work}/results.json"))
totals = results["totals"]
requests, errors = totals["requests"], totals["errors"]
duration = rows[-1]["seconds"] if rows else 0
at2 = next((r for r in rows if r["seconds"] >= 120), rows[0] if rows else None)
last = rows[-1] if rows else None
ok = True
print(f"load exit {status}; {requests} requests, {errors} errors in {elapsed} s ({requests / max(elapsed, 1):.0f} req/s, graceful stop included)")
if at2 and last:
    growth = (last["load_rss_kb"] - at2["load_rss_kb"]) / at2["load_rss_kb"] * 100
    mock_growth = (last["mock_rss_kb"] - at2["mock_rss_kb"]) / at2["mock_rss_kb"] * 100
    print(f"load RSS: {at2['load_rss_kb'] / 1024:.1f} MB at {at2['seconds']} s → {last['load_rss_kb'] / 1024:.1f} MB at {last['seconds']} s ({growth:+.1f}%; must be under +10%)")
    print(f"mock RSS: {at2['mock_rss_kb'] / 1024:.1f} MB → {last['mock_rss_kb'] / 1024:.1f} MB ({mock_growth:+.1f}%)")
    print(f"load fds: {rows[0]['load_fds']} at {rows[0]['seconds']} s, {last['load_fds']} at {last['seconds']} s (max {max(r['load_fds'] for r in rows)})")
    ok &= growth < 10
print(f"mock fds: {before} before the run, {after} after it ({'back' if after == before else 'NOT back'} to the starting count)")
ok &= after == before
ok &= errors == 0
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
