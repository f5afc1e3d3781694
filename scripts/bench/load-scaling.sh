#!/usr/bin/env bash
# Does connection count cost per request? `fcharness load` (constant-vus, one thread) beside
# wrk and the plain C libcurl loop at 16, 256, 1,024 and 4,096 connections against nginx
# (CPU 0, one worker with room for every connection); generators on CPU 1, DUR seconds each.
# Goal: fcharness's req/s at 4,096 ≥ 0.8× its req/s at 16.
# Usage: scripts/bench/load-scaling.sh      DUR=8 CONNECTIONS="16 256 1024 4096"
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
DUR=${DUR:-8}; CONNECTIONS=${CONNECTIONS:-"16 256 1024 4096"}
ensure_tools
build_release
ulimit -n "$(ulimit -Hn)"  # every connection is a descriptor, for each generator and for nginx
gcc -O2 -o "$work/curlmulti" "$shared/curlmulti.c" -lcurl
start_nginx 18080 10000
url=http://127.0.0.1:18080/v2/agents
profile="$root/Benchmarks/load/closed-loop.yaml"

declare -A fcharness_rps
for c in $CONNECTIONS; do
  echo "== $c connections"
  row wrk "$DUR" wrk -t1 -c"$c" -d"${DUR}s" "$url"
  row c-libcurl "$DUR" "$work/curlmulti" "$c" "$DUR" "$url"
  row fcharness "$DUR" "$FCHARNESS" load "$profile" --base-url "${url%/agents}" --vus "$c" --duration "${DUR}s" --threads 1 --no-progress
  fcharness_rps[$c]=$(echo "$LAST_OUTPUT" | grep -oE 'Requests/sec:[[:space:]]*[0-9.]+' | grep -oE '[0-9.]+$')
done
first=${CONNECTIONS%% *}; last=${CONNECTIONS##* }
awk -v a="${fcharness_rps[$first]}" -v b="${fcharness_rps[$last]}" -v f="$first" -v l="$last" \
  'BEGIN { printf "fcharness req/s at %s / at %s: %.2f (goal >= 0.8)\n", l, f, b / a }'
