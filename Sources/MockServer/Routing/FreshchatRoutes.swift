// The handlers of the 16 operations, one method each (in the *Routes files), and the switch
// that picks one. Handlers receive validated input and return a response; they never see
// HTTP framing, faults or authentication.
import JSON
import NIOCore

/// The Freshchat operations over one store.
struct FreshchatRoutes: Sendable {
    let store: FreshchatStore
    /// Wraps list pages in the flavor's shape.
    let lists: ListEnvelope
    let cache: DirectoryCache
    let drift: Bool
    /// Whose word the answers follow (error bodies here; lists through `lists`).
    let flavor: MockFlavor
    let allocator: ByteBufferAllocator

    /// `links` are the seed flavor's; the observed flavor writes relative ones.
    init(store: FreshchatStore, links: PageLinks, drift: Bool, flavor: MockFlavor, allocator: ByteBufferAllocator) {
        self.store = store
        lists = ListEnvelope(flavor: flavor, seedLinks: links)
        self.drift = drift
        self.flavor = flavor
        self.allocator = allocator
        cache = DirectoryCache(store: store, lists: lists, drift: drift, allocator: allocator)
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
        .error(.notFound, .notFound(resource: kind), "\(kind) '\(id)' does not exist", flavor: flavor, allocator: allocator)
    }

    func badRequest(_ message: String) -> MockResponse {
        .error(.badRequest, .badRequest, message, flavor: flavor, allocator: allocator)
    }
}
