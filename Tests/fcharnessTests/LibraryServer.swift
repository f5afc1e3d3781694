// A tiny in-memory server of the Library API (`LibraryAPI.specText`) on loopback, to run the
// binary end to end against an API that is not Freshchat's. HTTP/1.1, a thread per connection,
// keep-alive and pipelined requests framed by Content-Length; bodies through the JSON module.
import Foundation
import JSON
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#endif

/// The Library API on 127.0.0.1, answering exactly as `LibraryAPI.specText` documents.
///
/// Every request is checked for `Authorization: Bearer TOKEN` first (401 otherwise), then
/// routed (404 for unknown paths and ids), then its body checked by hand against the spec's
/// request schema (400). With `rejectsSubtitle`, `POST /books` refuses a `subtitle` member the
/// spec allows — a server quirk for tests that shrink failing bodies.
final class LibraryServer: Sendable {
    /// The port the server listens on.
    var port: Int { connections.port }

    /// `http://127.0.0.1:PORT`: the API has no base path.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests answered so far (well-formed ones; a malformed request closes its connection).
    var requests: Int { requestCount.withLockedValue { $0 } }

    private let token: String
    private let rejectsSubtitle: Bool
    private let connections: LoopbackConnections
    private let store = NIOLockedValueBox(LibraryStore())
    private let requestCount = NIOLockedValueBox(0)

    /// Starts listening on a free loopback port; nil when no socket could be bound.
    init?(token: String, rejectsSubtitle: Bool = false) {
        guard let connections = LoopbackConnections(backlog: 128) else { return nil }
        self.token = token
        self.rejectsSubtitle = rejectsSubtitle
        self.connections = connections
        connections.start { [self] connection in serve(connection) }
    }

    /// Stops accepting and ends the open connections. Safe to call more than once.
    func stop() {
        connections.stop()
    }

    // MARK: - Connections

    /// Answers the requests of one connection in order until the client closes it, asks to
    /// close, or sends something that cannot be framed.
    private func serve(_ connection: Int32) {
        var framer = RequestFramer()
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while true {
            answering: while true {
                switch framer.next() {
                case .incomplete:
                    break answering
                case .request(let request):
                    requestCount.withLockedValue { $0 += 1 }
                    let reply = respond(to: request)
                    guard sendAll(reply.bytes(keepAlive: request.keepAlive, omitBody: request.method == "HEAD"), on: connection),
                          request.keepAlive
                    else { return }
                case .malformed(let status, let message):
                    _ = sendAll(Reply.problem(status, message).bytes(keepAlive: false, omitBody: false), on: connection)
                    return
                }
            }
            let count = chunk.withUnsafeMutableBytes { read(connection, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            framer.append(chunk[0..<count])
        }
    }

    // MARK: - Routing

    private func respond(to request: FramedRequest) -> Reply {
        guard isAuthorized(request) else { return .problem(401, "a valid bearer token is required") }
        guard let route = Route(path: request.path) else { return .problem(404, "no such path: \(request.path)") }
        switch (request.method, route) {
        case ("GET", .authors): return listAuthors(limit: request.queryValue("limit"))
        case ("POST", .authors): return createAuthor(body: request.body)
        case ("GET", .author(let id)): return getAuthor(id: id)
        case ("GET", .books): return listBooks(writtenBy: request.queryValue("written_by"))
        case ("POST", .books): return createBook(body: request.body)
        case ("GET", .book(let id)): return getBook(id: id)
        case ("PATCH", .book(let id)): return renameBook(id: id, body: request.body)
        case ("DELETE", .book(let id)): return deleteBook(id: id)
        case ("GET", .reviews(let bookID)): return listReviews(bookID: bookID)
        case ("POST", .reviews(let bookID)): return createReview(bookID: bookID, body: request.body)
        case ("GET", .review(let bookID, let reviewID)): return getReview(bookID: bookID, reviewID: reviewID)
        default:
            var reply = Reply.problem(405, "\(request.method) is not allowed on \(request.path)")
            reply.headers.append(("Allow", route.methods.joined(separator: ", ")))
            return reply
        }
    }

    /// `Authorization: Bearer TOKEN` with this server's token (the scheme in any case).
    private func isAuthorized(_ request: FramedRequest) -> Bool {
        guard let value = request.header("authorization") else { return false }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        return parts.count == 2 && parts[0].lowercased() == "bearer"
            && parts[1].trimmingCharacters(in: .whitespaces) == token
    }

    // MARK: - Authors

    private func listAuthors(limit: String?) -> Reply {
        var count = 100
        if let limit {
            // The spec's deliberate gap: this 400 is not documented for listAuthors.
            guard let value = Int(limit), (1...100).contains(value) else {
                return .problem(400, "limit must be an integer from 1 to 100")
            }
            count = value
        }
        let authors = store.withLockedValue { store in store.authorOrder.prefix(count).compactMap { store.authors[$0] } }
        return Reply(status: 200, body: .object(["data": .array(authors.map(\.json))]))
    }

    private func createAuthor(body: [UInt8]) -> Reply {
        let author: Author
        do {
            let members = try BodyMembers(body)
            author = Author(
                id: UUID().uuidString.lowercased(),
                name: try members.requiredString("name", length: 1...80),
                born: try members.optionalInteger("born", in: 1000...2100),
                genre: try members.optionalChoice("genre", of: ["fiction", "history", "science"]))
        } catch {
            return .problem(400, error.message)
        }
        store.withLockedValue { store in
            store.authors[author.id] = author
            store.authorOrder.append(author.id)
        }
        return Reply(status: 201, body: author.json)
    }

    private func getAuthor(id: String) -> Reply {
        guard let author = store.withLockedValue({ $0.authors[id.lowercased()] }) else { return .problem(404, "no such author") }
        return Reply(status: 200, body: author.json)
    }

    // MARK: - Books

    private func listBooks(writtenBy: String?) -> Reply {
        let author = writtenBy?.lowercased()
        let books = store.withLockedValue { store in
            store.bookOrder.compactMap { store.books[$0] }.filter { author == nil || $0.authorID == author }
        }
        return Reply(status: 200, body: .array(books.map(\.json)))
    }

    private func createBook(body: [UInt8]) -> Reply {
        let book: Book
        do {
            let members = try BodyMembers(body)
            book = Book(
                id: UUID().uuidString.lowercased(),
                title: try members.requiredString("title", length: 1...200),
                authorID: try members.requiredUUID("author_id"),
                subtitle: try members.optionalString("subtitle", length: 0...200),
                pages: try members.optionalInteger("pages", in: 1...10000))
        } catch {
            return .problem(400, error.message)
        }
        if rejectsSubtitle && book.subtitle != nil {
            return .problem(400, "subtitles are not supported")
        }
        let created = store.withLockedValue { store in
            guard store.authors[book.authorID] != nil else { return false }
            store.books[book.id] = book
            store.bookOrder.append(book.id)
            return true
        }
        guard created else { return .problem(400, "no such author") }
        return Reply(status: 201, body: book.json)
    }

    private func getBook(id: String) -> Reply {
        guard let book = store.withLockedValue({ $0.books[id.lowercased()] }) else { return .problem(404, "no such book") }
        return Reply(status: 200, body: book.json)
    }

    private func renameBook(id: String, body: [UInt8]) -> Reply {
        let id = id.lowercased()
        // An unknown book is 404 whatever the body says.
        guard store.withLockedValue({ $0.books[id] != nil }) else { return .problem(404, "no such book") }
        let title: String
        do {
            title = try BodyMembers(body).requiredString("title", length: 1...200)
        } catch {
            return .problem(400, error.message)
        }
        let renamed = store.withLockedValue { store -> Book? in
            store.books[id]?.title = title
            return store.books[id]
        }
        guard let renamed else { return .problem(404, "no such book") }
        return Reply(status: 200, body: renamed.json)
    }

    private func deleteBook(id: String) -> Reply {
        let id = id.lowercased()
        let deleted = store.withLockedValue { store in
            guard store.books.removeValue(forKey: id) != nil else { return false }
            store.bookOrder.removeAll { $0 == id }
            for reviewID in store.reviewOrder.removeValue(forKey: id) ?? [] { store.reviews[reviewID] = nil }
            return true
        }
        return deleted ? Reply(status: 204, body: nil) : .problem(404, "no such book")
    }

    // MARK: - Reviews

    private func listReviews(bookID: String) -> Reply {
        let bookID = bookID.lowercased()
        let reviews = store.withLockedValue { store -> [Review]? in
            guard store.books[bookID] != nil else { return nil }
            return (store.reviewOrder[bookID] ?? []).compactMap { store.reviews[$0] }
        }
        guard let reviews else { return .problem(404, "no such book") }
        return Reply(status: 200, body: .object(["reviews": .array(reviews.map(\.json))]))
    }

    private func createReview(bookID: String, body: [UInt8]) -> Reply {
        let bookID = bookID.lowercased()
        guard store.withLockedValue({ $0.books[bookID] != nil }) else { return .problem(404, "no such book") }
        let stars: Int64
        let reviewerName: String?
        do {
            let members = try BodyMembers(body)
            stars = try members.requiredInteger("stars", in: 1...5)
            reviewerName = try members.optionalString("reviewer_name", length: 0...Int.max)
        } catch {
            return .problem(400, error.message)
        }
        let review = store.withLockedValue { store -> Review? in
            guard store.books[bookID] != nil else { return nil }
            store.lastReviewID += 1
            let review = Review(id: store.lastReviewID, bookID: bookID, stars: stars, reviewerName: reviewerName)
            store.reviews[review.id] = review
            store.reviewOrder[bookID, default: []].append(review.id)
            return review
        }
        guard let review else { return .problem(404, "no such book") }
        return Reply(status: 201, body: review.json)
    }

    private func getReview(bookID: String, reviewID: String) -> Reply {
        let bookID = bookID.lowercased()
        let found = store.withLockedValue { store -> Result<Review, Problem> in
            guard store.books[bookID] != nil else { return .failure(Problem("no such book")) }
            guard let id = Int64(reviewID), let review = store.reviews[id], review.bookID == bookID else {
                return .failure(Problem("no such review"))
            }
            return .success(review)
        }
        switch found {
        case .success(let review): return Reply(status: 200, body: review.json)
        case .failure(let problem): return .problem(404, problem.message)
        }
    }
}

// MARK: - Store

/// The server's records; lists answer in creation order.
private struct LibraryStore {
    var authors: [String: Author] = [:]
    var authorOrder: [String] = []
    var books: [String: Book] = [:]
    var bookOrder: [String] = []
    var reviews: [Int64: Review] = [:]
    /// Book id → its review ids, oldest first.
    var reviewOrder: [String: [Int64]] = [:]
    var lastReviewID: Int64 = 0
}

private struct Author {
    var id: String
    var name: String
    var born: Int64?
    var genre: String?

    var json: JSON {
        var object: JSONObject = ["id": .string(id), "name": .string(name)]
        if let born { object["born"] = .integer(born) }
        if let genre { object["genre"] = .string(genre) }
        return .object(object)
    }
}

private struct Book {
    var id: String
    var title: String
    var authorID: String
    var subtitle: String?
    var pages: Int64?

    var json: JSON {
        var object: JSONObject = ["id": .string(id), "title": .string(title), "author_id": .string(authorID)]
        if let subtitle { object["subtitle"] = .string(subtitle) }
        if let pages { object["pages"] = .integer(pages) }
        return .object(object)
    }
}

private struct Review {
    var id: Int64
    var bookID: String
    var stars: Int64
    var reviewerName: String?

    var json: JSON {
        var object: JSONObject = ["id": .integer(id), "book_id": .string(bookID), "stars": .integer(stars)]
        if let reviewerName { object["reviewer_name"] = .string(reviewerName) }
        return .object(object)
    }
}

// MARK: - Request bodies

/// Why a request is refused: the `message` of the Problem body.
private struct Problem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The members of a JSON object request body, read the way the spec's request schemas say;
/// each accessor throws the first rule its member breaks. Unknown members are ignored, as the
/// schemas (no `additionalProperties`) allow.
private struct BodyMembers {
    let object: JSONObject

    init(_ body: [UInt8]) throws(Problem) {
        guard !body.isEmpty else { throw Problem("the request needs a JSON object body") }
        let value: JSON
        do {
            value = try JSON.parse(body)
        } catch {
            throw Problem("the body is not JSON: \(error)")
        }
        guard case .object(let object) = value else { throw Problem("the body must be a JSON object") }
        self.object = object
    }

    func requiredString(_ name: String, length: ClosedRange<Int>) throws(Problem) -> String {
        guard let text = try optionalString(name, length: length) else { throw Problem("\(name) is required") }
        return text
    }

    /// JSON Schema counts length in code points.
    func optionalString(_ name: String, length: ClosedRange<Int>) throws(Problem) -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue else { throw Problem("\(name) must be a string") }
        guard length.contains(text.unicodeScalars.count) else {
            throw Problem("\(name) must be \(length.lowerBound) to \(length.upperBound) characters long")
        }
        return text
    }

    func requiredInteger(_ name: String, in range: ClosedRange<Int64>) throws(Problem) -> Int64 {
        guard let number = try optionalInteger(name, in: range) else { throw Problem("\(name) is required") }
        return number
    }

    /// An integer as JSON Schema has it: `5` and `5.0` alike.
    func optionalInteger(_ name: String, in range: ClosedRange<Int64>) throws(Problem) -> Int64? {
        guard let value = object[name] else { return nil }
        guard let number = value.integerValue else { throw Problem("\(name) must be an integer") }
        guard range.contains(number) else { throw Problem("\(name) must be from \(range.lowerBound) to \(range.upperBound)") }
        return number
    }

    func optionalChoice(_ name: String, of choices: [String]) throws(Problem) -> String? {
        guard let value = object[name] else { return nil }
        guard let text = value.stringValue, choices.contains(text) else {
            throw Problem("\(name) must be one of \(choices.joined(separator: ", "))")
        }
        return text
    }

    /// A uuid string (8-4-4-4-12 hex digits, any case), returned in lower case.
    func requiredUUID(_ name: String) throws(Problem) -> String {
        guard let value = object[name] else { throw Problem("\(name) is required") }
        guard let text = value.stringValue, Self.isUUID(text) else { throw Problem("\(name) must be a uuid") }
        return text.lowercased()
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
                else { return false }
            }
        }
        return true
    }
}

// MARK: - HTTP

/// The paths of the API; ids are percent-decoded path segments.
private enum Route {
    case authors
    case author(String)
    case books
    case book(String)
    case reviews(bookID: String)
    case review(bookID: String, reviewID: String)

    /// Nil for a path the API does not have.
    init?(path: String) {
        guard path.hasPrefix("/") else { return nil }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { segment in
            String(segment).removingPercentEncoding ?? String(segment)
        }
        guard !segments.contains(where: \.isEmpty) else { return nil }
        switch segments.count {
        case 1 where segments[0] == "authors": self = .authors
        case 2 where segments[0] == "authors": self = .author(segments[1])
        case 1 where segments[0] == "books": self = .books
        case 2 where segments[0] == "books": self = .book(segments[1])
        case 3 where segments[0] == "books" && segments[2] == "reviews": self = .reviews(bookID: segments[1])
        case 4 where segments[0] == "books" && segments[2] == "reviews": self = .review(bookID: segments[1], reviewID: segments[3])
        default: return nil
        }
    }

    /// The methods the spec documents for this path, for `Allow`.
    var methods: [String] {
        switch self {
        case .authors, .books, .reviews: return ["GET", "POST"]
        case .author, .review: return ["GET"]
        case .book: return ["GET", "PATCH", "DELETE"]
        }
    }
}

/// One request read off a connection.
private struct FramedRequest {
    var method: String
    /// The path of the request target, still percent-encoded.
    var path: String
    /// Query parameters in order, decoded.
    var query: [(name: String, value: String)]
    /// Header fields in order, names in lower case.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    var keepAlive: Bool

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// Splits the bytes of a connection into requests: a head up to the blank line, then exactly
/// Content-Length bytes of body. Chunked request bodies are refused (no client of this server
/// sends them).
private struct RequestFramer {
    enum Outcome {
        case incomplete
        case request(FramedRequest)
        /// The connection cannot go on: answer `status` with `message`, then close.
        case malformed(status: Int, message: String)
    }

    static let maxHeadBytes = 64 << 10
    static let maxBodyBytes = 4 << 20
    private static let headEnd: [UInt8] = Array("\r\n\r\n".utf8)

    private var pending: [UInt8] = []

    mutating func append(_ bytes: ArraySlice<UInt8>) { pending += bytes }

    /// The next complete request, removed from the buffer.
    mutating func next() -> Outcome {
        guard let end = pending.firstRange(of: Self.headEnd) else {
            return pending.count > Self.maxHeadBytes ? .malformed(status: 431, message: "the request head is too large") : .incomplete
        }
        let head = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, !requestLine[0].isEmpty, requestLine[1].hasPrefix("/"), requestLine[2].hasPrefix("HTTP/1.") else {
            return .malformed(status: 400, message: "a malformed request line")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                return .malformed(status: 400, message: "a malformed header line")
            }
            headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        if headers.contains(where: { $0.name == "transfer-encoding" }) {
            return .malformed(status: 400, message: "send request bodies with Content-Length")
        }
        let lengths = Set(headers.filter { $0.name == "content-length" }.map(\.value))
        var length = 0
        if let text = lengths.first {
            guard lengths.count == 1, !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text) else {
                return .malformed(status: 400, message: "a malformed Content-Length")
            }
            guard value <= Self.maxBodyBytes else { return .malformed(status: 413, message: "the body is too large") }
            length = value
        }
        let bodyStart = end.upperBound
        guard pending.count - bodyStart >= length else { return .incomplete }
        let body = Array(pending[bodyStart..<(bodyStart + length)])
        pending.removeSubrange(..<(bodyStart + length))

        let target = String(requestLine[1])
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        let connection = headers.first { $0.name == "connection" }?.value.lowercased()
        return .request(FramedRequest(
            method: String(requestLine[0]), path: String(target[..<pathEnd]),
            query: Self.queryItems(target[pathEnd...].dropFirst()), headers: headers, body: body,
            keepAlive: requestLine[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"))
    }

    /// `a=1&b=x%20y` → [(a, 1), (b, x y)]; `+` is a space, as forms encode it.
    private static func queryItems(_ query: Substring) -> [(name: String, value: String)] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }
}

/// One response: a status and a JSON body (none for 204).
private struct Reply {
    var status: Int
    var body: JSON?
    var headers: [(name: String, value: String)] = []

    init(status: Int, body: JSON?) {
        self.status = status
        self.body = body
    }

    /// The spec's Problem body; a 401 also names the scheme it wants.
    static func problem(_ status: Int, _ message: String) -> Reply {
        var reply = Reply(status: status, body: .object(["message": .string(message)]))
        if status == 401 { reply.headers.append(("WWW-Authenticate", "Bearer")) }
        return reply
    }

    func bytes(keepAlive: Bool, omitBody: Bool) -> [UInt8] {
        let payload = body?.serializedBytes() ?? []
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        if body != nil { head += "Content-Type: application/json\r\n" }
        if status != 204 { head += "Content-Length: \(payload.count)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8) + (omitBody ? [] : payload)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Content Too Large"
        case 431: return "Request Header Fields Too Large"
        default: return "Status \(status)"
        }
    }
}
