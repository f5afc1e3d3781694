// Messages of a conversation: list (oldest first) and send.
import JSON
import NIOCore

extension FreshchatRoutes {
    func listMessages(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        let page = input.page
        guard let slice = store.messages(conversationID: id, page: page) else { return notFound("conversation", id) }
        return .ok([
            "messages": .array(slice.items.map(\.json)),
            "links": links.json(
                collection: "/conversations/\(PercentDecoding.encode(id))/messages", page: page, hasMore: slice.hasMore),
        ], allocator: allocator)
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
