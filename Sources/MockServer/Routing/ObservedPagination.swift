// The live API's pagination as public clients observe it (docs/overlays.md): a `pagination`
// object, link objects `{href, rel, type}` whose href is relative to the API's base URL, and
// for the messages list one `link` whose href carries `from_time`.
import JSON

enum ObservedPagination {
    /// `{"current_page", "items_per_page", "total_items", "total_pages"}`.
    static func pagination(page: Page, total: Int) -> JSON {
        [
            "current_page": .integer(Int64(page.number)), "items_per_page": .integer(Int64(page.size)),
            "total_items": .integer(Int64(total)), "total_pages": .integer(Int64(pageCount(total: total, size: page.size))),
        ]
    }

    /// `next_page` when items follow, `previous_page` on every page after the first (also past
    /// the end, as the seed flavor's `prev_page`), `first_page` and `last_page` always. `rel`
    /// names the kind of record listed (`agent`); `type` is the method to follow it with.
    static func links(collection: String, rel: String, page: Page, total: Int, filters: [(String, String)]) -> JSON {
        func link(_ number: Int) -> JSON {
            ["href": .string(href(collection, number, page.size, filters)), "rel": .string(rel), "type": "GET"]
        }
        var links = JSONObject()
        if total > page.offset + page.size { links["next_page"] = link(page.number + 1) }
        if page.number > 1 { links["previous_page"] = link(page.number - 1) }
        links["first_page"] = link(1)
        links["last_page"] = link(max(1, pageCount(total: total, size: page.size)))
        return .object(links)
    }

    /// The messages list's `link` to the page after `page`, nil when none follows. Its
    /// `from_time` keeps the view the first page had: messages created later (by anyone) do
    /// not shift the pages a client is walking.
    static func messagesLink(collection: String, page: Page, total: Int, before: Timestamp) -> JSON? {
        guard total > page.offset + page.size else { return nil }
        let filters = [("from_time", before.rfc3339)]
        return ["href": .string(href(collection, page.number + 1, page.size, filters))]
    }

    private static func pageCount(total: Int, size: Int) -> Int {
        size > 0 ? (total + size - 1) / size : 0
    }

    private static func href(_ collection: String, _ number: Int, _ size: Int, _ filters: [(String, String)]) -> String {
        var text = "\(collection)?page=\(number)&items_per_page=\(size)"
        for (name, value) in filters { text += "&\(name)=\(PercentDecoding.encode(value))" }
        return text
    }
}
