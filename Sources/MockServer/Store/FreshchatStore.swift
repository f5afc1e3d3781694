// The mock's state. Agents, groups and channels never change after seeding, so they are
// plain immutable values read without a lock; users, conversations and messages sit behind
// one mutex held only for the few lookups or appends of one request.
import Quantities
import Synchronization

/// A slice of a list for one page, and whether more items follow it.
struct PageSlice<Item: Sendable>: Sendable {
    var items: [Item]
    var hasMore: Bool
}

/// The fields of a user as a create or update request gives them (nil: not given).
struct UserFields: Sendable {
    var email: String?
    var firstName: String?
    var lastName: String?
    var phone: String?
    var properties: [(name: String, value: String)]?
}

/// A message as a request describes it, before the store gives it an id and a time.
struct MessageDraft: Sendable {
    var messageType: String
    var actorType: String
    var actorID: String
    var textParts: [String]
}

/// Filters of `listConversations`; nil matches everything.
struct ConversationFilter: Sendable {
    var status: String?
    var assignedAgentID: String?
    var assignedGroupID: String?

    var isEmpty: Bool { status == nil && assignedAgentID == nil && assignedGroupID == nil }

    func matches(_ conversation: ConversationRecord) -> Bool {
        if let status, conversation.status != status { return false }
        if let assignedAgentID, conversation.assignedAgentID != assignedAgentID { return false }
        if let assignedGroupID, conversation.assignedGroupID != assignedGroupID { return false }
        return true
    }
}

/// The changes of an `updateConversation` request (nil: unchanged).
struct ConversationChanges: Sendable {
    var status: String?
    var assignedAgentID: String?
    var assignedGroupID: String?
}

/// Users, conversations and messages, plus the seeded directory of agents, groups and channels.
final class FreshchatStore: Sendable {
    let appID: String
    let agents: [AgentRecord]
    let groups: [GroupRecord]
    let channels: [ChannelRecord]
    private let agentIndex: [String: Int]
    private let groupIndex: [String: Int]
    private let channelIndex: [String: Int]
    private let state: Mutex<MutableState>

    private struct MutableState: Sendable {
        var users: [UserRecord]
        var userIndex: [String: Int]
        var conversations: [ConversationRecord]
        var conversationIndex: [String: Int]
        var messages: [String: [MessageRecord]]
        /// Draws the ids of created records, so a seed and a request order give the same ids.
        var random: SeededRandom
        /// The last creation time handed out: times only ever increase, so creation order
        /// and time order agree even within one millisecond.
        var lastTime: Timestamp

        mutating func nextTime() -> Timestamp {
            lastTime = Swift.max(Timestamp.now(), Timestamp(millisecondsSinceEpoch: lastTime.millisecondsSinceEpoch + 1))
            return lastTime
        }
    }

    init(seed: UInt64, sizes: SeedSizes = SeedSizes()) {
        let data = SeedData(seed: seed, sizes: sizes)
        appID = data.appID
        agents = data.agents
        groups = data.groups
        channels = data.channels
        agentIndex = Self.index(data.agents.map(\.id))
        groupIndex = Self.index(data.groups.map(\.id))
        channelIndex = Self.index(data.channels.map(\.id))
        state = Mutex(MutableState(
            users: data.users, userIndex: Self.index(data.users.map(\.id)),
            conversations: data.conversations, conversationIndex: Self.index(data.conversations.map(\.id)),
            messages: data.messages, random: SeededRandom(seed: seed ^ 0x5EED_0F_C0FFEE),
            lastTime: SeedData.epoch))
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Directory (immutable)

    func agent(id: String) -> AgentRecord? { agentIndex[id].map { agents[$0] } }
    func group(id: String) -> GroupRecord? { groupIndex[id].map { groups[$0] } }
    func channel(id: String) -> ChannelRecord? { channelIndex[id].map { channels[$0] } }

    // MARK: Users

    func userExists(id: String) -> Bool { state.withLock { $0.userIndex[id] != nil } }

    func user(id: String) -> UserRecord? {
        state.withLock { state in state.userIndex[id].map { state.users[$0] } }
    }

    func users(page: Page) -> PageSlice<UserRecord> {
        state.withLock { Self.slice($0.users, page) }
    }

    func createUser(_ fields: UserFields) -> UserRecord {
        state.withLock { state in
            let user = UserRecord(
                id: state.random.uuidText(), email: fields.email, firstName: fields.firstName,
                lastName: fields.lastName, phone: fields.phone, avatarURL: nil,
                properties: fields.properties ?? [], createdTime: state.nextTime())
            state.userIndex[user.id] = state.users.count
            state.users.append(user)
            return user
        }
    }

    /// Applies the given fields (absent ones are kept); nil when there is no such user.
    func updateUser(id: String, _ fields: UserFields) -> UserRecord? {
        state.withLock { state in
            guard let at = state.userIndex[id] else { return nil }
            if let email = fields.email { state.users[at].email = email }
            if let firstName = fields.firstName { state.users[at].firstName = firstName }
            if let lastName = fields.lastName { state.users[at].lastName = lastName }
            if let phone = fields.phone { state.users[at].phone = phone }
            if let properties = fields.properties { state.users[at].properties = properties }
            return state.users[at]
        }
    }

    // MARK: Conversations

    func conversation(id: String) -> ConversationRecord? {
        state.withLock { state in state.conversationIndex[id].map { state.conversations[$0] } }
    }

    func conversations(matching filter: ConversationFilter, page: Page) -> PageSlice<ConversationRecord> {
        state.withLock { state in
            if filter.isEmpty { return Self.slice(state.conversations, page) }
            var matched: [ConversationRecord] = []
            var skipped = 0
            for conversation in state.conversations where filter.matches(conversation) {
                if skipped < page.offset { skipped += 1; continue }
                if matched.count == page.size { return PageSlice(items: matched, hasMore: true) }
                matched.append(conversation)
            }
            return PageSlice(items: matched, hasMore: false)
        }
    }

    /// Stores a conversation with its first messages; the caller has checked that its users,
    /// channel and actors exist (none of them can be deleted, so the check stays true).
    func createConversation(
        appID: String, channelID: String, userIDs: [String], messages drafts: [MessageDraft]
    ) -> ConversationRecord {
        state.withLock { state in
            let conversation = ConversationRecord(
                id: state.random.uuidText(), appID: appID, channelID: channelID, status: "new",
                assignedAgentID: nil, assignedGroupID: nil, userIDs: userIDs, createdTime: state.nextTime())
            var messages: [MessageRecord] = []
            for draft in drafts { messages.append(Self.message(from: draft, in: &state)) }
            state.conversationIndex[conversation.id] = state.conversations.count
            state.conversations.append(conversation)
            state.messages[conversation.id] = messages
            return conversation
        }
    }

    /// Applies `changes`; nil when there is no such conversation. Assigning an agent to a
    /// `new` conversation without naming a status makes it `assigned`, as Freshchat does.
    func updateConversation(id: String, _ changes: ConversationChanges) -> ConversationRecord? {
        state.withLock { state in
            guard let at = state.conversationIndex[id] else { return nil }
            var conversation = state.conversations[at]
            if let agent = changes.assignedAgentID { conversation.assignedAgentID = agent }
            if let group = changes.assignedGroupID { conversation.assignedGroupID = group }
            if let status = changes.status {
                conversation.status = status
            } else if changes.assignedAgentID != nil, conversation.status == "new" {
                conversation.status = "assigned"
            }
            state.conversations[at] = conversation
            return conversation
        }
    }

    // MARK: Messages

    /// A page of a conversation's messages, oldest first; nil when there is no such conversation.
    func messages(conversationID: String, page: Page) -> PageSlice<MessageRecord>? {
        state.withLock { state in state.messages[conversationID].map { Self.slice($0, page) } }
    }

    /// Appends a message; nil when there is no such conversation.
    func appendMessage(conversationID: String, _ draft: MessageDraft) -> MessageRecord? {
        state.withLock { state in
            guard state.messages[conversationID] != nil else { return nil }
            let message = Self.message(from: draft, in: &state)
            state.messages[conversationID, default: []].append(message)
            return message
        }
    }

    /// The number of messages in a conversation (tests use it to check no write was lost).
    func messageCount(conversationID: String) -> Int? {
        state.withLock { $0.messages[conversationID]?.count }
    }

    private static func message(from draft: MessageDraft, in state: inout MutableState) -> MessageRecord {
        MessageRecord(
            id: state.random.uuidText(), messageType: draft.messageType, actorType: draft.actorType,
            actorID: draft.actorID, textParts: draft.textParts, createdTime: state.nextTime())
    }

    private static func slice<Item>(_ all: [Item], _ page: Page) -> PageSlice<Item> {
        let start = Swift.min(page.offset, all.count)
        let end = Swift.min(start + page.size, all.count)
        return PageSlice(items: Array(all[start..<end]), hasMore: end < all.count)
    }
}
