// Messages of a conversation: list (oldest first) and send.
import JSON
import NIOCore

extension FreshchatRoutes {
    func listMessages(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        let page = input.page
        // `from_time` is read where the spec declares it (the observed overlay does); the
        // parameter's schema has already refused a value that is no RFC 3339 date-time.
        let before = input.query("from_time")?.stringValue.flatMap(Timestamp.init(rfc3339:))
        guard let found = store.messages(conversationID: id, page: page, before: before) else { return notFound("conversation", id) }
        return .ok(lists.messages(
            found.slice.items.map(\.json), collection: "/conversations/\(PercentDecoding.encode(id))/messages", page: page,
            total: found.slice.total, before: found.before), allocator: allocator)
    }

    /// The spec documents no body for sendMessage's 200; the mock returns the stored Message,
    /// which a client may ignore (see docs/mock.md).
    func sendMessage(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard store.conversation(id: id) != nil else { return notFound("conversation", id) }
        guard let body = input.body else { return badRequest("a JSON request body is required") }
        let draft: MessageDraft
        switch messageDraft(body, field: "") {
        case .success(let value): draft = value
        case .failure(let invalid): return badRequest(invalid.message)
        }
        guard let message = store.appendMessage(conversationID: id, draft) else { return notFound("conversation", id) }
        return .ok(message.json, allocator: allocator)
    }
}
