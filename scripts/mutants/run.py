#!/usr/bin/env python3
"""Mutation check of the load path's tests: each mutant (mutants.json) changes one line of the
source the way a plausible bug would; the tests named beside it must then fail. A mutant the
tests survive is a behaviour no test pins down. Not part of CI (about 15 minutes on 2 cores):
`make mutants`.

Each mutant is applied in place, built with `swift build --build-tests`, tested with
`swift test --skip-build --filter`, and the file restored whatever happens (Ctrl-C included).
A test run that outlives TEST_TIMEOUT counts as killed: the mutant hangs something.
Exit 1 when a mutant survives that is not listed as a known survivor."""
import json, os, subprocess, sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEST_TIMEOUT = int(os.environ.get("TEST_TIMEOUT", "600"))


def sh(command, timeout=None):
    return subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def main():
    listing = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "mutants.json")
    only = set(sys.argv[2:])
    mutants = [m for m in json.load(open(listing)) if not only or m["name"] in only]
    files = sorted({m["file"] for m in mutants})
    if sh("git diff --quiet -- " + " ".join(files)).returncode != 0:
        sys.exit("mutants: commit or stash the changes to " + ", ".join(files) + " first (each is rewritten and restored)")
    surprises = []
    for mutant in mutants:
        path = os.path.join(ROOT, mutant["file"])
        original = open(path).read()
        if original.count(mutant["old"]) != 1:
            print(f"STALE     {mutant['name']}: the line to change is no longer in {mutant['file']}", flush=True)
            surprises.append(mutant["name"])
            continue
        try:
            open(path, "w").write(original.replace(mutant["old"], mutant["new"]))
            build = sh("swift build --build-tests 2>&1")
            if build.returncode != 0:
                print(f"NO-BUILD  {mutant['name']}: the mutant does not compile; rewrite it", flush=True)
                surprises.append(mutant["name"])
                continue
            try:
                test = sh(f'swift test --skip-build --filter "{mutant["filter"]}" 2>&1', timeout=TEST_TIMEOUT)
                failed = test.returncode != 0
                detail = next((line.strip() for line in test.stdout.splitlines() if " error: " in line), "")
            except subprocess.TimeoutExpired:
                failed, detail = True, f"the tests ran past {TEST_TIMEOUT} s"
                sh("pkill -f fcharnessPackageTests.xctest")
            if failed:
                print(f"KILLED    {mutant['name']}: {detail[:200]}", flush=True)
            elif mutant.get("known_survivor"):
                print(f"SURVIVED  {mutant['name']} (known: {mutant['known_survivor']})", flush=True)
            else:
                print(f"SURVIVED  {mutant['name']}: no test in '{mutant['filter']}' notices {mutant['why']}", flush=True)
                surprises.append(mutant["name"])
        finally:
            open(path, "w").write(original)
    sh("swift build --build-tests 2>&1")
    print(f"{len(mutants)} mutants, {len(surprises)} surviving or stale: {', '.join(surprises) or 'none'}")
    sys.exit(1 if surprises else 0)


if __name__ == "__main__":
    main()
