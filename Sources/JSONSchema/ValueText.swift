// Short renderings of instance values for error messages: scalars as JSON, long strings cut,
// containers by size, so one message never dumps a whole response body.

import JSON

/// Text for values shown in error messages.
enum ValueText {
    private static let maxStringLength = 60

    /// `"closed"`, `42`, `null`, `an array of 3 items`, `an object with 2 properties`.
    static func describe(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .double(let double): return number(double)
        case .string(let text): return quoted(text)
        case .array(let elements): return "an array of " + counted(elements.count, "item")
        case .object(let object): return "an object with " + counted(object.count, "property", plural: "properties")
        }
    }

    /// `integer 42`, `string "x"`, `object` — the type, with the value when it is short.
    static func typed(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .array, .object: return value.typeName
        default: return value.typeName + " " + describe(value)
        }
    }

    /// A JSON string literal (as the JSON writer escapes it), cut after 60 code points.
    static func quoted(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > maxStringLength else { return JSON.string(text).serialized() }
        let cut = JSON.string(String(scalars.prefix(maxStringLength))).serialized()
        return cut.dropLast() + "…\""
    }

    /// `count` and the noun in the number it needs: `counted(1, "item")` is `1 item`,
    /// `counted(3, "property", plural: "properties")` is `3 properties`.
    static func counted(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// `1.5`, `3` for integral doubles (as JSON would write them).
    static func number(_ double: Double) -> String {
        if double.isFinite, double.rounded(.towardZero) == double, abs(double) < 1e15 {
            return String(Int64(double))
        }
        return String(describing: double)
    }

    /// `new, assigned, resolved` — enum members for messages (strings unquoted when plain).
    static func list(_ values: [JSON], limit: Int = 10) -> String {
        var parts = values.prefix(limit).map { value -> String in
            if case .string(let text) = value, !text.isEmpty, text.count <= 40,
               text.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }) {
                return text
            }
            return describe(value)
        }
        if values.count > limit { parts.append("… (\(values.count - limit) more)") }
        return parts.joined(separator: ", ")
    }
}
