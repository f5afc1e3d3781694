#!/bin/sh
# The command of every shard pod (deploy/k8s/shard-job.yaml), and of scripts/simulate-shards.sh:
# one place, so the simulation runs exactly what the cluster runs. Pod index k (0-based, from
# the Indexed Job's JOB_COMPLETION_INDEX) runs shard k+1 of SHARDS at the shared START_AT.
#
# Environment (deploy/k8s/run.env and the start time submit.sh sets):
#   JOB_COMPLETION_INDEX  0 … SHARDS-1 (set by Kubernetes for an Indexed Job)
#   SHARDS                how many shards: the Job's completions and parallelism
#   PROFILE               the load profile, relative to the working directory
#   START_AT              the shared epoch, RFC 3339 (e.g. 2026-12-02T10:00:00Z)
#   RESULTS_ROOT          the shared volume (default /results); files go to RESULTS_ROOT/RUN_ID/
#   FCHARNESS             the binary (default: fcharness on PATH)
#   ALLOW_LIVE_LOAD       1 to pass --allow-live-load (any target that is not the pod itself)
#   LOAD_ARGS             more `fcharness load` flags, split on spaces (e.g. --threads 2)
#   FRESHCHAT_BASE_URL, FRESHCHAT_TOKEN  the target, read by fcharness itself; without a base
#                         URL each pod loads its own embedded mock (a self-test of the setup)
set -eu

fail() { echo "run-shard: $*" >&2; exit 2; }

: "${JOB_COMPLETION_INDEX:?run-shard: JOB_COMPLETION_INDEX is not set (it comes from an Indexed Job)}"
: "${SHARDS:?run-shard: SHARDS is not set (deploy/k8s/run.env)}"
: "${PROFILE:?run-shard: PROFILE is not set (deploy/k8s/run.env)}"
# Without a shared epoch the shards' seconds would not line up, and merge would refuse them.
[ -n "${START_AT:-}" ] || fail "START_AT is empty: submit with deploy/k8s/submit.sh, which sets one shared start time"
case "$JOB_COMPLETION_INDEX" in ''|*[!0-9]*) fail "JOB_COMPLETION_INDEX=$JOB_COMPLETION_INDEX is not an index" ;; esac
[ "$JOB_COMPLETION_INDEX" -lt "$SHARDS" ] || fail "JOB_COMPLETION_INDEX=$JOB_COMPLETION_INDEX, but SHARDS=$SHARDS: set the Job's completions to SHARDS"

SHARD=$((JOB_COMPLETION_INDEX + 1))
RUN_ID=$(printf '%s' "$START_AT" | tr -d ':-')
RESULTS_DIR="${RESULTS_ROOT:-/results}/$RUN_ID"
mkdir -p "$RESULTS_DIR"

set -- load "$PROFILE" --shard "$SHARD/$SHARDS" --start-at "$START_AT" \
    --out "$RESULTS_DIR/shard-$SHARD.json" --no-progress --no-color
[ "${ALLOW_LIVE_LOAD:-0}" = 1 ] && set -- "$@" --allow-live-load
# shellcheck disable=SC2086 # LOAD_ARGS is a list of flags on purpose
set -- "$@" ${LOAD_ARGS:-}

echo "run-shard: shard $SHARD/$SHARDS of $PROFILE at $START_AT -> $RESULTS_DIR/shard-$SHARD.json" >&2
status=0
"${FCHARNESS:-fcharness}" "$@" || status=$?
# 1 is a threshold failed on this shard's slice: provisional, and the results file is written;
# merge judges the whole run. Failing the pod for it would count a failed index in the Job.
# Any other status (2 bad input, 3 unreachable, 130 interrupted) fails the pod.
[ "$status" -eq 1 ] && status=0
exit "$status"
