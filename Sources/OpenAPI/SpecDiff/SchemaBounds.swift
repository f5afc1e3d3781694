// The bounds a schema puts on numbers (minimum, maximum, both spellings of exclusive) and on
// sizes (minLength/maxLength, minItems/maxItems, minProperties/maxProperties), and the values
// one side's bound lets through that the other's does not: "B also allows 51…100".

import JSON

/// The lower or the upper end of a range.
enum BoundEnd {
    case lower, upper
}

/// One end of the range of numbers a schema allows.
struct NumericBound: Equatable {
    let value: Double
    let exclusive: Bool
    /// The keyword it comes from: "minimum", "exclusiveMinimum", "maximum" or "exclusiveMaximum".
    let keyword: String

    /// The tightest bound at `end` that `schema` writes, in either spelling: OpenAPI 3.1's
    /// `exclusiveMinimum: 5`, or 3.0's `minimum: 5` with `exclusiveMinimum: true`.
    static func of(_ schema: ResolvedSchema, _ end: BoundEnd) -> NumericBound? {
        let (inclusiveName, exclusiveName) = end == .lower ? ("minimum", "exclusiveMinimum") : ("maximum", "exclusiveMaximum")
        var candidates: [NumericBound] = []
        if let value = schema[inclusiveName]?.doubleValue {
            let flagged = schema[exclusiveName] == .bool(true)
            candidates.append(NumericBound(value: value, exclusive: flagged, keyword: inclusiveName))
        }
        if let value = schema[exclusiveName]?.doubleValue {
            candidates.append(NumericBound(value: value, exclusive: true, keyword: exclusiveName))
        }
        return candidates.min { $0.isTighter(than: $1, at: end) }
    }

    /// Whether this bound lets fewer numbers through than `other` at `end`.
    func isTighter(than other: NumericBound, at end: BoundEnd) -> Bool {
        if value == other.value { return exclusive && !other.exclusive }
        return end == .lower ? value > other.value : value < other.value
    }

    /// The same bound over the integers, inclusive: `> 0` becomes `≥ 1`, `≤ 2.5` becomes `≤ 2`.
    func overIntegers(_ end: BoundEnd) -> NumericBound {
        let whole: Double
        switch end {
        case .lower: whole = exclusive ? (value + 1).rounded(.down) : value.rounded(.up)
        case .upper: whole = exclusive ? (value - 1).rounded(.up) : value.rounded(.down)
        }
        return NumericBound(value: whole, exclusive: false, keyword: keyword)
    }

    /// Compares the bounds at `end` of two schemas; nil when they let the same numbers through.
    /// `integers`: both sides allow integers only, so `> 0` and `≥ 1` are the same bound.
    static func difference(_ a: ResolvedSchema, _ b: ResolvedSchema, _ end: BoundEnd, integers: Bool) -> KeywordDifference? {
        let writtenA = of(a, end)
        let writtenB = of(b, end)
        let boundA = integers ? writtenA?.overIntegers(end) : writtenA
        let boundB = integers ? writtenB?.overIntegers(end) : writtenB
        // The looser side is the one with no bound, or the one the other's bound is tighter than.
        let looserIsA: Bool
        let tighter: NumericBound
        switch (boundA, boundB) {
        case (nil, nil):
            return nil
        case (nil, let boundB?):
            (looserIsA, tighter) = (true, boundB)
        case (let boundA?, nil):
            (looserIsA, tighter) = (false, boundA)
        case (let boundA?, let boundB?):
            if boundA.value == boundB.value && boundA.exclusive == boundB.exclusive { return nil }
            looserIsA = boundB.isTighter(than: boundA, at: end)
            tighter = looserIsA ? boundB : boundA
        }
        let looser = looserIsA ? boundA : boundB
        let side = looserIsA ? SpecSide.a : .b

        // Bare numbers when both sides spell the bound alike; "≥ 1" and "> 0" when they do not
        // (3.0's `minimum: 5, exclusiveMinimum: true` always reads "> 5").
        let written = [writtenA, writtenB].compactMap { $0 }
        let alike = Set(written.map(\.keyword)).count == 1 && Set(written.map(\.exclusive)).count == 1
            && !written.contains { $0.exclusive && ($0.keyword == "minimum" || $0.keyword == "maximum") }
        func text(_ bound: NumericBound?) -> String {
            guard let bound else { return "none" }
            if alike { return numberText(bound.value) }
            let symbol = end == .lower ? (bound.exclusive ? ">" : "≥") : (bound.exclusive ? "<" : "≤")
            return symbol + " " + numberText(bound.value)
        }
        return KeywordDifference(
            keyword: (writtenA ?? tighter).keyword, a: text(writtenA), b: text(writtenB),
            allowance: "\(side.rawValue) also allows " + extraValues(tighter: tighter, looser: looser, end, integers: integers)
        )
    }

    /// The numbers beyond `tighter` that `looser` (nil: no bound) still allows.
    static func extraValues(tighter: NumericBound, looser: NumericBound?, _ end: BoundEnd, integers: Bool) -> String {
        let t = tighter.value
        if integers {
            switch end {
            case .lower:
                guard let l = looser?.value else { return numberText(t - 1) + " and below" }
                return l == t - 1 ? numberText(l) : numberText(l) + "…" + numberText(t - 1)
            case .upper:
                guard let l = looser?.value else { return numberText(t + 1) + " and above" }
                return l == t + 1 ? numberText(l) : numberText(t + 1) + "…" + numberText(l)
            }
        }
        guard let looser else {
            switch end {
            case .lower: return tighter.exclusive ? "values up to " + numberText(t) : "values below " + numberText(t)
            case .upper: return tighter.exclusive ? numberText(t) + " and above" : "values above " + numberText(t)
            }
        }
        let l = looser.value
        if l == t { return numberText(t) }
        switch end {
        case .lower:
            return numberText(l) + (looser.exclusive ? " < x " : " ≤ x ") + (tighter.exclusive ? "≤ " : "< ") + numberText(t)
        case .upper:
            return numberText(t) + (tighter.exclusive ? " ≤ x " : " < x ") + (looser.exclusive ? "< " : "≤ ") + numberText(l)
        }
    }
}

/// The bounds on the size of strings, arrays or objects.
struct SizeBounds {
    let minimumKeyword: String
    let maximumKeyword: String
    /// What is measured: "strings", "arrays", "objects".
    let things: String
    /// The unit, singular and plural: ("character", "characters").
    let unit: (one: String, many: String)

    static let all = [
        SizeBounds(minimumKeyword: "minLength", maximumKeyword: "maxLength", things: "strings", unit: ("character", "characters")),
        SizeBounds(minimumKeyword: "minItems", maximumKeyword: "maxItems", things: "arrays", unit: ("item", "items")),
        SizeBounds(minimumKeyword: "minProperties", maximumKeyword: "maxProperties", things: "objects", unit: ("property", "properties")),
    ]

    /// Compares the bound at `end`; nil when both sides allow the same sizes. An absent minimum
    /// is 0, so `minLength: 0` and no `minLength` are the same.
    func difference(_ a: ResolvedSchema, _ b: ResolvedSchema, _ end: BoundEnd) -> KeywordDifference? {
        let keyword = end == .lower ? minimumKeyword : maximumKeyword
        let writtenA = a[keyword]?.integerValue
        let writtenB = b[keyword]?.integerValue
        func text(_ value: Int64?) -> String { value.map(String.init) ?? "none" }
        switch end {
        case .lower:
            let sizeA = writtenA ?? 0
            let sizeB = writtenB ?? 0
            guard sizeA != sizeB else { return nil }
            let (side, from, to) = sizeA < sizeB ? (SpecSide.a, sizeA, sizeB - 1) : (.b, sizeB, sizeA - 1)
            return KeywordDifference(keyword: keyword, a: text(writtenA), b: text(writtenB),
                                     allowance: "\(side.rawValue) also allows \(things) of " + sizes(from, to))
        case .upper:
            guard writtenA != writtenB else { return nil }
            let looserIsA = writtenA.map { value in writtenB.map { value > $0 } ?? false } ?? true
            let tighter = (looserIsA ? writtenB : writtenA) ?? 0  // one of them is set (they differ)
            let looser = looserIsA ? writtenA : writtenB
            let extra = looser.map { sizes(tighter + 1, $0) } ?? "\(tighter + 1) or more \(unit.many)"
            let side = looserIsA ? SpecSide.a : .b
            return KeywordDifference(keyword: keyword, a: text(writtenA), b: text(writtenB),
                                     allowance: "\(side.rawValue) also allows \(things) of " + extra)
        }
    }

    /// "0 characters", "1 character", "11…20 characters".
    private func sizes(_ from: Int64, _ to: Int64) -> String {
        if from == to { return "\(from) " + (from == 1 ? unit.one : unit.many) }
        return "\(from)…\(to) \(unit.many)"
    }
}

/// A number as a person writes it: 50, not 50.0; 0.5 as it is.
func numberText(_ value: Double) -> String {
    if value.rounded(.towardZero) == value, abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
