#!/usr/bin/env bash
# The rate-limit manners figures of docs/rate-limits.md: the same run with manners and with
# --no-rate-limit-manners against `fcharness mock --flavor observed` (X-RateLimit-* on every
# answer, 429 without Retry-After), counting the 429s the mock itself sent (its stop line,
# `rate_limited=N`). Loopback only; each run is bounded (a contract run of the shipped
# scenarios, or a 3 s load run).
#   scripts/bench/rate-limit-figures.sh [ROUNDS]     (default 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rounds=${1:-3}
(cd "$root" && swift build -c release --product fcharness >/dev/null)
fcharness="$root/.build/release/fcharness"
overlay="$root/scenarios/overlays/freshchat-observed.yaml"
work=$(mktemp -d)
mock_pid=""
trap '[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null; rm -rf "$work"' EXIT

# Starts the observed mock with LIMIT on a free port; sets base_url, app_id and mock_pid.
start_mock() {
  local limit=$1
  "$fcharness" mock --flavor observed --rate-limit "$limit" --port 0 >"$work/mock.out" 2>&1 &
  mock_pid=$!
  for _ in $(seq 1 100); do
    grep -q '^base URL ' "$work/mock.out" 2>/dev/null && break
    sleep 0.1
  done
  base_url=$(sed -n 's/^base URL \([^,]*\),.*/\1/p' "$work/mock.out")
  app_id=$(sed -n 's/.*app id \(.*\)$/\1/p' "$work/mock.out")
  [ -n "$base_url" ] || { echo "the mock did not start: $(cat "$work/mock.out")" >&2; exit 1; }
}

# Stops the mock and waits for its stop line (in this shell: `wait` needs its own child).
stop_mock() {
  kill -TERM "$mock_pid"
  wait "$mock_pid" 2>/dev/null || true
  mock_pid=""
}

# Prints "429s requests" of one run: KIND (contract|load) and MANNERS (on|off).
one_run() {
  local kind=$1 manners=$2 extra=()
  [ "$manners" = off ] && extra=(--no-rate-limit-manners)
  if [ "$kind" = contract ]; then
    start_mock 5/s
    "$fcharness" contract --base-url "$base_url" --token dev-token --var "app_id=$app_id" --overlay "$overlay" \
      --parallel 2 "${extra[@]}" >/dev/null 2>&1 || true
  else
    start_mock 10/s
    "$fcharness" load "$root/scenarios/load/smoke.yaml" --base-url "$base_url" --token dev-token --var "app_id=$app_id" \
      --overlay "$overlay" --duration 3s --threads 1 --no-progress --out "$work/results.json" "${extra[@]}" >/dev/null 2>&1 || true
  fi
  stop_mock
  local throttled requests
  throttled=$(sed -n 's/.*rate_limited=\([0-9]*\).*/\1/p' "$work/mock.out")
  requests=$(sed -n 's/.*faults: requests=\([0-9]*\).*/\1/p' "$work/mock.out")
  [ -n "$throttled" ] && [ -n "$requests" ] || { echo "no stop line from the mock: $(cat "$work/mock.out")" >&2; exit 1; }
  echo "$throttled $requests"
}

echo "| run | with manners: 429s (requests) | without: 429s (requests) |"
echo "|---|---|---|"
for kind in contract load; do
  with=() without=()
  for _ in $(seq 1 "$rounds"); do
    read -r t r <<<"$(one_run "$kind" on)"; with+=("$t ($r)")
    read -r t r <<<"$(one_run "$kind" off)"; without+=("$t ($r)")
  done
  label="shipped contract scenarios, --parallel 2, limit 5/s"
  [ "$kind" = load ] && label="load smoke.yaml --duration 3s --threads 1, limit 10/s"
  (IFS=';'; echo "| $label | ${with[*]} | ${without[*]} |") | sed 's/;/, /g'
done
