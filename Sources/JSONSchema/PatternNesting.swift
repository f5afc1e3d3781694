// Swift's Regex parser stops groups nested 64 deep, but not character classes: a few thousand
// nested `[` (or `[a&&[b…`) recurse until the stack runs out, and the process dies compiling a
// pattern from a spec or a scenario file (found by fcharness-fuzz). PatternRegex checks here
// first and rejects such a pattern as invalid, the way the engine rejects deep groups.

/// The nesting check PatternRegex runs before handing a pattern to Swift's Regex.
enum PatternNesting {
    /// The deepest character-class nesting accepted, the engine's own limit for groups.
    static let deepestClass = 64

    /// Throws when character classes nest deeper than `deepestClass`. Every unescaped `[`
    /// counts, so quoting (`\Q[\E`) and POSIX classes (`[[:alpha:]]`) are over-counted: only
    /// a pattern no one writes by hand is refused.
    static func check(_ pattern: String) throws(PatternNestingError) {
        var depth = 0
        var escaped = false
        for scalar in pattern.unicodeScalars {
            if escaped {
                escaped = false
                continue
            }
            switch scalar {
            case "\\": escaped = true
            case "[":
                depth += 1
                if depth > deepestClass { throw PatternNestingError() }
            case "]": depth = max(0, depth - 1)
            default: break
            }
        }
    }
}

/// A pattern whose character classes nest too deeply to compile safely.
struct PatternNestingError: Error, CustomStringConvertible {
    var description: String { "character classes are nested more than \(PatternNesting.deepestClass) deep" }
}
