// Test support for `load` end to end: a loopback server that answers every request with the
// same canned response (to play a server the mock cannot imitate), and a loopback port that
// nothing listens on.
import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// A listening IPv4 loopback socket on a free port, or nil (the test servers' one way in).
func loopbackListener(backlog: Int32 = 64) -> (socket: Int32, port: Int)? {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard listener >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    guard bound == 0, named == 0, listen(listener, backlog) == 0 else {
        close(listener)
        return nil
    }
    return (listener, Int(UInt16(bigEndian: address.sin_port)))
}

/// A loopback port with nothing listening on it (bound, then closed at once).
func unusedLoopbackPort() -> Int? {
    guard let (listener, port) = loopbackListener() else { return nil }
    close(listener)
    return port
}

/// Answers every HTTP/1.1 request on 127.0.0.1 with `response`, keeping connections open, and
/// records each request's method (a body, by its Content-Length, is read and skipped).
final class CannedHTTPServer: Sendable {
    let port: Int
    private let listener: Int32
    private let recorded = NIOLockedValueBox<[String]>([])

    /// Requests answered so far.
    var requests: Int { recorded.withLockedValue { $0.count } }
    /// Every answered request's method, in arrival order.
    var methods: [String] { recorded.withLockedValue { $0 } }

    init?(response: String) {
        guard let (listener, port) = loopbackListener() else { return nil }
        self.listener = listener
        self.port = port
        let bytes = Array(response.utf8)
        let thread = Thread { [self] in acceptLoop(bytes) }
        thread.start()
    }

    /// Stops accepting; open connections end when their clients close them.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop(_ response: [UInt8]) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            let thread = Thread { [self] in serve(connection, response) }
            thread.start()
        }
    }

    /// Answers once per request: its head (`\r\n\r\n`), then its Content-Length of body.
    private func serve(_ connection: Int32, _ response: [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        var pending: [UInt8] = []
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            pending += buffer[0..<count]
            while let range = pending.firstRange(of: end) {
                let head = String(decoding: pending[pending.startIndex..<range.lowerBound], as: UTF8.self)
                let bodyLength = Self.contentLength(of: head)
                guard pending.count - range.upperBound >= bodyLength else { break }
                pending.removeSubrange(pending.startIndex..<(range.upperBound + bodyLength))
                recorded.withLockedValue { $0.append(String(head.prefix { $0 != " " })) }
                _ = response.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            }
        }
        close(connection)
    }

    /// The Content-Length a request head declares; 0 without one.
    private static func contentLength(of head: String) -> Int {
        head.split(separator: "\r\n").lazy.compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
    }
}
