#!/usr/bin/env bash
# The Kubernetes deployment (deploy/k8s) on one machine: runs the shard pods' command N times at
# once, with JOB_COMPLETION_INDEX 0…N-1 and one shared START_AT, and the merge pod's command
# beside them, against one local mock as the shared target. The commands are read from the
# manifests as kustomize renders them, so a run here proves the command the cluster would run.
#
#   scripts/simulate-shards.sh [N]          N shards (default 3); exits with merge's status
#
# Environment: FCHARNESS (default .build/debug/fcharness), LEAD_SECONDS (how far ahead START_AT
# is, default 3), and any setting of deploy/k8s/run.env to override it (PROFILE, LOAD_ARGS, …).
# The results and every pod's log stay in a folder under $TMPDIR, named at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
K8S="$ROOT/deploy/k8s"
N=${1:-3}
FCHARNESS=${FCHARNESS:-$ROOT/.build/debug/fcharness}
LEAD_SECONDS=${LEAD_SECONDS:-3}

[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "simulate-shards: N must be a positive number, not '$N'" >&2; exit 2; }
[ -x "$FCHARNESS" ] || { echo "simulate-shards: no binary at $FCHARNESS: run 'swift build' first (or set FCHARNESS)" >&2; exit 2; }

# 1. The manifests: rendered (kubectl kustomize, offline) or read as they are, then checked and
#    the pods' commands and run settings taken from them.
if command -v kubectl >/dev/null 2>&1 && RENDERED=$(kubectl kustomize "$K8S" 2>/dev/null); then
    SOURCE="kubectl kustomize deploy/k8s"
else
    RENDERED=$(cat "$K8S"/results-pvc.yaml; echo ---; cat "$K8S"/shard-job.yaml; echo ---; cat "$K8S"/merge-job.yaml)
    SOURCE="deploy/k8s/*.yaml (kubectl not found: the generated ConfigMaps are read from run.env)"
fi
python3 -c 'import yaml' 2>/dev/null || {
    echo "simulate-shards: installing the Python package PyYAML (it reads the manifests)"
    python3 -m pip install -q pyyaml || { echo "simulate-shards: PyYAML did not install" >&2; exit 2; }; }

MANIFEST_FACTS=$(printf '%s' "$RENDERED" | K8S="$K8S" python3 -c '
import os, shlex, sys, yaml

k8s = os.environ["K8S"]
documents = [d for d in yaml.safe_load_all(sys.stdin) if d]
problems = []

def refuse(message):
    print(message, file=sys.stderr)
    sys.exit(2)

def job(name):
    found = [d for d in documents if d.get("kind") == "Job" and d["metadata"]["name"] == name]
    if not found:
        refuse("simulate-shards: no Job %s in the manifests" % name)
    return found[0]

def env_file(path):
    values = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values

shards, merge = job("fcharness-shards"), job("fcharness-merge")
spec = shards["spec"]
if spec.get("completionMode") != "Indexed": problems.append("shard Job: completionMode is not Indexed")
if spec.get("completions") != spec.get("parallelism"): problems.append("shard Job: completions %s != parallelism %s" % (spec.get("completions"), spec.get("parallelism")))
if spec.get("podReplacementPolicy") != "Failed": problems.append("shard Job: podReplacementPolicy is not Failed")
if spec.get("backoffLimitPerIndex") not in (0, 1): problems.append("shard Job: backoffLimitPerIndex is not 0 or 1")
for name, j in (("shard", shards), ("merge", merge)):
    pod = j["spec"]["template"]["spec"]
    if pod.get("restartPolicy") != "Never": problems.append("%s Job: restartPolicy is not Never" % name)

# The run settings: the fcharness-run ConfigMap when rendered, else run.env itself.
maps = {d["metadata"]["name"].rsplit("-", 1)[0]: d for d in documents if d.get("kind") == "ConfigMap"}
run = maps["fcharness-run"]["data"] if "fcharness-run" in maps else env_file(os.path.join(k8s, "run.env"))
if str(run.get("SHARDS")) != str(spec.get("completions")):
    problems.append("run.env SHARDS=%s but the shard Job has completions %s" % (run.get("SHARDS"), spec.get("completions")))

def command(j, name):
    container = j["spec"]["template"]["spec"]["containers"][0]
    mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in j["spec"]["template"]["spec"]["volumes"]}
    words = []
    for word in container["command"]:
        for path, volume in mounts.items():
            if word.startswith(path + "/") and "configMap" in volumes[volume]:
                script = word[len(path) + 1:]
                local = os.path.join(k8s, script)
                shipped = maps.get("fcharness-scripts", {}).get("data", {}).get(script)
                if shipped is not None and shipped != open(local, encoding="utf-8").read():
                    problems.append("%s Job: the ConfigMap'"'"'s %s differs from deploy/k8s/%s" % (name, script, script))
                word = local
        words.append(word)
    if not any(w.startswith(k8s) for w in words):
        problems.append("%s Job: its command %s runs no script of deploy/k8s" % (name, container["command"]))
    envs = [e["configMapRef"]["name"].rsplit("-", 1)[0] if "configMapRef" in e else "" for e in container.get("envFrom", [])]
    if "fcharness-run" not in envs and not any(e.startswith("fcharness-run") for e in envs):
        problems.append("%s Job: does not take its environment from the fcharness-run ConfigMap" % name)
    return words

shard_command, merge_command = command(shards, "shard"), command(merge, "merge")
if problems:
    refuse("simulate-shards: the manifests are not right:\n  " + "\n  ".join(problems))
print("SHARD_COMMAND=(%s)" % " ".join(shlex.quote(w) for w in shard_command))
print("MERGE_COMMAND=(%s)" % " ".join(shlex.quote(w) for w in merge_command))
print("MANIFEST_SHARDS=%s" % shlex.quote(str(spec["completions"])))
# The values of the ConfigMap, unless this shell sets them (LOAD_ARGS="--threads 1", say).
for key, value in run.items():
    if key.isidentifier():
        print("export %s=${%s-%s}" % (key, key, shlex.quote(str(value))))
')
eval "$MANIFEST_FACTS"
echo "manifests: $SOURCE: Indexed Job of $MANIFEST_SHARDS, podReplacementPolicy Failed, commands ${SHARD_COMMAND[*]#"$ROOT/"} and ${MERGE_COMMAND[*]#"$ROOT/"}"
if [ "$N" != "$MANIFEST_SHARDS" ]; then
    echo "simulating $N shards (the manifests say $MANIFEST_SHARDS: in a cluster, change completions, parallelism and SHARDS together)"
fi

# 2. The shared target: one mock, as the cluster's pods would share one service.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fcharness-shards.XXXXXX")
MOCK_LOG="$WORK/mock.log"
"$FCHARNESS" mock --port 0 >"$MOCK_LOG" 2>&1 &
MOCK_PID=$!
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    grep -q '^listening on ' "$MOCK_LOG" 2>/dev/null && break
    sleep 0.1
done
for _ in $(seq 1 100); do
    grep -q 'app id ' "$MOCK_LOG" 2>/dev/null && break
    sleep 0.1
done
MOCK_URL=$(sed -n 's/^listening on \(http:[^ ]*\).*/\1/p' "$MOCK_LOG" | head -n 1)
[ -n "$MOCK_URL" ] || { echo "simulate-shards: the mock did not start:" >&2; cat "$MOCK_LOG" >&2; exit 2; }
# The seeded application the scenarios write to, as the Secret's app-id gives it in a cluster.
export FRESHCHAT_APP_ID
FRESHCHAT_APP_ID=$(sed -n 's/.*app id \([^ ,]*\).*/\1/p' "$MOCK_LOG" | head -n 1)

# 3. The pods: every shard and the merge at once, each with the environment the cluster gives it.
export SHARDS=$N
export START_AT
START_AT=$(date -u -d "+$LEAD_SECONDS sec" +%Y-%m-%dT%H:%M:%SZ)
export RESULTS_ROOT="$WORK/results"
export FCHARNESS
export FRESHCHAT_BASE_URL="$MOCK_URL/v2" FRESHCHAT_TOKEN=dev-token
export MERGE_WAIT_SECONDS=${MERGE_WAIT_SECONDS:-600}
RUN_DIR="$RESULTS_ROOT/$(printf '%s' "$START_AT" | tr -d ':-')"
echo "target: $FRESHCHAT_BASE_URL (fcharness mock); $N shards of $PROFILE start at $START_AT"

cd "$ROOT"  # the image's working directory: the profile paths are relative to it
for index in $(seq 0 $((N - 1))); do
    JOB_COMPLETION_INDEX=$index HOSTNAME="fcharness-shards-$index" "${SHARD_COMMAND[@]}" >"$WORK/pod-$index.log" 2>&1 &
    PIDS+=("$!")
done
"${MERGE_COMMAND[@]}" >"$WORK/merge.out" 2>"$WORK/merge.err" &
MERGE_PID=$!

SHARD_FAILED=0
for index in $(seq 0 $((N - 1))); do
    status=0
    wait "${PIDS[$index]}" || status=$?
    echo "pod $index (shard $((index + 1))/$N): exit $status, log $WORK/pod-$index.log"
    [ "$status" -eq 0 ] || SHARD_FAILED=1
done
PIDS=("$MERGE_PID")
if [ "$SHARD_FAILED" -ne 0 ]; then
    # A failed shard never writes its file: rather than wait out MERGE_WAIT_SECONDS as the merge
    # pod would, run the merge command again at once, so merge names what is missing.
    kill "$MERGE_PID" 2>/dev/null || true
    wait "$MERGE_PID" 2>/dev/null || true
    echo "simulate-shards: a shard pod failed (its log is named above); merging what is there" >&2
    MERGE_WAIT_SECONDS=0 "${MERGE_COMMAND[@]}" >"$WORK/merge.out" 2>"$WORK/merge.err" &
    MERGE_PID=$!
fi
MERGE_STATUS=0
wait "$MERGE_PID" || MERGE_STATUS=$?
PIDS=()

echo
cat "$WORK/merge.out"
cat "$WORK/merge.err" >&2
echo
echo "merge: exit $MERGE_STATUS"
echo "results: $RUN_DIR/shard-{1..$N}.json and $RUN_DIR/merged.json; logs in $WORK"
exit "$MERGE_STATUS"
