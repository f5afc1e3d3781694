// Values just outside one schema keyword: of another JSON type, not in the enum, one past a
// numeric or length bound. Fixed choices, so the same schema always gives the same value.

import JSON

/// A value a schema rejects, with the text that says why ("above maximum 50").
struct OutOfSchemaValue {
    let value: JSON
    let reason: String
}

/// The values just outside a schema's keywords.
enum OutOfSchemaValues {
    /// Lengths and item counts past which no case is made: the request would be absurdly large.
    static let largestBound = 100_000

    /// A value of a JSON type `types` does not allow, chosen by the first declared type
    /// (a string field gets 42, a number "not-a-number"); nil when every candidate is allowed.
    static func wrongType(for types: [String]) -> JSON? {
        let byDeclared: [String: JSON] = [
            "string": 42, "integer": "not-a-number", "number": "not-a-number",
            "boolean": "yes", "object": "not-an-object", "array": "not-an-array",
        ]
        let fallbacks: [JSON] = [42, "not-a-number", true, [:]]
        let candidates = types.compactMap { byDeclared[$0] } + fallbacks
        return candidates.first { candidate in !allows(types, candidate) }
    }

    /// A value of the enum members' kind that is not one of them: a string none of them is, one
    /// more than the largest number, the missing boolean; nil when both booleans are listed.
    static func outsideEnum(_ members: [JSON]) -> JSON? {
        if members.contains(where: { $0.stringValue != nil }) || members.allSatisfy({ $0.doubleValue == nil && $0.boolValue == nil }) {
            var text = "not-in-enum"
            var suffix = 1
            while members.contains(.string(text)) {
                suffix += 1
                text = "not-in-enum-\(suffix)"
            }
            return .string(text)
        }
        let numbers = members.compactMap(\.doubleValue)
        if let largest = numbers.max() { return number(largest.rounded(.down) + 1) }
        let flags = Set(members.compactMap(\.boolValue))
        return [false, true].first { !flags.contains($0) }.map(JSON.bool)
    }

    /// A number below the lower bound of `keywords` (`minimum`, or a tighter `exclusiveMinimum`,
    /// in 2020-12 or OpenAPI 3.0 form), whole when only integers are allowed.
    static func belowMinimum(_ keywords: JSONObject, integer: Bool) -> OutOfSchemaValue? {
        guard let limit = effectiveBound(keywords, plain: "minimum", exclusive: "exclusiveMinimum", tighter: >) else { return nil }
        let bound = limit.value
        let value = limit.exclusive ? (integer ? bound.rounded(.down) : bound) : (integer ? bound.rounded(.up) - 1 : bound - 1)
        return OutOfSchemaValue(value: number(value), reason: "below \(limit.keyword) \(number(bound))")
    }

    /// A number above the upper bound of `keywords` (`maximum`, or a tighter `exclusiveMaximum`).
    static func aboveMaximum(_ keywords: JSONObject, integer: Bool) -> OutOfSchemaValue? {
        guard let limit = effectiveBound(keywords, plain: "maximum", exclusive: "exclusiveMaximum", tighter: <) else { return nil }
        let bound = limit.value
        let value = limit.exclusive ? (integer ? bound.rounded(.up) : bound) : (integer ? bound.rounded(.down) + 1 : bound + 1)
        return OutOfSchemaValue(value: number(value), reason: "above \(limit.keyword) \(number(bound))")
    }

    /// A string one code point shorter than `minLength`: `base` cut short, or "x"s.
    static func tooShort(_ keywords: JSONObject, base: String?) -> OutOfSchemaValue? {
        guard let minimum = keywords["minLength"]?.integerValue, minimum > 0, minimum <= largestBound else { return nil }
        let length = Int(minimum) - 1
        let text = base.map { String(String.UnicodeScalarView($0.unicodeScalars.prefix(length))) }
            ?? String(repeating: "x", count: length)
        return OutOfSchemaValue(value: .string(text), reason: "shorter than minLength \(minimum)")
    }

    /// A string one code point longer than `maxLength`: `base` padded with "x"s, or "x"s.
    static func tooLong(_ keywords: JSONObject, base: String?) -> OutOfSchemaValue? {
        guard let maximum = keywords["maxLength"]?.integerValue, maximum >= 0, maximum < largestBound else { return nil }
        let length = Int(maximum) + 1
        var text = base ?? ""
        let scalars = text.unicodeScalars.count
        text = scalars <= length ? text + String(repeating: "x", count: length - scalars) : String(repeating: "x", count: length)
        return OutOfSchemaValue(value: .string(text), reason: "longer than maxLength \(maximum)")
    }

    /// `value` as a JSON number, an integer when it is whole and exact.
    static func number(_ value: Double) -> JSON {
        if value.rounded(.towardZero) == value, abs(value) < 9_007_199_254_740_992 { return .integer(Int64(value)) }
        return .double(value)
    }

    /// Whether the `type` list `types` admits `value` (an integer is a number too).
    private static func allows(_ types: [String], _ value: JSON) -> Bool {
        types.contains(value.typeName) || value.typeName == "integer" && types.contains("number")
    }

    /// One side's bound as the schema states it.
    private struct Bound {
        let value: Double
        /// "minimum", "exclusiveMinimum", …: named in the case's reason.
        let keyword: String
        let exclusive: Bool
    }

    /// The effective bound: the plain keyword, or the exclusive one when it is a number at least
    /// as tight, or the plain one made exclusive by OpenAPI 3.0's boolean form.
    private static func effectiveBound(_ keywords: JSONObject, plain: String, exclusive: String,
                                       tighter: (Double, Double) -> Bool) -> Bound? {
        var result = keywords[plain]?.doubleValue.map { Bound(value: $0, keyword: plain, exclusive: false) }
        switch keywords[exclusive] {
        case .bool(true)?:
            if let plainBound = result { result = Bound(value: plainBound.value, keyword: exclusive, exclusive: true) }
        case let given? where given.doubleValue != nil:
            if let value = given.doubleValue, result.map({ value == $0.value || tighter(value, $0.value) }) ?? true {
                result = Bound(value: value, keyword: exclusive, exclusive: true)
            }
        default:
            break
        }
        guard let result, result.value.isFinite else { return nil }
        return result
    }
}
