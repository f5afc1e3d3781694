#!/usr/bin/env bash
# Does a long run grow? The pre-release profile (5 minutes) against the mock in its own
# process (CPU 0), fcharness on CPU 1; the load process's resident memory is read at 1 and at
# 5 minutes. Goal: within 10%.
# Usage: scripts/bench/load-memory.sh      PROFILE=scenarios/load/pre-release.yaml
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
PROFILE=${PROFILE:-$root/scenarios/load/pre-release.yaml}
ensure_tools
build_release
port=18097
start_mock $port
app_id=$(grep -oE 'app id [^ ]+' "$work/mock-$port.out" | awk '{print $3}')
taskset -c 1 "$FCHARNESS" load "$PROFILE" --base-url "http://127.0.0.1:$port/v2" --token bench --var "app_id=$app_id" \
  --no-progress --out "$work/memory.json" > "$work/summary.txt" &
load_pid=$!
rss() { awk '/^VmRSS/{print $2}' "/proc/$load_pid/status"; }
sleep 60; at1=$(rss); echo "RSS after 1 minute: $at1 kB"
sleep 240; at5=$(rss); echo "RSS after 5 minutes: $at5 kB"
wait "$load_pid" || true
tail -3 "$work/summary.txt"
awk -v a="$at1" -v b="$at5" 'BEGIN { printf "growth %+.1f%% (goal within 10%%): %s\n", (b-a)/a*100, ((b-a)/a <= 0.10 && (a-b)/a <= 0.10) ? "met" : "NOT met" }'
stop_mock
