// Joins a rendered step with the target: base URL, bearer token, default headers. A header
// the step sets to an empty value is removed (that is how a scenario sends no token).
import Curl
import Scenario

enum RequestBuilder {
    static func request(for rendered: RenderedRequest, target: ContractTarget) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.append(name: "Accept", value: "application/json")
        if let token = target.token { headers.append(name: "Authorization", value: "Bearer \(token)") }
        for field in rendered.headers {
            if field.value.isEmpty {
                headers.remove(named: field.name)
            } else {
                headers.set(name: field.name, value: field.value)
            }
        }
        return HTTPRequest(method: rendered.method, url: target.baseURL + rendered.pathAndQuery, headers: headers,
                           body: rendered.body)
    }

    /// The URL as reports show it: no userinfo, no credential-looking query values.
    static func displayURL(_ url: String) -> String {
        redactedURL(url)
    }
}
