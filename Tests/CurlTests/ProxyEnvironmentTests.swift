// The proxy variables decide whether a handle may tell libcurl "no proxy" once, instead of
// libcurl reading them on every transfer; the rule must match what libcurl itself would use.
@testable import Curl
import XCTest

final class ProxyEnvironmentTests: XCTestCase {
    private func environment(_ variables: [String: String]) -> ProxyEnvironment {
        ProxyEnvironment { variables[$0] }
    }

    func testAnEmptyEnvironmentNamesNoProxy() {
        XCTAssertFalse(environment([:]).namesAProxy)
    }

    func testEachVariableLibcurlReadsNamesAProxy() {
        for name in ["http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
            XCTAssertTrue(environment([name: "http://proxy.example:3128"]).namesAProxy, name)
        }
    }

    func testUpperCaseHTTPProxyIsIgnoredAsLibcurlIgnoresIt() {
        XCTAssertFalse(environment(["HTTP_PROXY": "http://proxy.example:3128"]).namesAProxy)
    }

    func testEmptyValuesAndNoProxyAloneNameNoProxy() {
        XCTAssertFalse(environment(["http_proxy": "", "ALL_PROXY": "", "no_proxy": "*", "NO_PROXY": "localhost"]).namesAProxy)
    }
}
