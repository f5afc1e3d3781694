// A plain blocking TCP client for the tests that must send what no HTTP client would:
// garbage, oversized headers, pipelined requests, slow or silent clients. Every wait is
// bounded by the socket's receive and send timeouts.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XCTest

struct RawSocket {
    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; reads give up after `receiveTimeout`, writes after
    /// `sendTimeout` (a server that stopped reading).
    init(port: Int, receiveTimeout: Duration = .seconds(5), sendTimeout: Duration = .seconds(5)) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawSocketError.failed("socket", errno) }
        Self.setTimeout(descriptor, SO_RCVTIMEO, receiveTimeout)
        Self.setTimeout(descriptor, SO_SNDTIMEO, sendTimeout)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let error = errno
            close(descriptor)
            throw RawSocketError.failed("connect", error)
        }
    }

    /// Changes how long a read waits for data.
    func setReceiveTimeout(_ duration: Duration) { Self.setTimeout(descriptor, SO_RCVTIMEO, duration) }

    private static func setTimeout(_ descriptor: Int32, _ option: Int32, _ duration: Duration) {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        var timeout = timeval(tv_sec: Int(microseconds / 1_000_000), tv_usec: .init(microseconds % 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, option, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Writes all of `bytes`; false when the connection is gone or the send timeout passed.
    /// Never raises SIGPIPE, so writing to a connection the server closed is just `false`.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool { sendCounting(bytes) == bytes.count }

    /// Writes as much of `bytes` as the connection takes before it closes or the send timeout
    /// passes, and returns how much that was.
    func sendCounting(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                #if canImport(Glibc)
                Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(descriptor, buffer.baseAddress, buffer.count, 0)
                #endif
            }
            if written <= 0 { break }
            offset += written
        }
        return offset
    }

    /// Reads until the server closes, the timeout passes, or `until` is satisfied.
    func receive(until done: (String) -> Bool = { _ in false }) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += buffer[0..<count]
            if done(String(decoding: received, as: UTF8.self)) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// One read of whatever has arrived: the bytes, an empty array at end of file (or a reset),
    /// nil when the receive timeout passed with nothing.
    func readSome() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 { return Array(buffer[0..<count]) }
        if count == 0 { return [] }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? nil : []
    }

    /// Whether the server has closed the connection (a read returns end of file or a reset)
    /// within the receive timeout.
    func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        let count = read(descriptor, &byte, 1)
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    /// Whether the server has closed the connection by now, without waiting.
    func isClosedNow() -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        #if canImport(Glibc)
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        #else
        let count = recv(descriptor, &byte, 1, MSG_PEEK | MSG_DONTWAIT)
        #endif
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    func closeSocket() { close(descriptor) }
}

enum RawSocketError: Error { case failed(String, Int32) }

extension String {
    /// How many times `needle` occurs.
    func occurrences(of needle: String) -> Int { split(separator: needle, omittingEmptySubsequences: false).count - 1 }
}
