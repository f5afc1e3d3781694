// Users: list, create, get, update.
import JSON
import NIOCore

extension FreshchatRoutes {
    func listUsers(_ input: ValidatedInput) -> MockResponse {
        let page = input.page
        let slice = store.users(page: page)
        return .ok(
            lists.page("users", slice.items.map(\.json), collection: "/users", rel: "user", page: page, total: slice.total),
            allocator: allocator)
    }

    func createUser(_ input: ValidatedInput) -> MockResponse {
        .ok(store.createUser(Self.userFields(input.body)).json, allocator: allocator)
    }

    func getUser(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard let user = store.user(id: id) else { return notFound("user", id) }
        var json = user.json
        if drift, case .object(var object) = json {
            // Drift: a created_time that is no RFC 3339 date-time (see MockDrift.catalog).
            object["created_time"] = "2024-13-45 25:61"
            json = .object(object)
        }
        return .ok(json, allocator: allocator)
    }

    func updateUser(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard let user = store.updateUser(id: id, Self.userFields(input.body)) else { return notFound("user", id) }
        return .ok(user.json, allocator: allocator)
    }

    /// The UserCreate fields of a body the schema check has passed.
    private static func userFields(_ body: JSON?) -> UserFields {
        UserFields(
            email: body?["email"]?.stringValue, firstName: body?["first_name"]?.stringValue,
            lastName: body?["last_name"]?.stringValue, phone: body?["phone"]?.stringValue,
            properties: body?["properties"]?.arrayValue.map { items in
                items.map { (name: $0["name"]?.stringValue ?? "", value: $0["value"]?.stringValue ?? "") }
            })
    }
}
