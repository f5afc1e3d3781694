// The one rule for secret names (`SensitiveNames`) and what it does to printed URLs: names
// *like* token, key, secret, password or signature are masked, in any spelling.
import Redaction
import XCTest

final class SensitiveNamesTests: XCTestCase {
    func testHeadersThatCarryCredentialsAreSensitive() {
        for name in ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "api-key",
                     "X-Auth-Token", "X-Amz-Signature", "X-Hub-Signature-256", "X-CSRF-Token", "authorization"] {
            XCTAssertTrue(SensitiveNames.contains(name), name)
        }
    }

    func testQueryParameterNamesLikeTokenKeySecretPasswordOrSignatureAreSensitive() {
        for name in ["token", "access_token", "api_key", "apiKey", "APIKEY", "apikey", "x-api-key", "client_secret",
                     "clientSecret", "sig", "signature", "X-Amz-Signature", "password", "passwd", "pwd", "auth",
                     "oauth", "auth_token", "refresh-token", "private_key", "keys", "tokens", "credentials", "key"] {
            XCTAssertTrue(SensitiveNames.contains(name), name)
        }
    }

    func testOrdinaryNamesStayReadable() {
        for name in ["Accept", "Content-Type", "User-Agent", "X-Request-Id", "Retry-After", "X-RateLimit-Reset",
                     "page", "items_per_page", "status", "user_id", "author_id", "keyboard", "sort_by", "design",
                     "assigned_agent_id", "channel_id", "from_time", ""] {
            XCTAssertFalse(SensitiveNames.contains(name), name)
        }
    }

    func testRedactedURLDropsUserinfoAndEverySensitiveQueryParameter() {
        XCTAssertEqual(
            redactedURL("http://user:pw@host:8080/v2/agents?page=2&api_key=k1&apiKey=k2&client_secret=s&sig=x&signature=y&password=p&items_per_page=5#top"),
            "http://host:8080/v2/agents?page=2&items_per_page=5#top")
        XCTAssertEqual(redactedURL("https://user@host/v2?x-api-key=k&access_token=t"), "https://host/v2")
        XCTAssertEqual(redactedURL("https://host/v2/agents?page=1"), "https://host/v2/agents?page=1", "nothing to remove")
        XCTAssertEqual(redactedURL("https://host/v2?TOKEN=t&Passwd=p&auth=a"), "https://host/v2", "names compare ignoring case")
    }
}
