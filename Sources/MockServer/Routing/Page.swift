// One page of a paginated list, from the spec's `page` and `items_per_page` parameters.

/// A page request: 1-based page number and page size (1 ... 50, default 20 per the spec; up to
/// 100 on users and agents as the live API is observed to allow).
struct Page: Sendable, Hashable {
    var number: Int
    var size: Int

    /// The spec's defaults: page 1 of 20.
    static let first = Page(number: 1, size: 20)

    /// The largest page any list is served in; the spec's parameter schema decides each list's
    /// own bound before a request gets here.
    static let largestSize = 100

    /// The index of the first item on this page.
    var offset: Int {
        let (product, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        return overflow ? Int.max / 2 : product
    }
}
