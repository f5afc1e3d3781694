// TLS verification is on unless a caller turns it off: a self-signed server is refused with a
// typed TLS error, and accepted only with `verifyTLS: false` (the CLI's --insecure).
// The server is `openssl s_server` with a certificate made for the test; without openssl these
// tests fail (make deps installs it).
import Curl
import Foundation
import XCTest

final class TLSTests: XCTestCase {
    private var client: CurlClient!
    private var server: Process?
    private var certificate: SelfSignedCertificate?

    override func setUp() {
        client = CurlClient()
    }

    override func tearDown() {
        client.multi.shutdown()
        // SIGKILL: a child of the test process may start with SIGTERM blocked (the mask is
        // inherited across exec), and s_server would then never exit.
        if let server, server.isRunning {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        certificate?.remove()
    }

    func testASelfSignedCertificateIsATLSErrorByDefault() async throws {
        let url = try await startSelfSignedServer()
        do {
            _ = try await client.perform(HTTPRequest(url: url), options: TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(5)))
            XCTFail("a self-signed certificate must not be trusted by default")
        } catch {
            guard case .tls(let failedURL, _) = error else { return XCTFail("expected a TLS error, got \(error)") }
            XCTAssertEqual(failedURL, url)
        }
    }

    func testVerificationCanBeTurnedOffExplicitly() async throws {
        let url = try await startSelfSignedServer()
        var options = TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(5))
        options.verifyTLS = false
        let response = try await client.perform(HTTPRequest(url: url), options: options)
        XCTAssertEqual(response.status, 200)
        XCTAssertGreaterThan(response.timings.tlsMicroseconds, 0, "the TLS handshake is timed")
        XCTAssertLessThanOrEqual(response.timings.tlsMicroseconds, response.timings.totalMicroseconds)
    }

    /// A certificate for localhost and `openssl s_server -www` on a free loopback port.
    private func startSelfSignedServer() async throws -> String {
        let certificate = try SelfSignedCertificate.make()
        self.certificate = certificate
        let port = try await LoopbackServer.closedPort()
        let serve = Process()
        serve.executableURL = URL(fileURLWithPath: try SelfSignedCertificate.openssl())
        serve.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate.certificatePath,
                           "-key", certificate.keyPath, "-www", "-quiet"]
        serve.standardOutput = FileHandle.nullDevice
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        server = serve
        // Wait until it accepts connections (bounded: 5 s).
        var insecure = TransferOptions(connectTimeout: .seconds(1), timeout: .seconds(2))
        insecure.verifyTLS = false
        let url = "https://127.0.0.1:\(port)/"
        for _ in 0..<100 {
            do {
                _ = try await client.perform(HTTPRequest(url: url), options: insecure)
                return url
            } catch {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        XCTFail("openssl s_server did not start on port \(port)")
        return url
    }
}
