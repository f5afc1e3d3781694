// The records a fresh mock starts with. Agents, groups and channels have no create operation
// in the spec, so they exist only through this seed; users, conversations and messages are
// seeded too so that reads work before any write. Everything follows from the seed number.

import Quantities

/// How many records of each kind a seed produces.
public struct SeedSizes: Sendable, Equatable {
    /// Agents (spec: no create operation).
    public var agents: Int
    /// Agent groups (spec: no create operation).
    public var groups: Int
    /// Channels (spec: no create operation).
    public var channels: Int
    /// End users.
    public var users: Int
    /// Conversations, each with one to five messages.
    public var conversations: Int

    /// Sizes for a seed; the defaults give several pages of users and conversations at the
    /// default page size of 20. Groups and channels are capped at the six names the seed
    /// knows; every count but conversations is at least 1.
    public init(agents: Int = 12, groups: Int = 4, channels: Int = 5, users: Int = 45, conversations: Int = 60) {
        self.agents = max(1, agents)
        self.groups = max(1, min(groups, SeedVocabulary.groupNames.count))
        self.channels = max(1, min(channels, SeedVocabulary.channelNames.count))
        self.users = max(1, users)
        self.conversations = max(0, conversations)
    }
}

/// The seeded content of a fresh store.
struct SeedData: Sendable {
    var appID: String
    var agents: [AgentRecord]
    var groups: [GroupRecord]
    var channels: [ChannelRecord]
    var users: [UserRecord]
    var conversations: [ConversationRecord]
    var messages: [String: [MessageRecord]]

    /// Seed records carry times before this instant (2025-01-01T00:00:00.000Z), so anything
    /// created through the API sorts after them.
    static let epoch = Timestamp(millisecondsSinceEpoch: 1_735_689_600_000)

    init(seed: UInt64, sizes: SeedSizes = SeedSizes()) {
        var random = SeededRandom(seed: seed)
        let vocabulary = SeedVocabulary.self
        let day: Int64 = 86_400_000
        func pastTime(daysBack: ClosedRange<Int>) -> Timestamp {
            let offset = Int64(random.int(in: daysBack)) * day + Int64(random.int(in: 0...(Int(day) - 1)))
            return Timestamp(millisecondsSinceEpoch: Self.epoch.millisecondsSinceEpoch - offset)
        }
        let appID = random.uuidText()

        var groups: [GroupRecord] = (0..<sizes.groups).map { index in
            GroupRecord(
                id: random.uuidText(), name: vocabulary.groupNames[index].name,
                description: vocabulary.groupNames[index].description,
                routingType: random.pick(vocabulary.routingTypes), agentIDs: [],
                createdTime: pastTime(daysBack: 400...700))
        }
        var usedNames = Set<String>()
        let agents: [AgentRecord] = (0..<sizes.agents).map { index in
            var first = random.pick(vocabulary.firstNames), last = random.pick(vocabulary.lastNames)
            // Unique names while the vocabulary has unused pairs (900), repeats after that.
            while usedNames.contains(first + last) && usedNames.count < vocabulary.firstNames.count * vocabulary.lastNames.count { first = random.pick(vocabulary.firstNames); last = random.pick(vocabulary.lastNames) }
            usedNames.insert(first + last)
            let id = random.uuidText()
            let groupCount = random.int(in: 1...min(2, sizes.groups))
            var groupIDs: [String] = []
            while groupIDs.count < groupCount {
                let group = random.pick(groups).id
                if !groupIDs.contains(group) { groupIDs.append(group) }
            }
            return AgentRecord(
                id: id, email: "\(Self.emailPart(first)).\(Self.emailPart(last))@support.example.com",
                firstName: first, lastName: last, avatarURL: "https://cdn.example.com/avatars/\(id).png",
                biography: random.pick(vocabulary.biographies), isDeactivated: index % 7 == 6,
                groupIDs: groupIDs, availability: random.next() % 3 == 0 ? "offline" : "online",
                createdTime: pastTime(daysBack: 30...399))
        }
        for index in groups.indices {
            groups[index].agentIDs = agents.filter { $0.groupIDs.contains(groups[index].id) }.map(\.id)
        }
        let channels: [ChannelRecord] = (0..<sizes.channels).map { index in
            let id = random.uuidText()
            return ChannelRecord(
                id: id, name: vocabulary.channelNames[index], iconURL: "https://cdn.example.com/channels/\(id).svg",
                enabled: index != sizes.channels - 1 || sizes.channels == 1, isPublic: index % 3 != 2,
                welcomeText: random.pick(vocabulary.welcomeTexts), updatedTime: pastTime(daysBack: 1...200))
        }
        let users: [UserRecord] = (0..<sizes.users).map { index in
            let first = random.pick(vocabulary.firstNames), last = random.pick(vocabulary.lastNames)
            let id = random.uuidText()
            return UserRecord(
                id: id, email: "\(Self.emailPart(first)).\(Self.emailPart(last)).\(index + 1)@example.org",
                firstName: first, lastName: last, phone: "+1-555-01\(index % 10)\(random.int(in: 0...9))",
                avatarURL: index % 4 == 0 ? nil : "https://cdn.example.com/users/\(id).png",
                properties: [("plan", random.pick(vocabulary.plans)), ("country", random.pick(vocabulary.countries))],
                createdTime: pastTime(daysBack: 60...360))
        }
        // Conversations in creation order: the store lists them oldest first.
        var drafts: [(ConversationRecord, [MessageRecord])] = []
        for _ in 0..<sizes.conversations {
            let created = pastTime(daysBack: 1...59)
            let status = random.pick(["new", "assigned", "assigned", "resolved", "reopened"])
            let agent = status == "new" ? nil : random.pick(agents)
            let user = random.pick(users)
            var conversation = ConversationRecord(
                id: random.uuidText(), appID: appID, channelID: random.pick(channels).id, status: status,
                assignedAgentID: agent?.id, assignedGroupID: agent?.groupIDs.first, userIDs: [user.id],
                createdTime: created)
            if random.next() % 5 == 0 {
                let second = random.pick(users).id
                if second != user.id { conversation.userIDs.append(second) }
            }
            var messages: [MessageRecord] = []
            var time = created.millisecondsSinceEpoch
            for turn in 0..<random.int(in: 1...5) {
                let fromAgent = turn % 2 == 1 && agent != nil
                messages.append(MessageRecord(
                    id: random.uuidText(), messageType: "normal", actorType: fromAgent ? "agent" : "user",
                    actorID: fromAgent ? (agent?.id ?? user.id) : user.id,
                    textParts: [random.pick(fromAgent ? vocabulary.agentLines : vocabulary.userLines)],
                    createdTime: Timestamp(millisecondsSinceEpoch: time)))
                time += Int64(random.int(in: 20_000...900_000))
            }
            drafts.append((conversation, messages))
        }
        drafts.sort { $0.0.createdTime < $1.0.createdTime }
        self.appID = appID
        self.groups = groups
        self.agents = agents
        self.channels = channels
        self.users = users
        conversations = drafts.map(\.0)
        messages = Dictionary(drafts.map { ($0.0.id, $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    /// A name as the local part of an address: lowercase, spaces dropped ("van Rossum" → "vanrossum").
    private static func emailPart(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " })
    }
}
