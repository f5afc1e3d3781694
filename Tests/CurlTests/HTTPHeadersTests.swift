// Header fields keep their order, look up case-insensitively, and never print secrets.
import Curl
import XCTest

final class HTTPHeadersTests: XCTestCase {
    func testLookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Multi": "1"]
        headers.append(name: "x-multi", value: "2")
        XCTAssertEqual(headers["content-type"], "application/json")
        XCTAssertEqual(headers["CONTENT-TYPE"], "application/json")
        XCTAssertEqual(headers.values(named: "X-MULTI"), ["1", "2"])
        XCTAssertEqual(headers.fields.map(\.name), ["Content-Type", "X-Multi", "x-multi"])
        XCTAssertNil(headers["missing"])
        XCTAssertEqual(headers.count, 3)
    }

    func testSetReplacesEveryOccurrenceAndRemoveDropsThem() {
        var headers = HTTPHeaders([(name: "A", value: "1"), (name: "b", value: "2"), (name: "a", value: "3")])
        headers.set(name: "a", value: "9")
        XCTAssertEqual(headers.fields, [HTTPHeader(name: "A", value: "9"), HTTPHeader(name: "b", value: "2")])
        headers.remove(named: "B")
        XCTAssertEqual(headers.fields, [HTTPHeader(name: "A", value: "9")])
        headers.set(name: "c", value: "new")
        XCTAssertEqual(headers["C"], "new")
    }

    func testDescriptionHidesCredentialValues() {
        let headers: HTTPHeaders = ["Authorization": "Bearer top-secret", "Cookie": "sid=abc", "Accept": "text/plain"]
        XCTAssertFalse(headers.description.contains("top-secret"))
        XCTAssertFalse(headers.description.contains("sid=abc"))
        XCTAssertTrue(headers.description.contains("Authorization: ***"))
        XCTAssertTrue(headers.description.contains("Accept: text/plain"))
    }

    func testRequestDescriptionDropsUserinfoAndSecretQueryParameters() {
        let request = HTTPRequest(method: "DELETE", url: "https://u:p@api.example.com/v2/x?Token=t&keep=1&api_key=k")
        XCTAssertEqual(request.description, "DELETE https://api.example.com/v2/x?keep=1")
        XCTAssertEqual(HTTPRequest(url: "https://api.example.com/v2/x?token=t").description, "GET https://api.example.com/v2/x")
        XCTAssertEqual(HTTPRequest(url: "https://api.example.com/a@b/c").description, "GET https://api.example.com/a@b/c")
    }
}
