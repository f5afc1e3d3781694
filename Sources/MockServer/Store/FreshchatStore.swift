// The mock's state. Agents, groups and channels never change after seeding, so they are
// plain immutable values read without a lock; users, conversations and messages sit behind
// one mutex held only for the few lookups or appends of one request.
import Quantities
import NIOConcurrencyHelpers

/// A slice of a list for one page, and how many items the whole list holds.
struct PageSlice<Item: Sendable>: Sendable {
    var items: [Item]
    /// Items in the whole list (past this page too): for `pagination.total_items`, and to
    /// tell whether more follow.
    var total: Int
}

/// A page of a conversation's messages, and the `from_time` it was read with.
struct MessagePage: Sendable {
    var slice: PageSlice<MessageRecord>
    /// Only messages created before this time were listed: the `from_time` asked for, or just
    /// after the newest message, so a link that repeats it keeps this view.
    var before: Timestamp
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

/// How many users, conversations and messages the store holds; reported by
/// `MockServer.storedRecords`.
public struct MockStoreCounts: Sendable, Equatable {
    public var users: Int
    public var conversations: Int
    public var messages: Int

    public init(users: Int, conversations: Int, messages: Int) {
        self.users = users
        self.conversations = conversations
        self.messages = messages
    }
}

/// Users, conversations and messages, plus the seeded directory of agents, groups and channels.
///
/// Users, conversations and messages are bounded by `MockStoreLimits`: beyond a limit the
/// oldest record of that kind is evicted (seeded or created alike), and its id then answers
/// `404` like one that never existed. The directory is never evicted.
final class FreshchatStore: Sendable {
    let appID: String
    let agents: [AgentRecord]
    let groups: [GroupRecord]
    let channels: [ChannelRecord]
    let limits: MockStoreLimits
    private let agentIndex: [String: Int]
    private let groupIndex: [String: Int]
    private let channelIndex: [String: Int]
    private let state: NIOLockedValueBox<MutableState>

    /// A conversation with its messages, oldest first.
    private struct StoredConversation: Sendable {
        var record: ConversationRecord
        var messages: InsertionQueue<MessageRecord>
    }

    private struct MutableState: Sendable {
        let limits: MockStoreLimits
        var users = InsertionQueue<UserRecord>()
        /// Id → sequence number in `users`; evicted users are removed, so every entry is live.
        var userIndex: [String: Int] = [:]
        var conversations = InsertionQueue<StoredConversation>()
        /// Id → sequence number in `conversations`, live entries only.
        var conversationIndex: [String: Int] = [:]
        /// The conversation (its sequence number) of every stored message, oldest message
        /// first: the message limit evicts from its front. Entries of evicted conversations
        /// are skipped there, and dropped by a compaction once they outnumber the live ones.
        var messageOrder = InsertionQueue<Int>()
        /// Messages in live conversations.
        var messageCount = 0
        /// Draws the ids of created records, so a seed and a request order give the same ids.
        var random: SeededRandom
        /// The last creation time handed out: times only ever increase, so creation order
        /// and time order agree even within one millisecond.
        var lastTime: Timestamp

        init(limits: MockStoreLimits, random: SeededRandom, lastTime: Timestamp) {
            self.limits = limits
            self.random = random
            self.lastTime = lastTime
        }

        mutating func nextTime() -> Timestamp {
            lastTime = Swift.max(Timestamp.now(), Timestamp(millisecondsSinceEpoch: lastTime.millisecondsSinceEpoch + 1))
            return lastTime
        }

        mutating func insert(_ user: UserRecord) {
            userIndex[user.id] = users.append(user)
            while users.count > limits.maxUsers, let evicted = users.removeFirst() {
                userIndex[evicted.id] = nil
            }
        }

        mutating func insert(_ conversation: ConversationRecord, messages: [MessageRecord]) {
            let sequence = conversations.append(StoredConversation(record: conversation, messages: InsertionQueue(messages)))
            conversationIndex[conversation.id] = sequence
            for _ in messages { messageOrder.append(sequence) }
            messageCount += messages.count
            while conversations.count > limits.maxConversations, let evicted = conversations.removeFirst() {
                conversationIndex[evicted.record.id] = nil
                messageCount -= evicted.messages.count
            }
            trimMessages()
        }

        mutating func append(_ message: MessageRecord, toConversation sequence: Int) {
            conversations.update(sequence: sequence) { $0.messages.append(message) }
            messageOrder.append(sequence)
            messageCount += 1
            trimMessages()
        }

        /// Evicts the oldest messages beyond the limit, whatever their conversation.
        private mutating func trimMessages() {
            while messageCount > limits.maxMessages, let sequence = messageOrder.removeFirst() {
                // The front entry of a live conversation is that conversation's oldest message:
                // its messages enter `messageOrder` in the order they are appended.
                guard conversations.contains(sequence: sequence) else { continue }
                conversations.update(sequence: sequence) { _ = $0.messages.removeFirst() }
                messageCount -= 1
            }
            if messageOrder.count > 2 * messageCount + 1024 {
                let live = messageOrder.elements.filter { conversations.contains(sequence: $0) }
                messageOrder = InsertionQueue(live)
            }
        }
    }

    init(seed: UInt64, sizes: SeedSizes = SeedSizes(), limits: MockStoreLimits = MockStoreLimits()) {
        let data = SeedData(seed: seed, sizes: sizes)
        appID = data.appID
        agents = data.agents
        groups = data.groups
        channels = data.channels
        self.limits = limits
        agentIndex = Self.index(data.agents.map(\.id))
        groupIndex = Self.index(data.groups.map(\.id))
        channelIndex = Self.index(data.channels.map(\.id))
        var initial = MutableState(limits: limits, random: SeededRandom(seed: seed ^ 0x5EED_0F_C0FFEE), lastTime: SeedData.epoch)
        // Seeded users and conversations count towards the limits like created ones.
        for user in data.users { initial.insert(user) }
        for conversation in data.conversations {
            initial.insert(conversation, messages: data.messages[conversation.id] ?? [])
        }
        state = NIOLockedValueBox(initial)
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many users, conversations and messages are stored now.
    var counts: MockStoreCounts {
        state.withLockedValue { MockStoreCounts(users: $0.users.count, conversations: $0.conversations.count, messages: $0.messageCount) }
    }

    // MARK: Directory (immutable)

    func agent(id: String) -> AgentRecord? { agentIndex[id].map { agents[$0] } }
    func group(id: String) -> GroupRecord? { groupIndex[id].map { groups[$0] } }
    func channel(id: String) -> ChannelRecord? { channelIndex[id].map { channels[$0] } }

    // MARK: Users

    func userExists(id: String) -> Bool { state.withLockedValue { $0.userIndex[id] != nil } }

    func user(id: String) -> UserRecord? {
        state.withLockedValue { state in state.userIndex[id].map { state.users[sequence: $0] } }
    }

    func users(page: Page) -> PageSlice<UserRecord> {
        state.withLockedValue { state in
            Self.slice(count: state.users.count, page) { state.users.slice(from: $0, limit: $1) }
        }
    }

    func createUser(_ fields: UserFields) -> UserRecord {
        state.withLockedValue { state in
            let user = UserRecord(
                id: state.random.uuidText(), email: fields.email, firstName: fields.firstName,
                lastName: fields.lastName, phone: fields.phone, avatarURL: nil,
                properties: fields.properties ?? [], createdTime: state.nextTime())
            state.insert(user)
            return user
        }
    }

    /// Applies the given fields (absent ones are kept); nil when there is no such user.
    func updateUser(id: String, _ fields: UserFields) -> UserRecord? {
        state.withLockedValue { state in
            guard let sequence = state.userIndex[id] else { return nil }
            return state.users.update(sequence: sequence) { user in
                if let email = fields.email { user.email = email }
                if let firstName = fields.firstName { user.firstName = firstName }
                if let lastName = fields.lastName { user.lastName = lastName }
                if let phone = fields.phone { user.phone = phone }
                if let properties = fields.properties { user.properties = properties }
                return user
            }
        }
    }

    // MARK: Conversations

    func conversation(id: String) -> ConversationRecord? {
        state.withLockedValue { state in state.conversationIndex[id].map { state.conversations[sequence: $0].record } }
    }

    func conversations(matching filter: ConversationFilter, page: Page) -> PageSlice<ConversationRecord> {
        state.withLockedValue { state in
            if filter.isEmpty {
                return Self.slice(count: state.conversations.count, page) { start, limit in
                    state.conversations.slice(from: start, limit: limit).map(\.record)
                }
            }
            var matched: [ConversationRecord] = []
            var total = 0
            for stored in state.conversations.elements where filter.matches(stored.record) {
                if total >= page.offset, matched.count < page.size { matched.append(stored.record) }
                total += 1
            }
            return PageSlice(items: matched, total: total)
        }
    }

    /// Stores a conversation with its first messages. The caller has checked that its users,
    /// channel and actors exist; a user may still be evicted in between (by another client
    /// creating users), and the conversation then names a user that answers 404, as after a
    /// deletion in the real service.
    func createConversation(
        appID: String, channelID: String, userIDs: [String], messages drafts: [MessageDraft]
    ) -> ConversationRecord {
        state.withLockedValue { state in
            let conversation = ConversationRecord(
                id: state.random.uuidText(), appID: appID, channelID: channelID, status: "new",
                assignedAgentID: nil, assignedGroupID: nil, userIDs: userIDs, createdTime: state.nextTime())
            var messages: [MessageRecord] = []
            for draft in drafts { messages.append(Self.message(from: draft, in: &state)) }
            state.insert(conversation, messages: messages)
            return conversation
        }
    }

    /// Applies `changes`; nil when there is no such conversation. Assigning an agent to a
    /// `new` conversation without naming a status makes it `assigned`, as Freshchat does.
    func updateConversation(id: String, _ changes: ConversationChanges) -> ConversationRecord? {
        state.withLockedValue { state in
            guard let sequence = state.conversationIndex[id] else { return nil }
            return state.conversations.update(sequence: sequence) { stored in
                if let agent = changes.assignedAgentID { stored.record.assignedAgentID = agent }
                if let group = changes.assignedGroupID { stored.record.assignedGroupID = group }
                if let status = changes.status {
                    stored.record.status = status
                } else if changes.assignedAgentID != nil, stored.record.status == "new" {
                    stored.record.status = "assigned"
                }
                return stored.record
            }
        }
    }

    // MARK: Messages

    /// A page of a conversation's messages, oldest first, of those created before `before`
    /// (nil: all); nil when there is no such conversation.
    func messages(conversationID: String, page: Page, before: Timestamp? = nil) -> MessagePage? {
        state.withLockedValue { state in
            guard let sequence = state.conversationIndex[conversationID] else { return nil }
            let messages = state.conversations[sequence: sequence].messages
            // Creation times only increase, so the messages before a time are a prefix; the
            // newest are checked first, as a `from_time` usually cuts off only a few.
            var count = messages.count
            if let before {
                while count > 0, messages[position: count - 1].createdTime >= before { count -= 1 }
            }
            let slice = Self.slice(count: count, page) { messages.slice(from: $0, limit: $1) }
            let newest = count > 0 ? messages[position: count - 1].createdTime : SeedData.epoch
            return MessagePage(slice: slice, before: before ?? Timestamp(millisecondsSinceEpoch: newest.millisecondsSinceEpoch + 1))
        }
    }

    /// Appends a message; nil when there is no such conversation.
    func appendMessage(conversationID: String, _ draft: MessageDraft) -> MessageRecord? {
        state.withLockedValue { state in
            guard let sequence = state.conversationIndex[conversationID] else { return nil }
            let message = Self.message(from: draft, in: &state)
            state.append(message, toConversation: sequence)
            return message
        }
    }

    /// The number of messages in a conversation (tests use it to check no write was lost).
    func messageCount(conversationID: String) -> Int? {
        state.withLockedValue { state in
            state.conversationIndex[conversationID].map { state.conversations[sequence: $0].messages.count }
        }
    }

    private static func message(from draft: MessageDraft, in state: inout MutableState) -> MessageRecord {
        MessageRecord(
            id: state.random.uuidText(), messageType: draft.messageType, actorType: draft.actorType,
            actorID: draft.actorID, textParts: draft.textParts, createdTime: state.nextTime())
    }

    /// The page of a list of `count` items; `items(start, limit)` copies the items it holds.
    private static func slice<Item>(count: Int, _ page: Page, items: (Int, Int) -> [Item]) -> PageSlice<Item> {
        let start = Swift.min(page.offset, count)
        let end = Swift.min(start + page.size, count)
        return PageSlice(items: items(start, end - start), total: count)
    }
}
