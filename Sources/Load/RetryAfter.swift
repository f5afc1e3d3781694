// How long a 429 asks the client to wait: `Retry-After` (seconds or an HTTP date) or
// `X-RateLimit-Reset` (seconds, or an epoch time). Server headers are untrusted: every value
// is checked, and the result is bounded by the caller's cap.
import Foundation

/// Reads the wait a rate-limited response asks for.
enum RetryAfter {
    /// No wait asked for is taken as longer than a day (the caller cuts it further, to its cap).
    static let longest = 86_400.0

    /// The wait `headers` ask for, in seconds (at most `longest`), or nil when they name none
    /// usable. `now` is the wall clock (Unix seconds), for HTTP dates and epoch resets.
    static func seconds(retryAfter: String?, rateLimitReset: String?, now: Double) -> Double? {
        unbounded(retryAfter: retryAfter, rateLimitReset: rateLimitReset, now: now).map { min($0, longest) }
    }

    private static func unbounded(retryAfter: String?, rateLimitReset: String?, now: Double) -> Double? {
        if let value = retryAfter?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
            if let seconds = Double(value), seconds.isFinite, seconds >= 0 { return seconds }
            if let date = httpDate(value) { return max(0, date - now) }
        }
        if let value = rateLimitReset?.trimmingCharacters(in: .whitespaces), let number = Double(value), number.isFinite, number >= 0 {
            // Either seconds from now or an epoch time; no wait of 30 years is meant literally.
            return number > 1_000_000_000 ? max(0, number - now) : number
        }
        return nil
    }

    /// An IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`, RFC 9110) as Unix seconds.
    private static func httpDate(_ text: String) -> Double? {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: "GMT")
        parser.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return parser.date(from: text)?.timeIntervalSince1970
    }
}
