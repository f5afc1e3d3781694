// The handlers of the 16 operations, one method each (in the *Routes files), and the switch
// that picks one. Handlers receive validated input and return a response; they never see
// HTTP framing, faults or authentication.
import JSON
import NIOCore

/// The Freshchat operations over one store.
struct FreshchatRoutes: Sendable {
    let store: FreshchatStore
    let links: PageLinks
    let cache: DirectoryCache
    let drift: Bool
    let allocator: ByteBufferAllocator

    init(store: FreshchatStore, links: PageLinks, drift: Bool, allocator: ByteBufferAllocator) {
        self.store = store
        self.links = links
        self.drift = drift
        self.allocator = allocator
        cache = DirectoryCache(store: store, links: links, drift: drift, allocator: allocator)
    }

    func respond(_ endpoint: FreshchatEndpoint, _ input: ValidatedInput) -> MockResponse {
        switch endpoint {
        case .listAgents: return listAgents(input)
        case .getAgent: return getAgent(input)
        case .listGroups: return listGroups()
        case .getGroup: return getGroup(input)
        case .listChannels: return listChannels()
        case .getChannel: return getChannel(input)
        case .listUsers: return listUsers(input)
        case .createUser: return createUser(input)
        case .getUser: return getUser(input)
        case .updateUser: return updateUser(input)
        case .listConversations: return listConversations(input)
        case .createConversation: return createConversation(input)
        case .getConversation: return getConversation(input)
        case .updateConversation: return updateConversation(input)
        case .listConversationMessages: return listMessages(input)
        case .sendMessage: return sendMessage(input)
        }
    }

    func notFound(_ kind: String, _ id: String) -> MockResponse {
        .error(.notFound, .notFound, "\(kind) '\(id)' does not exist", allocator: allocator)
    }

    func badRequest(_ message: String) -> MockResponse {
        .error(.badRequest, .badRequest, message, allocator: allocator)
    }
}
