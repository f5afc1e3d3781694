// `expect.status`: one code, a class like `2xx`, or a list of them.

import OpenAPI

/// The status codes a step accepts.
public struct StatusExpectation: Sendable, Hashable, CustomStringConvertible {
    /// One accepted code or class.
    public enum Pattern: Sendable, Hashable, CustomStringConvertible {
        /// Exactly this code (100-599).
        case code(Int)
        /// Any code of this class: `2` means 200-299 (written `2xx`).
        case codeClass(Int)

        /// `201` or `2xx`.
        public var description: String {
            switch self {
            case .code(let code): return String(code)
            case .codeClass(let digit): return "\(digit)xx"
            }
        }

        /// True when `status` is this code or in this class.
        public func matches(_ status: Int) -> Bool {
            switch self {
            case .code(let code): return status == code
            case .codeClass(let digit): return status / 100 == digit
            }
        }

        /// Reads `201`, `"201"` or `2xx`/`2XX`; nil for anything else.
        init?(parsing text: String) {
            let lowered = text.lowercased()
            if lowered.count == 3, lowered.hasSuffix("xx"), let digit = Int(lowered.prefix(1)), (1...5).contains(digit) {
                self = .codeClass(digit)
            } else if let code = Int(text), (100...599).contains(code) {
                self = .code(code)
            } else {
                return nil
            }
        }
    }

    /// The accepted codes and classes, in file order.
    public var patterns: [Pattern]
    /// Where `status` stands in the file.
    public var location: SourceLocation

    /// Creates an expectation.
    public init(patterns: [Pattern], location: SourceLocation) {
        self.patterns = patterns
        self.location = location
    }

    /// True when `status` matches any pattern.
    public func matches(_ status: Int) -> Bool {
        patterns.contains { $0.matches(status) }
    }

    /// `200`, or `200 or 201`, or `200, 201 or 204`.
    public var description: String {
        let names = patterns.map(\.description)
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
