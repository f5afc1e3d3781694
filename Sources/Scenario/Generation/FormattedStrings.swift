// Strings for the `format`s the project's validator asserts (email, uuid, date-time, date,
// time, uri, uri-reference, hostname, ipv4, ipv6), fitted to minLength / maxLength.

import JSON
import Quantities

/// One known format's shape: fixed text around a run of letters and digits whose length can
/// stretch (email local part, URI path, host label) to meet a length constraint.
struct FormattedStrings {
    /// The formats values are generated for; any other name is an annotation and gets plain text.
    static let known: Set<String> = [
        "email", "uuid", "date-time", "date", "time", "uri", "uri-reference", "hostname", "ipv4", "ipv6",
    ]

    /// A value of `format` whose length (in code points) lies in `lengths`.
    static func value(format: String, lengths: ClosedRange<Int>, minimal: Bool, pointer: JSONPointer,
                      using random: inout SeededRandom) throws(BodyGenerationError) -> String {
        let shape = shape(of: format, using: &random)
        let fixed = shape.prefix.count + shape.suffix.count
        let shortest = max(shape.stretch.lowerBound, lengths.lowerBound - fixed)
        let longest = min(shape.stretch.upperBound, lengths.upperBound - fixed)
        guard shortest <= longest else {
            let span = shape.stretch.lowerBound == shape.stretch.upperBound
                ? "\(fixed + shape.stretch.lowerBound)"
                : "\(fixed + shape.stretch.lowerBound)…\(fixed + shape.stretch.upperBound)"
            throw .unsatisfiable(pointer: pointer, reason: "format \(format) values here are \(span) characters long, "
                                 + "outside minLength/maxLength \(lengths.lowerBound)…\(lengths.upperBound)")
        }
        let length = minimal ? shortest : Int.random(in: shortest...min(longest, shortest + 10), using: &random)
        return shape.prefix + Self.alphanumeric(length, using: &random) + shape.suffix
    }

    private struct Shape {
        var prefix: String
        var stretch: ClosedRange<Int>
        var suffix: String
    }

    private static func shape(of format: String, using random: inout SeededRandom) -> Shape {
        switch format {
        case "email": return Shape(prefix: "", stretch: 1...64, suffix: "@example.com")
        case "uri": return Shape(prefix: "https://example.com/", stretch: 0...2000, suffix: "")
        case "uri-reference": return Shape(prefix: "/", stretch: 0...2000, suffix: "")
        case "hostname": return Shape(prefix: "", stretch: 1...63, suffix: ".example.com")
        case "uuid": return Shape(prefix: random.uuidText(), stretch: 0...0, suffix: "")
        case "date-time": return Shape(prefix: date(using: &random) + "T" + time(using: &random) + "Z", stretch: 0...0, suffix: "")
        case "date": return Shape(prefix: date(using: &random), stretch: 0...0, suffix: "")
        case "time": return Shape(prefix: time(using: &random) + "Z", stretch: 0...0, suffix: "")
        case "ipv4":
            let octets = (0..<3).map { _ in String(Int.random(in: 0...255, using: &random)) }
            return Shape(prefix: "10." + octets.dropFirst().joined(separator: ".") + "." + octets[0], stretch: 0...0, suffix: "")
        case "ipv6":
            let groups = (0..<2).map { _ in String(UInt16.random(in: 1...UInt16.max, using: &random), radix: 16) }
            return Shape(prefix: "2001:db8::" + groups.joined(separator: ":"), stretch: 0...0, suffix: "")
        default: return Shape(prefix: "", stretch: 0...Int.max, suffix: "")
        }
    }

    private static func date(using random: inout SeededRandom) -> String {
        let year = Int.random(in: 2020...2029, using: &random)
        // Day 28 at most: valid in every month without a calendar.
        return "\(year)-\(twoDigits(Int.random(in: 1...12, using: &random)))-\(twoDigits(Int.random(in: 1...28, using: &random)))"
    }

    private static func time(using random: inout SeededRandom) -> String {
        [Int.random(in: 0...23, using: &random), Int.random(in: 0...59, using: &random), Int.random(in: 0...59, using: &random)]
            .map(twoDigits).joined(separator: ":")
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)

    /// Lowercase letters and digits: safe in every format's variable part (email local parts,
    /// host labels, URI paths) and for systems that fold case.
    static func alphanumeric(_ length: Int, using random: inout SeededRandom) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<length { text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)]) }
        return String(text)
    }
}
