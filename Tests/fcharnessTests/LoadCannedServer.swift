// Test support for `load` end to end: a loopback server that answers every request with the
// same canned response (to play a server the mock cannot imitate).
import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// Answers every HTTP/1.1 request on 127.0.0.1 with `response`, keeping connections open, and
/// records each request's method (a body, by its Content-Length, is read and skipped).
final class CannedHTTPServer: Sendable {
    /// The port it listens on.
    var port: Int { connections.port }
    private let connections: LoopbackConnections
    private let recorded = NIOLockedValueBox<[String]>([])

    /// Requests answered so far.
    var requests: Int { recorded.withLockedValue { $0.count } }
    /// Every answered request's method, in arrival order.
    var methods: [String] { recorded.withLockedValue { $0 } }

    init?(response: String) {
        guard let connections = LoopbackConnections(backlog: 64) else { return nil }
        self.connections = connections
        let bytes = Array(response.utf8)
        connections.start { [self] connection in serve(connection, bytes) }
    }

    /// Stops accepting and ends the open connections.
    func stop() {
        connections.stop()
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
                _ = sendAll(response, on: connection)
            }
        }
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
