// The two renderings of a spec comparison: text to read or attach to a ticket (one line per
// difference, grouped by operation) and JSON for scripts (`fcharness-diff-spec/1`).

import JSON

extension SpecComparison {
    /// The JSON format's name and version.
    public static let jsonFormat = "fcharness-diff-spec/1"

    /// The report: which spec is A and which B, the differences (a blank line between
    /// operations), and a last line counting them, or saying there are none.
    public func text(describingA a: String, b: String) -> String {
        var out = "A: \(a)\nB: \(b)\n\n"
        var previous: String?
        for difference in differences {
            if let previous, previous != difference.operation { out += "\n" }
            out += difference.line + "\n"
            previous = difference.operation
        }
        if allowTheSame {
            out += "no differences: A and B allow the same (\(operationCount) operations)\n"
        } else {
            let count = differences.count == 1 ? "1 difference" : "\(differences.count) differences"
            out += "\n\(count) in \(differingOperations.count) of \(operationCount) operations\n"
        }
        return out
    }

    /// The comparison as JSON: `format`, `a`, `b`, `same`, `operations`, `differing_operations`
    /// and `differences`, each with operation, method, path, place, pointer or aspect,
    /// `only_in` (and `name`) or `a` and `b`, `allowance` and the report's `line`.
    public func json(describingA a: String, b: String) -> JSON {
        .object([
            "format": .string(Self.jsonFormat),
            "a": .string(a),
            "b": .string(b),
            "same": .bool(allowTheSame),
            "operations": .integer(Int64(operationCount)),
            "differing_operations": .array(differingOperations.map(JSON.string)),
            "differences": .array(differences.map(\.json)),
        ])
    }
}

extension SpecDifference {
    /// One difference as a JSON object; members that do not apply are left out.
    var json: JSON {
        var object: JSONObject = [
            "operation": .string(operation),
            "method": .string(method),
            "path": .string(path),
            "place": .string(place),
        ]
        if let pointer { object["pointer"] = .string(pointer.description) }
        if let aspect { object["aspect"] = .string(aspect) }
        switch finding {
        case .onlyIn(let side, let name):
            object["only_in"] = .string(side.rawValue)
            if let name { object["name"] = .string(name) }
        case .values(let a, let b):
            object["a"] = .string(a)
            object["b"] = .string(b)
        }
        if let allowance { object["allowance"] = .string(allowance) }
        object["line"] = .string(line)
        return .object(object)
    }
}
