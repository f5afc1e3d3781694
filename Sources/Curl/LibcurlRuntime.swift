// What the libcurl this process loaded can do; some behaviour depends on its version.
import CCurl

/// Facts about the libcurl library loaded at run time.
public enum LibcurlRuntime {
    /// The version string, such as "7.88.1".
    public static let version: String = {
        guard let info = ccurl_version_info_now(), let text = info.pointee.version else { return "unknown" }
        return String(cString: text)
    }()

    /// Whether a cleartext HTTP/2 (prior knowledge) connection can carry more than one transfer.
    ///
    /// libcurl before 8.0 fails every transfer that reuses such a connection with "Error in the
    /// HTTP2 framing layer" (curl issue 10634, fixed in 8.0.0). With those versions each
    /// `.http2PriorKnowledge` transfer opens its own connection instead: correct, but slower.
    public static let reusesPriorKnowledgeConnections: Bool = versionNumber >= 0x08_00_00

    /// The version as 0xXXYYZZ (major, minor, patch).
    static let versionNumber: UInt32 = {
        guard let info = ccurl_version_info_now() else { return 0 }
        return UInt32(info.pointee.version_num)
    }()
}
