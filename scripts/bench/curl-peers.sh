#!/usr/bin/env bash
# Builds curl-bench (release) and runs it beside wrk, hey and the plain C libcurl loop with the
# shared peers script, as shared: nginx on CPU 0, each generator on CPU 1, 16 connections, 8 s.
# Prints one row per generator: requests/s and the generator's CPU microseconds per request.
# Quote ratios to the c-libcurl row, not absolute figures: shared machines drift between runs.
# Fails, rather than print figures for error pages, when nginx does not answer 200 (peers.sh
# checks that and exits non-zero) or when curl-bench saw any response that was not 2xx.
# Usage: scripts/bench/curl-peers.sh            (extra curl-bench flags: CURL_BENCH_FLAGS="-t 0")
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peers="$root/../shared/bench/peers.sh"
[ -f "$peers" ] || { echo "curl-peers: $peers not found (the shared bench folder sits beside the package)" >&2; exit 1; }
cd "$root"
swift build -c release --product curl-bench
bench="$(swift build -c release --show-bin-path)/curl-bench"

# peers.sh keeps only the candidate's req/s and its exit status, so the candidate is a small
# script that fails on non-2xx responses and leaves curl-bench's own output in a log for us.
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
log="$scratch/curl-bench.log"
candidate="$scratch/candidate.sh"
cat > "$candidate" <<SCRIPT
#!/usr/bin/env bash
set -euo pipefail
"$bench" -c 16 -d 8 ${CURL_BENCH_FLAGS:-} > "$log"
cat "$log"
# curl-bench prints 'non-2xx=N'; anything but 0 (or no such field) means the figure is not 200s.
grep -qE '(^| )non-2xx=0( |\$)' "$log"
SCRIPT
chmod +x "$candidate"

if ! bash "$peers" "$candidate"; then
    echo "curl-peers: peers.sh failed: nginx did not answer 200, a generator failed, or curl-bench saw non-2xx responses" >&2
    if [ -s "$log" ]; then
        echo "curl-bench said:" >&2
        sed 's/^/  /' "$log" >&2
    fi
    exit 1
fi
