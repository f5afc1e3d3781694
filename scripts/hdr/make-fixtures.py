#!/usr/bin/env python3
"""Writes Tests/ReportTests/Fixtures/hdr/python-*.json: histograms encoded by the reference
Python implementation (PyPI `hdrhistogram`, module `hdrh`), with what Python reads back from
them, so HistogramCodecTests can check that we decode theirs to the same numbers.

Usage: pip install hdrhistogram && python3 scripts/hdr/make-fixtures.py

Python's encoder is a port of HdrHistogram_c: it writes a lone empty bucket as -1 (the C
style), where Java writes 0; java-*.json (MakeJavaFixtures.java) covers Java's style.

Every histogram records a multiple of 1000 values. Python rounds the count at a percentile
half-up, Java and Swift round it up; at whole counts (p x total / 100 an integer for p = 50,
90, 99, 99.9) the two agree, so the percentiles can be compared exactly.
"""
import importlib.metadata
import json
import math
import os
import random

from hdrh.histogram import HdrHistogram

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "Tests", "ReportTests", "Fixtures", "hdr"))
PERCENTILES = ["50", "90", "99", "99.9", "100"]


def lognormal_latencies(seed, count, median_us, sigma):
    """`count` latencies in microseconds around `median_us`, a fixed sequence for `seed`."""
    rng = random.Random(seed)
    values = {}
    for _ in range(count):
        value = max(1, int(round(median_us * math.exp(rng.gauss(0.0, sigma)))))
        values[value] = values.get(value, 0) + 1
    return sorted(values.items())


def describe(name, note, settings, recorded):
    lowest, highest, digits = settings
    histogram = HdrHistogram(lowest, highest, digits)
    for value, count in recorded:
        assert histogram.record_value(value, count), (name, value)
    total = histogram.get_total_count()
    assert total % 1000 == 0, (name, total)
    buckets = [[histogram.get_value_from_index(i), histogram.get_count_at_index(i)]
               for i in range(histogram.counts_len) if histogram.get_count_at_index(i)]
    return {
        "name": name,
        "note": note,
        "source": "Python hdrh %s, HdrHistogram(%d, %d, %d).encode()"
                  % (importlib.metadata.version("hdrhistogram"), lowest, highest, digits),
        "lowestDiscernibleValue": lowest,
        "highestTrackableValue": highest,
        "significantDigits": digits,
        "encoded": histogram.encode().decode("ascii"),
        "totalCount": total,
        "min": histogram.get_min_value() if total else 0,
        "max": histogram.get_max_value(),
        "percentiles": {p: histogram.get_value_at_percentile(float(p)) for p in PERCENTILES},
        "recorded": [[v, c] for v, c in recorded],
        "buckets": buckets,
    }


def fixtures():
    latency = (1, 60_000_000, 3)
    yield describe("python-latency-typical", "5000 lognormal latencies around 2 ms", latency,
                   lognormal_latencies(seed=7, count=5000, median_us=2000, sigma=0.6))
    yield describe("python-latency-span", "values from 1 µs to 60 s, bucket edges included", latency,
                   [(1, 100), (2, 50), (3, 50), (10, 100), (999, 100), (1000, 100), (1023, 50), (1024, 50),
                    (2047, 50), (2048, 50), (2049, 50), (4095, 50), (100_000, 100), (1_000_000, 50),
                    (10_000_000, 25), (59_999_999, 20), (60_000_000, 5)])
    yield describe("python-large-counts", "bucket counts above 2^32", latency,
                   [(1500, 5_000_000_000), (20_000, 3_000_000_000), (750_000, 1_999_999_000), (30_000_000, 1000)])
    yield describe("python-zero-runs", "lone empty buckets (written -1) and long runs of them", latency,
                   [(1, 200), (3, 200), (5, 200), (7, 100), (1000, 100), (50_000_000, 200)])
    yield describe("python-with-zero", "the value 0 recorded (bucket 0, so min is 0)", latency,
                   [(0, 500), (1, 250), (250, 250)])
    yield describe("python-empty", "nothing recorded (Python writes no counts at all)", latency, [])
    yield describe("python-hour-2digits", "other settings: 1 µs to 1 hour, 2 digits", (1, 3_600_000_000, 2),
                   [(7, 300), (1234, 300), (987_654, 200), (3_599_000_000, 200)])
    yield describe("python-ns-lowest-1000", "other settings: nanoseconds, lowest 1000, up to 60 s", (1000, 60_000_000_000, 3),
                   [(1000, 100), (1500, 100), (999_999, 300), (2_000_000, 400), (59_000_000_000, 100)])
    yield describe("python-5digits", "other settings: 5 significant digits, up to 10 s in µs", (1, 10_000_000, 5),
                   lognormal_latencies(seed=11, count=1000, median_us=20_000, sigma=1.0))


def write(fixture):
    path = os.path.join(OUT, fixture["name"] + ".json")
    lines = ["{"]
    items = list(fixture.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        lines.append("  %s: %s%s" % (json.dumps(key), json.dumps(value, ensure_ascii=False), comma))
    lines.append("}")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print("wrote", os.path.relpath(path))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for f in fixtures():
        write(f)
