# Shared set-up of the load benchmarks (sourced, not run): tools installed when missing, the
# release binary built, nginx serving the peers' agents body on CPU 0, and a row printer in
# the format of ../shared/bench/peers.sh (req/s and generator CPU µs per request).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shared="$root/../shared/bench"
[ -f "$shared/agents.json" ] || { echo "missing $shared/agents.json (the shared bench folder sits beside the package)" >&2; exit 2; }

ensure_tools() {  # apt packages for nginx, wrk, hey and libcurl's headers; locust from PyPI when asked
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v hey >/dev/null || missing+=(hey)
  [ -f /usr/include/curl/curl.h ] || [ -n "$(ls /usr/include/*/curl/curl.h 2>/dev/null)" ] || missing+=(libcurl4-openssl-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ "${1:-}" = locust ] && ! python3 -c 'import locust' 2>/dev/null; then
    python3 -m pip install -q locust
  fi
}

build_release() {
  (cd "$root" && swift build -c release --product fcharness >/dev/null)
  FCHARNESS="$root/.build/release/fcharness"
}

work=$(mktemp -d); chmod 755 "$work"  # nginx workers run as another user
background_pids=()
cleanup() {
  for pid in "${background_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

start_nginx() {  # port worker_connections: nginx on CPU 0 serving /v2/agents; fails unless it answers 200
  local port=$1 connections=${2:-4096}
  mkdir -p "$work/www/v2"; cp "$shared/agents.json" "$work/www/v2/agents"
  cat > "$work/nginx.conf" <<CONF
worker_processes 1; worker_rlimit_nofile 20000; pid $work/nginx.pid; error_log $work/error.log;
events { worker_connections $connections; }
http { access_log off; keepalive_requests 1000000; default_type application/json;
  server { listen 127.0.0.1:$port backlog=8192; root $work/www; } }
CONF
  taskset -c 0 nginx -c "$work/nginx.conf"
  sleep 0.5
  local code; code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$port/v2/agents")
  [ "$code" = 200 ] || { echo "nginx answered $code, not 200: see $work/error.log" >&2; exit 1; }
}

start_mock() {  # port [mock flags...]: the mock on CPU 0 with one event-loop thread, token "bench"
  local port=$1; shift
  taskset -c 0 "$FCHARNESS" mock --port "$port" --token bench --threads 1 "$@" > "$work/mock-$port.out" 2>&1 &
  MOCK_PID=$!
  background_pids+=("$MOCK_PID")
  for _ in $(seq 1 100); do grep -q "listening on" "$work/mock-$port.out" 2>/dev/null && return 0; sleep 0.1; done
  echo "the mock did not start:" >&2; cat "$work/mock-$port.out" >&2; exit 1
}

stop_mock() {  # prints the mock's own statistics (its measured delay) after it stops
  # Call it in the script's own shell, not in $(...): a subshell cannot wait for the mock.
  kill -INT "$MOCK_PID" 2>/dev/null || true
  wait "$MOCK_PID" 2>/dev/null || true
  if ! grep -hE "^(faults|measured delay):" "$work/mock-"*.out | tail -2; then
    echo "the mock printed no statistics:" >&2; tail -5 "$work/mock-"*.out >&2; return 1
  fi
}

row() {  # name seconds command...: runs the command on CPU 1; req/s and CPU µs per request from its output
  local name=$1 seconds=$2; shift 2
  local out; out=$( { /usr/bin/time -f "CPU %U %S" taskset -c 1 "$@" ; } 2>&1 ) || { echo "$name failed:" >&2; echo "$out" | tail -20 >&2; return 1; }
  local rps; rps=$(echo "$out" | grep -oE '(Requests/sec:[[:space:]]*|rps=)[0-9.]+' | grep -oE '[0-9.]+$' | tail -1)
  local cpu; cpu=$(echo "$out" | awk '/^CPU/{print $2+$3}')
  awk -v n="$name" -v r="$rps" -v c="$cpu" -v d="$seconds" 'BEGIN{printf "%-14s %10.0f req/s %8.1f us CPU/request\n", n, r, c*1e6/(r*d)}'
  LAST_OUTPUT=$out
}
