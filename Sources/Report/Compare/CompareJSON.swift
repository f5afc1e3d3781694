// `compare --json FILE` (format `fcharness-compare/1`): the comparison for scripts and
// dashboards; docs/compare.md documents every member.
import JSON

/// Renders a comparison as the JSON document scripts read.
public enum CompareJSON {
    /// The `format` member.
    public static let format = "fcharness-compare/1"

    /// The comparison as a JSON value.
    public static func document(for comparison: Comparison) -> JSON {
        var thresholds = JSONObject()
        for metric in CompareMetric.allCases {
            thresholds[metric.name] = .double(comparison.settings.thresholds[metric])
        }
        return .object([
            "format": .string(format),
            "profile": .string(comparison.profile),
            "verdict": .string(comparison.hasRegression ? "regression" : "no_regression"),
            "regressions": .integer(Int64(comparison.regressions.count)),
            "regressed_operations": .array(comparison.regressedOperations.map(JSON.string)),
            "baseline": side(comparison.baseline),
            "current": side(comparison.current),
            "settings": .object([
                "seed": .integer(Int64(bitPattern: comparison.settings.seed)),
                "replicates": .integer(Int64(comparison.settings.replicates)),
                "confidence": .double(comparison.settings.confidence),
                "thresholds_pct": .object(thresholds),
            ]),
            "warnings": .array(comparison.warnings.map { .object(["kind": .string($0.kind), "message": .string($0.message)]) }),
            "added_operations": .array(comparison.addedOperations.map(JSON.string)),
            "removed_operations": .array(comparison.removedOperations.map(JSON.string)),
            "rows": .array(comparison.rows.map(row)),
        ])
    }

    /// The document as bytes, pretty-printed, ending with a newline.
    public static func bytes(for comparison: Comparison) -> [UInt8] {
        var bytes = document(for: comparison).serializedBytes(pretty: true)
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    private static func side(_ side: ComparedSide) -> JSON {
        .object([
            "file": .string(side.file),
            "seconds": .integer(Int64(side.seconds)),
        ])
    }

    private static func row(_ row: MetricComparison) -> JSON {
        .object([
            "operation": .string(row.operation),
            "metric": .string(row.metric.name),
            "unit": .string(unit(row.metric)),
            "baseline": number(row.baseline),
            "current": number(row.current),
            "change": number(row.change),
            "change_kind": .string(row.metric.changeIsInPoints ? "difference" : "relative"),
            "interval": row.interval.map { .array([.double($0.lowerBound), .double($0.upperBound)]) } ?? .null,
            "threshold_pct": .double(row.thresholdPercent),
            "verdict": .string(row.verdict.rawValue),
            "block_s": row.blockSeconds.map { .integer(Int64($0)) } ?? .null,
            "requests": .object([
                "baseline": .integer(Int64(row.requests.baseline)),
                "current": .integer(Int64(row.requests.current)),
            ]),
        ])
    }

    private static func unit(_ metric: CompareMetric) -> String {
        switch metric {
        case .p50, .p90, .p99: return "ms"
        case .requestsPerSecond: return "req/s"
        case .errorRate: return "fraction"
        }
    }

    private static func number(_ value: Double?) -> JSON {
        guard let value, value.isFinite else { return .null }
        return .double(value)
    }
}
