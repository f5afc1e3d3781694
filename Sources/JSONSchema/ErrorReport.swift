// Where a diagnosing validation keeps what it found: the errors so far, and the instance and
// schema paths to the value being checked, which every error records.

import JSON

/// One step of the instance path.
enum InstanceStep {
    case key(String)
    case index(Int)
}

/// Errors collected so far and the instance / schema paths to the value being checked.
final class ErrorReport {
    var errors: [ValidationError] = []
    var limit: Int
    var instancePath: [InstanceStep] = []
    var schemaPath: [String] = []

    init(limit: Int) {
        self.limit = limit
    }

    var isFull: Bool { errors.count >= limit }

    var instancePointer: JSONPointer {
        JSONPointer(tokens: instancePath.map {
            switch $0 {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        })
    }

    func add(keyword: String, message: String) {
        guard errors.count < limit else { return }
        var location = ""
        for segment in schemaPath { location += "/" + segment }
        if !keyword.isEmpty { location += "/" + keyword }
        errors.append(ValidationError(instanceLocation: instancePointer, keywordLocation: location, keyword: keyword, message: message))
    }
}
