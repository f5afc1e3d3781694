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
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; throws (with the engine's reason) when it is not a valid pattern.
    public init(_ source: String) throws {
        self.source = source
        regex = try Regex(source)
            .matchingSemantics(.unicodeScalar)
            .asciiOnlyDigits()
            .asciiOnlyWordCharacters()
        // The engine lowers the pattern into its matching program on first use; do that now,
        // before anyone else can see this object (see the type's comment).
        _ = try? regex.firstMatch(in: "")
    }

    /// Whether the pattern matches anywhere in `text`. Never inlined: the match's generic result
    /// type needs runtime metadata, which would otherwise be set up in every caller's prologue.
    @inline(never)
    public func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
