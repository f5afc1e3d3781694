// The RFC 3339 formats `date-time`, `date` and `time`, checked over UTF-8 bytes without
// allocating: these run once per timestamp in every validated response.

extension FormatCheck {
    /// RFC 3339 `date-time`: full-date "T" full-time, `T` and `Z` case-insensitive.
    static func isDateTime(_ text: String) -> Bool {
        withBytes(text) { isDateTime(bytes: $0) }
    }

    /// RFC 3339 `full-date`: YYYY-MM-DD with the right number of days in the month.
    static func isDate(_ text: String) -> Bool {
        withBytes(text) { isFullDate($0) }
    }

    /// RFC 3339 `full-time`: HH:MM:SS[.frac](Z|±HH:MM), leap second only at 23:59:60 UTC.
    static func isTime(_ text: String) -> Bool {
        withBytes(text) { isFullTime($0) }
    }

    /// `isDateTime` over UTF-8 bytes. Not inlined, and reading nothing but the bytes, so a caller
    /// holding the string in place need not retain it around the call.
    @inline(never)
    static func isDateTime(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return false }
        return isFullDate(UnsafeBufferPointer(rebasing: bytes[0..<10]))
            && isFullTime(UnsafeBufferPointer(rebasing: bytes[11...]))
    }

    /// `isDate` over UTF-8 bytes (see `isDateTime(bytes:)`).
    @inline(never)
    static func isDate(bytes: UnsafeBufferPointer<UInt8>) -> Bool { isFullDate(bytes) }

    /// `isTime` over UTF-8 bytes (see `isDateTime(bytes:)`).
    @inline(never)
    static func isTime(bytes: UnsafeBufferPointer<UInt8>) -> Bool { isFullTime(bytes) }

    /// Runs `body` over the string's UTF-8 without copying when the storage is contiguous.
    @inline(__always)
    private static func withBytes(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(body) { return answer }
        var copy = text
        return copy.withUTF8(body)
    }

    private static func isFullDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2)
        else { return false }
        guard month >= 1, month <= 12, day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    private static func isFullTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 9, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
              let hour = digits(bytes, 0, 2), let minute = digits(bytes, 3, 2), let second = digits(bytes, 6, 2),
              hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.count - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHour = digits(bytes, index + 1, 2), let offsetMinute = digits(bytes, index + 4, 2),
                  offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            // A leap second happens at 23:59:60 UTC; shift the local time back to UTC.
            let utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utcMinutes == 23 * 60 + 59
        }
        return true
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// The decimal value of `count` ASCII digits at `start`, or nil if any byte is not a digit.
    @inline(__always)
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
