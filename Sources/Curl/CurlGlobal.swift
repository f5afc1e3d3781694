// libcurl's process-wide initialisation, done exactly once before the first handle.
import CCurl

enum CurlGlobal {
    /// Initialises libcurl once; Swift runs a static `let` initialiser exactly once, thread-safely.
    static let isInitialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}
