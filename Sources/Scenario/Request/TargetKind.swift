// The one rule for whether a run talks to a live account: a target that is neither the embedded
// mock nor on this machine is live (issue 13, "Safety on real accounts"). `contract` and `load`
// both ask it; what they do about a live target (refuse, announce, tag) is theirs to decide.
import Foundation

/// What kind of server a run's requests go to.
public enum TargetKind: Sendable, Equatable {
    /// The mock the command started in-process (no `--base-url`).
    case embeddedMock
    /// A server on this machine: `localhost`, 127.0.0.0/8 or `::1`.
    case loopback
    /// Anything else, presumed a real account with real data and real rate limits.
    case live

    /// The kind of `baseURL`; nil means the embedded mock serves the run.
    public init(baseURL: String?) {
        guard let baseURL else {
            self = .embeddedMock
            return
        }
        self = Self.isLoopback(host: Self.host(of: baseURL)) ? .loopback : .live
    }

    /// Whether requests may reach a real account.
    public var isLive: Bool { self == .live }

    /// `localhost`, an IPv4 address in 127.0.0.0/8 or `::1` — parsed as addresses, so that a
    /// name such as `127.example.com` is not taken for this machine.
    public static func isLoopback(host: String) -> Bool {
        if host == "localhost" { return true }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }

    /// The host of `url`, lower-cased, without userinfo or port (`[::1]` keeps its brackets).
    public static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@").last.map(String.init) ?? ""
        if hostAndPort.hasPrefix("[") { return String(hostAndPort.prefix { $0 != "]" }) + "]" }
        return String(hostAndPort.prefix { $0 != ":" }).lowercased()
    }
}
