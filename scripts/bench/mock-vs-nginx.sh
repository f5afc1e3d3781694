#!/usr/bin/env bash
# The mock against nginx on one machine: each server pinned to CPU 0 (one thread / worker),
# wrk pinned to CPU 1, `GET /v2/agents?items_per_page=5` at 16 and 64 connections. nginx
# serves a static Freshchat-shaped agents list (shared/bench/agents.json); the mock builds
# its page from the seeded store (cached bytes). Goal: mock >= 0.6x nginx.
#
# Usage: scripts/bench/mock-vs-nginx.sh
#   DUR=8            seconds per wrk run
#   ROUNDS=3         nginx and mock alternate this many times per connection count; the
#                    median of each is compared (the machine is shared: single runs drift)
#   CONNECTIONS="16 64"
#   MOCK_CMD=...     how to start the mock on port $MOCK_PORT with token "bench" and one
#                    event-loop thread (default: the release fcharness binary's `mock` command)
# Prints one row per server and connection count, then the ratio.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared="$root/../shared/bench"
DUR=${DUR:-8}; ROUNDS=${ROUNDS:-3}; CONNECTIONS=${CONNECTIONS:-"16 64"}
NGINX_PORT=18080; MOCK_PORT=${MOCK_PORT:-18081}
work=$(mktemp -d); chmod 755 "$work"  # nginx workers run as nobody
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v nginx >/dev/null && command -v wrk >/dev/null || \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null
[ -f "$shared/agents.json" ] || { echo "missing $shared/agents.json (the shared bench folder)" >&2; exit 2; }

# nginx: one worker on CPU 0, as in shared/bench/peers.sh.
mkdir -p "$work/www/v2"; cp "$shared/agents.json" "$work/www/v2/agents"
cat > "$work/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx.pid; error_log $work/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; } }
CONF
taskset -c 0 nginx -c "$work/nginx.conf"

# The mock: one event-loop thread on CPU 0.
if [ -z "${MOCK_CMD:-}" ]; then
  (cd "$root" && swift build -c release --product fcharness >/dev/null)
  MOCK_CMD="$root/.build/release/fcharness mock --port $MOCK_PORT --token bench --threads 1"
fi
taskset -c 0 bash -c "exec $MOCK_CMD" > "$work/mock.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/mock.out" 2>/dev/null && break; sleep 0.1; done
grep -q "listening on" "$work/mock.out" || { echo "the mock did not start:" >&2; cat "$work/mock.out" >&2; exit 1; }

bench() { # name url connections -> req/s
  local out; out=$(taskset -c 1 wrk -t1 -c"$3" -d"${DUR}s" -H "Authorization: Bearer bench" "$2")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec:/{print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  printf "%-6s C=%-3s %10.0f req/s%s\n" "$1" "$3" "$rps" "${non2xx:+  (non-2xx: $non2xx)}" >&2
  echo "$rps"
}
median() { sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
for c in $CONNECTIONS; do
  nginx_runs=(); mock_runs=()
  for _ in $(seq 1 "$ROUNDS"); do
    nginx_runs+=("$(bench nginx "http://127.0.0.1:$NGINX_PORT/v2/agents" "$c")")
    mock_runs+=("$(bench mock "http://127.0.0.1:$MOCK_PORT/v2/agents?items_per_page=5" "$c")")
  done
  nginx_rps=$(printf "%s\n" "${nginx_runs[@]}" | median)
  mock_rps=$(printf "%s\n" "${mock_runs[@]}" | median)
  awk -v c="$c" -v m="$mock_rps" -v n="$nginx_rps" \
    'BEGIN{printf "C=%-3s median of %s: nginx %.0f req/s, mock %.0f req/s, mock/nginx = %.2f\n", c, "'"$ROUNDS"'", n, m, m/n}'
done
