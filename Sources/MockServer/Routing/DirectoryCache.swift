// Serialized bytes of the seeded agents, groups and channels. They never change, so their
// responses are written once at start and then sent as they are: the hot path of a read-
// heavy load test copies no JSON and takes no lock.
import JSON
import NIOCore

/// Pre-serialized responses for the immutable part of the store.
struct DirectoryCache: Sendable {
    /// `listAgents` bodies indexed by [items_per_page - 1][page - 1], for pages that have
    /// items (and page 1 when there are none); empty when the seed has too many agents to
    /// make caching every page worthwhile.
    let agentPages: [[ByteBuffer]]
    let agentsByID: [String: ByteBuffer]
    let groupList: ByteBuffer
    let groupsByID: [String: ByteBuffer]
    let channelList: ByteBuffer
    let channelsByID: [String: ByteBuffer]

    /// Above this many agents, list pages are serialized per request instead.
    static let maximumCachedAgents = 200

    init(store: FreshchatStore, lists: ListEnvelope, drift: Bool, allocator: ByteBufferAllocator) {
        func bytes(_ json: JSON) -> ByteBuffer { allocator.buffer(bytes: json.serializedBytes()) }
        var pages: [[ByteBuffer]] = []
        if store.agents.count <= Self.maximumCachedAgents {
            for size in 1...50 {
                let pageCount = max(1, (store.agents.count + size - 1) / size)
                pages.append((1...pageCount).map { number in
                    bytes(DirectoryRoutes.agentList(store.agents, page: Page(number: number, size: size), lists: lists))
                })
            }
        }
        agentPages = pages
        agentsByID = Dictionary(store.agents.map { agent in
            var json = agent.json
            if drift, case .object(var object) = json {
                object["availability"] = "away"
                json = .object(object)
            }
            return (agent.id, bytes(json))
        }, uniquingKeysWith: { first, _ in first })
        groupList = bytes(lists.whole("groups", store.groups.map(\.json), collection: "/groups", rel: "group"))
        groupsByID = Dictionary(store.groups.map { ($0.id, bytes($0.json)) }, uniquingKeysWith: { first, _ in first })
        var channels = store.channels.map(\.json)
        if drift, case .object(var first) = channels.first {
            first["enabled"] = "yes"
            channels[0] = .object(first)
        }
        channelList = bytes(lists.whole("channels", channels, collection: "/channels", rel: "channel"))
        channelsByID = Dictionary(store.channels.map { channel in
            var json = channel.json
            if drift, case .object(var object) = json {
                object["public"] = "true"
                json = .object(object)
            }
            return (channel.id, bytes(json))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The cached `listAgents` body for `page`, if it is cached.
    func agentPage(_ page: Page) -> ByteBuffer? {
        guard page.size >= 1, page.size <= agentPages.count else { return nil }
        let pages = agentPages[page.size - 1]
        return page.number >= 1 && page.number <= pages.count ? pages[page.number - 1] : nil
    }
}
