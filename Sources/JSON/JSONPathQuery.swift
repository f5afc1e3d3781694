// RFC 9535 JSONPath queries, as Overlay documents target parts of a spec with. Kept beside
// `JSONPath` (the small path language of captures, which selects one value) and `JSONPointer`
// (the address a selected node is edited through): a query selects any number of nodes and
// says where each one is.

/// A JSONPath query (RFC 9535), e.g. `$.paths.*.get.parameters[?@.name == 'page']`.
///
/// Supported: `$`; child segments `.name`, `.*`, `[…]`; descendant segments `..name`, `..*`,
/// `..[…]`; selectors `'name'` / `"name"` (with the RFC's escapes), `*`, indexes (negative
/// from the end), slices `start:end:step`, and filters `?…` with `@` and `$` queries,
/// `== != < <= > >=` against string, number, `true`, `false` and `null` literals, existence
/// tests, `&&`, `||`, `!`, parentheses and the functions `length()`, `count()` and `value()`.
/// Not supported: `match()` and `search()` (a parse error says so).
///
/// ```swift
/// let query = try JSONPathQuery("$.store.book[?@.price < 10].title")
/// query.select(in: bookstore).map(\.value)        // ["Sayings of the Century", "Moby Dick"]
/// query.select(in: bookstore).map(\.location)     // $['store']['book'][0]['title'], …
/// ```
public struct JSONPathQuery: Sendable, CustomStringConvertible {
    /// One selected node: its value and where it is in the queried document.
    public struct Node: Sendable {
        /// Where the node is: a normalized path, convertible to a JSON Pointer.
        public var location: NormalizedPath
        /// The node's value.
        public var value: JSON

        /// A node with this location and value.
        public init(location: NormalizedPath, value: JSON) {
            self.location = location
            self.value = value
        }
    }

    /// The query as written.
    public let text: String
    private let segments: [QuerySegment]

    /// Parses `text` (RFC 9535 grammar; blanks only where the RFC allows them).
    ///
    /// - Throws: `JSONPathQueryError` naming the character where reading stopped and what was
    ///   expected there.
    public init(_ text: String) throws(JSONPathQueryError) {
        var parser = JSONPathQueryParser(text: text)
        segments = try parser.parseQuery()
        self.text = text
    }

    /// The nodes the query selects in `root`, in the RFC's order (object members in document
    /// order). The same node may appear more than once (`$[0,0]`).
    public func select(in root: JSON) -> [Node] {
        JSONPathQueryEvaluator(root: root).select(segments, from: Node(location: .root, value: root))
    }

    /// Whether the query can select at most one node: only name and index selectors, no `..`.
    public var isSingular: Bool {
        FilterQuery(isRelative: false, segments: segments).isSingular
    }

    /// The query as written.
    public var description: String { text }
}
