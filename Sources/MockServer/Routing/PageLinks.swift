// The seed spec's PaginationLinks: absolute `next_page` / `prev_page` URLs for list responses
// (the observed flavor's links are in ObservedPagination).
import JSON

/// Builds pagination links under the server's public base URL.
struct PageLinks: Sendable {
    /// `http://127.0.0.1:PORT/v2`, without a trailing slash.
    let baseURL: String

    /// `{"next_page": ..., "prev_page": ...}`: next when more items follow, previous on every
    /// page after the first (also past the end, so a client that overshoots can walk back).
    /// Links repeat the page size and the list's filters, so following them keeps the view.
    func json(collection: String, page: Page, hasMore: Bool, filters: [(String, String)] = []) -> JSON {
        var links = JSONObject()
        if hasMore { links["next_page"] = .string(url(collection, page.number + 1, page.size, filters)) }
        if page.number > 1 { links["prev_page"] = .string(url(collection, page.number - 1, page.size, filters)) }
        return .object(links)
    }

    private func url(_ collection: String, _ number: Int, _ size: Int, _ filters: [(String, String)]) -> String {
        var text = "\(baseURL)\(collection)?page=\(number)&items_per_page=\(size)"
        for (name, value) in filters { text += "&\(name)=\(PercentDecoding.encode(value))" }
        return text
    }
}

extension ValidatedInput {
    /// The requested page; the spec's defaults (page 1, 20 items) when not given. Values are
    /// clamped as a safety net: validation has already refused what the served spec does not
    /// allow (50 items in the seed spec, 100 on users and agents with the observed overlay).
    var page: Page {
        let number = query("page")?.integerValue ?? 1
        let size = query("items_per_page")?.integerValue ?? 20
        return Page(number: Int(max(1, min(number, 1 << 40))), size: Int(max(1, min(size, Int64(Page.largestSize)))))
    }
}
