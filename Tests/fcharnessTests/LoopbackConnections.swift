// The listening half every loopback test server shares (canned, silent, hostile, Library API):
// a socket on 127.0.0.1 at a free port, an accept thread, a thread per connection, and a stop
// that ends them all. Each server only says how to serve one connection. Also a loopback port
// that nothing listens on.
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

/// Accepts loopback connections and serves each on a thread of its own.
///
/// Every close of a descriptor happens under the lock that `stop` takes to shut them, so a
/// shutdown never reaches a descriptor number the system has already handed out again.
final class LoopbackConnections: Sendable {
    /// The port the listener is bound to.
    let port: Int

    private let listener: Int32
    private let sockets = NIOLockedValueBox(State())

    private struct State {
        var started = false
        var stopped = false
        var listenerClosed = false
        var open: Set<Int32> = []
    }

    /// Binds and listens; nil when no loopback socket could be bound. Nothing is accepted
    /// before `start` (connections wait in the backlog).
    init?(backlog: Int32 = 128) {
        guard let (listener, port) = loopbackListener(backlog: backlog) else { return nil }
        self.listener = listener
        self.port = port
    }

    /// Starts accepting: `serve` runs on a thread of its own for each connection, which is closed
    /// when `serve` returns (unless `serve` closed it with `close`). Only the first call starts.
    func start(serve: @escaping @Sendable (Int32) -> Void) {
        guard sockets.withLockedValue({ state in
            defer { state.started = true }
            return !state.started
        }) else { return }
        Thread { [self] in acceptLoop(serve) }.start()
    }

    /// Closes `connection` now (a reset, after SO_LINGER 0): the serving thread must not use it again.
    func close(_ connection: Int32) {
        sockets.withLockedValue { state in
            guard state.open.remove(connection) != nil else { return }
            Glibc.close(connection)
        }
    }

    /// Stops accepting and shuts every open connection down. Safe to call more than once.
    func stop() {
        sockets.withLockedValue { state in
            guard !state.stopped else { return }
            state.stopped = true
            if state.started {
                // Shut down, not closed: the accept thread closes the listener when it wakes.
                if !state.listenerClosed { shutdown(listener, Int32(SHUT_RDWR)) }
            } else {
                Glibc.close(listener)
                state.listenerClosed = true
            }
            for connection in state.open { shutdown(connection, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop(_ serve: @escaping @Sendable (Int32) -> Void) {
        defer {
            sockets.withLockedValue { state in
                Glibc.close(listener)
                state.listenerClosed = true
            }
        }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: usleep(10_000); continue
                default: return  // shut down by stop()
                }
            }
            let admitted = sockets.withLockedValue { state in
                guard !state.stopped else { return false }
                state.open.insert(connection)
                return true
            }
            guard admitted else {
                Glibc.close(connection)
                return
            }
            Thread { [self] in
                serve(connection)
                close(connection)
            }.start()
        }
    }
}

/// Writes all of `bytes` to `connection`; false when the peer is gone (no SIGPIPE: MSG_NOSIGNAL).
func sendAll(_ bytes: [UInt8], on connection: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let sent = bytes.withUnsafeBytes { buffer in
            Glibc.send(connection, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, Int32(MSG_NOSIGNAL))
        }
        if sent < 0 && errno == EINTR { continue }
        guard sent > 0 else { return false }
        offset += sent
    }
    return true
}
