#!/usr/bin/env bash
# Where each request's CPU goes: fcharness load beside the two C libcurl loops (the perform loop
# of ../shared/bench/curlmulti.c and the socket-API loop of Benchmarks/load/curlsocket.c), by
# library and by function, against nginx as in load-peers.sh.
#
# The system's libcurl has no symbols for its internal functions, so perf would charge most of
# libcurl's time to a few exported names. This script builds the installed libcurl version from
# its source with symbols and frame pointers (once, into .build/libcurl-symbols/), runs every
# generator on that build (LD_LIBRARY_PATH), samples each with perf at 4,999 Hz on a timer, and
# prints CPU µs per request by library and the functions where fcharness spends more than the C
# socket-API loop. All three use the same libcurl, so the differences are the loops' own.
#
# Needs perf (linux-perf), and the network once to fetch libcurl's source. Timer sampling in a
# VM charges time spent with interrupts off to where they are turned back on (see
# docs/performance.md): read `_raw_spin_unlock_irqrestore` as "the kernel's wake-up path".
# Usage: scripts/bench/load-attribution.sh   (CONNECTIONS="16 4096" DUR=8 to change)
set -euo pipefail
source "$(dirname "$0")/load-common.sh"
DUR=${DUR:-8}; CONNECTIONS=${CONNECTIONS:-16}; FREQUENCY=4999
ensure_tools
command -v perf >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
for header in /usr/include/openssl/ssl.h /usr/include/zlib.h; do
  [ -f "$header" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev zlib1g-dev make >/dev/null
done
build_release
ulimit -n "$(ulimit -Hn)"

# libcurl as installed, rebuilt with symbols. Optional features are left out (no extra -dev
# packages); none of them is on the path of a plain HTTP/1.1 request.
version=$(curl-config --version | awk '{print $2}')
symbols="$root/.build/libcurl-symbols/$version"
if [ ! -f "$symbols/lib/libcurl.so.4" ]; then
  echo "building libcurl $version with symbols into $symbols (a few minutes, once)"
  source_dir="$work/curl-$version"
  mkdir -p "$source_dir"
  curl -fsSL "https://deb.debian.org/debian/pool/main/c/curl/curl_$version.orig.tar.gz" -o "$work/curl.tar.gz" ||
    curl -fsSL "https://curl.se/download/curl-$version.tar.gz" -o "$work/curl.tar.gz" ||
    { echo "could not fetch libcurl $version's source from deb.debian.org or curl.se" >&2; exit 1; }
  tar xzf "$work/curl.tar.gz" -C "$source_dir" --strip-components 1
  (cd "$source_dir" &&
    ./configure --prefix="$symbols" --with-openssl --enable-threaded-resolver --disable-static \
      --without-libpsl --without-brotli --without-zstd --without-nghttp2 --without-libidn2 \
      --without-librtmp --without-libssh2 --disable-ldap CFLAGS="-O2 -g -fno-omit-frame-pointer" >"$work/configure.log" 2>&1 &&
    make -j"$(nproc)" >"$work/make.log" 2>&1 && make install >/dev/null 2>&1) || {
    mkdir -p "$root/.build/libcurl-symbols/logs" && cp "$work"/*.log "$root/.build/libcurl-symbols/logs/" 2>/dev/null || true
    echo "building libcurl $version failed: see $root/.build/libcurl-symbols/logs/" >&2
    exit 1
  }
fi

gcc -O2 -o "$work/curlmulti" "$shared/curlmulti.c" -lcurl
gcc -O2 -o "$work/curlsocket" "$root/Benchmarks/load/curlsocket.c" -lcurl
start_nginx 18080 10000
url=http://127.0.0.1:18080/v2/agents
profile="$root/Benchmarks/load/closed-loop.yaml"

sample() {  # name output-file command...: runs it under perf on CPU 1; samples by library and function to $work/name.symbols
  local name=$1 output=$2; shift 2
  # A generator that fails leaves no request count, which the caller reports with its output.
  LD_LIBRARY_PATH="$symbols/lib" perf record -q -F "$FREQUENCY" -o "$work/$name.data" \
    taskset -c 1 "$@" >"$output" 2>&1 || true
  perf report -i "$work/$name.data" --no-children --sort dso,sym -F sample,dso,sym -q --stdio 2>/dev/null |
    awk -v OFS='\t' 'match($0, /\[[.k]\] /) { print $1, $2, substr($0, RSTART + RLENGTH) }' \
    >"$work/$name.symbols"
}

for c in $CONNECTIONS; do
  echo "== $c connections, ${DUR}s each, perf at $FREQUENCY Hz"
  sample perform "$work/perform.out" "$work/curlmulti" "$c" "$DUR" "$url"
  sample socket "$work/socket.out" "$work/curlsocket" "$c" "$DUR" "$url"
  sample fcharness "$work/fcharness.out" "$FCHARNESS" load "$profile" --base-url "${url%/agents}" \
    --vus "$c" --duration "${DUR}s" --threads 1 --no-progress
  perform_requests=$(grep -oE 'reqs=[0-9]+' "$work/perform.out" | cut -d= -f2)
  socket_requests=$(grep -oE 'reqs=[0-9]+' "$work/socket.out" | cut -d= -f2)
  fcharness_requests=$(awk '$1 == "overall" { print $2 }' "$work/fcharness.out")
  for n in "$perform_requests" "$socket_requests" "$fcharness_requests"; do
    [ -n "$n" ] && [ "$n" -gt 0 ] || {
      echo "a generator reported no requests; their output:" >&2
      tail -n 5 "$work/perform.out" "$work/socket.out" "$work/fcharness.out" >&2
      exit 1
    }
  done
  python3 - "$work" "$FREQUENCY" "$perform_requests" "$socket_requests" "$fcharness_requests" <<'PY'
import sys
from collections import defaultdict
work, frequency = sys.argv[1], int(sys.argv[2])
requests = dict(zip(["perform", "socket", "fcharness"], map(int, sys.argv[3:6])))
per_sample_us = 1e6 / frequency

def load(name):
    by_library, by_symbol = defaultdict(float), defaultdict(float)
    for line in open(f"{work}/{name}.symbols"):
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 3 or not fields[0].isdigit():
            continue
        us = int(fields[0]) * per_sample_us / requests[name]
        library = fields[1].strip("[]").split("/")[-1]
        by_library[library] += us
        by_symbol[(library, fields[2])] += us
    return by_library, by_symbol

runs = {name: load(name) for name in requests}
print("CPU µs per request by library (C perform loop | C socket-API loop | fcharness):")
libraries = sorted(set().union(*(r[0] for r in runs.values())), key=lambda l: -runs["fcharness"][0].get(l, 0))
for library in libraries + ["all"]:
    row = [sum(r[0].values()) if library == "all" else r[0].get(library, 0) for r in runs.values()]
    if max(row) >= 0.05:
        print(f"  {library:<28} {row[0]:7.2f} {row[1]:7.2f} {row[2]:7.2f}")
print("functions where fcharness spends most beyond the C socket-API loop (µs per request):")
socket, fcharness = runs["socket"][1], runs["fcharness"][1]
for key in sorted(set(socket) | set(fcharness), key=lambda k: -(fcharness.get(k, 0) - socket.get(k, 0)))[:25]:
    print(f"  {fcharness.get(key, 0) - socket.get(key, 0):+6.2f}  {key[0]:<20} {key[1][:90]}")
PY
done
