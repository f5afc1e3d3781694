// One libcurl easy handle, reused transfer after transfer: applies a request's settings,
// collects the response through C callbacks, and turns the outcome into a Result.
import CCurl
import Quantities

/// What a Multi calls when a transfer ends.
typealias TransferCompletion = @Sendable (Result<HTTPResponse, CurlError>) -> Void

/// One easy handle and the state of the transfer it carries. Confined to the loop thread.
///
/// Reuse is what keeps a load run cheap: the handle keeps every option between transfers, so a
/// request equal to the previous one on this handle (the common case in a load run) costs no
/// setopt call at all. Options are therefore always set as a complete set, never partially.
final class Easy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var requestHeaderList: UnsafeMutablePointer<curl_slist>?
    // Unchecked exclusivity on the per-transfer state: only the loop thread touches an Easy and
    // no access overlaps another, so the runtime check would be pure cost, several times a transfer.

    /// The request and options the handle is configured for; valid when `isConfigured`.
    /// Kept also for the transfer in flight: its URL names it in errors.
    @exclusivity(unchecked) private var request = HTTPRequest(url: "")
    @exclusivity(unchecked) private var options = TransferOptions()
    private var isConfigured = false

    // The transfer in flight.
    @exclusivity(unchecked) var completion: TransferCompletion?
    var isActive = false
    /// The response body so far, filled by libcurl's write callback.
    @exclusivity(unchecked) fileprivate var body = ReceiveBuffer()
    /// The header lines of the latest response, as received (decoded only if someone reads them).
    @exclusivity(unchecked) fileprivate var headerLines = ReceiveBuffer()

    init?() {
        guard CurlGlobal.isInitialized, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        // Settings that never change for this handle; set once.
        let context = Unmanaged.passUnretained(self).toOpaque()
        ccurl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context)
        ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        ccurl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { bytes, size, count, context in
            let length = size * count
            guard let bytes, let context else { return length }
            // Guaranteed reference: the pool keeps the Easy alive, so no retain/release per call.
            Unmanaged<Easy>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.body.append(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return length
        }
        ccurl_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION) { bytes, size, count, context in
            let length = size * count
            guard let bytes, let context else { return length }
            Unmanaged<Easy>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.receiveHeaderLine(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return length
        }
        ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        // No signals: we run on our own thread, and the threaded resolver needs no SIGALRM.
        ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(requestHeaderList)
        errorBuffer.deallocate()
    }

    /// Configures the handle for `request`; an error means the request cannot be sent as given.
    func prepare(_ request: HTTPRequest, options: TransferOptions) -> CurlError? {
        errorBuffer[0] = 0
        if isConfigured, self.request == request, self.options == options {
            return nil
        }
        self.request = request
        self.options = options
        do {
            try configure(request, options)
        } catch {
            isConfigured = false
            return error
        }
        isConfigured = true
        return nil
    }

    /// The outcome of the transfer that just ended with `code`; clears it for the next one.
    func finish(code: CURLcode) -> Result<HTTPResponse, CurlError> {
        defer {
            headerLines.removeAll()
            body.removeAll()
        }
        guard code == CURLE_OK else {
            let message = String(cString: errorBuffer)
            let elapsed = Duration.microseconds(infoOffset(CURLINFO_TOTAL_TIME_T))
            let connected = infoOffset(CURLINFO_CONNECT_TIME_T) > 0
            return .failure(.from(code: code, message: message, url: request.url, elapsed: elapsed, connected: connected))
        }
        var effectiveURL = request.url
        if options.followRedirects, infoLong(CURLINFO_REDIRECT_COUNT) > 0 {
            effectiveURL = infoString(CURLINFO_EFFECTIVE_URL) ?? request.url
        }
        return .success(HTTPResponse(
            status: infoLong(CURLINFO_RESPONSE_CODE),
            headers: HTTPHeaders(wireLines: headerLines.bytes()),
            body: body.bytes(),
            httpVersion: httpVersion(curlValue: infoLong(CURLINFO_HTTP_VERSION)),
            timings: TransferTimings(
                dnsMicroseconds: infoOffset(CURLINFO_NAMELOOKUP_TIME_T),
                connectMicroseconds: infoOffset(CURLINFO_CONNECT_TIME_T),
                tlsMicroseconds: infoOffset(CURLINFO_APPCONNECT_TIME_T),
                firstByteMicroseconds: infoOffset(CURLINFO_STARTTRANSFER_TIME_T),
                totalMicroseconds: infoOffset(CURLINFO_TOTAL_TIME_T),
                newConnection: infoLong(CURLINFO_NUM_CONNECTS) > 0
            ),
            effectiveURL: effectiveURL
        ))
    }

    /// The outcome of a transfer stopped because the Multi shut down; clears it for the next one.
    func finishCancelled() -> Result<HTTPResponse, CurlError> {
        headerLines.removeAll()
        body.removeAll()
        return .failure(.cancelled(url: redactedURL(request.url)))
    }

    // MARK: Configuring

    private func configure(_ request: HTTPRequest, _ options: TransferOptions) throws(CurlError) {
        try checkSendable(request)
        try setString(CURLOPT_URL, request.url)
        try configureMethod(request)
        try configureHeaders(request)
        let version: Int
        switch options.httpVersion {
        case .http1_1: version = CURL_HTTP_VERSION_1_1
        case .http2: version = CURL_HTTP_VERSION_2TLS
        case .http2PriorKnowledge: version = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE
        }
        try setLong(CURLOPT_HTTP_VERSION, version)
        // Old libcurl breaks reused h2c connections (see LibcurlRuntime): one connection each then.
        let needsOwnConnection = options.httpVersion == .http2PriorKnowledge && !LibcurlRuntime.reusesPriorKnowledgeConnections
        try setLong(CURLOPT_FRESH_CONNECT, needsOwnConnection ? 1 : 0)
        try setLong(CURLOPT_FORBID_REUSE, needsOwnConnection ? 1 : 0)
        // With HTTP/2, wait for a connection that can multiplex instead of opening one per stream.
        try setLong(CURLOPT_PIPEWAIT, options.httpVersion == .http1_1 || needsOwnConnection ? 0 : 1)
        try setLong(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0)
        try setLong(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0)
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.clampedMilliseconds)
        try setLong(CURLOPT_TIMEOUT_MS, options.timeout.clampedMilliseconds)
        try setLong(CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0)
        try setLong(CURLOPT_MAXREDIRS, 10)
        try setString(CURLOPT_USERAGENT, options.userAgent)
    }

    /// Chooses the method; every method-related option is set so nothing leaks from the last request.
    private func configureMethod(_ request: HTTPRequest) throws(CurlError) {
        let method = request.method
        try setString(CURLOPT_CUSTOMREQUEST, nil)
        if method == "HEAD" {
            try setLong(CURLOPT_NOBODY, 1)
            return
        }
        try setLong(CURLOPT_NOBODY, 0)
        if let body = request.body {
            try setOffset(CURLOPT_POSTFIELDSIZE_LARGE, body.count)
            // COPYPOSTFIELDS copies the bytes, so the handle never points into Swift storage.
            let code = body.withUnsafeBytes { bytes in
                "".withCString { empty in
                    let start = bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                        ?? UnsafeMutableRawPointer(mutating: empty)
                    return ccurl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, start)
                }
            }
            try check(code)
            if method != "POST" {
                try setString(CURLOPT_CUSTOMREQUEST, method)
            }
        } else if method == "POST" {
            try setOffset(CURLOPT_POSTFIELDSIZE_LARGE, 0)
            try setString(CURLOPT_COPYPOSTFIELDS, "")
        } else {
            try setLong(CURLOPT_HTTPGET, 1)
            if method != "GET" {
                try setString(CURLOPT_CUSTOMREQUEST, method)
            }
        }
    }

    private func configureHeaders(_ request: HTTPRequest) throws(CurlError) {
        var list: UnsafeMutablePointer<curl_slist>?
        func append(_ line: String) throws(CurlError) {
            guard let longer = curl_slist_append(list, line) else {
                curl_slist_free_all(list)
                throw CurlError.other(url: redactedURL(request.url), code: Int(CURLE_OUT_OF_MEMORY.rawValue),
                                      detail: "out of memory building the request headers")
            }
            list = longer
        }
        for field in request.headers {
            // "Name;" is libcurl's way to send a header with an empty value ("Name:" would remove it).
            try append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if request.body != nil, !request.headers.contains(named: "Expect") {
            // A body over 1 KB would otherwise wait for "100 Continue", a round trip per request.
            try append("Expect:")
        }
        let code = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        guard code == CURLE_OK else {
            curl_slist_free_all(list)
            throw settingError(code)
        }
        // The handle points at the new list now; only then may the old one go.
        curl_slist_free_all(requestHeaderList)
        requestHeaderList = list
    }

    /// Rejects what would corrupt the request on the wire (line breaks let a value inject headers).
    private func checkSendable(_ request: HTTPRequest) throws(CurlError) {
        func isSafe(_ text: String, allowSpace: Bool) -> Bool {
            !text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 || (!allowSpace && ($0 == 0x20 || $0 == 0x09)) }
        }
        let url = redactedURL(request.url)
        guard !request.method.isEmpty, isSafe(request.method, allowSpace: false) else {
            throw CurlError.invalidRequest(url: url, detail: "the method \"\(request.method)\" is not an HTTP token")
        }
        for field in request.headers {
            guard !field.name.isEmpty, isSafe(field.name, allowSpace: false), !field.name.utf8.contains(UInt8(ascii: ":")) else {
                throw CurlError.invalidRequest(url: url, detail: "the header name \"\(field.name)\" is not an HTTP token")
            }
            guard isSafe(field.value, allowSpace: true) else {
                throw CurlError.invalidRequest(url: url, detail: "the value of header \(field.name) contains a line break or NUL")
            }
        }
    }

    private func setLong(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(ccurl_easy_setopt_long(handle, option, value))
    }

    private func setOffset(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(ccurl_easy_setopt_off_t(handle, option, curl_off_t(value)))
    }

    private func setString(_ option: CURLoption, _ value: String?) throws(CurlError) {
        guard let value else {
            try check(ccurl_easy_setopt_string(handle, option, nil))
            return
        }
        try check(value.withCString { ccurl_easy_setopt_string(handle, option, $0) })
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else { throw settingError(code) }
    }

    private func settingError(_ code: CURLcode) -> CurlError {
        .other(url: redactedURL(request.url), code: Int(code.rawValue),
               detail: "libcurl rejected the transfer's settings: \(curlDescription(of: code))")
    }

    // MARK: Receiving

    /// Keeps the header lines of the latest response: a status line starts a new response
    /// (after 1xx or a followed redirect), so it discards the lines collected so far.
    fileprivate func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        if line.count >= 5, line[0] == UInt8(ascii: "H"), line[1] == UInt8(ascii: "T"), line[2] == UInt8(ascii: "T"),
           line[3] == UInt8(ascii: "P"), line[4] == UInt8(ascii: "/") {
            headerLines.removeAll()
            return
        }
        if line.count <= 2 { return }  // the blank line that ends the block
        headerLines.append(line)
    }

    private func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        ccurl_easy_getinfo_long(handle, info, &value)
        return value
    }

    private func infoOffset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        ccurl_easy_getinfo_off_t(handle, info, &value)
        return Int64(value)
    }

    private func infoString(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        ccurl_easy_getinfo_string(handle, info, &value)
        return value.map { String(cString: $0) }
    }
}

/// The HTTPVersion for libcurl's CURLINFO_HTTP_VERSION value.
private func httpVersion(curlValue: Int) -> HTTPVersion {
    switch curlValue {
    case CURL_HTTP_VERSION_1_0: return .http1_0
    case CURL_HTTP_VERSION_1_1: return .http1_1
    case CURL_HTTP_VERSION_2_0: return .http2
    case CURL_HTTP_VERSION_3: return .http3
    default: return .unknown(curlValue)
    }
}
