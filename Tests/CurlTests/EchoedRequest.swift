// Reads the loopback server's JSON echo of a request, for assertions.
import Curl
import Foundation
import XCTest

/// What the loopback server saw of a request.
struct EchoedRequest {
    var method: String
    var path: String
    var headers: [(name: String, value: String)]
    var body: String

    /// The first value of header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Decodes the echo in `response`'s body; fails the test if it is not one.
    static func decode(_ response: HTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> EchoedRequest {
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let pairs = object?["headers"] as? [[String]]
        guard let object, let pairs,
              let method = object["method"] as? String, let path = object["path"] as? String,
              let body = object["body"] as? String else {
            XCTFail("not an echo: \(String(decoding: response.body, as: UTF8.self))", file: file, line: line)
            throw EchoDecodingError()
        }
        let headers = pairs.compactMap { pair in pair.count == 2 ? (name: pair[0], value: pair[1]) : nil }
        return EchoedRequest(method: method, path: path, headers: headers, body: body)
    }
}

struct EchoDecodingError: Error {}
