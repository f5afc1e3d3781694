// The one rule for which header and query parameter names carry secrets. Printed URLs
// (`redactedURL`), header descriptions, dry runs and reports all mask by it.

/// Which header and query parameter names carry secrets (`Authorization`, `X-Api-Key`,
/// `client_secret`, `apiKey`, `sig`, ...), so their values are never printed or written.
///
/// A name is split into words at every character that is not an ASCII letter or digit and where
/// a lower-case letter or digit meets an upper-case one (`x-api-key`, `clientSecret`). It is
/// sensitive when a word, ignoring case and one trailing `s`, ends with one of `stems`: so
/// `apikey`, `access_token` and `Set-Cookie` are, while `keyboard`, `page` and `author_id` are
/// not. The rule errs towards masking: a value hidden by mistake costs a reader little, one
/// printed by mistake may cost an account.
public enum SensitiveNames {
    /// The endings that make a word sensitive, in lower case.
    public static let stems = [
        "token", "key", "secret", "password", "passwd", "pwd", "signature", "sig",
        "auth", "authorization", "cookie", "credential",
    ]

    /// Whether a header or query parameter named `name` carries a secret.
    public static func contains(_ name: String) -> Bool {
        words(of: name).contains { word in
            let singular = word.count > 1 && word.hasSuffix("s") ? String(word.dropLast()) : word
            return stems.contains { singular.hasSuffix($0) }
        }
    }

    /// The words of `name`, in lower case.
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previousWasLowerOrDigit = false
        for byte in name.utf8 {
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isLowerOrDigit = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if !isUpper && !isLowerOrDigit || isUpper && previousWasLowerOrDigit {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current = []
            }
            if isUpper || isLowerOrDigit { current.append(isUpper ? byte | 0x20 : byte) }  // ASCII lower case
            previousWasLowerOrDigit = isLowerOrDigit
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
