// Makes a URL safe to print: no userinfo, no secret query parameters.

/// `url` without credentials: the userinfo (`user:password@`) and every query parameter whose
/// name is sensitive (`SensitiveNames`: `api_key`, `client_secret`, `sig`, ...) are removed;
/// everything else, fragment included, is kept.
public func redactedURL(_ url: String) -> String {
    var rest = Substring(url)
    var result = ""
    if let schemeEnd = rest.range(of: "://") {
        result += rest[..<schemeEnd.upperBound]
        rest = rest[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            result += authority[authority.index(after: at)...]
        } else {
            result += authority
        }
        rest = rest[authorityEnd...]
    }
    let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
    let fragment = rest[fragmentStart...]
    let beforeFragment = rest[..<fragmentStart]
    guard let queryStart = beforeFragment.firstIndex(of: "?") else {
        return result + rest
    }
    result += beforeFragment[..<queryStart]
    let kept = beforeFragment[beforeFragment.index(after: queryStart)...]
        .split(separator: "&", omittingEmptySubsequences: false)
        .filter { parameter in
            let name = String(parameter.prefix { $0 != "=" })
            return !SensitiveNames.contains(name)
        }
    if !kept.isEmpty {
        result += "?" + kept.joined(separator: "&")
    }
    return result + fragment
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}
