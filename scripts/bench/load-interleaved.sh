#!/usr/bin/env bash
# The efficiency ratio with the host's drift taken out: the plain C libcurl loop
# (../shared/bench/curlmulti.c, curl_multi_perform), the C loop on libcurl's socket API
# (Benchmarks/load/curlsocket.c), the load engine's floor (`curl-bench -e`: the engine with a
# driver that only restarts one request, without and with the two header lines fcharness
# sends) and `fcharness load` (the candidate of load-peers.sh) run back to back, ROUNDS times,
# against one nginx (CPU 0; generators on CPU 1). This host moves the
# same binary by ±15% from one minute to the next, so a ratio is only fair between runs
# seconds apart: each round prints its own ratios, and the end the median of each.
# load-peers.sh (../shared/bench/peers.sh unchanged) stays the figure of record; this is the
# cross-check. Usage: scripts/bench/load-interleaved.sh      ROUNDS=5 DUR=8 C=16 VALIDATE_SAMPLE=0.01
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
ROUNDS=${ROUNDS:-5}; DUR=${DUR:-8}; C=${C:-16}; VALIDATE_SAMPLE=${VALIDATE_SAMPLE:-0.01}
ensure_tools
build_release
(cd "$root" && swift build -c release --product curl-bench >/dev/null)
gcc -O2 -o "$work/curlmulti" "$shared/curlmulti.c" -lcurl
gcc -O2 -o "$work/curlsocket" "$root/Benchmarks/load/curlsocket.c" -lcurl
start_nginx 18080
url=http://127.0.0.1:18080/v2/agents
profile="$root/Benchmarks/load/closed-loop.yaml"

rps_of() { echo "$LAST_OUTPUT" | grep -oE '(Requests/sec:[[:space:]]*|rps=)[0-9.]+' | grep -oE '[0-9.]+$' | tail -1; }
cpu_of() { echo "$LAST_OUTPUT" | awk -v d="$DUR" -v r="$1" '/^CPU/{printf "%.3f", ($2+$3)*1e6/(r*d)}'; }
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  row c-libcurl "$DUR" "$work/curlmulti" "$C" "$DUR" "$url"
  perform_rps=$(rps_of); perform_cpu=$(cpu_of "$perform_rps")
  row c-socket-api "$DUR" "$work/curlsocket" "$C" "$DUR" "$url"
  socket_rps=$(rps_of)
  row engine-floor "$DUR" "$root/.build/release/curl-bench" -e -c "$C" -d "$DUR" "$url"
  floor_rps=$(rps_of)
  row floor+headers "$DUR" "$root/.build/release/curl-bench" -e -u fcharness -a -c "$C" -d "$DUR" "$url"
  headers_rps=$(rps_of)
  row fcharness "$DUR" "$FCHARNESS" load "$profile" --base-url "${url%/agents}" --vus "$C" --duration "${DUR}s" \
    --threads 1 --validate-sample "$VALIDATE_SAMPLE" --no-progress
  candidate_rps=$(rps_of); candidate_cpu=$(cpu_of "$candidate_rps")
  line=$(awk -v c="$candidate_rps" -v p="$perform_rps" -v s="$socket_rps" -v cc="$candidate_cpu" -v pc="$perform_cpu" \
    -v f="$floor_rps" -v h="$headers_rps" 'BEGIN { printf "%.3f %.3f %.3f %.3f %.3f", c / p, cc / pc, c / s, f / p, h / p }')
  ratios+=("$line")
  read -r to_perform cpu_ratio to_socket floor_ratio headers_ratio <<< "$line"
  printf "  fcharness / C perform loop: %.2fx req/s, %.2fx CPU per request; / C socket-API loop: %.2fx req/s\n" \
    "$to_perform" "$cpu_ratio" "$to_socket"
  printf "  engine floor / C perform loop: %.2fx, with the two header lines %.2fx\n" "$floor_ratio" "$headers_ratio"
done
printf '%s\n' "${ratios[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
median = [statistics.median(column) for column in zip(*rows)]
print("median of %d rounds: fcharness / C perform loop %.2fx req/s, %.2fx CPU per request; / C socket-API loop %.2fx req/s"
      % (len(rows), median[0], median[1], median[2]))
print("engine floor / C perform loop %.2fx req/s; with the two header lines %.2fx" % (median[3], median[4]))
print("goals: >= 0.90x req/s, <= 1.20x CPU per request")
'
