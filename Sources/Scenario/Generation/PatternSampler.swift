// Strings matching a JSON Schema `pattern`, for the regular-expression subset request schemas
// use: literals, escapes (\d \w \s and their negations, \. \t \n \xHH \uHHHH), classes with
// ranges and negation, `.`, groups (plain, `(?:…)`, `(?<name>…)`), alternation, and the
// quantifiers ? * + {n} {n,} {n,m}. Lookaround, backreferences and \p{…} are refused by name.

import Quantities

/// A parsed pattern that can produce matching strings.
struct PatternSampler {
    /// Why a pattern is outside the supported subset.
    struct Refusal: Error {
        let reason: String
    }

    private indirect enum Node {
        case literal(Unicode.Scalar)
        case scalarSet(ranges: [ClosedRange<UInt32>], negated: Bool)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
        case anchor
    }

    private let root: Node
    /// Whether the pattern starts with `^` / ends with `$`: padding goes on a free side only.
    let anchoredAtStart: Bool
    let anchoredAtEnd: Bool

    init(_ pattern: String) throws(Refusal) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        root = try parser.parseAlternation()
        guard parser.position == parser.scalars.count else { throw Refusal(reason: "unbalanced ')'") }
        anchoredAtStart = pattern.hasPrefix("^")
        anchoredAtEnd = pattern.hasSuffix("$") && !pattern.hasSuffix("\\$")
    }

    /// One matching string; `minimal` takes the first alternative and the fewest repetitions.
    func sample(minimal: Bool, using random: inout SeededRandom) -> String {
        var text = String.UnicodeScalarView()
        emit(root, minimal: minimal, into: &text, using: &random)
        return String(text)
    }

    private func emit(_ node: Node, minimal: Bool, into text: inout String.UnicodeScalarView, using random: inout SeededRandom) {
        switch node {
        case .literal(let scalar): text.append(scalar)
        case .anchor: break
        case .sequence(let nodes): for node in nodes { emit(node, minimal: minimal, into: &text, using: &random) }
        case .alternation(let branches):
            let branch = minimal ? branches[0] : branches[Int.random(in: 0..<branches.count, using: &random)]
            emit(branch, minimal: minimal, into: &text, using: &random)
        case .repetition(let inner, let low, let high):
            let count = minimal ? low : Int.random(in: low...min(high ?? low + 4, low + 4), using: &random)
            for _ in 0..<count { emit(inner, minimal: minimal, into: &text, using: &random) }
        case .scalarSet(let ranges, let negated):
            text.append(Self.pick(ranges: ranges, negated: negated, using: &random))
        }
    }

    /// A scalar in `ranges` (or, negated, a printable ASCII one outside them).
    private static func pick(ranges: [ClosedRange<UInt32>], negated: Bool, using random: inout SeededRandom) -> Unicode.Scalar {
        // Draw from printable ASCII where the set allows, so generated bodies stay readable.
        let printable = (UInt32(0x21)...UInt32(0x7E)).filter { code in ranges.contains { $0.contains(code) } != negated }
        if let code = printable.randomElement(using: &random), let scalar = Unicode.Scalar(code) { return scalar }
        let range = ranges.randomElement(using: &random) ?? 0x61...0x61
        return Unicode.Scalar(UInt32.random(in: range, using: &random)) ?? "a"
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[position] }

        mutating func parseAlternation() throws(Refusal) -> Node {
            var branches = [try parseSequence()]
            while current == "|" {
                position += 1
                branches.append(try parseSequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence() throws(Refusal) -> Node {
            var nodes: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                let atom = try parseAtom()
                nodes.append(try parseQuantifier(on: atom))
            }
            return .sequence(nodes)
        }

        mutating func parseAtom() throws(Refusal) -> Node {
            guard let scalar = current else { throw Refusal(reason: "pattern ends early") }
            position += 1
            switch scalar {
            case "^", "$": return .anchor
            case ".": return .scalarSet(ranges: [0x0A...0x0A, 0x0D...0x0D], negated: true)
            case "[": return try parseClass()
            case "\\": return try parseEscape(inClass: false)
            case "(":
                if current == "?" {
                    let next = position + 1 < scalars.count ? scalars[position + 1] : nil
                    if next == ":" {
                        position += 2
                    } else if next == "<", position + 2 < scalars.count, scalars[position + 2] != "=", scalars[position + 2] != "!" {
                        while let c = current, c != ">" { position += 1 }
                        position += 1
                    } else {
                        throw Refusal(reason: "lookaround and inline options (?…) are not supported")
                    }
                }
                let inner = try parseAlternation()
                guard current == ")" else { throw Refusal(reason: "unclosed '('") }
                position += 1
                return inner
            case "*", "+", "?", "{":
                throw Refusal(reason: "quantifier '\(scalar)' with nothing to repeat")
            default: return .literal(scalar)
            }
        }

        mutating func parseQuantifier(on atom: Node) throws(Refusal) -> Node {
            var node = atom
            switch current {
            case "*": position += 1; node = .repetition(atom, min: 0, max: nil)
            case "+": position += 1; node = .repetition(atom, min: 1, max: nil)
            case "?": position += 1; node = .repetition(atom, min: 0, max: 1)
            case "{":
                guard let (low, high) = parseBraces() else { return .literal("{") }
                node = .repetition(atom, min: low, max: high)
            default: return atom
            }
            // Lazy and possessive forms repeat the same strings.
            if current == "?" || current == "+" { position += 1 }
            return node
        }

        /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing consumed) when the brace is a literal.
        mutating func parseBraces() -> (Int, Int?)? {
            let start = position
            position += 1
            func number() -> Int? {
                var digits = ""
                while let c = current, ("0"..."9").contains(c) { digits.unicodeScalars.append(c); position += 1 }
                return Int(digits)
            }
            guard let low = number() else { position = start; return nil }
            var high: Int? = low
            if current == "," {
                position += 1
                high = number()
            }
            guard current == "}", high.map({ $0 >= low }) ?? true else { position = start; return nil }
            position += 1
            return (low, high)
        }

        mutating func parseClass() throws(Refusal) -> Node {
            var negated = false
            if current == "^" { negated = true; position += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            var first = true
            while let scalar = current, scalar != "]" || first {
                first = false
                position += 1
                var low: [ClosedRange<UInt32>]
                if scalar == "\\" {
                    guard case .scalarSet(let set, let setNegated) = try parseEscape(inClass: true), !setNegated else {
                        throw Refusal(reason: "negated escapes (\\D \\W \\S) inside a class are not supported")
                    }
                    low = set
                } else {
                    low = [scalar.value...scalar.value]
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]", low.count == 1,
                   low[0].lowerBound == low[0].upperBound {
                    position += 1
                    guard let upperScalar = current else { break }
                    position += 1
                    var upper = upperScalar.value
                    if upperScalar == "\\" {
                        guard case .scalarSet(let set, false) = try parseEscape(inClass: true), set.count == 1 else {
                            throw Refusal(reason: "a class range must end in one character")
                        }
                        upper = set[0].lowerBound
                    }
                    guard low[0].lowerBound <= upper else { throw Refusal(reason: "a class range runs backwards") }
                    low = [low[0].lowerBound...upper]
                }
                ranges += low
            }
            guard current == "]" else { throw Refusal(reason: "unclosed '['") }
            position += 1
            return .scalarSet(ranges: ranges, negated: negated)
        }

        mutating func parseEscape(inClass: Bool) throws(Refusal) -> Node {
            guard let scalar = current else { throw Refusal(reason: "pattern ends in '\\'") }
            position += 1
            let digits: [ClosedRange<UInt32>] = [0x30...0x39]
            let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
            let space: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]
            func single(_ code: UInt32) -> Node { .scalarSet(ranges: [code...code], negated: false) }
            switch scalar {
            case "d": return .scalarSet(ranges: digits, negated: false)
            case "D": return .scalarSet(ranges: digits, negated: true)
            case "w": return .scalarSet(ranges: word, negated: false)
            case "W": return .scalarSet(ranges: word, negated: true)
            case "s": return .scalarSet(ranges: space, negated: false)
            case "S": return .scalarSet(ranges: space, negated: true)
            case "t": return single(0x09)
            case "n": return single(0x0A)
            case "r": return single(0x0D)
            case "x", "u":
                let width = scalar == "x" ? 2 : 4
                guard position + width <= scalars.count,
                      let code = UInt32(String(String.UnicodeScalarView(scalars[position..<position + width])), radix: 16)
                else { throw Refusal(reason: "malformed \\\(scalar) escape") }
                position += width
                return single(code)
            case "b" where !inClass, "B":
                throw Refusal(reason: "word boundaries (\\b, \\B) are not supported")
            case "p", "P":
                throw Refusal(reason: "Unicode property classes (\\p{…}) are not supported")
            default:
                if ("1"..."9").contains(scalar) { throw Refusal(reason: "backreferences are not supported") }
                if scalar == "b" { return single(0x08) }
                return single(scalar.value)
            }
        }
    }
}
