// Headers mask their values by the one rule for secret names (`SensitiveNames`, module
// Redaction): the same names as printed URLs, never a list of their own.
import Curl
import Redaction
import XCTest

final class HTTPHeadersCredentialTests: XCTestCase {
    func testHeadersAndURLsShareTheRule() {
        for name in ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "api-key",
                     "X-Auth-Token", "X-Amz-Signature", "X-Hub-Signature-256", "X-CSRF-Token", "authorization",
                     "Accept", "Content-Type", "User-Agent", "X-Request-Id", "Retry-After", "X-RateLimit-Reset"] {
            XCTAssertEqual(HTTPHeaders.isCredential(name: name), SensitiveNames.contains(name), name)
        }
    }

    func testHeaderDescriptionsMaskEveryCredential() {
        let headers: HTTPHeaders = ["Accept": "application/json", "X-Auth-Token": "s3cr3t", "Cookie": "sid=s3cr3t"]
        XCTAssertEqual(headers.description, "Accept: application/json\nX-Auth-Token: ***\nCookie: ***")
    }
}
