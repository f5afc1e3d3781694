// One libcurl easy handle, reused transfer after transfer: applies a prepared request,
// collects what the transfer needs through C callbacks, and reads the outcome.
import CCurl
import Quantities
import Redaction

/// What a Multi calls when a transfer ends.
typealias TransferCompletion = @Sendable (Result<HTTPResponse, CurlError>) -> Void

/// One easy handle and the state of the transfer it carries. Confined to its loop's thread.
///
/// Reuse is what keeps a load run cheap: the handle keeps every option between transfers, so a
/// transfer of the same `PreparedRequest` as the previous one on this handle sets no option.
/// Options are therefore always set as a complete set, never partially.
final class Easy {
    /// Who receives the outcome of the transfer in flight.
    enum Recipient {
        case none
        /// A Multi submission: a full `HTTPResponse` goes to the closure.
        case completion(TransferCompletion)
        /// A driver's transfer: a `FinishedTransfer` carrying this tag goes to the loop's driver.
        case driver(tag: Int)
    }

    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The request the handle is fully configured for, nil after a failed configuration.
    private(set) var configured: PreparedRequest?
    /// The header list set on the handle: held so that it lives as long as libcurl may read it.
    private var headerListInUse: HeaderList?
    /// The last `HTTPRequest` a Multi submission configured, to skip preparing an equal one again.
    private var configuredSubmission: (request: HTTPRequest, options: TransferOptions)?

    // The transfer in flight. Unchecked exclusivity: only the loop thread touches an Easy and
    // no access overlaps another, so the runtime check would be pure cost several times a transfer.
    @exclusivity(unchecked) var recipient: Recipient = .none
    @exclusivity(unchecked) var intendedStart: UInt64 = 0
    @exclusivity(unchecked) var startedAt: UInt64 = 0
    var isActive = false
    /// The ticket of a cancellable Multi submission, to find its handle when it is cancelled.
    var ticket: TransferTicket?
    /// Which of the loop's multi handles the transfer in flight was added to.
    var multiIndex = 0
    /// Whether the body is kept; otherwise the write callback only lets it pass.
    private var retainsBody = false
    /// The longest body kept in memory; a longer one fails the transfer.
    private var bodyLimit = Int.max
    /// libcurl's built-in CA bundle (CURLINFO_CAINFO), to return to after a custom one.
    private var defaultCAInfo: String?
    /// Whether CURLOPT_CAINFO currently names a custom file.
    private var customCAApplied = false
    /// Set when the write callback refused a body over `bodyLimit`.
    private var bodyLimitExceeded = false
    /// Body bytes of the transfer in flight so far, kept or not.
    @exclusivity(unchecked) private var bodyBytesReceived = 0
    /// The response body so far, filled by libcurl's write callback when retained.
    @exclusivity(unchecked) fileprivate var body = ReceiveBuffer()

    init?() {
        guard CurlGlobal.isInitialized, let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        // Settings that never change for this handle; set once.
        let context = Unmanaged.passUnretained(self).toOpaque()
        ccurl_easy_setopt_pointer(handle, CURLOPT_PRIVATE, context)
        ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        ccurl_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION) { bytes, size, count, context in
            let length = size * count
            guard let bytes, let context else { return length }
            // Guaranteed reference: the pool keeps the Easy alive, so no retain/release per call.
            return Unmanaged<Easy>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.receiveBody(UnsafeRawBufferPointer(start: bytes, count: length))
            }
        }
        // No header callback: libcurl keeps every response header for its header API anyway,
        // and a transfer reads them from there only when it needs them (a 429's Retry-After).
        ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        // No signals: we run on our own thread, and the threaded resolver needs no SIGALRM.
        ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        if !ProxyEnvironment.current.namesAProxy {
            // Said explicitly, so that libcurl does not look the variables up again on every
            // transfer (five or six getenv calls, about 1,800 instructions per request).
            ccurl_easy_setopt_string(handle, CURLOPT_PROXY, "")
            ccurl_easy_setopt_string(handle, CURLOPT_NOPROXY, "")
        }
        defaultCAInfo = infoString(CURLINFO_CAINFO)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    // MARK: Configuring

    /// Configures the handle for a Multi submission; an error means it cannot be sent as given.
    func prepare(_ request: HTTPRequest, options: TransferOptions) -> CurlError? {
        if let configuredSubmission, configured != nil,
           configuredSubmission.request == request, configuredSubmission.options == options {
            errorBuffer[0] = 0
            retainsBody = true
            return nil
        }
        do {
            let prepared = try PreparedRequest(request, options: options)
            if let error = prepare(prepared, retainBody: true) { return error }
            configuredSubmission = (request, options)
            return nil
        } catch {
            return error
        }
    }

    /// Configures the handle for `prepared`; nothing is set when it is already configured for it.
    func prepare(_ prepared: PreparedRequest, retainBody: Bool) -> CurlError? {
        errorBuffer[0] = 0
        retainsBody = retainBody
        if configured === prepared { return nil }
        configuredSubmission = nil
        do {
            try configure(prepared)
        } catch {
            configured = nil
            return error
        }
        return nil
    }

    private func configure(_ prepared: PreparedRequest) throws(CurlError) {
        let options = prepared.options
        try setString(CURLOPT_URL, prepared.url, for: prepared)
        try configureMethod(prepared)
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, prepared.headerList.list), for: prepared)
        // The handle points at the new list now; only then may the old list go.
        headerListInUse = prepared.headerList
        let version: Int
        switch options.httpVersion {
        case .http1_1: version = CURL_HTTP_VERSION_1_1
        case .http2: version = CURL_HTTP_VERSION_2TLS
        case .http2PriorKnowledge: version = CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE
        }
        try setLong(CURLOPT_HTTP_VERSION, version, for: prepared)
        // Old libcurl breaks reused h2c connections (see LibcurlRuntime): one connection each then.
        let needsOwnConnection = options.httpVersion == .http2PriorKnowledge && !LibcurlRuntime.reusesPriorKnowledgeConnections
        try setLong(CURLOPT_FRESH_CONNECT, needsOwnConnection ? 1 : 0, for: prepared)
        try setLong(CURLOPT_FORBID_REUSE, needsOwnConnection ? 1 : 0, for: prepared)
        // With HTTP/2, wait for a connection that can multiplex instead of opening one per stream.
        try setLong(CURLOPT_PIPEWAIT, options.httpVersion == .http1_1 || needsOwnConnection ? 0 : 1, for: prepared)
        try setLong(CURLOPT_SSL_VERIFYPEER, options.verifyTLS ? 1 : 0, for: prepared)
        try setLong(CURLOPT_SSL_VERIFYHOST, options.verifyTLS ? 2 : 0, for: prepared)
        if options.caCertificatesPath != nil || customCAApplied {
            // Set only once a custom file is asked for, and back to libcurl's own default after.
            try setString(CURLOPT_CAINFO, options.caCertificatesPath ?? defaultCAInfo, for: prepared)
            customCAApplied = options.caCertificatesPath != nil
        }
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.clampedMilliseconds, for: prepared)
        try setLong(CURLOPT_TIMEOUT_MS, options.timeout.clampedMilliseconds, for: prepared)
        try setLong(CURLOPT_FOLLOWLOCATION, options.followRedirects ? 1 : 0, for: prepared)
        try setLong(CURLOPT_MAXREDIRS, 10, for: prepared)
        // The User-Agent is a line of the header list (see HeaderList), so CURLOPT_USERAGENT stays unset.
        // A declared length over the limit fails before a byte is read; the write callback
        // enforces it for bodies of unknown length (chunked), which this libcurl lets through.
        try check(ccurl_easy_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBodyBytes)), for: prepared)
        bodyLimit = options.maxResponseBodyBytes
        configured = prepared
    }

    /// Chooses the method; every method-related option is set so nothing leaks from the last request.
    private func configureMethod(_ prepared: PreparedRequest) throws(CurlError) {
        let method = prepared.method
        try setString(CURLOPT_CUSTOMREQUEST, nil, for: prepared)
        if method == "HEAD" {
            try setLong(CURLOPT_NOBODY, 1, for: prepared)
            return
        }
        try setLong(CURLOPT_NOBODY, 0, for: prepared)
        if let body = prepared.body {
            try check(ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), for: prepared)
            // COPYPOSTFIELDS copies the bytes, so the handle never points into Swift storage.
            let code = body.withUnsafeBytes { bytes in
                "".withCString { empty in
                    let start = bytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                        ?? UnsafeMutableRawPointer(mutating: empty)
                    return ccurl_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, start)
                }
            }
            try check(code, for: prepared)
            if method != "POST" {
                try setString(CURLOPT_CUSTOMREQUEST, method, for: prepared)
            }
        } else if method == "POST" {
            try check(ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, 0), for: prepared)
            try setString(CURLOPT_COPYPOSTFIELDS, "", for: prepared)
        } else {
            try setLong(CURLOPT_HTTPGET, 1, for: prepared)
            if method != "GET" {
                try setString(CURLOPT_CUSTOMREQUEST, method, for: prepared)
            }
        }
    }

    private func setLong(_ option: CURLoption, _ value: Int, for prepared: PreparedRequest) throws(CurlError) {
        try check(ccurl_easy_setopt_long(handle, option, value), for: prepared)
    }

    private func setString(_ option: CURLoption, _ value: String?, for prepared: PreparedRequest) throws(CurlError) {
        guard let value else {
            try check(ccurl_easy_setopt_string(handle, option, nil), for: prepared)
            return
        }
        try check(value.withCString { ccurl_easy_setopt_string(handle, option, $0) }, for: prepared)
    }

    private func check(_ code: CURLcode, for prepared: PreparedRequest) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError.other(url: redactedURL(prepared.url), code: Int(code.rawValue),
                                  detail: "libcurl rejected the transfer's settings: \(curlDescription(of: code))")
        }
    }

    // MARK: Outcomes

    /// The URL of the configured request, for errors.
    private var url: String { configured?.url ?? "" }

    /// The outcome of the transfer that just ended with `code`, as a Multi submission wants it.
    func response(code: CURLcode) -> Result<HTTPResponse, CurlError> {
        if let error = error(code: code) { return .failure(error) }
        var effectiveURL = url
        if configured?.options.followRedirects == true, infoLong(CURLINFO_REDIRECT_COUNT) > 0 {
            effectiveURL = infoString(CURLINFO_EFFECTIVE_URL) ?? url
        }
        return .success(HTTPResponse(
            status: infoLong(CURLINFO_RESPONSE_CODE),
            headers: responseHeaders(),
            body: body.bytes(),
            httpVersion: httpVersion(curlValue: infoLong(CURLINFO_HTTP_VERSION)),
            timings: timings(),
            effectiveURL: effectiveURL
        ))
    }

    /// The outcome of the transfer that just ended with `code`, as a driver wants it: no body
    /// or headers unless retained (headers of a 429 or 503 always, for Retry-After).
    func finishedTransfer(code: CURLcode, tag: Int, finishedAt: UInt64) -> FinishedTransfer {
        let error = error(code: code)
        let status = error == nil ? infoLong(CURLINFO_RESPONSE_CODE) : nil
        let keepHeaders = error == nil && (retainsBody || status == 429 || status == 503)
        return FinishedTransfer(
            tag: tag, status: status, error: error,
            intendedStart: intendedStart, startedAt: startedAt, finishedAt: finishedAt,
            timings: timings(),
            bytesReceived: Int(infoOffset(CURLINFO_SIZE_DOWNLOAD_T)) + infoLong(CURLINFO_HEADER_SIZE),
            bytesSent: infoLong(CURLINFO_REQUEST_SIZE) + Int(infoOffset(CURLINFO_SIZE_UPLOAD_T)),
            body: error == nil && retainsBody ? body.bytes() : nil,
            headers: keepHeaders ? responseHeaders() : nil)
    }

    /// The outcome of a transfer stopped before it ended (shutdown or cancellation).
    func cancelledError() -> CurlError {
        .cancelled(url: redactedURL(url))
    }

    /// Forgets the transfer's received bytes; the handle is ready for the next one.
    func clearTransfer() {
        body.removeAll()
        bodyLimitExceeded = false
        bodyBytesReceived = 0
        recipient = .none
        ticket = nil
        isActive = false
    }

    private func error(code: CURLcode) -> CurlError? {
        guard code != CURLE_OK else { return nil }
        if bodyLimitExceeded || code == CURLE_FILESIZE_EXCEEDED {
            return .responseTooLarge(url: redactedURL(url), limit: bodyLimit)
        }
        let message = String(cString: errorBuffer)
        let elapsed = Duration.microseconds(infoOffset(CURLINFO_TOTAL_TIME_T))
        let connected = infoOffset(CURLINFO_CONNECT_TIME_T) > 0
        let sentRequest = infoLong(CURLINFO_REQUEST_SIZE) > 0
        return .from(code: code, message: message, url: url, elapsed: elapsed, connected: connected, sentRequest: sentRequest)
    }

    private func timings() -> TransferTimings {
        TransferTimings(
            dnsMicroseconds: infoOffset(CURLINFO_NAMELOOKUP_TIME_T),
            connectMicroseconds: infoOffset(CURLINFO_CONNECT_TIME_T),
            tlsMicroseconds: infoOffset(CURLINFO_APPCONNECT_TIME_T),
            firstByteMicroseconds: infoOffset(CURLINFO_STARTTRANSFER_TIME_T),
            totalMicroseconds: infoOffset(CURLINFO_TOTAL_TIME_T),
            newConnection: infoLong(CURLINFO_NUM_CONNECTS) > 0
        )
    }

    // MARK: Receiving

    /// Keeps body bytes when retained; enforces the limit either way, so a body over it is the
    /// same error whether or not anyone reads it (a load run keeps few bodies). Returning less
    /// than given makes libcurl fail the transfer (CURLE_WRITE_ERROR), which `error(code:)`
    /// reports as too large.
    fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        bodyBytesReceived += bytes.count
        guard bodyBytesReceived <= bodyLimit else {
            bodyLimitExceeded = true
            return 0
        }
        if retainsBody { body.append(bytes) }
        return bytes.count
    }

    /// The header fields of the final response (after 1xx answers and followed redirects), in
    /// the order received, from libcurl's header API.
    private func responseHeaders() -> HTTPHeaders {
        var fields: [(name: String, value: String)] = []
        var previous: UnsafeMutablePointer<curl_header>?
        while let header = curl_easy_nextheader(handle, UInt32(CURLH_HEADER), -1, previous) {
            fields.append((String(cString: header.pointee.name), String(cString: header.pointee.value)))
            previous = header
        }
        return HTTPHeaders(fields)
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
