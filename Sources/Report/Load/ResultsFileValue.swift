// Checked access to the members of a results file: each read either gives a value of the
// expected kind and range or throws a `ResultsFileError` naming the member's JSON Pointer.
import Histogram
import JSON

/// One member of a results file (or a member that should be there), with its place in the file.
struct ResultsFileValue {
    /// The member's value; nil when the member is missing.
    let json: JSON?
    /// Where the member is (or should be).
    let pointer: JSONPointer
    /// The file, for messages.
    let path: String

    /// The error for a value that is not `expected`: missing, or there and wrong.
    func problem(_ expected: String) -> ResultsFileError {
        guard let json else { return .missingMember(path: path, pointer: pointer, expected: expected) }
        return .invalidValue(path: path, pointer: pointer, expected: expected, found: Self.describe(json))
    }

    /// An object whose member names are all in `keys` (any names when `keys` is nil).
    func object(keys: [String]?) throws(ResultsFileError) -> ResultsFileObject {
        guard case .object(let members)? = json else { throw problem("an object") }
        if let keys {
            // A misspelt optional member would otherwise be silently ignored.
            for key in members.keys where !keys.contains(where: { $0.hasSameCodePoints(as: key) }) {
                throw .unexpectedMember(path: path, pointer: pointer.appending(key), allowed: keys)
            }
        }
        return ResultsFileObject(members: members, pointer: pointer, path: path)
    }

    /// The elements of an array, each with its pointer.
    func array() throws(ResultsFileError) -> [ResultsFileValue] {
        guard case .array(let elements)? = json else { throw problem("an array") }
        return elements.enumerated().map { ResultsFileValue(json: $1, pointer: pointer.appending(index: $0), path: path) }
    }

    /// Any string.
    func string() throws(ResultsFileError) -> String {
        guard case .string(let text)? = json else { throw problem("a string") }
        return text
    }

    /// A string that is one of `choices`.
    func string(oneOf choices: [String]) throws(ResultsFileError) -> String {
        guard case .string(let text)? = json, choices.contains(where: { $0.hasSameCodePoints(as: text) }) else {
            throw problem("one of " + choices.joined(separator: ", "))
        }
        return text
    }

    /// A value of a string enumeration such as `ErrorClass`.
    func oneOf<Choice: CaseIterable & RawRepresentable>(_ type: Choice.Type) throws(ResultsFileError) -> Choice
    where Choice.RawValue == String {
        guard case .string(let text)? = json, let choice = Choice(rawValue: text) else {
            throw problem("one of " + Choice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return choice
    }

    /// `true` or `false`.
    func bool() throws(ResultsFileError) -> Bool {
        guard case .bool(let flag)? = json else { throw problem("true or false") }
        return flag
    }

    /// The largest count a file may hold: 2^53, the last integer every JSON reader holds
    /// exactly. It also leaves room to add up a thousand shards' counts without overflowing.
    static let largestCount: Int64 = 1 << 53

    /// A count: an integer from 0 to 2^53 (`5.0` passes, as JSON Schema's `integer` lets it).
    func count() throws(ResultsFileError) -> Int {
        guard let value = json?.integerValue, value >= 0, value <= Self.largestCount, let count = Int(exactly: value) else {
            throw problem("a non-negative integer up to 2^53")
        }
        return count
    }

    /// A count that is part of another count of the same object (`errors` of `requests`): a
    /// file with more errors than requests describes nothing that happened, and its rates
    /// would pass 100%.
    func count(atMost limit: Int, partOf name: String) throws(ResultsFileError) -> Int {
        let value = try count()
        guard value <= limit else { throw problem("a count no larger than \(name) (\(limit))") }
        return value
    }

    /// An integer in `range`.
    func integer(in range: ClosedRange<Int64>) throws(ResultsFileError) -> Int64 {
        guard let value = json?.integerValue, range.contains(value) else {
            throw problem(range.upperBound == .max ? "an integer ≥ \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A number ≥ 0, at most `maximum` when given (JSON numbers are finite by construction).
    func number(maximum: Double? = nil) throws(ResultsFileError) -> Double {
        guard let value = json?.doubleValue, value >= 0, value <= (maximum ?? .infinity) else {
            throw problem(maximum.map { "a number from 0 to \(Self.text($0))" } ?? "a number ≥ 0")
        }
        return value
    }

    /// A number ≥ 0, or `null`.
    func numberOrNull() throws(ResultsFileError) -> Double? {
        if case .null? = json { return nil }
        guard let value = json?.doubleValue, value >= 0 else { throw problem("a number ≥ 0 or null") }
        return value
    }

    /// An integer, or `null`.
    func integerOrNull() throws(ResultsFileError) -> Int64? {
        if case .null? = json { return nil }
        guard let value = json?.integerValue else { throw problem("an integer or null") }
        return value
    }

    /// Whether the member is there with a value other than `null`.
    var isPresentAndNotNull: Bool {
        guard let json else { return false }
        if case .null = json { return false }
        return true
    }

    /// A string, or `null`.
    func stringOrNull() throws(ResultsFileError) -> String? {
        if case .null? = json { return nil }
        guard case .string(let text)? = json else { throw problem("a string or null") }
        return text
    }

    /// A time as RFC 3339 writes it: `2025-03-14T09:26:53.589Z`.
    func timestamp() throws(ResultsFileError) -> String {
        let expected = "an RFC 3339 time, e.g. 2025-03-14T09:26:53.589Z"
        guard case .string(let text)? = json,
              text.wholeMatch(of: #/[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})/#) != nil
        else { throw problem(expected) }
        return text
    }

    /// A latency histogram in HdrHistogram's encoding, with the latency settings (so that it
    /// adds to this run's histograms and to other shards' without a settings error later).
    func histogram() throws(ResultsFileError) -> Histogram<UInt64> {
        guard case .string(let text)? = json else { throw problem("an encoded HdrHistogram (\"HISTF…\")") }
        let histogram: Histogram<UInt64>
        do {
            histogram = try HistogramCodec.decode(text)
        } catch {
            throw .invalidHistogram(path: path, pointer: pointer, error)
        }
        guard LatencyHistogram.hasLatencySettings(histogram) else {
            throw .invalidValue(
                path: path, pointer: pointer,
                expected: "a histogram with the latency settings (lowest \(LatencyHistogram.lowestDiscernibleValue) µs, "
                    + "highest \(LatencyHistogram.highestTrackableValue) µs, "
                    + "\(LatencyHistogram.significantDigits.rawValue) significant digits)",
                found: "lowest \(histogram.lowestDiscernibleValue), highest \(histogram.highestTrackableValue), "
                    + "\(histogram.numberOfSignificantValueDigits.rawValue) digits")
        }
        return histogram
    }

    /// The text of a latency histogram, kept as written (the model keeps windows encoded) but
    /// decoded once, so that a bad one is reported now rather than when `merge` adds windows up.
    func encodedHistogram() throws(ResultsFileError) -> String {
        guard case .string(let text)? = json else { throw problem("an encoded HdrHistogram (\"HISTF…\")") }
        let buckets: RecordedBuckets
        do {
            buckets = try HistogramCodec.recordedBuckets(text)
        } catch {
            throw .invalidHistogram(path: path, pointer: pointer, error)
        }
        guard buckets.hasLatencySettings else {
            throw .invalidValue(
                path: path, pointer: pointer,
                expected: "a histogram with the latency settings (lowest \(LatencyHistogram.lowestDiscernibleValue) µs, "
                    + "highest \(LatencyHistogram.highestTrackableValue) µs, "
                    + "\(LatencyHistogram.significantDigits.rawValue) significant digits)",
                found: "lowest \(buckets.lowestDiscernibleValue), highest \(buckets.highestTrackableValue), "
                    + "\(buckets.significantDigits) digits")
        }
        return text
    }

    /// `value` read by `read` when the member is there, nil when it is missing (`null` is not
    /// missing: an optional member is left out, never written as `null`).
    func ifPresent<T>(_ read: (ResultsFileValue) throws(ResultsFileError) -> T) throws(ResultsFileError) -> T? {
        guard json != nil else { return nil }
        return try read(self)
    }

    /// How a found value reads in a message: scalars as JSON, long strings cut, containers by kind.
    static func describe(_ json: JSON) -> String {
        switch json {
        case .object: return "an object"
        case .array: return "an array"
        case .string(let text) where text.unicodeScalars.count > 60:
            return JSON.string(String(String.UnicodeScalarView(text.unicodeScalars.prefix(57))) + "…").serialized()
        default: return json.serialized()
        }
    }

    /// `1` rather than `1.0` in messages.
    private static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// An object of a results file whose members are read by name.
struct ResultsFileObject {
    let members: JSONObject
    let pointer: JSONPointer
    let path: String

    /// The member `key`, which may be missing (its readers then say so).
    subscript(key: String) -> ResultsFileValue {
        ResultsFileValue(json: members[key], pointer: pointer.appending(key), path: path)
    }

    /// Every member, in document order.
    var values: [(key: String, value: ResultsFileValue)] {
        members.map { ($0.key, ResultsFileValue(json: $0.value, pointer: pointer.appending($0.key), path: path)) }
    }
}
