// How much work matching a pattern can cost, read from the pattern's shape: the one rule that
// keeps text from a server from hanging a run on a schema `pattern` or a scenario `matches`.
// Swift's Regex backtracks, so `^(a+)+$` against "aaaa…ab" doubles its work with every `a`,
// and cannot be stopped once started; the bound has to be decided before the match.
//
// # The rule
//
// A backtracking matcher does extra work only at a *choice* — an alternation, or a quantifier
// whose count may vary — that the next character cannot decide: when two ways on can start
// with the same character, both may be tried. Each choice is read together with what may follow
// it (its continuation), and the pattern is classed:
//
// - A choice the next character cannot decide *inside a repeated part* (a group or atom whose
//   quantifier allows more than one repetition) lets the repetitions split one text in
//   exponentially many ways: the pattern is **never run** (`^(a+)+$`, `^(a|a)*$`, `^(\d+\.?)+$`).
// - Otherwise the work on a text of n characters is at most n^d steps, where
//   d = 1 + the undecided unbounded quantifiers (`*`, `+`, `{n,}`) + 1 more for a search that
//   is not anchored with `^` and may fail after scanning (each start position scans again).
//   The pattern is run only on texts with n^d ≤ 10⁷ (about 0.4 s of Swift's Regex at worst):
//   d = 1 any text, d = 2 up to 3,162 characters, d = 3 up to 215, d = 4 up to 56. A longer
//   text is **not checked**, and the check says so; it never fails because of it.
//
// A choice whose continuation always succeeds (the end of a pattern without `$`) costs
// nothing: the first way that gets there wins. Atomic groups and possessive quantifiers never
// give back, so their insides are read the same way. Doubt only ever lowers the bound:
// character sets are taken to overlap unless their ASCII members are disjoint and at most one
// reaches beyond ASCII; `\p{…}`, backreferences and other constructs the analysis does not
// model count as matching anything; a lookaround is a search of its own, costed the same way
// (once more per repetition it sits in, or per start of an unanchored search). Inline options
// (`(?i)`, not ECMA-262) or groups nested deeper than 64 leave the pattern unanalysed, and it
// is never run.

/// How long a text a pattern may be run against, by the rule at the top of PatternCost.swift.
public struct PatternCost: Sendable, Hashable {
    /// The work budget: n^d steps of the matcher for a text of n characters.
    public static let stepBudget = 10_000_000

    /// The longest text, in Unicode scalars, the pattern is run against: `Int.max` for a
    /// linear pattern, 0 for one that is never run.
    public let longestText: Int
    /// Why the pattern is bounded (for messages); nil when it runs on any text.
    public let reason: String?

    /// Whether the pattern is never run.
    public var neverRuns: Bool { longestText == 0 }

    /// The cost of `pattern` (assumed valid: PatternRegex compiles it first).
    public init(of pattern: String) {
        var parser = PatternShapeParser(scalars: Array(pattern.unicodeScalars))
        let root: PatternShape
        do {
            root = try parser.parsePattern()
        } catch {
            self.init(longestText: 0, reason: "fcharness cannot analyse its backtracking (\(error.reason))")
            return
        }
        var analysis = PatternShapeAnalysis()
        analysis.examine(root, after: .accepting, insideRepetition: nil)
        if let repetition = analysis.exponential {
            self.init(longestText: 0, reason: "the repeated part '\(repetition)' can split the same text in more than one way, "
                      + "so a failing match backtracks exponentially")
            return
        }
        let unanchored = root.anchoredAtStart ? 0 : 1
        var degree = 1 + analysis.undecidedLoops
        if analysis.hasFailingUnboundedLoop { degree += unanchored }
        let lookarounds = analysis.lookaroundDegree > 0 ? analysis.lookaroundDegree + unanchored : 0
        let lookaroundsDecide = lookarounds > degree
        degree = max(degree, lookarounds)
        guard degree > 1 else {
            self.init(longestText: .max, reason: nil)
            return
        }
        let longest = Self.longestText(degree: degree)
        var why: [String] = []
        if analysis.undecidedLoops > 0 {
            why.append("\(analysis.undecidedLoops) quantifier\(analysis.undecidedLoops == 1 ? "" : "s") the next character cannot end")
        }
        if lookaroundsDecide {
            why = ["a lookaround"]
        } else if degree > 1 + analysis.undecidedLoops {
            why.append("an unanchored search")
        }
        self.init(longestText: longest, reason: "matching can cost n^\(degree) steps (\(why.joined(separator: ", ")))")
    }

    init(longestText: Int, reason: String?) {
        self.longestText = longestText
        self.reason = reason
    }

    /// The largest n with n^degree ≤ the step budget.
    static func longestText(degree: Int) -> Int {
        var n = 1
        while power(n + 1, degree) <= stepBudget { n += 1 }
        return n
    }

    private static func power(_ base: Int, _ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow || product > stepBudget { return stepBudget + 1 }
            result = product
        }
        return result
    }
}

// MARK: - Character sets

/// A set of Unicode scalars, exact for ASCII and a single "something beyond ASCII" bit: two
/// sets that both reach beyond ASCII are taken to overlap.
struct ScalarSet: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var beyondASCII = false

    static let empty = ScalarSet()
    static let any = ScalarSet(low: .max, high: .max, beyondASCII: true)

    init(low: UInt64 = 0, high: UInt64 = 0, beyondASCII: Bool = false) {
        self.low = low
        self.high = high
        self.beyondASCII = beyondASCII
    }

    init(_ scalar: Unicode.Scalar) {
        self.init(range: scalar.value...scalar.value)
    }

    init(range: ClosedRange<UInt32>) {
        if range.upperBound > 127 { beyondASCII = true }
        guard range.lowerBound <= 127 else { return }
        for code in range.lowerBound...min(range.upperBound, 127) { insert(ascii: code) }
    }

    /// ASCII characters listed in `text` (no ranges).
    init(ascii text: String) {
        for scalar in text.unicodeScalars { insert(ascii: scalar.value) }
    }

    private mutating func insert(ascii code: UInt32) {
        if code < 64 { low |= 1 << UInt64(code) } else { high |= 1 << UInt64(code - 64) }
    }

    func union(_ other: ScalarSet) -> ScalarSet {
        ScalarSet(low: low | other.low, high: high | other.high, beyondASCII: beyondASCII || other.beyondASCII)
    }

    /// Everything outside the set: the other ASCII characters and, to be safe, all beyond.
    var complement: ScalarSet { ScalarSet(low: ~low, high: ~high, beyondASCII: true) }

    func overlaps(_ other: ScalarSet) -> Bool {
        low & other.low != 0 || high & other.high != 0 || (beyondASCII && other.beyondASCII)
    }

    static let digits = ScalarSet(range: 0x30...0x39)
    static let word = ScalarSet(range: 0x30...0x39).union(ScalarSet(range: 0x41...0x5A))
        .union(ScalarSet(range: 0x61...0x7A)).union(ScalarSet("_"))
    /// ASCII white space, and beyond (Unicode spaces).
    static let space = ScalarSet(ascii: "\t\n\u{0B}\u{0C}\r ").union(ScalarSet(beyondASCII: true))
}

// MARK: - The shape of a pattern

/// What the analysis needs of a pattern: characters, choices and repetitions.
indirect enum PatternShape {
    /// One character from the set.
    case scalars(ScalarSet)
    /// A zero-width test that may fail (`$`, `\b`, …); `start` for `^` and `\A`.
    case assertion(start: Bool)
    case sequence([PatternShape])
    case alternation([PatternShape])
    /// `body` repeated `min`…`max` times (nil: unbounded); `text` is the source, for messages.
    case repetition(PatternShape, min: Int, max: Int?, possessive: Bool, text: String)
    /// `(?>…)`: matched once, never backtracked into.
    case atomic(PatternShape)
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`: zero-width, with a search of its own.
    case lookaround(PatternShape)

    /// Whether it can match the empty string (assertions taken as passing).
    var nullable: Bool {
        switch self {
        case .scalars: return false
        case .assertion, .lookaround: return true
        case .sequence(let parts): return parts.allSatisfy(\.nullable)
        case .alternation(let branches): return branches.contains(where: \.nullable)
        case .repetition(let body, let min, _, _, _): return min == 0 || body.nullable
        case .atomic(let inner): return inner.nullable
        }
    }

    /// Whether it can match the empty string with no assertion that could fail.
    var passable: Bool {
        switch self {
        case .scalars, .assertion, .lookaround: return false
        case .sequence(let parts): return parts.allSatisfy(\.passable)
        case .alternation(let branches): return branches.contains(where: \.passable)
        case .repetition(let body, let min, _, _, _): return min == 0 || body.passable
        case .atomic(let inner): return inner.passable
        }
    }

    /// The characters a match can start with.
    var first: ScalarSet {
        switch self {
        case .scalars(let set): return set
        case .assertion, .lookaround: return .empty
        case .sequence(let parts):
            var set = ScalarSet.empty
            for part in parts {
                set = set.union(part.first)
                if !part.nullable { break }
            }
            return set
        case .alternation(let branches): return branches.reduce(.empty) { $0.union($1.first) }
        case .repetition(let body, _, let max, _, _): return max == 0 ? .empty : body.first
        case .atomic(let inner): return inner.first
        }
    }

    /// Whether every match starts at the start of the text (`^`, `\A`).
    var anchoredAtStart: Bool {
        switch self {
        case .assertion(let start): return start
        case .sequence(let parts): return parts.first?.anchoredAtStart ?? false
        case .alternation(let branches): return !branches.isEmpty && branches.allSatisfy(\.anchoredAtStart)
        case .atomic(let inner): return inner.anchoredAtStart
        case .scalars, .repetition, .lookaround: return false
        }
    }
}

/// What may follow a part of the pattern.
struct PatternContinuation {
    /// The characters it can start with.
    var first: ScalarSet
    /// Whether the match succeeds right there, needing nothing more.
    var acceptsNow: Bool

    static let accepting = PatternContinuation(first: .empty, acceptsNow: true)
}

/// The walk that finds undecided choices.
struct PatternShapeAnalysis {
    /// The repeated part an undecided choice sits in, when there is one: exponential.
    var exponential: String?
    /// Unbounded quantifiers outside any repeated part whose end the next character cannot decide.
    var undecidedLoops = 0
    /// Whether an unbounded quantifier is followed by something that can fail, so that an
    /// attempt can scan far and then fail (what makes an unanchored search scan again).
    var hasFailingUnboundedLoop = false
    /// The degree of the costliest lookaround, run once where it stands (0: none).
    var lookaroundDegree = 0

    /// Examines `shape`, followed by `after`; `insideRepetition` is the source of the nearest
    /// enclosing part repeated more than once.
    mutating func examine(_ shape: PatternShape, after: PatternContinuation, insideRepetition: String?) {
        switch shape {
        case .scalars, .assertion:
            return
        case .sequence(let parts):
            var continuation = after
            for part in parts.reversed() {
                examine(part, after: continuation, insideRepetition: insideRepetition)
                continuation = PatternContinuation(
                    first: part.nullable ? part.first.union(continuation.first) : part.first,
                    acceptsNow: part.passable && continuation.acceptsNow)
            }
        case .alternation(let branches):
            if !after.acceptsNow, Self.undecided(branches, after: after), let repetition = insideRepetition {
                exponential = exponential ?? repetition
            }
            for branch in branches { examine(branch, after: after, insideRepetition: insideRepetition) }
        case .repetition(let body, let min, let max, let possessive, let text):
            let repeats = max.map { $0 > 1 } ?? true
            let varies = max.map { $0 > min } ?? true
            if max == nil, !after.acceptsNow { hasFailingUnboundedLoop = true }
            if varies, !possessive, !after.acceptsNow, body.nullable || body.first.overlaps(after.first) {
                if let repetition = insideRepetition {
                    exponential = exponential ?? repetition
                } else if max == nil {
                    undecidedLoops += 1
                }
            }
            // After one repetition: another one, or what follows the whole.
            let next = PatternContinuation(first: repeats ? body.first.union(after.first) : after.first,
                                           acceptsNow: possessive || after.acceptsNow)
            examine(body, after: next, insideRepetition: repeats ? (insideRepetition ?? text) : insideRepetition)
        case .atomic(let inner):
            examine(inner, after: .accepting, insideRepetition: insideRepetition)
        case .lookaround(let inner):
            var nested = PatternShapeAnalysis()
            nested.examine(inner, after: .accepting, insideRepetition: insideRepetition)
            exponential = exponential ?? nested.exponential
            // A search of its own, anchored where it stands; once per repetition inside one.
            let own = 1 + nested.undecidedLoops + (insideRepetition == nil ? 0 : 1)
            lookaroundDegree = max(lookaroundDegree, own, nested.lookaroundDegree)
        }
    }

    /// Whether two branches (each followed by `after`) can start with the same character, or
    /// two can match nothing and both go on.
    private static func undecided(_ branches: [PatternShape], after: PatternContinuation) -> Bool {
        var seen = ScalarSet.empty
        var nullableSeen = false
        for branch in branches {
            let nullable = branch.nullable
            if nullable && nullableSeen { return true }
            let first = nullable ? branch.first.union(after.first) : branch.first
            if first.overlaps(seen) { return true }
            seen = seen.union(first)
            nullableSeen = nullableSeen || nullable
        }
        return false
    }
}

// MARK: - Parsing

/// Reads a pattern (Swift Regex syntax, ECMA-262 in practice) into a PatternShape.
struct PatternShapeParser {
    struct Unanalysable: Error {
        let reason: String
    }

    let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0
    private static let deepest = 64

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    mutating func parsePattern() throws(Unanalysable) -> PatternShape {
        let shape = try parseAlternation()
        guard current == nil else { throw Unanalysable(reason: "unbalanced ')'") }
        return shape
    }

    private mutating func parseAlternation() throws(Unanalysable) -> PatternShape {
        var branches = [try parseSequence()]
        while current == "|" {
            position += 1
            branches.append(try parseSequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence() throws(Unanalysable) -> PatternShape {
        var parts: [PatternShape] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            let start = position
            if let atom = try parseAtom() {
                parts.append(try parseQuantifier(on: atom, from: start))
            }
        }
        return parts.count == 1 ? parts[0] : .sequence(parts)
    }

    /// One atom; nil for something that matches nothing at all (a comment).
    private mutating func parseAtom() throws(Unanalysable) -> PatternShape? {
        guard let scalar = current else { throw Unanalysable(reason: "the pattern ends early") }
        position += 1
        switch scalar {
        case "^": return .assertion(start: true)
        case "$": return .assertion(start: false)
        case ".": return .scalars(.any)
        case "[": return .scalars(try parseClass())
        case "\\": return try parseEscape()
        case "(": return try parseGroup()
        default: return .scalars(ScalarSet(scalar))
        }
    }

    private mutating func parseGroup() throws(Unanalysable) -> PatternShape? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.deepest else { throw Unanalysable(reason: "groups nested deeper than \(Self.deepest)") }
        enum Kind { case plain, atomic, lookaround }
        var kind = Kind.plain
        if current == "?" {
            switch (peek(1), peek(2)) {
            case (":"?, _), ("|"?, _): position += 2
            case (">"?, _): position += 2; kind = .atomic
            case ("="?, _), ("!"?, _): position += 2; kind = .lookaround
            case ("<"?, "="?), ("<"?, "!"?): position += 3; kind = .lookaround
            case ("<"?, _), ("P"?, "<"?), ("'"?, _):
                let close: Unicode.Scalar = peek(1) == "'" ? "'" : ">"
                position += peek(1) == "P" ? 3 : 2
                while let c = current, c != close { position += 1 }
                guard current == close else { throw Unanalysable(reason: "an unclosed group name") }
                position += 1
            case ("#"?, _):
                while let c = current, c != ")" { position += 1 }
                guard current == ")" else { throw Unanalysable(reason: "an unclosed comment") }
                position += 1
                return nil
            default:
                throw Unanalysable(reason: "inline options or a group kind it does not know")
            }
        }
        let inner = try parseAlternation()
        guard current == ")" else { throw Unanalysable(reason: "an unclosed '('") }
        position += 1
        switch kind {
        case .plain: return inner
        case .atomic: return .atomic(inner)
        case .lookaround: return .lookaround(inner)
        }
    }

    private mutating func parseQuantifier(on atom: PatternShape, from start: Int) throws(Unanalysable) -> PatternShape {
        var shape = atom
        while true {
            let bounds: (Int, Int?)
            switch current {
            case "*": position += 1; bounds = (0, nil)
            case "+": position += 1; bounds = (1, nil)
            case "?": position += 1; bounds = (0, 1)
            case "{":
                guard let braces = parseBraces() else { return shape }
                bounds = braces
            default:
                return shape
            }
            var possessive = false
            if current == "?" {
                position += 1  // lazy: the same strings, in another order
            } else if current == "+" {
                position += 1
                possessive = true
            }
            let text = String(String.UnicodeScalarView(scalars[start..<position]))
            shape = .repetition(shape, min: bounds.0, max: bounds.1, possessive: possessive, text: text)
        }
    }

    /// `{n}`, `{n,}`, `{n,m}`, `{,m}`; nil (nothing consumed) when the brace is a literal.
    private mutating func parseBraces() -> (Int, Int?)? {
        let start = position
        position += 1
        func number() -> Int? {
            var value: Int?
            while let c = current, ("0"..."9").contains(c) {
                value = min((value ?? 0) * 10 + Int(c.value - 0x30), 1 << 40)
                position += 1
            }
            return value
        }
        let low = number()
        var high = low
        if current == "," {
            position += 1
            high = number()
        }
        guard current == "}", low != nil || high != nil, (high ?? .max) >= (low ?? 0) else {
            position = start
            return nil
        }
        position += 1
        return (low ?? 0, high)
    }

    private mutating func parseEscape() throws(Unanalysable) -> PatternShape {
        guard let scalar = current else { throw Unanalysable(reason: "the pattern ends in '\\'") }
        position += 1
        switch scalar {
        case "b", "B", "z", "Z", "G": return .assertion(start: false)
        case "A": return .assertion(start: true)
        case "k":
            skipBracketed()
            return .repetition(.scalars(.any), min: 0, max: nil, possessive: false, text: "\\k")
        case "1"..."9":
            while let c = current, ("0"..."9").contains(c) { position += 1 }
            return .repetition(.scalars(.any), min: 0, max: nil, possessive: false, text: "\\\(scalar)")
        case "R", "X":
            return .repetition(.scalars(.any), min: 1, max: 2, possessive: false, text: "\\\(scalar)")
        case "Q":
            var parts: [PatternShape] = []
            while let c = current, !(c == "\\" && peek(1) == "E") {
                parts.append(.scalars(ScalarSet(c)))
                position += 1
            }
            if current == "\\" { position += 2 }
            return .sequence(parts)
        default:
            position -= 1
            return .scalars(try parseEscapedSet(inClass: false))
        }
    }

    /// The set an escape inside or outside a class stands for (the backslash already read).
    private mutating func parseEscapedSet(inClass: Bool) throws(Unanalysable) -> ScalarSet {
        guard let scalar = current else { throw Unanalysable(reason: "the pattern ends in '\\'") }
        position += 1
        switch scalar {
        case "d": return .digits
        case "D": return ScalarSet.digits.complement
        case "w": return .word
        case "W": return ScalarSet.word.complement
        case "s": return .space
        case "S": return ScalarSet.space.complement.union(ScalarSet(beyondASCII: true))
        case "t": return ScalarSet("\t")
        case "n": return ScalarSet("\n")
        case "r": return ScalarSet("\r")
        case "f": return ScalarSet("\u{0C}")
        case "0": return ScalarSet("\u{0}")
        case "b" where inClass: return ScalarSet("\u{08}")
        case "c":
            guard let letter = current else { return .any }
            position += 1
            return ScalarSet(range: (letter.value % 32)...(letter.value % 32))
        case "x", "u":
            if current == "{" {
                let start = position + 1
                skipBracketed()
                let digits = String(String.UnicodeScalarView(scalars[min(start, position)..<max(start, position - 1)]))
                guard let code = UInt32(digits, radix: 16) else { return .any }
                return ScalarSet(range: code...code)
            }
            let width = scalar == "x" ? 2 : 4
            guard position + width <= scalars.count,
                  let code = UInt32(String(String.UnicodeScalarView(scalars[position..<position + width])), radix: 16)
            else { return .any }
            position += width
            return ScalarSet(range: code...code)
        case "p", "P":
            if current == "{" { skipBracketed() } else if current != nil { position += 1 }
            return .any
        case "a"..."z", "A"..."Z":
            // \h, \v, \N and the like: classes the analysis does not model.
            return .any
        default:
            return ScalarSet(scalar)
        }
    }

    /// Skips `{…}` or `<…>` (or `'…'`) after an escape letter.
    private mutating func skipBracketed() {
        guard let open = current else { return }
        let close: Unicode.Scalar
        switch open {
        case "{": close = "}"
        case "<": close = ">"
        case "'": close = "'"
        default: return
        }
        position += 1
        while let c = current, c != close { position += 1 }
        if current == close { position += 1 }
    }

    /// A `[…]` class (the `[` already read).
    private mutating func parseClass() throws(Unanalysable) -> ScalarSet {
        var negated = false
        if current == "^" {
            negated = true
            position += 1
        }
        var set = ScalarSet.empty
        var first = true
        while let scalar = current, scalar != "]" || first {
            first = false
            if scalar == "[" {
                // A nested class or a POSIX class: set algebra the analysis does not model.
                try skipNestedClass()
                set = .any
                continue
            }
            position += 1
            var low: ScalarSet
            var single: UInt32?
            if scalar == "\\" {
                let letter = current
                low = try parseEscapedSet(inClass: true)
                if let letter, !"dDwWsSpP".unicodeScalars.contains(letter) { single = Self.singleCode(of: low) }
            } else {
                low = ScalarSet(scalar)
                single = scalar.value
            }
            if current == "-", let next = peek(1), next != "]", let lower = single {
                position += 1
                var upper: UInt32? = next.value
                position += 1
                if next == "\\" {
                    upper = Self.singleCode(of: try parseEscapedSet(inClass: true))
                }
                guard let upper, upper >= lower else {
                    set = .any
                    continue
                }
                low = ScalarSet(range: lower...upper)
            }
            set = set.union(low)
        }
        guard current == "]" else { throw Unanalysable(reason: "an unclosed '['") }
        position += 1
        return negated ? set.complement : set
    }

    private mutating func skipNestedClass() throws(Unanalysable) {
        var nesting = 0
        while let c = current {
            position += 1
            if c == "\\" { position += 1; continue }
            if c == "[" { nesting += 1 }
            if c == "]" {
                nesting -= 1
                if nesting == 0 { return }
            }
        }
        throw Unanalysable(reason: "an unclosed '['")
    }

    /// The one character of a set made from a single escape, if it is one ASCII character.
    private static func singleCode(of set: ScalarSet) -> UInt32? {
        guard !set.beyondASCII else { return nil }
        if set.low != 0, set.high == 0, set.low.nonzeroBitCount == 1 { return UInt32(set.low.trailingZeroBitCount) }
        if set.high != 0, set.low == 0, set.high.nonzeroBitCount == 1 { return UInt32(64 + set.high.trailingZeroBitCount) }
        return nil
    }
}
