// `pattern` and `patternProperties` regexes, compiled once with Swift's Regex engine and
// searched unanchored, as ECMA-262 `RegExp.prototype.test` does.
//
// Where this differs from ECMA-262 (the dialect JSON Schema names):
// - `\d` and `\w` are ASCII-only, as in ECMA-262 (set with the engine's ascii-only options);
//   `\s` and `\p{...}` are Unicode-aware in both.
// - Matching is by Unicode scalar (like ECMA-262 with the `u` flag), not by UTF-16 unit:
//   `.` matches one astral character whole, and lone surrogates cannot occur in Swift strings.
// - The syntax is Swift Regex's (a PCRE/ICU superset): a few ECMA-only forms such as `\cX`
//   edge cases or `[^]` may be rejected at compile time (SchemaCompileError.invalidPattern)
//   and some non-ECMA constructs are accepted.
// - `$` matches only at the very end (not before a final newline), as in ECMA-262.

/// A compiled `pattern` regex; safe to share between threads (the Regex is immutable).
final class PatternRegex: @unchecked Sendable {
    /// The pattern as written in the schema, for messages.
    let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; throws when the engine rejects the syntax.
    init(_ source: String) throws {
        self.source = source
        regex = try Regex(source)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
    }

    /// Whether the regex matches anywhere in `text`. Never inlined: the match's generic result
    /// type needs runtime metadata, which would otherwise be set up in every caller's prologue.
    @inline(never)
    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
