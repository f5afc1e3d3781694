// The body of every list response, in the flavor's shape: the one place that knows how the
// seed spec and the live API wrap a page of records.
import JSON

/// Wraps a page of records for the flavor the mock answers in.
struct ListEnvelope: Sendable {
    let flavor: MockFlavor
    /// The seed flavor's absolute links.
    let seedLinks: PageLinks

    /// One page of a paginated list (agents, users, conversations) under `key`: with `links`
    /// (seed), or with `pagination` and link objects (observed). `total` counts every record
    /// of the list, `filters` are repeated in the links.
    func page(
        _ key: String, _ items: [JSON], collection: String, rel: String, page: Page, total: Int,
        filters: [(String, String)] = []
    ) -> JSON {
        switch flavor {
        case .seed:
            return [
                key: .array(items),
                "links": seedLinks.json(collection: collection, page: page, hasMore: total > page.offset + page.size, filters: filters),
            ]
        case .observed:
            return [
                key: .array(items), "pagination": ObservedPagination.pagination(page: page, total: total),
                "links": ObservedPagination.links(collection: collection, rel: rel, page: page, total: total, filters: filters),
            ]
        }
    }

    /// A list the spec does not paginate (channels, groups): the seed flavor sends the records
    /// alone; the live API is observed to send `pagination` and `links` there too, for one page
    /// that holds them all.
    func whole(_ key: String, _ items: [JSON], collection: String, rel: String) -> JSON {
        switch flavor {
        case .seed:
            return [key: .array(items)]
        case .observed:
            return page(key, items, collection: collection, rel: rel, page: Page(number: 1, size: max(1, items.count)), total: items.count)
        }
    }

    /// A page of a conversation's messages: with `links` (seed), or with one `link` to the next
    /// page whose href carries `from_time` (observed; no link on the last page). `before` is
    /// the `from_time` the page was read with, or the one that keeps the current view.
    func messages(_ items: [JSON], collection: String, page: Page, total: Int, before: Timestamp) -> JSON {
        switch flavor {
        case .seed:
            return [
                "messages": .array(items),
                "links": seedLinks.json(collection: collection, page: page, hasMore: total > page.offset + page.size),
            ]
        case .observed:
            var body: JSONObject = ["messages": .array(items)]
            if let link = ObservedPagination.messagesLink(collection: collection, page: page, total: total, before: before) {
                body["link"] = link
            }
            return .object(body)
        }
    }
}
