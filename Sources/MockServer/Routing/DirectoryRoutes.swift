// Agents, groups and channels: read-only, seeded, answered from pre-serialized bytes.
import JSON
import NIOCore

enum DirectoryRoutes {
    /// A `listAgents` body for one page.
    static func agentList(_ agents: [AgentRecord], page: Page, lists: ListEnvelope) -> JSON {
        let start = min(page.offset, agents.count)
        let end = min(start + page.size, agents.count)
        return lists.page("agents", agents[start..<end].map(\.json), collection: "/agents", rel: "agent", page: page, total: agents.count)
    }
}

extension FreshchatRoutes {
    func listAgents(_ input: ValidatedInput) -> MockResponse {
        let page = input.page
        if let cached = cache.agentPage(page) { return MockResponse(status: .ok, body: cached) }
        return .ok(DirectoryRoutes.agentList(store.agents, page: page, lists: lists), allocator: allocator)
    }

    func getAgent(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard let body = cache.agentsByID[id] else { return notFound("agent", id) }
        return MockResponse(status: .ok, body: body)
    }

    func listGroups() -> MockResponse { MockResponse(status: .ok, body: cache.groupList) }

    func getGroup(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard let body = cache.groupsByID[id] else { return notFound("group", id) }
        // Drift: an undocumented success status (see MockDrift.catalog).
        return MockResponse(status: drift ? .nonAuthoritativeInformation : .ok, body: body)
    }

    func listChannels() -> MockResponse { MockResponse(status: .ok, body: cache.channelList) }

    func getChannel(_ input: ValidatedInput) -> MockResponse {
        let id = input.pathValues.first ?? ""
        guard let body = cache.channelsByID[id] else { return notFound("channel", id) }
        return MockResponse(status: .ok, body: body)
    }
}
