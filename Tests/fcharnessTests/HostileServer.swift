// Servers that misbehave on purpose, to prove fcharness survives servers that lie, stall,
// break off, flood or cannot be reached (issue 11 §1). HostileServer is a loopback HTTP/1.1
// server a test scripts with a closure that turns each request into socket actions: send
// bytes, drip them one at a time, pause, close (FIN) or reset (RST); a thread per connection,
// keep-alive unless the script ends it. SilentListener never answers a connection attempt;
// TestCertificateAuthority signs good, expired and wrong-host certificates for openssl s_server.
import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// One request as the hostile server read it.
struct HostileRequest: Sendable {
    var method: String
    /// The request target as sent (`/v2/thing?x=1`).
    var target: String
    /// Header fields, names lowercased (the last one wins).
    var headers: [String: String]
    /// 0 for the first request this server read, then 1, 2, …, across all connections.
    var index: Int

    /// The value of the `X-Case` header tests use to pick a behaviour per scenario.
    var testCase: String { headers["x-case"] ?? "" }
}

/// One thing the server does on the connection.
enum HostileAction: Sendable {
    /// Writes the bytes at once.
    case send([UInt8])
    /// Writes the bytes one at a time, pausing `every` before each.
    case drip([UInt8], every: Duration)
    /// Waits.
    case pause(Duration)
    /// Closes the connection in order (FIN).
    case close
    /// Resets the connection (RST: SO_LINGER 0, then close).
    case reset
}

/// What the server does for one request: its actions in order. Unless they end with `close`
/// or `reset`, the connection stays open for the next request.
struct HostileReply: Sendable {
    var actions: [HostileAction]

    init(_ actions: [HostileAction]) { self.actions = actions }

    /// The head of a response: status line and header fields (no Content-Length is added).
    static func head(_ status: Int, _ headers: [(String, String)] = []) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        return Array((text + "\r\n").utf8)
    }

    /// A complete response with a Content-Length that matches `body`.
    static func response(_ status: Int, headers: [(String, String)] = [], body: [UInt8]) -> HostileReply {
        HostileReply([.send(head(status, headers + [("Content-Length", "\(body.count)")]) + body)])
    }

    /// A complete JSON response.
    static func json(_ status: Int = 200, _ body: String = "{}", headers: [(String, String)] = []) -> HostileReply {
        response(status, headers: headers + [("Content-Type", "application/json")], body: Array(body.utf8))
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// The scriptable server on 127.0.0.1, a free port.
final class HostileServer: Sendable {
    var port: Int { connections.port }

    /// `http://127.0.0.1:PORT/v2`.
    var baseURL: String { "http://127.0.0.1:\(port)/v2" }

    /// Requests read so far.
    var requests: Int { requestCount.withLockedValue { $0 } }

    private let connections: LoopbackConnections
    private let script: @Sendable (HostileRequest) -> HostileReply
    private let requestCount = NIOLockedValueBox(0)

    /// Starts listening; nil when no loopback socket could be bound.
    init?(script: @escaping @Sendable (HostileRequest) -> HostileReply) {
        guard let connections = LoopbackConnections(backlog: 128) else { return nil }
        self.connections = connections
        self.script = script
        connections.start { [self] connection in serve(connection) }
    }

    /// Stops accepting and shuts every open connection. Safe to call more than once.
    func stop() {
        connections.stop()
    }

    private func serve(_ connection: Int32) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            while let request = takeRequest(from: &pending) {
                let reply = script(request)
                for action in reply.actions {
                    switch perform(action, on: connection) {
                    case .goOn: continue
                    case .ended: return
                    }
                }
            }
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            pending += chunk[0..<count]
        }
    }

    private enum ActionOutcome {
        case goOn
        /// The connection is over.
        case ended
    }

    private func perform(_ action: HostileAction, on connection: Int32) -> ActionOutcome {
        switch action {
        case .send(let bytes):
            return sendAll(bytes, on: connection) ? .goOn : .ended
        case .drip(let bytes, let interval):
            for byte in bytes {
                Thread.sleep(forTimeInterval: interval.seconds)
                guard sendAll([byte], on: connection) else { return .ended }
            }
            return .goOn
        case .pause(let duration):
            Thread.sleep(forTimeInterval: duration.seconds)
            return .goOn
        case .close:
            shutdown(connection, Int32(SHUT_WR))
            return .ended
        case .reset:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            connections.close(connection)
            return .ended
        }
    }

    /// Takes one request (head and Content-Length body) off the front of `pending`.
    private func takeRequest(from pending: inout [UInt8]) -> HostileRequest? {
        guard let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyLength = Int(headers["content-length"] ?? "0") ?? 0
        guard pending.count - end.upperBound >= bodyLength else { return nil }
        pending.removeSubrange(..<(end.upperBound + bodyLength))
        let index = requestCount.withLockedValue { count in
            defer { count += 1 }
            return count
        }
        return HostileRequest(
            method: requestLine.first.map(String.init) ?? "",
            target: requestLine.count > 1 ? String(requestLine[1]) : "",
            headers: headers, index: index)
    }
}

/// A loopback port whose listener never accepts and whose queue is full: a connection attempt
/// gets no answer, as with a host that drops packets.
final class SilentListener: Sendable {
    let port: Int
    private let listener: Int32
    private let fillers: [Int32]

    init?() {
        guard let (listener, port) = loopbackListener(backlog: 0) else { return nil }
        self.listener = listener
        self.port = port
        // Fill the accept queue (backlog 0 holds one connection on Linux; a few more to be sure),
        // so later SYNs are dropped. Non-blocking connects: the ones that cannot complete stay
        // pending and are closed with the rest.
        var fillers: [Int32] = []
        for _ in 0..<4 {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { continue }
            _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(socket)
        }
        self.fillers = fillers
    }

    func stop() {
        for socket in fillers { close(socket) }
        close(listener)
    }
}

extension Duration {
    /// The duration in seconds, as a TimeInterval.
    fileprivate var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// A certificate authority made with openssl for one test, the leaf certificates it signs, and
/// `openssl s_server -www` presenting one of them on loopback.
///
/// Debian 12's OpenSSL 3.0 has no `-not_before`/`-not_after` (3.3+): an expired leaf is signed
/// with `x509 -req -days -1`, so it ends a day before it was issued, which every verifier
/// reports as "certificate has expired".
final class TestCertificateAuthority {
    let folder: URL
    var certificatePath: String { folder.appendingPathComponent("ca.pem").path }
    private var servers: [Process] = []

    init() throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", path("ca.key"), "-out", certificatePath, "-days", "2", "-subj", "/CN=fcharness test CA"])
    }

    /// Issues a leaf for `subjectAltName` (`IP:127.0.0.1`, `DNS:other.example`); returns the
    /// paths of its certificate and key.
    func issue(_ name: String, subjectAltName: String, expired: Bool = false) throws -> (certificate: String, key: String) {
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                     "-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", "/CN=\(name)"])
        try "subjectAltName=\(subjectAltName)\n".write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", certificatePath, "-CAkey", path("ca.key"),
                     "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-days", expired ? "-1" : "1",
                     "-extfile", path("\(name).ext"), "-out", path("\(name).pem")])
        return (path("\(name).pem"), path("\(name).key"))
    }

    /// Serves `openssl s_server -www` with the leaf on a free loopback port; returns the port
    /// once it accepts connections (bounded: 5 s).
    func serve(_ leaf: (certificate: String, key: String)) throws -> Int {
        guard let port = unusedLoopbackPort() else { throw CocoaError(.fileNoSuchFile) }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: try Self.opensslPath())
        server.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", leaf.certificate, "-key", leaf.key, "-www", "-quiet"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        servers.append(server)
        for _ in 0..<100 {
            if canConnect(port) { return port }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return port
    }

    /// Stops the servers (SIGKILL: a child of the test process may have SIGTERM blocked) and
    /// deletes the files.
    func remove() {
        for server in servers where server.isRunning {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private static func opensslPath() throws -> String {
        guard let path = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first(where: FileManager.default.isExecutableFile) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "openssl is not installed; `make deps` installs it"])
        }
        return path
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.opensslPath())
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl \(arguments.prefix(2).joined(separator: " ")) failed"])
        }
    }

    private func canConnect(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
