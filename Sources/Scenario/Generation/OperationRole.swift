// What an operation does to the resource its path names, read from method and path shape
// alone, so any REST-style spec classifies the same way.

/// The part an operation plays in its resource's lifecycle, in lifecycle order.
public enum OperationRole: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// POST to a collection path (`POST /users`): makes a new resource.
    case create
    /// GET of an item path (`GET /users/{user_id}`).
    case read
    /// PUT or PATCH of an item path.
    case update
    /// Any other method on an item or collection path (`POST /conversations/{id}`).
    case action
    /// GET of a collection path (`GET /users`): also how resources that already exist are
    /// discovered.
    case list
    /// DELETE of an item path.
    case delete

    /// The role of `method` on a path that ends in a placeholder (an item) or not (a collection).
    static func of(method: String, onItem: Bool) -> OperationRole {
        switch (method.uppercased(), onItem) {
        case ("POST", false): return .create
        case ("GET", false): return .list
        case ("GET", true): return .read
        case ("PUT", true), ("PATCH", true): return .update
        case ("DELETE", true): return .delete
        default: return .action
        }
    }

    /// Lifecycle order: create, read, update, action, list, delete.
    public static func < (lhs: OperationRole, rhs: OperationRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Which producer of an id a lifecycle prefers: one that makes a fresh resource, then one
    /// that discovers existing ones, then the rest.
    var producerPreference: Int {
        switch self {
        case .create: return 0
        case .list: return 1
        case .action: return 2
        case .read: return 3
        case .update: return 4
        case .delete: return 5
        }
    }

    /// The role's name.
    public var description: String { rawValue }
}
