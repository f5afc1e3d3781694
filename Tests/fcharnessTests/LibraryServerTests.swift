// The Library server keeps to its spec: the real binary runs hand-written scenarios against it
// and checks every response; raw requests cover what a scenario cannot send.
import Foundation
import JSON
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class LibraryServerTests: XCTestCase {
    private var scratch: URL!
    private let token = "library-token-\(UUID().uuidString)"

    override func setUpWithError() throws {
        scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fcharness-library-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func testEveryDocumentedResponseIsExercisedAndKeepsToTheSpec() throws {
        let server = try XCTUnwrap(LibraryServer(token: token))
        defer { server.stop() }
        let specPath = try LibraryAPI.writeSpec(to: scratch.appendingPathComponent("spec")).path
        let scenarios = try writeScenarios(
            ["lifecycle.yaml": Self.lifecycle, "refusals.yaml": Self.refusals, "unauthorized.yaml": Self.unauthorized])

        // --min-coverage 100: together the scenarios land on every (operation, status) the spec documents.
        let json = scratch.appendingPathComponent("library.json").path
        let run = try runCLI(["contract", scenarios.path, "--spec", specPath, "--base-url", server.baseURL, "--token", token,
                              "--min-coverage", "100", "--json", json])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").last.map(String.init), "3 passed, 0 failed", run.stdout)

        let report = try JSON.parse(contentsOfFile: json)
        XCTAssertEqual(report["summary"]?["violations"], 0)
        // 11 operations: each documents 401 and its success; 7 have a path id (404), 4 a body (400).
        XCTAssertEqual(report["coverage"]?["operations_reached"], 11)
        let documented: Int64 = 11 * 2 + 7 + 4
        XCTAssertEqual(report["coverage"]?["documented"]?.integerValue, documented)
        XCTAssertEqual(report["coverage"]?["exercised"]?.integerValue, documented)
        XCTAssertEqual(server.requests, 13 + 22 + 11, "one request per step")
    }

    func testAServerThatRejectsSubtitlesRefusesACreateTheSpecAllows() throws {
        let specPath = try LibraryAPI.writeSpec(to: scratch.appendingPathComponent("spec")).path
        let scenarios = try writeScenarios(["subtitle.yaml": Self.subtitleRefused])

        let quirky = try XCTUnwrap(LibraryServer(token: token, rejectsSubtitle: true))
        defer { quirky.stop() }
        let refused = try runCLI(["contract", scenarios.path, "--spec", specPath, "--base-url", quirky.baseURL, "--token", token])
        XCTAssertEqual(refused.status, 0, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stdout.hasSuffix("1 passed, 0 failed\n"), refused.stdout)

        // The same scenario against a server without the quirk: the subtitle is accepted (201).
        let plain = try XCTUnwrap(LibraryServer(token: token))
        defer { plain.stop() }
        let accepted = try runCLI(["contract", scenarios.path, "--spec", specPath, "--base-url", plain.baseURL, "--token", token])
        XCTAssertEqual(accepted.status, 1, accepted.stdout + accepted.stderr)
        XCTAssertTrue(accepted.stdout.hasSuffix("0 passed, 1 failed\n"), accepted.stdout)
    }

    func testTheUndocumentedLimitErrorIsAContractViolation() throws {
        let server = try XCTUnwrap(LibraryServer(token: token))
        defer { server.stop() }
        let specPath = try LibraryAPI.writeSpec(to: scratch.appendingPathComponent("spec")).path
        let scenarios = try writeScenarios(["limit.yaml": """
            name: a limit out of range
            steps:
              - operation: listAuthors
                query: { limit: 0 }
                expect: { status: 400 }
            """])
        let json = scratch.appendingPathComponent("limit.json").path
        let run = try runCLI(["contract", scenarios.path, "--spec", specPath, "--base-url", server.baseURL, "--token", token,
                              "--json", json])
        XCTAssertEqual(run.status, 1, run.stdout + run.stderr)
        let report = try String(contentsOfFile: json, encoding: .utf8)
        XCTAssertTrue(report.contains("status 400 is not documented for listAuthors"), report)
    }

    func testPipelinedRequestsAndMalformedBodiesAreAnsweredInOrder() throws {
        let server = try XCTUnwrap(LibraryServer(token: token))
        defer { server.stop() }
        let auth = "Authorization: Bearer \(token)\r\n"
        let malformed = "{\"name\": "
        let author = "{\"name\":\"Octavia E. Butler\",\"born\":1947}"
        let requests = [
            "POST /authors HTTP/1.1\r\nHost: x\r\n\(auth)Content-Type: application/json\r\nContent-Length: \(malformed.utf8.count)\r\n\r\n\(malformed)",
            "POST /authors HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: 3\r\n\r\n[1]",
            "POST /authors HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: \(author.utf8.count)\r\n\r\n\(author)",
            "GET /authors/not-a-uuid HTTP/1.1\r\nHost: x\r\n\(auth)\r\n",
            "GET /shelves HTTP/1.1\r\nHost: x\r\n\(auth)\r\n",
            "PUT /books HTTP/1.1\r\nHost: x\r\n\(auth)Content-Length: 0\r\n\r\n",
            "GET /authors?limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\nConnection: close\r\n\r\n",
        ]
        let answer = try exchange(requests.joined(), port: server.port)
        let responses = try Self.responses(in: answer)
        XCTAssertEqual(responses.map(\.status), [400, 400, 201, 404, 404, 405, 401], answer)
        XCTAssertEqual(responses.map(\.body.first), Array(repeating: "{", count: requests.count), "every answer has a JSON body")
        XCTAssertTrue(responses[0].body.contains("not JSON"), responses[0].body)
        XCTAssertTrue(responses[2].body.hasSuffix("\"name\":\"Octavia E. Butler\",\"born\":1947}"), responses[2].body)
        XCTAssertTrue(responses[5].head.contains("Allow: GET, POST"), responses[5].head)
        XCTAssertTrue(responses[6].head.contains("Connection: close"), responses[6].head)
        XCTAssertEqual(server.requests, requests.count)
    }

    // MARK: - Support

    /// Writes scenario files into a fresh folder of their own (the spec stays out of it).
    private func writeScenarios(_ files: [String: String]) throws -> URL {
        let folder = scratch.appendingPathComponent("scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Sends `text` on one connection and reads until the server closes it.
    private func exchange(_ text: String, port: Int) throws -> String {
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(connection, 0)
        defer { close(connection) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }, bytes.count)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            received += chunk[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Splits what a connection answered into responses by their Content-Length.
    private static func responses(in text: String) throws -> [(status: Int, head: String, body: String)] {
        var rest = Array(text.utf8)[...]
        var responses: [(status: Int, head: String, body: String)] = []
        while !rest.isEmpty {
            let headEnd = try XCTUnwrap(rest.firstRange(of: Array("\r\n\r\n".utf8)), "an incomplete response head")
            let head = String(decoding: rest[..<headEnd.lowerBound], as: UTF8.self)
            let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            let lengthLine = head.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            let length = lengthLine.flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let body = rest[headEnd.upperBound...].prefix(length)
            responses.append((status, head, String(decoding: body, as: UTF8.self)))
            rest = rest[body.endIndex...]
        }
        return responses
    }

    // MARK: - Scenarios

    /// The whole life of a book: its author, the book, a rename, a review, and its deletion.
    static let lifecycle = """
        name: library lifecycle
        steps:
          - operation: createAuthor
            body: { name: Ursula K. Le Guin, born: 1929, genre: fiction }
            expect:
              status: 201
              json:
                $.name: Ursula K. Le Guin
                $.born: 1929
                $.genre: fiction
            capture: { author_id: $.id }
          - operation: getAuthor
            path: { author_id: "{{author_id}}" }
            expect:
              status: 200
              json:
                $.id: "{{author_id}}"
                $.name: Ursula K. Le Guin
          - operation: listAuthors
            query: { limit: 100 }
            expect:
              status: 200
              json:
                $.data: { length: { gte: 1 } }
          - operation: createBook
            body: { title: The Dispossessed, author_id: "{{author_id}}", pages: 387 }
            expect:
              status: 201
              json:
                $.author_id: "{{author_id}}"
                $.pages: 387
                $.subtitle: { exists: false }
            capture: { book_id: $.id }
          - operation: getBook
            path: { book_id: "{{book_id}}" }
            expect:
              status: 200
              json:
                $.id: "{{book_id}}"
                $.title: The Dispossessed
          - operation: renameBook
            path: { book_id: "{{book_id}}" }
            body: { title: "The Dispossessed: An Ambiguous Utopia" }
            expect:
              status: 200
              json:
                $.title: "The Dispossessed: An Ambiguous Utopia"
                $.pages: 387
          - operation: listBooks
            query: { written_by: "{{author_id}}" }
            expect:
              status: 200
              json:
                $: { length: 1 }
                $[0].id: "{{book_id}}"
                $[0].title: "The Dispossessed: An Ambiguous Utopia"
          - operation: createReview
            path: { book_id: "{{book_id}}" }
            body: { stars: 5, reviewer_name: Ada }
            expect:
              status: 201
              json:
                $.book_id: "{{book_id}}"
                $.stars: 5
                $.id: { type: integer }
            capture: { review_id: $.id }
          - operation: listReviews
            path: { book_id: "{{book_id}}" }
            expect:
              status: 200
              json:
                $.reviews: { length: 1 }
                $.reviews[0].id: "{{review_id}}"
          - operation: getReview
            path: { book_id: "{{book_id}}", review_id: "{{review_id}}" }
            expect:
              status: 200
              json:
                $.reviewer_name: Ada
          - operation: deleteBook
            path: { book_id: "{{book_id}}" }
            expect: { status: 204 }
          - operation: getBook
            name: the deleted book is gone
            path: { book_id: "{{book_id}}" }
            expect: { status: 404 }
          - operation: getReview
            name: and so are its reviews
            path: { book_id: "{{book_id}}", review_id: "{{review_id}}" }
            expect: { status: 404 }
        """

    /// Unknown ids (404) and bodies that break the request schemas (400).
    static let refusals = """
        name: library refusals
        steps:
          - operation: createAuthor
            body: { name: Refusal Tester }
            expect: { status: 201 }
            capture: { author_id: $.id }
          - operation: createBook
            body: { title: Kept, author_id: "{{author_id}}" }
            expect: { status: 201 }
            capture: { book_id: $.id }
          - operation: getAuthor
            path: { author_id: "{{uuid}}" }
            expect: { status: 404 }
          - operation: getBook
            path: { book_id: "{{uuid}}" }
            expect: { status: 404 }
          - operation: renameBook
            path: { book_id: "{{uuid}}" }
            body: { title: Nothing }
            expect: { status: 404 }
          - operation: deleteBook
            path: { book_id: "{{uuid}}" }
            expect: { status: 404 }
          - operation: listReviews
            path: { book_id: "{{uuid}}" }
            expect: { status: 404 }
          - operation: createReview
            path: { book_id: "{{uuid}}" }
            body: { stars: 3 }
            expect: { status: 404 }
          - operation: getReview
            name: a review id no review has
            path: { book_id: "{{book_id}}", review_id: 999999 }
            expect: { status: 404 }
          - operation: createAuthor
            name: no name
            body: { born: 1950 }
            expect: { status: 400, json: { $.message: name is required } }
          - operation: createAuthor
            name: an empty name
            body: { name: "" }
            expect: { status: 400 }
          - operation: createAuthor
            name: born too early
            body: { name: Old, born: 999 }
            expect: { status: 400 }
          - operation: createAuthor
            name: a genre outside the enum
            body: { name: Poet, genre: poetry }
            expect: { status: 400 }
          - operation: createBook
            name: an author that does not exist
            body: { title: Orphan, author_id: "{{uuid}}" }
            expect: { status: 400, json: { $.message: no such author } }
          - operation: createBook
            name: an author id that is not a uuid
            body: { title: Orphan, author_id: not-a-uuid }
            expect: { status: 400 }
          - operation: createBook
            name: no pages
            body: { title: Empty, author_id: "{{author_id}}", pages: 0 }
            expect: { status: 400 }
          - operation: createBook
            name: a title of the wrong type
            body: { title: 42, author_id: "{{author_id}}" }
            expect: { status: 400 }
          - operation: renameBook
            name: an empty title
            path: { book_id: "{{book_id}}" }
            body: { title: "" }
            expect: { status: 400 }
          - operation: createReview
            name: six stars
            path: { book_id: "{{book_id}}" }
            body: { stars: 6 }
            expect: { status: 400 }
          - operation: createReview
            name: stars as text
            path: { book_id: "{{book_id}}" }
            body: { stars: "5" }
            expect: { status: 400 }
          - operation: getBook
            name: the refused rename changed nothing
            path: { book_id: "{{book_id}}" }
            expect: { status: 200, json: { $.title: Kept } }
          - operation: listReviews
            name: the refused reviews were not stored
            path: { book_id: "{{book_id}}" }
            expect: { status: 200, json: { $.reviews: { length: 0 } } }
        """

    /// Every operation refuses a request without a token before it looks at ids or bodies.
    static let unauthorized = """
        name: library unauthorized
        steps:
          - operation: listAuthors
            headers: { Authorization: "" }
            expect: { status: 401, json: { $.message: { type: string } } }
          - operation: createAuthor
            headers: { Authorization: "" }
            body: { name: Nobody }
            expect: { status: 401 }
          - operation: getAuthor
            headers: { Authorization: "" }
            path: { author_id: "{{uuid}}" }
            expect: { status: 401 }
          - operation: listBooks
            headers: { Authorization: "Bearer not-the-token" }
            expect: { status: 401 }
          - operation: createBook
            headers: { Authorization: "" }
            body: { title: "", author_id: nope }
            expect: { status: 401 }
          - operation: getBook
            headers: { Authorization: "" }
            path: { book_id: "{{uuid}}" }
            expect: { status: 401 }
          - operation: renameBook
            headers: { Authorization: "" }
            path: { book_id: "{{uuid}}" }
            body: { title: Nobody }
            expect: { status: 401 }
          - operation: deleteBook
            headers: { Authorization: "" }
            path: { book_id: "{{uuid}}" }
            expect: { status: 401 }
          - operation: listReviews
            headers: { Authorization: "" }
            path: { book_id: "{{uuid}}" }
            expect: { status: 401 }
          - operation: createReview
            headers: { Authorization: "" }
            path: { book_id: "{{uuid}}" }
            body: { stars: 9 }
            expect: { status: 401 }
          - operation: getReview
            headers: { Authorization: "" }
            path: { book_id: "{{uuid}}", review_id: 1 }
            expect: { status: 401 }
        """

    /// Passes only against a server that refuses subtitles (and still takes books without one).
    static let subtitleRefused = """
        name: subtitles refused
        steps:
          - operation: createAuthor
            body: { name: Mary Shelley, born: 1797 }
            expect: { status: 201 }
            capture: { author_id: $.id }
          - operation: createBook
            name: a subtitle, which the spec allows
            body: { title: Frankenstein, subtitle: The Modern Prometheus, author_id: "{{author_id}}" }
            expect: { status: 400, json: { $.message: subtitles are not supported } }
          - operation: createBook
            name: the same book without one
            body: { title: Frankenstein, author_id: "{{author_id}}" }
            expect: { status: 201, json: { $.subtitle: { exists: false } } }
        """
}
