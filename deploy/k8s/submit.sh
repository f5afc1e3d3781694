#!/bin/sh
# Starts one distributed run: picks the shared START_AT (now + LEAD seconds, long enough for
# every pod to be scheduled and its image pulled), replaces the previous run's Jobs, and applies
# deploy/k8s with START_AT added to the fcharness-run ConfigMap. Usage:
#   deploy/k8s/submit.sh [LEAD_SECONDS]      (default 120; kubectl's current context and namespace)
# Then: kubectl wait --for=condition=complete job/fcharness-merge --timeout=1h
#       kubectl logs job/fcharness-merge
set -eu

LEAD=${1:-120}
HERE=$(cd "$(dirname "$0")" && pwd)
START_AT=$(date -u -d "+$LEAD sec" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v "+${LEAD}S" +%Y-%m-%dT%H:%M:%SZ)

# An overlay on a copy of deploy/k8s, so that a run's start time is never written into the
# repository (kustomize takes no absolute paths to a base).
OVERLAY=$(mktemp -d)
trap 'rm -rf "$OVERLAY"' EXIT
cp -R "$HERE" "$OVERLAY/base"
cat > "$OVERLAY/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - base
configMapGenerator:
  - name: fcharness-run
    behavior: merge
    literals:
      - START_AT=$START_AT
YAML

# A Job's pod template cannot change, and the last run's pods must not still be loading.
kubectl delete job fcharness-shards fcharness-merge --ignore-not-found --wait=true
kubectl apply -k "$OVERLAY"
echo "submit: shards start at $START_AT; results in fcharness-results:/$(printf '%s' "$START_AT" | tr -d ':-')/"
