// Whether the environment asks libcurl for a proxy: read once, so transfers need not.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The proxy variables libcurl 7.88 consults, as this process found them.
///
/// Without CURLOPT_PROXY and CURLOPT_NOPROXY, libcurl reads these variables on every transfer.
/// When none of them names a proxy, a handle says "no proxy" explicitly instead, and libcurl
/// skips the look-ups; when one does, the handle leaves them to libcurl, which applies them as
/// it always has (`no_proxy` included). The process environment is read once: a command does
/// not change its own proxy variables while it runs.
struct ProxyEnvironment: Sendable {
    /// The variables that can name a proxy for an `http` or `https` URL. libcurl reads
    /// `<scheme>_proxy`, its upper-case form except `HTTP_PROXY` (which it ignores on purpose:
    /// CGI programs receive a client's `Proxy:` header as `HTTP_PROXY`), then `all_proxy` and
    /// `ALL_PROXY`. `no_proxy` only narrows a proxy, so it does not count.
    static let proxyVariables = ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]

    /// Whether one of `proxyVariables` is set to a non-empty value (libcurl treats an empty
    /// value as none).
    let namesAProxy: Bool

    /// Decides from `lookup`, which answers a variable's value or nil.
    init(lookup: (String) -> String?) {
        namesAProxy = Self.proxyVariables.contains { lookup($0).map { !$0.isEmpty } ?? false }
    }

    /// This process's environment, read at first use.
    static let current = ProxyEnvironment { name in getenv(name).map { String(cString: $0) } }
}
