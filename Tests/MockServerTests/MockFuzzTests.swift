// Fuzzing the mock over loopback: seeded mutations of valid requests (bytes, methods, targets,
// versions, header names and values, Content-Length lies, chunked garbage, NULs, huge
// numbers, broken JSON bodies), over fresh and keep-alive connections. Every request must get
// an answer or a close, the process must survive, a normal request must still be answered,
// and memory must stay bounded.
//
// 10,000 requests by default; FCHARNESS_MOCK_FUZZ_REQUESTS=100000 (`make fuzz-mock`) for the
// long run, FCHARNESS_MOCK_FUZZ_SEED to replay another sequence.
import Foundation
import JSON
import MockServer
import Quantities
import XCTest

final class MockFuzzTests: XCTestCase {
    func testMutatedRequestsAreAllAnsweredOrClosedAndTheMockSurvives() async throws {
        let environment = ProcessInfo.processInfo.environment
        let requests = environment["FCHARNESS_MOCK_FUZZ_REQUESTS"].flatMap(Int.init) ?? 10_000
        let seed = environment["FCHARNESS_MOCK_FUZZ_SEED"].flatMap(UInt64.init) ?? 1
        var configuration = MockConfiguration.embedded(seed: seed)
        // Requests left incomplete by a mutation are cut off quickly, so they cost little time.
        configuration.limits.requestTimeout = .milliseconds(100)
        // Small store limits: what the fuzzer manages to create is evicted under way too.
        configuration.storeLimits = MockStoreLimits(maxRecords: 300)
        let mock = try await MockHarness(configuration)
        let templates = try await FuzzTemplates(mock)
        let before = ProcessResources.residentBytes()

        let workers = 8
        let port = mock.server.port
        let tallies = await withTaskGroup(of: FuzzTally.self) { group in
            for worker in 0..<workers {
                let share = requests / workers + (worker < requests % workers ? 1 : 0)
                group.addTask {
                    await ProcessResources.onThread {
                        var client = FuzzClient(port: port, worker: worker, templates: templates, seed: seed)
                        return client.run(requests: share)
                    }
                }
            }
            var all = FuzzTally()
            for await tally in group { all.add(tally) }
            return all
        }
        let after = ProcessResources.residentBytes()

        let statuses = tallies.statuses.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let memory = before.flatMap { before in after.map { "RSS \(before >> 20) MiB → \($0 >> 20) MiB" } } ?? "RSS unknown"
        print("""
            mock fuzz: seed \(seed), \(tallies.requests) requests over \(tallies.connections) connections; \
            answers by status [\(statuses)]; \(tallies.sentinels) sentinels answered, \(tallies.swallowedSentinels) swallowed; \(tallies.closes) closes by the mock; \
            \(tallies.hangs) hangs; \(tallies.connectFailures) connect failures; \(memory); store \(mock.server.storedRecords)
            """)
        XCTAssertEqual(tallies.requests, requests)
        XCTAssertEqual(tallies.hangs, 0, "every request gets an answer or a close within 2 s; first: \(tallies.firstHang ?? "")")
        XCTAssertEqual(tallies.connectFailures, 0)
        XCTAssertGreaterThan(tallies.closes, 0, "some mutations must have been refused")
        XCTAssertGreaterThan(tallies.statuses[200, default: 0], 0, "some mutations must have stayed valid")
        XCTAssertGreaterThan(tallies.statuses[400, default: 0], 0)
        if let before, let after {
            XCTAssertLessThan(after - before, 200 << 20, memory)
        }
        let reply = try await mock.call("listAgents", query: "items_per_page=5")
        XCTAssertEqual(reply.status, 200, "the mock still answers a normal request")
        await mock.finish()
    }
}

/// Valid requests to start each mutation from, with real ids of the mock's data.
struct FuzzTemplates: Sendable {
    var requests: [FuzzRequest]

    init(_ mock: MockHarness) async throws {
        func firstID(_ operationId: String, _ key: String, _ field: String = "id") async throws -> String {
            let reply = try await mock.call(operationId)
            return try XCTUnwrap(reply.json?[key]?[0]?[field]?.stringValue)
        }
        let user = try await firstID("listUsers", "users")
        let conversation = try await firstID("listConversations", "conversations", "conversation_id")
        let agent = try await firstID("listAgents", "agents")
        let channel = try await firstID("listChannels", "channels")
        let auth = "Authorization: Bearer \(mock.server.token)"
        let message = #"{"actor_type":"user","actor_id":"\#(user)","message_type":"normal","message_parts":[{"text":{"content":"hello"}}]}"#
        func request(_ method: String, _ target: String, _ body: String? = nil, headers: [String] = []) -> FuzzRequest {
            var lines = ["Host: 127.0.0.1", auth] + headers
            if let body { lines += ["Content-Type: application/json", "Content-Length: \(body.utf8.count)"] }
            return FuzzRequest(
                method: Array(method.utf8), target: Array(target.utf8), version: Array("HTTP/1.1".utf8),
                headers: lines.map { Array($0.utf8) }, body: Array((body ?? "").utf8))
        }
        var chunked = request("POST", "/v2/users", nil, headers: ["Transfer-Encoding: chunked", "Content-Type: application/json"])
        let chunkBody = #"{"first_name":"Chunk","email":"c@example.org"}"#
        chunked.body = Array("\(String(chunkBody.utf8.count, radix: 16))\r\n\(chunkBody)\r\n0\r\n\r\n".utf8)
        var http10 = request("GET", "/v2/groups", nil, headers: ["Connection: keep-alive"])
        http10.version = Array("HTTP/1.0".utf8)
        requests = [
            request("GET", "/v2/agents?items_per_page=5"),
            request("GET", "/v2/agents/\(agent)"),
            request("GET", "/v2/users/\(user)"),
            request("GET", "/v2/users?page=2&items_per_page=10"),
            request("GET", "/v2/conversations?status=assigned&items_per_page=3"),
            request("GET", "/v2/conversations/\(conversation)"),
            request("GET", "/v2/conversations/\(conversation)/messages?items_per_page=3"),
            request("GET", "/v2/channels/\(channel)"),
            request("POST", "/v2/users", #"{"email":"fuzz@example.org","first_name":"F","properties":[{"name":"plan","value":"pro"}]}"#),
            request("PUT", "/v2/users/\(user)", #"{"last_name":"L","phone":"+1 555 0100"}"#),
            request("POST", "/v2/conversations", #"{"app_id":"\#(mock.server.appID)","channel_id":"\#(channel)","users":[{"id":"\#(user)"}],"messages":[\#(message)]}"#),
            request("PUT", "/v2/conversations/\(conversation)", #"{"status":"assigned","assigned_agent_id":"\#(agent)"}"#),
            request("POST", "/v2/conversations/\(conversation)/messages", message),
            request("POST", "/v2/users", #"{"first_name":"Expect"}"#, headers: ["Expect: 100-continue"]),
            chunked,
            http10,
        ]
    }
}

/// A request in parts, so mutations can aim at one part; `bytes` puts it on the wire.
struct FuzzRequest: Sendable {
    var method: [UInt8]
    var target: [UInt8]
    var version: [UInt8]
    var headers: [[UInt8]]
    var body: [UInt8]
    var lineEnding: [UInt8] = [13, 10]

    var bytes: [UInt8] {
        var out = method + [32] + target + [32] + version + lineEnding
        for header in headers { out += header + lineEnding }
        return out + lineEnding + body
    }

    /// Sets Content-Length to the body's size (after a body mutation that should stay honest).
    mutating func fixContentLength() {
        if let at = headers.firstIndex(where: { $0.starts(with: Array("Content-Length:".utf8)) }) {
            headers[at] = Array("Content-Length: \(body.count)".utf8)
        }
    }
}

/// What the fuzzing clients saw.
struct FuzzTally: Sendable {
    var requests = 0
    var connections = 0
    /// Answers by status code, the sentinels' 404s left out.
    var statuses: [Int: Int] = [:]
    var sentinels = 0
    /// Sentinels a mutated request swallowed (the mock answered it and waited for more).
    var swallowedSentinels = 0
    var closes = 0
    var hangs = 0
    var firstHang: String?
    var connectFailures = 0

    mutating func add(_ other: FuzzTally) {
        requests += other.requests
        connections += other.connections
        statuses.merge(other.statuses, uniquingKeysWith: +)
        sentinels += other.sentinels
        swallowedSentinels += other.swallowedSentinels
        closes += other.closes
        hangs += other.hangs
        firstHang = firstHang ?? other.firstHang
        connectFailures += other.connectFailures
    }
}

/// The project's seeded generator (Quantities.SeededRandom: the same sequence on every
/// platform) with the few draws the fuzzer needs.
struct FuzzRandom {
    private var source: SeededRandom

    init(seed: UInt64) { source = SeededRandom(seed: seed) }

    mutating func next() -> UInt64 { source.next() }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<Element>(_ items: [Element]) -> Element { items[below(items.count)] }
}

/// One fuzzing thread: mutates a template, sends it followed by a sentinel request whose 404
/// names a unique path, and reads until the sentinel's answer or the mock's close.
struct FuzzClient {
    let port: Int
    let worker: Int
    let templates: FuzzTemplates
    var random: FuzzRandom
    var tally = FuzzTally()

    init(port: Int, worker: Int, templates: FuzzTemplates, seed: UInt64) {
        self.port = port
        self.worker = worker
        self.templates = templates
        random = FuzzRandom(seed: seed &* 0x1000_0001 &+ UInt64(worker))
    }

    /// The mock cuts incomplete requests off after 100 ms: 2 s of silence is a hang.
    static let hangTimeout = Duration.seconds(2)
    /// Silence after an answer this long means the sentinel was swallowed (see `exchange`).
    static let swallowTimeout = Duration.milliseconds(250)

    mutating func run(requests: Int) -> FuzzTally {
        var sent = 0
        while sent < requests {
            guard let socket = try? RawSocket(port: port, receiveTimeout: Self.hangTimeout) else {
                tally.connectFailures += 1
                if tally.connectFailures > 20 { break }
                continue
            }
            tally.connections += 1
            // Half the connections carry one request, the others up to 30 while the mock keeps them.
            let budget = random.chance(50) ? 1 : 1 + random.below(30)
            var open = true
            for _ in 0..<budget where sent < requests && open {
                open = exchange(mutatedRequest(), sentinel: sent, on: socket)
                sent += 1
            }
            socket.closeSocket()
        }
        tally.requests = sent
        return tally
    }

    /// Sends one mutated request and the sentinel; true while the connection stays usable.
    ///
    /// The sentinel follows an empty line, which ends a head the mutation left open, so its
    /// request line cannot become a header of the mutated request. A mutation can still swallow
    /// it (into a body of the length it claims, say): when the mock has answered and then
    /// stays silent, a second sentinel checks that the connection is not stuck.
    private mutating func exchange(_ request: [UInt8], sentinel: Int, on socket: RawSocket) -> Bool {
        var path = "/v2/fuzz-sentinel-\(worker)-\(sentinel)"
        _ = socket.send(request + Array("\r\n\r\nGET \(path) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        var received: [UInt8] = []
        var probed = false
        socket.setReceiveTimeout(Self.hangTimeout)
        while true {
            guard let chunk = socket.readSome() else {
                if !probed, statusLineCount(received) > 0 {
                    probed = true
                    tally.swallowedSentinels += 1
                    path += "-again"
                    socket.setReceiveTimeout(Self.hangTimeout)
                    _ = socket.send(Array("\r\n\r\nGET \(path) HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
                    continue
                }
                tally.hangs += 1
                if tally.firstHang == nil { tally.firstHang = String(decoding: request.prefix(2000), as: UTF8.self).debugDescription }
                return false
            }
            if chunk.isEmpty {
                count(received, sentinelSeen: false)
                tally.closes += 1
                return false
            }
            received += chunk
            if received.last == UInt8(ascii: "}"), received.firstRange(of: Array("the path \(path)\"".utf8)) != nil {
                count(received, sentinelSeen: true)
                return true
            }
            // Answered: the sentinel's answer follows at once unless it was swallowed.
            if !probed { socket.setReceiveTimeout(Self.swallowTimeout) }
        }
    }

    private func statusLineCount(_ received: [UInt8]) -> Int { statusCodes(received).count }

    /// The status codes of the responses in what came back: status lines at the start, or
    /// right after a body's `}` or a head's last line feed.
    private func statusCodes(_ received: [UInt8]) -> [Int] {
        let prefix = Array("HTTP/1.".utf8)
        var codes: [Int] = []
        var index = 0
        while index + 12 <= received.count {
            if received[index] == prefix[0], received[index..<(index + 7)].elementsEqual(prefix),
               index == 0 || received[index - 1] == UInt8(ascii: "}") || received[index - 1] == 10,
               let status = Int(String(decoding: received[(index + 9)..<(index + 12)], as: UTF8.self))
            {
                codes.append(status)
                index += 12
            } else {
                index += 1
            }
        }
        return codes
    }

    private mutating func count(_ received: [UInt8], sentinelSeen: Bool) {
        var codes = statusCodes(received)
        if sentinelSeen, let last = codes.lastIndex(of: 404) {
            codes.remove(at: last)
            tally.sentinels += 1
        }
        for code in codes { tally.statuses[code, default: 0] += 1 }
    }

    // MARK: Mutations

    private static let interestingBytes: [UInt8] = [0, 9, 10, 13, 32, 58, 0x7F, 0x80, 0xC0, 0xFF, 37, 34, 123, 91, 92, 59, 44]
    private static let methods = [
        "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "PRI", "get", "G ET", "", "GETT",
        "M-SEARCH", String(repeating: "A", count: 300),
    ]
    private static let targets = [
        "", "*", "/", "//v2//agents", "/v2/../../etc/passwd", "/v2/users/%", "/v2/users/%zz", "/v2/users/%00", "/v2/users/%2F..%2F",
        "/v2/users/" + String(repeating: "x", count: 3000), "http://example.org/v2/agents", "/v2/agents?items_per_page=99999999999999999999",
        "/v2/agents?page=-0&items_per_page=1e3", "/v2/conversations?status=%FF%FE", "/v2/agents#fragment", "/v2/agents?a=1&a=2&&&=",
        "/v2/conversations?assigned_agent_id=&assigned_group_id=%", "/v2/users?page=9223372036854775807&items_per_page=50",
        "/v2/conversations/%E2%80%AE/messages", "/V2/AGENTS", "/v2/agents/", "/v2",
    ]
    private static let versions = ["HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1x", "HTTP/", "http/1.1", "HTTP/9.9", "", "HTTP/1.1 HTTP/1.1", "HTTP/1.10"]
    private static let headerNames = ["", " X", "X Y", "X\u{0}", "Ä", ":", "Content-Length ", "Transfer-Encoding", "X-(){}", "Host", "Authorization"]
    private static let headerValues = [
        "\u{0}", "\u{7F}", String(repeating: "v", count: 5000), " \t ", "a\rb", "a\r\n b", "chunked", "chunked, gzip", "Bearer", "Bearer  x",
        "100-continue", "close", "upgrade", "h2c",
    ]
    private static let lengthLies = ["0", "-1", "abc", "99999999999999999999", "1 2", "0x10", "", "+5", "18446744073709551616", "4294967296"]
    private static let chunkGarbage = [
        "zz\r\n", "FFFFFFFFFFFFFFFFFFFF\r\n", "5\r\nabc\r\n", "-1\r\n", "5;ext=\"\r\nabcde\r\n0\r\n\r\n", "0\r\nTrailer: x\r\n\r\n",
        "3\r\nabc", "1\r\na\r\n", "0\r\n\u{0}\r\n\r\n", "2\r\n{}\r\n0\r\n\r\n", "7FFFFFFFFFFFFFFF\r\n",
    ]

    mutating func mutatedRequest() -> [UInt8] {
        var request = random.pick(templates.requests)
        // A sixth stay valid HTTP with a broken body or query: they reach the validators.
        if random.chance(16) {
            mutateBody(&request)
            return request.bytes
        }
        for _ in 0..<(1 + random.below(3)) {
            switch random.below(13) {
            case 0: request.method = Array(random.pick(Self.methods).utf8)
            case 1: request.target = Array(random.pick(Self.targets).utf8)
            case 2: request.version = Array(random.pick(Self.versions).utf8)
            case 3:
                let line = random.pick(Self.headerNames) + ": " + random.pick(Self.headerValues)
                request.headers.insert(Array(line.utf8), at: random.below(request.headers.count + 1))
            case 4: lieAboutLength(&request)
            case 5:
                request.headers.removeAll { $0.starts(with: Array("Content-Length".utf8)) }
                request.headers.append(Array("Transfer-Encoding: chunked".utf8))
                request.body = Array((0..<(1 + random.below(3))).map { _ in random.pick(Self.chunkGarbage) }.joined().utf8)
            case 6: request.lineEnding = random.pick([[10], [13], [13, 13, 10], [10, 13]])
            case 7:
                let count = 50 + random.below(400)
                request.headers += (0..<count).map { Array("X-Many-\($0): \(String(repeating: "m", count: 40))".utf8) }
            case 8: mutateBody(&request)
            default:
                return mutateBytes(request.bytes)
            }
        }
        return request.bytes
    }

    private mutating func lieAboutLength(_ request: inout FuzzRequest) {
        let honest = request.body.count
        let value = random.chance(50)
            ? String(max(0, honest + random.pick([-5, -1, 1, 3, 37, 10_000, 2_000_000])))
            : random.pick(Self.lengthLies)
        let line = Array("Content-Length: \(value)".utf8)
        if random.chance(25) {
            request.headers.append(line)  // a second Content-Length
        } else if let at = request.headers.firstIndex(where: { $0.starts(with: Array("Content-Length".utf8)) }) {
            request.headers[at] = line
        } else {
            request.headers.append(line)
        }
    }

    /// Breaks the body (or the query) while keeping the HTTP framing honest.
    private mutating func mutateBody(_ request: inout FuzzRequest) {
        guard !request.body.isEmpty, request.headers.contains(where: { $0.starts(with: Array("Content-Length".utf8)) }) else {
            let junk = random.pick(["?items_per_page=abc", "?page=0", "?status=" + String(repeating: "s", count: 200), "?%=%", "?page=1&page=x", "/extra"])
            request.target += Array(junk.utf8)
            return
        }
        switch random.below(5) {
        case 0: request.body = mutateBytes(request.body)
        case 1: request.body = Array(repeating: UInt8(ascii: "["), count: 600 + random.below(3000))
        case 2: request.body = Array(#"{"email":"not-an-email","first_name":12,"properties":"x","status":"nope","actor_id":null}"#.utf8)
        case 3: request.body = Array(String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "\"", with: "'").utf8)
        default: request.body = [0xEF, 0xBB, 0xBF] + request.body + [0xFF, 0xFE]
        }
        request.fixContentLength()
    }

    /// Byte-level damage: flips, inserts of interesting bytes, deletions, duplications, cuts.
    private mutating func mutateBytes(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        guard !bytes.isEmpty else { return [random.pick(Self.interestingBytes)] }
        for _ in 0..<(1 + random.below(4)) {
            let at = random.below(bytes.count)
            switch random.below(6) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.insert(contentsOf: (0..<(1 + random.below(8))).map { _ in random.pick(Self.interestingBytes) }, at: at)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(16)))
            case 3:
                let piece = bytes[at..<min(bytes.count, at + 1 + random.below(64))]
                bytes.insert(contentsOf: piece, at: random.below(bytes.count))
            case 4: bytes = Array(bytes[0..<at])
            default:
                // A run of digits becomes a huge number.
                if let digit = bytes[at...].firstIndex(where: { (48...57).contains($0) }) {
                    let end = bytes[digit...].firstIndex(where: { !(48...57).contains($0) }) ?? bytes.count
                    bytes.replaceSubrange(digit..<end, with: (0..<(20 + random.below(20))).map { _ in UInt8(48 + random.below(10)) })
                }
            }
            if bytes.isEmpty { bytes = [random.pick(Self.interestingBytes)] }
        }
        return bytes
    }
}
