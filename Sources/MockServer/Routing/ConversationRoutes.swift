// Conversations: list with filters, create with initial messages, get, update.
import JSON
import NIOCore

extension FreshchatRoutes {
    func listConversations(_ input: ValidatedInput) -> MockResponse {
        let page = input.page
        let filter = ConversationFilter(
            status: input.query("status")?.stringValue, assignedAgentID: input.query("assigned_agent_id")?.stringValue,
            assignedGroupID: input.query("assigned_group_id")?.stringValue)
        var filters: [(String, String)] = []
        if let status = filter.status { filters.append(("status", status)) }
        if let agent = filter.assignedAgentID { filters.append(("assigned_agent_id", agent)) }
        if let group = filter.assignedGroupID { filters.append(("assigned_group_id", group)) }
        let slice = store.conversations(matching: filter, page: page)
        return .ok(lists.page(
            "conversations", slice.items.map(\.json), collection: "/conversations", rel: "conversation", page: page,
            total: slice.total, filters: filters), allocator: allocator)
    }

    func createConversation(_ input: ValidatedInput) -> MockResponse {
        guard let body = input.body else { return badRequest("a JSON request body is required") }
        let channelID = body["channel_id"]?.stringValue ?? ""
        guard store.channel(id: channelID) != nil else {
            return badRequest("request body field '/channel_id': channel '\(channelID)' does not exist")
        }
        var userIDs: [String] = []
        for (index, user) in (body["users"]?.arrayValue ?? []).enumerated() {
            guard let id = user["id"]?.stringValue else {
                return badRequest("request body field '/users/\(index)/id': each user needs the id of an existing user")
            }
            guard store.userExists(id: id) else {
                return badRequest("request body field '/users/\(index)/id': user '\(id)' does not exist")
            }
            if !userIDs.contains(id) { userIDs.append(id) }
        }
        var drafts: [MessageDraft] = []
        for (index, message) in (body["messages"]?.arrayValue ?? []).enumerated() {
            switch messageDraft(message, field: "/messages/\(index)") {
            case .success(let draft): drafts.append(draft)
            case .failure(let invalid): return badRequest(invalid.message)
            }
        }
        let conversation = store.createConversation(
            appID: body["app_id"]?.stringValue ?? store.appID, channelID: channelID, userIDs: userIDs, messages: drafts)
        return .ok(["conversation_id": .string(conversation.id)], allocator: allocator)
    }

    func getConversation(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard let conversation = store.conversation(id: id) else { return notFound("conversation", id) }
        return .ok(conversation.json, allocator: allocator)
    }

    func updateConversation(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        let body = input.body
        let changes = ConversationChanges(
            status: body?["status"]?.stringValue, assignedAgentID: body?["assigned_agent_id"]?.stringValue,
            assignedGroupID: body?["assigned_group_id"]?.stringValue)
        // 404 before 400: a missing conversation is the bigger problem of the two.
        guard store.conversation(id: id) != nil else { return notFound("conversation", id) }
        if let agent = changes.assignedAgentID, store.agent(id: agent) == nil {
            return badRequest("request body field '/assigned_agent_id': agent '\(agent)' does not exist")
        }
        if let group = changes.assignedGroupID, store.group(id: group) == nil {
            return badRequest("request body field '/assigned_group_id': group '\(group)' does not exist")
        }
        guard let updated = store.updateConversation(id: id, changes) else { return notFound("conversation", id) }
        return .ok(updated.json, allocator: allocator)
    }

    /// A message draft from a MessageCreate object whose actor must exist; `field` is its
    /// pointer in the request body, for the error message.
    func messageDraft(_ message: JSON, field: String) -> Result<MessageDraft, InvalidRequest> {
        let actorType = message["actor_type"]?.stringValue ?? ""
        let actorID = message["actor_id"]?.stringValue ?? ""
        let exists = actorType == "agent" ? store.agent(id: actorID) != nil : store.userExists(id: actorID)
        guard exists else {
            return .failure(InvalidRequest(message: "request body field '\(field)/actor_id': \(actorType) '\(actorID)' does not exist"))
        }
        let parts = (message["message_parts"]?.arrayValue ?? []).map { $0["text"]?["content"]?.stringValue ?? "" }
        return .success(MessageDraft(
            messageType: message["message_type"]?.stringValue ?? "normal", actorType: actorType, actorID: actorID,
            textParts: parts))
    }
}
