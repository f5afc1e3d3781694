#!/usr/bin/env bash
# Builds curl-bench (release) and runs it beside wrk, hey and the plain C libcurl loop with the
# shared peers script: nginx on CPU 0, each generator on CPU 1, 16 connections, 8 seconds.
# Prints one row per generator: requests/s and the generator's CPU microseconds per request.
# Quote ratios to the c-libcurl row, not absolute figures: shared machines drift between runs.
# Usage: scripts/bench/curl-peers.sh            (extra curl-bench flags: CURL_BENCH_FLAGS="-t 0")
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peers="$root/../shared/bench/peers.sh"
[ -x "$peers" ] || { echo "curl-peers: $peers not found (the shared bench folder sits beside the package)" >&2; exit 1; }
cd "$root"
swift build -c release --product curl-bench
# peers.sh as shared, with one fix: its `mktemp -d` folder is 0700, so nginx's workers (user
# nobody when started as root) cannot read the body and every generator measures 403s. The
# copy opens the folder; nothing else changes.
fixed=$(mktemp); trap 'rm -f "$fixed"' EXIT
sed 's|^work=$(mktemp -d)$|work=$(mktemp -d); chmod 755 "$work"|' "$peers" > "$fixed"
grep -q 'chmod 755 "$work"' "$fixed" || { echo "curl-peers: peers.sh changed; the 403 fix no longer applies" >&2; exit 1; }
here=$(dirname "$peers")
sed -i "s|^here=.*|here=$here|" "$fixed"
bash "$fixed" "$root/.build/release/curl-bench -c 16 -d 8 ${CURL_BENCH_FLAGS:-}"
