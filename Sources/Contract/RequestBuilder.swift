// Turns a rendered step into the Curl request a contract run sends, joining it with the target
// by the one rule both runners share (`RequestTarget`: base URL, Accept, bearer token, and a
// step header set to "" removed — that is how a scenario sends no token).
import Curl
import Redaction
import Scenario

enum RequestBuilder {
    static func request(for rendered: RenderedRequest, target: ContractTarget) -> HTTPRequest {
        let requestTarget = RequestTarget(baseURL: target.baseURL, token: target.token)
        return HTTPRequest(
            method: rendered.method, url: requestTarget.url(for: rendered),
            headers: HTTPHeaders(requestTarget.headerFields(for: rendered.headers)), body: rendered.body)
    }

    /// The URL as reports show it: no userinfo, no credential-looking query values.
    static func displayURL(_ url: String) -> String {
        redactedURL(url)
    }
}
