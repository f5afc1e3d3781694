// The one input generator of every fuzz target: seed files changed by stacked byte and token
// edits drawn from a seeded source, so a seed and an input number give the same bytes anywhere.

import Quantities

/// Turns a target's seed inputs into fuzz inputs.
///
/// Input `i` of a run depends only on the run's seed, the corpus and `i`, so a finding can be
/// regenerated with `--seed S --skip i --inputs 1` as well as from its reproducer file.
struct Mutator {
    /// Inputs are cut to this length: bigger inputs only make a run slower, not deeper.
    static let maximumLength = 1 << 20

    /// The edits, each a way real files go wrong or a shape parsers are known to choke on.
    enum Edit: CaseIterable {
        case flipBit, setByte, insertRandomBytes, deleteSpan, duplicateSpan, spliceSeed, insertToken,
             insertSeedSpan, swapLines, deleteLine, truncate, nest, hugeNumber, invalidUTF8, insertNUL,
             aliasBomb
    }

    private let seeds: [[UInt8]]
    private let tokens: [[UInt8]]
    private let openers: [(open: [UInt8], close: [UInt8])]
    private let runSeed: UInt64

    /// - Parameters:
    ///   - seeds: the target's real inputs (must not be empty).
    ///   - tokens: the target's grammar words, inserted whole, beside the shared metacharacters.
    ///   - openers: what nests in the target's grammar, with what closes it (may be empty).
    ///   - seed: the run's seed.
    init(seeds: [[UInt8]], tokens: [String], openers: [(String, String)], seed: UInt64) {
        self.seeds = seeds
        self.tokens = (Self.metacharacters + tokens).map { Array($0.utf8) }
        self.openers = openers.map { (Array($0.0.utf8), Array($0.1.utf8)) }
        self.runSeed = seed
    }

    /// YAML, JSON and template metacharacters every target gets.
    static let metacharacters = [
        "{{", "}}", "{{{{", ":", ": ", "-", "- ", "[", "]", "{", "}", "\"", "'", "&", "*", "!", "|", ">", "%", "#",
        ",", "?", "@", "`", "\\", "\\u", "\n", "\r\n", "\t", " ", "  ", "---\n", "...\n", "~",
    ]

    /// Input number `index`: the seeds themselves first, unchanged, then 1 to 16 stacked edits of
    /// a random seed (fewer edits far more often: most of an input should still parse).
    func input(_ index: Int) -> [UInt8] {
        if index < seeds.count { return seeds[index] }
        var random = SeededRandom.stream(seed: runSeed, salt: 0xF022, index: UInt64(index))
        var bytes = seeds[Int.random(in: 0..<seeds.count, using: &random)]
        let edits = 1 << Int.random(in: 0...4, using: &random)
        for _ in 0..<Int.random(in: 1...edits, using: &random) {
            apply(Edit.allCases.randomElement(using: &random) ?? .flipBit, to: &bytes, random: &random)
            if bytes.count > Self.maximumLength { bytes.removeLast(bytes.count - Self.maximumLength) }
        }
        return bytes
    }

    private func apply(_ edit: Edit, to bytes: inout [UInt8], random: inout SeededRandom) {
        switch edit {
        case .flipBit:
            guard !bytes.isEmpty else { return }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            bytes[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case .setByte:
            guard !bytes.isEmpty else { return }
            let interesting: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x3A, 0x5B, 0x7B, 0x7F, 0x80, 0xBF, 0xC0, 0xFF]
            bytes[Int.random(in: 0..<bytes.count, using: &random)] =
                Bool.random(using: &random) ? interesting.randomElement(using: &random) ?? 0 : UInt8.random(in: 0...255, using: &random)
        case .insertRandomBytes:
            let count = Int.random(in: 1...16, using: &random)
            insert((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }, into: &bytes, random: &random)
        case .deleteSpan:
            guard let span = span(in: bytes, random: &random) else { return }
            bytes.removeSubrange(span)
        case .duplicateSpan:
            guard let span = span(in: bytes, random: &random) else { return }
            let copies = Bool.random(using: &random) ? 1 : Int.random(in: 2...64, using: &random)
            let piece = Array(repeating: Array(bytes[span]), count: copies).flatMap { $0 }
            insert(piece, into: &bytes, random: &random)
        case .spliceSeed:
            let other = seeds[Int.random(in: 0..<seeds.count, using: &random)]
            let cut = Int.random(in: 0...bytes.count, using: &random)
            let from = Int.random(in: 0...other.count, using: &random)
            bytes = Array(bytes[..<cut]) + other[from...]
        case .insertToken:
            insert(tokens.randomElement(using: &random) ?? [], into: &bytes, random: &random)
        case .insertSeedSpan:
            let other = seeds[Int.random(in: 0..<seeds.count, using: &random)]
            guard let span = span(in: other, random: &random) else { return }
            insert(Array(other[span]), into: &bytes, random: &random)
        case .swapLines, .deleteLine:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard lines.count > 1 else { return }
            let first = Int.random(in: 0..<lines.count, using: &random)
            if edit == .deleteLine {
                lines.remove(at: first)
            } else {
                lines.swapAt(first, Int.random(in: 0..<lines.count, using: &random))
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        case .truncate:
            bytes.removeLast(Int.random(in: 0...bytes.count, using: &random))
        case .nest:
            guard let (open, close) = openers.randomElement(using: &random) else { return }
            let depth = [8, 64, 513, 1001, 5000, 100_000].randomElement(using: &random) ?? 8
            var piece = Array(repeating: open, count: depth).flatMap { $0 }
            if Bool.random(using: &random) { piece += Array(repeating: close, count: depth).flatMap { $0 } }
            insert(piece, into: &bytes, random: &random)
        case .hugeNumber:
            let numbers = [
                "1e400", "-1e400", "1e-400", "-0", "0e0", "9223372036854775807", "9223372036854775808",
                "-9223372036854775809", "18446744073709551616", "0x7fffffffffffffff", "0o777", ".inf", "-.nan",
                "1.7976931348623157e309", "4.9e-325", String(repeating: "9", count: 5000),
                "0." + String(repeating: "0", count: 5000) + "1", "1" + String(repeating: "0", count: 400) + "e-400",
            ]
            insert(Array((numbers.randomElement(using: &random) ?? "1e400").utf8), into: &bytes, random: &random)
        case .invalidUTF8:
            let sequences: [[UInt8]] = [
                [0x80], [0xBF], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
                [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xEF, 0xBB, 0xBF], [0xE2, 0x82],
            ]
            insert(sequences.randomElement(using: &random) ?? [0xFF], into: &bytes, random: &random)
        case .insertNUL:
            insert([0], into: &bytes, random: &random)
        case .aliasBomb:
            // "Billion laughs": nine levels of nine aliases each expand to 9^9 nodes.
            var lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
            for level in 1...9 {
                lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
            }
            let bomb = Array((lines.joined(separator: "\n") + "\n").utf8)
            // Before the input (the anchors alone), or after it with an alias that expands them all.
            bytes = Bool.random(using: &random) ? bomb + bytes : bytes + [0x0A] + bomb + Array("bomb: *l9\n".utf8)
        }
    }

    /// Inserts `piece` at a random offset, a third of the time at the start of a line.
    private func insert(_ piece: [UInt8], into bytes: inout [UInt8], random: inout SeededRandom) {
        var at = Int.random(in: 0...bytes.count, using: &random)
        if Int.random(in: 0..<3, using: &random) == 0 {
            while at > 0, bytes[at - 1] != 0x0A { at -= 1 }
        }
        bytes.insert(contentsOf: piece, at: at)
    }

    /// A random non-empty span, mostly short.
    private func span(in bytes: [UInt8], random: inout SeededRandom) -> Range<Int>? {
        guard !bytes.isEmpty else { return nil }
        let start = Int.random(in: 0..<bytes.count, using: &random)
        let longest = min(bytes.count - start, Bool.random(using: &random) ? 16 : 4096)
        return start..<(start + Int.random(in: 1...longest, using: &random))
    }
}
