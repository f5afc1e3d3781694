#!/usr/bin/env bash
# Why fcharness's one lock type is NIOLockedValueBox (a pthread mutex) and not
# Synchronization.Mutex: ThreadSanitizer reports correct Mutex-guarded code as racing.
# Prints each program's TSan warning count; expected: Mutex > 0, pthread mutex 0.
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for program in mutex pthread; do
  swiftc -sanitize=thread -Onone "$program.swift" -o "$out/$program"
  warnings=$("$out/$program" 2>&1 | grep -c "WARNING: ThreadSanitizer" || true)
  echo "$program.swift: $warnings ThreadSanitizer warnings"
done
