// The one regular-expression dialect of fcharness: JSON Schema `pattern` / `patternProperties`
// and scenario `matches` assertions all compile their text here, with Swift's Regex engine,
// and search unanchored, as ECMA-262 `RegExp.prototype.test` does (write `^…$` to anchor).
//
// # Dialect
//
// JSON Schema names ECMA-262 regular expressions. This is Swift Regex syntax (a superset of
// PCRE and ICU syntax) set up to behave like ECMA-262 where schemas notice:
// - `\d` and `\w` are ASCII-only, as in ECMA-262 (the engine's ascii-only options); `\s` and
//   `\p{...}` are Unicode-aware in both.
// - Matching is by Unicode scalar (like ECMA-262 with the `u` flag), not by UTF-16 unit: `.`
//   matches one astral character whole, and lone surrogates cannot occur in Swift strings.
// - `$` matches only at the very end (not before a final newline), as in ECMA-262.
// - A few ECMA-only forms such as `\cX` edge cases or `[^]` may be rejected at compile time
//   (an invalid pattern), and some non-ECMA constructs (possessive quantifiers, `\A`, `\z`,
//   inline options) are accepted.
// Invalid patterns are errors where they are written: SchemaCompileError.invalidPattern for
// schemas, a ScenarioError at the pattern's file:line:column for scenario files.
//
// # Bounded work
//
// The engine backtracks and cannot be stopped mid-match, so a pattern is run only on texts its
// shape makes safe (PatternCost.swift has the rule): `test` answers nil — not checked — for a
// text longer than `cost.longestText`, and for every text when the pattern can backtrack
// exponentially (`^(a+)+$`). Callers report that; they never count it as a mismatch.

import JSON

/// A compiled regular expression in fcharness's dialect (see the top of PatternRegex.swift).
///
/// `@unchecked Sendable`, and why that is sound: the stored properties are a String and a
/// `Regex`, both immutable values. `Regex` is not declared Sendable (its output type parameter
/// need not be), and its one piece of shared state is the matching program it compiles on first
/// use and publishes with an atomic compare-and-exchange. `init` runs that first use, so by the
/// time a PatternRegex can be shared every use only reads. PatternRegexTests matches one
/// instance from many threads at once.
public final class PatternRegex: @unchecked Sendable {
    /// The pattern as written, for messages.
    public let source: String
    /// How long a text the pattern is run against (see the top of PatternRegex.swift).
    public let cost: PatternCost
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; throws (with the engine's reason) when it is not a valid pattern.
    public init(_ source: String) throws {
        self.source = source
        try PatternNesting.check(source)  // before the engine's parser overflows the stack
        regex = try Regex(source)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
        // The engine lowers the pattern into its matching program on first use; do that now,
        // before anyone else can see this object (see the type's comment).
        _ = try? regex.firstMatch(in: "")
        cost = PatternCost(of: source)
    }

    /// Whether the pattern matches anywhere in `text`; nil when it is not run on it, because
    /// the text is longer than `cost.longestText` (0 for a pattern that is never run).
    public func test(_ text: String) -> Bool? {
        let longest = cost.longestText
        // UTF-8 bytes are at least as many as scalars: count scalars only when it matters.
        if text.utf8.count > longest, text.unicodeScalars.count > longest { return nil }
        return run(text)
    }

    /// Whether the pattern matches anywhere in `text`, false when it is not run on it (`test`
    /// tells the two apart).
    public func matches(_ text: String) -> Bool {
        test(text) ?? false
    }

    /// Why `test` did not run the pattern on a text of `length` scalars, for messages.
    public func notRunReason(length: Int) -> String {
        if cost.neverRuns { return "the pattern /\(source)/ is never run: \(cost.reason ?? "")" }
        return "the pattern /\(source)/ is not run on text longer than \(cost.longestText) characters "
            + "(found \(length)): \(cost.reason ?? "")"
    }

    /// The match itself. Never inlined: the match's generic result type needs runtime
    /// metadata, which would otherwise be set up in every caller's prologue.
    @inline(never)
    private func run(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}

/// The patterns a validation did not run (`PatternRegex.test` answered nil), one note each, for
/// the caller to report: a check that was skipped must be seen to be skipped.
///
/// Filled by one validation at a time; not for sharing between threads.
public final class UncheckedPatterns {
    /// One pattern not run on one value.
    public struct Entry: Sendable, Hashable {
        /// The pattern's source, as the schema gives it.
        public let pattern: String
        /// The line to report: where (when known), what was not run, and why.
        public let note: String
    }

    /// One per pattern (and text length, for a pattern bounded by it), in the order met.
    public private(set) var entries: [Entry] = []
    private var seen: Set<String> = []

    /// One line per pattern (and text length, for a pattern bounded by it): what was not run, and why.
    public var notes: [String] { entries.map(\.note) }

    public init() {}

    func add(_ regex: PatternRegex, length: Int, at pointer: JSONPointer?) {
        // A pattern never run is noted once; one too costly for a text, once per length.
        let key = regex.cost.neverRuns ? regex.source : "\(regex.source)\u{0}\(length)"
        guard seen.insert(key).inserted else { return }
        let place = pointer.map { $0.tokens.isEmpty ? "" : "\($0): " } ?? ""
        entries.append(Entry(pattern: regex.source, note: "\(place)not checked: \(regex.notRunReason(length: length))"))
    }
}
