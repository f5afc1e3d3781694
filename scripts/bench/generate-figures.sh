#!/usr/bin/env bash
# The figures of `fcharness generate` (docs/performance.md): how long it takes, what the files
# it writes cover against the hand-written scenarios (both run against the embedded mock),
# negative cases and spec gaps per operation; beside it the peer, Schemathesis (installed with
# pip when missing), run against the same mock. Release build; loopback only; about 30 seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s release >/dev/null
bin=.build/release/fcharness
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c 'import yaml' 2>/dev/null || python3 -m pip install -q pyyaml

flags=(--negative --examples 2 --seed 1)
echo "== generate time (${flags[*]}), 20 runs, wall clock including process start and writing 12 files"
python3 - "$bin" "$work" "${flags[@]}" <<'PY'
import subprocess, sys, time, statistics
binary, work, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
times = []
for run in range(20):
    start = time.perf_counter()
    subprocess.run([binary, "generate", *flags, "--out", f"{work}/timed"], check=True, capture_output=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms")
explain = []
for run in range(20):
    start = time.perf_counter()
    subprocess.run([binary, "generate", "--explain"], check=True, capture_output=True)
    explain.append((time.perf_counter() - start) * 1000)
print(f"--explain: median {statistics.median(explain):.1f} ms")
version = []
for run in range(20):
    start = time.perf_counter()
    subprocess.run([binary, "operations"], check=True, capture_output=True)
    version.append((time.perf_counter() - start) * 1000)
print(f"for scale, `fcharness operations` (start, read the spec, print): median {statistics.median(version):.1f} ms")
PY

"$bin" generate "${flags[@]}" --out "$work/generated" 2>"$work/gaps.txt" >/dev/null
echo
echo "== coverage against the embedded mock: hand-written beside generated"
for folder in scenarios/contract "$work/generated"; do
  "$bin" contract "$folder" --json "$work/run.json" >/dev/null
  python3 - "$work/run.json" "$folder" <<'PY'
import json, sys, collections
report = json.load(open(sys.argv[1]))
name = "generated" if "generated" in sys.argv[2] else "hand-written"
steps = [step for scenario in report["scenarios"] for step in scenario["steps"]]
by_status = collections.Counter(str(step.get("status")) for step in steps)
pairs = {(step["operation"], step.get("status")) for step in steps if step.get("status")}
files = len(report["scenarios"])
print(f"{name:12}  {files:2} files, {len(steps):3} steps, {len(pairs)} distinct (operation, status) pairs, statuses {dict(sorted(by_status.items()))}")
PY
  "$bin" contract "$folder" --coverage | tail -1 | sed "s/^/              /"
done

echo
echo "== negative cases per operation (generated), and spec gaps"
python3 - "$work/generated" "$work/gaps.txt" <<'PY'
import sys, glob, yaml, collections
cases = collections.Counter()
for path in sorted(glob.glob(sys.argv[1] + "/*-negative.yaml")):
    for step in yaml.safe_load(open(path))["steps"]:
        if "name" in step:  # setup steps have no name
            cases[step["operation"]] += 1
gaps = collections.Counter()
for line in open(sys.argv[2]):
    if line.startswith("warning: spec gap: "):
        gaps[line[len("warning: spec gap: "):].split(":")[0]] += 1
operations = sorted(set(cases) | set(gaps))
print(f"{'operation':26} cases  gaps")
for operation in operations:
    print(f"{operation:26} {cases[operation]:5}  {gaps[operation]:4}")
print(f"{'total':26} {sum(cases.values()):5}  {sum(gaps.values()):4}")
PY
echo
sed 's/^warning: spec gap: /  /' "$work/gaps.txt"

echo
echo "== peer: Schemathesis against the embedded mock (default checks, --max-examples 20, --seed 1)"
command -v st >/dev/null 2>&1 || python3 -m pip install -q schemathesis
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" mock --port "$port" --token bench-token >"$work/mock.log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
st --version
start=$(date +%s.%N)
st run scenarios/freshchat.openapi.yaml --url "http://127.0.0.1:$port/v2" -H "Authorization: Bearer bench-token" \
  --max-examples 20 --seed 1 >"$work/st.txt" 2>&1 || true
end=$(date +%s.%N)
grep -E "^_{3,} |^- ST|generated, |failures in" "$work/st.txt" | sed 's/^/  /'
python3 -c "print(f'  wall clock {${end} - ${start}:.1f} s')"
