// How long a 429 asks the client to wait: `Retry-After` (seconds or an HTTP date) or
// `X-RateLimit-Reset` (seconds, or an epoch time). Contract runs and load runs both honour it,
// so it is read once, here, beside the headers it comes from. Server headers are untrusted:
// every value is checked, and the result is bounded before any caller turns it into a clock.

/// Reads the wait a rate-limited response asks for.
public enum RetryAfter {
    /// No wait asked for is taken as longer than a day (callers cut it further, to their cap).
    public static let longest = 86_400.0

    /// The wait the headers ask for, in seconds (at most `longest`), or nil when they name none
    /// usable. `now` is the wall clock (Unix seconds), for HTTP dates and epoch resets.
    public static func seconds(retryAfter: String?, rateLimitReset: String?, now: Double) -> Double? {
        unbounded(retryAfter: retryAfter, rateLimitReset: rateLimitReset, now: now).map { min($0, longest) }
    }

    /// The wait `headers` ask for, from `Retry-After` or else `X-RateLimit-Reset`.
    public static func seconds(in headers: HTTPHeaders, now: Double) -> Double? {
        seconds(retryAfter: headers["retry-after"], rateLimitReset: headers["x-ratelimit-reset"], now: now)
    }

    private static func unbounded(retryAfter: String?, rateLimitReset: String?, now: Double) -> Double? {
        if let value = retryAfter.map(trimmed), !value.isEmpty {
            if let seconds = decimalSeconds(value) { return seconds }
            if let date = IMFFixdate.unixSeconds(value) { return max(0, date - now) }
        }
        if let value = rateLimitReset.map(trimmed), let number = decimalSeconds(value) {
            return isEpoch(number) ? max(0, number - now) : number
        }
        return nil
    }

    /// Whether an `X-RateLimit-Reset` value names a moment (an epoch time, the same in every
    /// answer of a window) rather than seconds from now (which each answer rounds anew).
    public static func resetNamesAMoment(_ rateLimitReset: String?) -> Bool {
        guard let value = rateLimitReset.map(trimmed), let number = decimalSeconds(value) else { return false }
        return isEpoch(number)
    }

    /// Either seconds from now or an epoch time; no wait of 30 years is meant literally.
    private static func isEpoch(_ number: Double) -> Bool {
        number > 1_000_000_000
    }

    /// `120` or `1.5`: digits with an optional fraction. RFC 9110 allows only digits; APIs
    /// that send a fraction mean it. Signs, exponents, hex and `inf` are not waits.
    private static func decimalSeconds(_ text: Substring) -> Double? {
        var digits = 0, dots = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            default: return nil
            }
        }
        guard digits > 0, dots <= 1, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static func trimmed(_ text: String) -> Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }),
              let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return text[first...last]
    }
}

/// RFC 9110's preferred HTTP date, `Sun, 06 Nov 1994 08:49:37 GMT`, read without a date
/// formatter: the format is fixed, and a server that sends 429s quickly should not cost a
/// formatter each.
enum IMFFixdate {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date as Unix seconds, or nil when `text` is not an IMF-fixdate naming a real time.
    /// The weekday must be a weekday name; that it matches the date is not checked (RFC 9110
    /// asks recipients to be lenient there).
    static func unixSeconds<Text: StringProtocol>(_ text: Text) -> Double? {
        let bytes = Array(text.utf8)
        // "Sun, 06 Nov 1994 08:49:37 GMT" is 29 bytes with fixed separators.
        guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 32, bytes[7] == 32, bytes[11] == 32,
              bytes[16] == 32, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"), bytes[25] == 32,
              String(decoding: bytes[26..<29], as: UTF8.self) == "GMT",
              weekdays.contains(String(decoding: bytes[0..<3], as: UTF8.self)),
              let monthIndex = months.firstIndex(of: String(decoding: bytes[8..<11], as: UTF8.self)),
              let day = number(bytes[5..<7]), let year = number(bytes[12..<16]),
              let hour = number(bytes[17..<19]), let minute = number(bytes[20..<22]), let second = number(bytes[23..<25])
        else { return nil }
        let month = monthIndex + 1
        guard day >= 1, day <= daysIn(month: month, year: year), hour <= 23, minute <= 59, second <= 60 else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`,
    /// for years 0...9999 as four digits allow).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
