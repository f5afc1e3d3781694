#!/bin/sh
# The command of the merge pod (deploy/k8s/merge-job.yaml), and of scripts/simulate-shards.sh:
# waits until every shard's results file is on the shared volume (each is written atomically,
# so a file that exists is complete), then merges them; its exit status is merge's.
#
# Environment: SHARDS, START_AT, RESULTS_ROOT and FCHARNESS as for run-shard.sh, and
#   MERGE_WAIT_SECONDS    how long to wait for the shards' files (default 3600); after it, the
#                         files there are merged anyway and merge names the missing shards
#   MERGE_ARGS            more `fcharness merge` flags (e.g. --max-start-skew 2s)
set -eu

fail() { echo "merge-shards: $*" >&2; exit 2; }

: "${SHARDS:?merge-shards: SHARDS is not set (deploy/k8s/run.env)}"
[ -n "${START_AT:-}" ] || fail "START_AT is empty: submit with deploy/k8s/submit.sh, which sets one shared start time"

RUN_ID=$(printf '%s' "$START_AT" | tr -d ':-')
RESULTS_DIR="${RESULTS_ROOT:-/results}/$RUN_ID"
WAIT=${MERGE_WAIT_SECONDS:-3600}

missing() {
    shard=1
    while [ "$shard" -le "$SHARDS" ]; do
        [ -f "$RESULTS_DIR/shard-$shard.json" ] || printf ' %s' "$shard"
        shard=$((shard + 1))
    done
}

waited=0
while [ -n "$(missing)" ] && [ "$waited" -lt "$WAIT" ]; do
    sleep 1
    waited=$((waited + 1))
done
[ -z "$(missing)" ] || echo "merge-shards: after ${WAIT}s, still no results from shard(s)$(missing)" >&2

# Only the files that exist: a missing shard is then refused by merge, which names it.
set --
shard=1
while [ "$shard" -le "$SHARDS" ]; do
    [ -f "$RESULTS_DIR/shard-$shard.json" ] && set -- "$@" "$RESULTS_DIR/shard-$shard.json"
    shard=$((shard + 1))
done
[ "$#" -gt 0 ] || fail "no shard results in $RESULTS_DIR"

echo "merge-shards: merging $# of $SHARDS shards in $RESULTS_DIR" >&2
# shellcheck disable=SC2086 # MERGE_ARGS is a list of flags on purpose
exec "${FCHARNESS:-fcharness}" merge "$@" --out "$RESULTS_DIR/merged.json" --no-color ${MERGE_ARGS:-}
