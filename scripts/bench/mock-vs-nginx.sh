#!/usr/bin/env bash
# The mock against nginx on one machine: each server pinned to CPU 0 (one thread / worker),
# wrk pinned to CPU 1, `GET /v2/agents?items_per_page=5` at 16 and 64 connections. nginx
# serves, as a static file, the very bytes the mock answers to that request (same size, same
# content); the mock builds its page from the seeded store (cached bytes). Goal: mock >= 0.6x
# nginx. Then `POST /v2/conversations/{id}/messages` against the mock (a stateful write:
# validation, store append, serialization). Every row has wrk's p99 latency.
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
NGINX_PORT=${NGINX_PORT:-18090}; MOCK_PORT=${MOCK_PORT:-18091}  # apart from peers.sh (18080)
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

# The mock: one event-loop thread on CPU 0.
if [ -z "${MOCK_CMD:-}" ]; then
  (cd "$root" && swift build -c release --product fcharness >/dev/null)
  MOCK_CMD="$root/.build/release/fcharness mock --port $MOCK_PORT --token bench --threads 1"
fi
taskset -c 0 bash -c "exec $MOCK_CMD" > "$work/mock.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/mock.out" 2>/dev/null && break; sleep 0.1; done
grep -q "listening on" "$work/mock.out" || { echo "the mock did not start:" >&2; cat "$work/mock.out" >&2; exit 1; }
mock_url="http://127.0.0.1:$MOCK_PORT/v2"

# nginx: one worker on CPU 0, as in shared/bench/peers.sh, serving the mock's own response body.
mkdir -p "$work/www/v2"
curl -sf -H "Authorization: Bearer bench" "$mock_url/agents?items_per_page=5" > "$work/www/v2/agents"
echo "body: $(wc -c < "$work/www/v2/agents") bytes, served by both" >&2
cat > "$work/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx.pid; error_log $work/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; default_type application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; } }
CONF
taskset -c 0 nginx -c "$work/nginx.conf"
sleep 0.3

bench() { # name url connections [wrk args...] -> req/s (row with p99 on stderr)
  local name=$1 url=$2 c=$3; shift 3
  local out; out=$(taskset -c 1 wrk -t1 -c"$c" -d"${DUR}s" --latency -H "Authorization: Bearer bench" "$@" "$url")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec:/{print $2}')
  local p99; p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  printf "%-6s C=%-3s %10.0f req/s  p99 %8s%s\n" "$name" "$c" "$rps" "$p99" "${non2xx:+  (non-2xx: $non2xx)}" >&2
  echo "$rps"
}
median() { sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
for c in $CONNECTIONS; do
  nginx_runs=(); mock_runs=()
  for _ in $(seq 1 "$ROUNDS"); do
    nginx_runs+=("$(bench nginx "http://127.0.0.1:$NGINX_PORT/v2/agents" "$c")")
    mock_runs+=("$(bench mock "$mock_url/agents?items_per_page=5" "$c")")
  done
  nginx_rps=$(printf "%s\n" "${nginx_runs[@]}" | median)
  mock_rps=$(printf "%s\n" "${mock_runs[@]}" | median)
  awk -v c="$c" -v m="$mock_rps" -v n="$nginx_rps" \
    'BEGIN{printf "C=%-3s median of %s: nginx %.0f req/s, mock %.0f req/s, mock/nginx = %.2f\n", c, "'"$ROUNDS"'", n, m, m/n}'
done

# A stateful write: sendMessage into one conversation (created here through the API).
channel=$(curl -sf -H "Authorization: Bearer bench" "$mock_url/channels" | python3 -c 'import json,sys; print(json.load(sys.stdin)["channels"][0]["id"])')
user=$(curl -sf -H "Authorization: Bearer bench" -H "Content-Type: application/json" -d '{"first_name":"Bench"}' "$mock_url/users" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
conversation=$(curl -sf -H "Authorization: Bearer bench" -H "Content-Type: application/json" \
  -d "{\"app_id\":\"bench\",\"channel_id\":\"$channel\",\"users\":[{\"id\":\"$user\"}],\"messages\":[{\"message_parts\":[{\"text\":{\"content\":\"hi\"}}],\"actor_type\":\"user\",\"actor_id\":\"$user\"}]}" \
  "$mock_url/conversations" | python3 -c 'import json,sys; print(json.load(sys.stdin)["conversation_id"])')
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"message_parts":[{"text":{"content":"Where is my order?"}}],"actor_type":"user","actor_id":"$user"}'
LUA
for c in $CONNECTIONS; do
  bench mock-POST "$mock_url/conversations/$conversation/messages" "$c" -s "$work/post.lua" >/dev/null
done
