#!/usr/bin/env bash
# Efficiency of `fcharness load` beside wrk, hey, the plain C libcurl loop (../shared/bench/peers.sh,
# unchanged) and Locust: nginx on CPU 0, each generator on CPU 1, 16 connections, DUR seconds.
# The candidate is a constant-vus run of 16 users, one thread, one listAgents step per
# iteration (Benchmarks/load/closed-loop.yaml), with the default 1% sampled validation on.
# Locust (FastHttpUser, one process, 16 users) runs right after, against the same nginx set-up.
# Prints one row per generator: req/s and CPU µs per request. Quote ratios to c-libcurl.
# Usage: scripts/bench/load-peers.sh        DUR=8 C=16 ROUNDS=1 VALIDATE_SAMPLE=0.01
#   VALIDATE_SAMPLE=0 measures the generator alone, as the peers (which validate nothing) are.
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
DUR=${DUR:-8}; C=${C:-16}; ROUNDS=${ROUNDS:-1}; VALIDATE_SAMPLE=${VALIDATE_SAMPLE:-0.01}
ensure_tools locust
build_release
gcc -O2 -o "$work/curlsocket" "$root/Benchmarks/load/curlsocket.c" -lcurl
profile="$root/Benchmarks/load/closed-loop.yaml"

for round in $(seq 1 "$ROUNDS"); do
  [ "$ROUNDS" -gt 1 ] && echo "round $round"
  DUR=$DUR C=$C bash "$shared/peers.sh" \
    "$FCHARNESS load $profile --base-url \${URL%/agents} --vus $C --duration ${DUR}s --threads 1 --validate-sample $VALIDATE_SAMPLE --no-progress"

  # Locust, one process, C users, on CPU 1 against nginx on CPU 0 (the same configuration),
  # and the plain C loop on libcurl's socket API (the engine's required design) for reference.
  start_nginx 18080
  row c-socket-api "$DUR" "$work/curlsocket" "$C" "$DUR" http://127.0.0.1:18080/v2/agents
  cat > "$work/locust-row.sh" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
cd "$work"
locust -f "$root/Benchmarks/load/locustfile.py" --headless -u $C -r $C -t ${DUR}s --host http://127.0.0.1:18080 \
  --csv "$work/locust" --only-summary --loglevel ERROR >/dev/null 2>&1 || true
awk -F, '\$2=="Aggregated" { printf "failures=%s\nRequests/sec: %s\n", \$4, \$10 }' "$work/locust_stats.csv"
SCRIPT
  row locust "$DUR" bash "$work/locust-row.sh"
  echo "$LAST_OUTPUT" | grep -q '^failures=0$' || { echo "locust saw failures: $LAST_OUTPUT" >&2; exit 1; }
  kill "$(cat "$work/nginx.pid")"; sleep 0.3
done
