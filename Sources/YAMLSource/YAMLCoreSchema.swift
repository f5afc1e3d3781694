// Resolves a YAML scalar to a value by the YAML 1.2 core schema, not Yams' YAML 1.1
// resolver: `yes`, `no`, `on`, `off`, `1_000` and `2024-01-01` stay strings, as JSON readers and
// OpenAPI tools expect, and a quoted scalar is always a string.

import Yams

/// Resolves the scalars of a composed YAML tree to JSON-compatible values.
enum YAMLCoreSchema {
    typealias Value = YAMLNode.ScalarValue

    private static let nullTag = "tag:yaml.org,2002:null"
    private static let boolTag = "tag:yaml.org,2002:bool"
    private static let intTag = "tag:yaml.org,2002:int"
    private static let floatTag = "tag:yaml.org,2002:float"

    /// The value of `scalar`, or nil when an explicit tag (`!!int`, `!!bool`...) does not
    /// fit its text.
    ///
    /// Quoted and block scalars arrive tagged `!!str` (Yams sets it from libyaml's
    /// `quoted_implicit`); plain untagged scalars arrive with the empty "implicit" tag and are
    /// resolved here. Tags outside the core schema (`!!timestamp`, local `!tags`) keep the text.
    static func value(of scalar: Node.Scalar) -> Value? {
        let text = scalar.string
        switch scalar.tag.rawValue {
        case "": return plainValue(text)
        case nullTag: return isNull(text) ? .null : nil
        case boolTag: return bool(text).map(Value.bool)
        case intTag: return integer(text)
        case floatTag: return integer(text) ?? float(text)
        default: return .string(text)
        }
    }

    /// Core schema resolution of an untagged plain scalar: null, bool, int, float, else string.
    static func plainValue(_ text: String) -> Value {
        if isNull(text) { return .null }
        if let flag = bool(text) { return .bool(flag) }
        if let number = integer(text) ?? float(text) { return number }
        return .string(text)
    }

    private static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`. A decimal beyond Int64 becomes a double, as a
    /// JSON parser would make it.
    private static func integer(_ text: String) -> Value? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let radix: Int? = bytes[1] == UInt8(ascii: "x") ? 16 : bytes[1] == UInt8(ascii: "o") ? 8 : nil
            if let radix {
                // Int64(_:radix:) would accept a sign after the prefix; the core schema does not.
                guard bytes[2] != UInt8(ascii: "-"), bytes[2] != UInt8(ascii: "+") else { return nil }
                return Int64(String(decoding: bytes[2...], as: UTF8.self), radix: radix).map(Value.integer)
            }
        }
        var digits = bytes[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        if let exact = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .integer(exact) }
        return Double(text).map(Value.double)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`, `.nan` (any of the
    /// three spellings of each).
    private static func float(_ text: String) -> Value? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        if body == ".inf" || body == ".Inf" || body == ".INF" { return .double(negative ? -.infinity : .infinity) }
        if text == ".nan" || text == ".NaN" || text == ".NAN" { return .double(.nan) }
        guard isDecimalFloat(Array(body.utf8)[...]), let value = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
            return nil
        }
        return .double(value)
    }

    private static func isDecimalFloat(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        let integerDigits = rest.prefix(while: isDigit).count
        rest = rest.dropFirst(integerDigits)
        var fractionDigits = 0
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix(while: isDigit).count
            rest = rest.dropFirst(fractionDigits)
        } else if integerDigits == 0 {
            return false
        }
        guard integerDigits + fractionDigits > 0 else { return false }
        if let e = rest.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { rest = rest.dropFirst() }
            let exponentDigits = rest.prefix(while: isDigit).count
            guard exponentDigits > 0 else { return false }
            rest = rest.dropFirst(exponentDigits)
        }
        return rest.isEmpty
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
