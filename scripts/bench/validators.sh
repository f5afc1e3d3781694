#!/usr/bin/env bash
# Runs the peer JSON Schema validators (shared/bench/validators.py: jsonschema, fastjsonschema,
# jsonschema-rs) and then our release schema-bench, one right after the other, so the figures
# are taken under the same machine load and can be quoted side by side.
# Usage: scripts/bench/validators.sh   (from anywhere; needs ../shared/bench beside the package)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/../shared/bench"
[ -f "$bench/validators.py" ] || { echo "validators.sh: $bench/validators.py not found" >&2; exit 2; }

if ! python3 -c 'import jsonschema, fastjsonschema, jsonschema_rs' 2>/dev/null; then
    echo "installing the Python peers (jsonschema fastjsonschema jsonschema-rs)..."
    python3 -m pip install -q jsonschema fastjsonschema jsonschema-rs
fi

cd "$root"
swift build -c release --product schema-bench >/dev/null
echo "== peers (shared/bench/validators.py)"
python3 "$bench/validators.py"
echo "== fcharness schema-bench (release)"
"$(swift build -c release --show-bin-path)/schema-bench" "$bench/list-conversations.json" "$bench/list-conversations.schema.json"
