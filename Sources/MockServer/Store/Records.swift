// The mock's records, shaped after the spec's schemas. Each knows how to write itself as the
// JSON the spec documents; fields the spec makes optional are left out when absent.
import JSON

/// An agent (`#/components/schemas/Agent`); seeded, never changed.
struct AgentRecord: Sendable {
    var id: String
    var email: String
    var firstName: String
    var lastName: String
    var avatarURL: String
    var biography: String
    var isDeactivated: Bool
    var groupIDs: [String]
    var availability: String
    var createdTime: Timestamp

    var json: JSON {
        .object([
            "id": .string(id), "email": .string(email), "first_name": .string(firstName),
            "last_name": .string(lastName), "avatar": ["url": .string(avatarURL)],
            "biography": .string(biography), "is_deactivated": .bool(isDeactivated),
            "groups": .array(groupIDs.map(JSON.string)), "availability": .string(availability),
            "created_time": .string(createdTime.rfc3339),
        ])
    }
}

/// An agent group (`#/components/schemas/Group`); seeded, never changed.
struct GroupRecord: Sendable {
    var id: String
    var name: String
    var description: String
    var routingType: String
    var agentIDs: [String]
    var createdTime: Timestamp

    var json: JSON {
        .object([
            "id": .string(id), "name": .string(name), "description": .string(description),
            "routing_type": .string(routingType), "agents": .array(agentIDs.map(JSON.string)),
            "created_time": .string(createdTime.rfc3339),
        ])
    }
}

/// A messaging channel (`#/components/schemas/Channel`); seeded, never changed.
struct ChannelRecord: Sendable {
    var id: String
    var name: String
    var iconURL: String
    var enabled: Bool
    var isPublic: Bool
    var welcomeText: String
    var updatedTime: Timestamp

    var json: JSON {
        .object([
            "id": .string(id), "name": .string(name), "icon": ["url": .string(iconURL)],
            "enabled": .bool(enabled), "public": .bool(isPublic),
            "welcome_message": ["message_parts": [["text": ["content": .string(welcomeText)]]]],
            "updated_time": .string(updatedTime.rfc3339),
        ])
    }
}

/// An end user (`#/components/schemas/User`).
struct UserRecord: Sendable {
    var id: String
    var email: String?
    var firstName: String?
    var lastName: String?
    var phone: String?
    var avatarURL: String?
    var properties: [(name: String, value: String)]
    var createdTime: Timestamp

    var json: JSON {
        var object: JSONObject = ["id": .string(id)]
        if let email { object["email"] = .string(email) }
        if let firstName { object["first_name"] = .string(firstName) }
        if let lastName { object["last_name"] = .string(lastName) }
        if let phone { object["phone"] = .string(phone) }
        if let avatarURL { object["avatar"] = ["url": .string(avatarURL)] }
        object["properties"] = .array(properties.map { ["name": .string($0.name), "value": .string($0.value)] })
        object["created_time"] = .string(createdTime.rfc3339)
        return .object(object)
    }
}

/// A conversation (`#/components/schemas/Conversation`).
struct ConversationRecord: Sendable {
    var id: String
    var appID: String
    var channelID: String
    var status: String
    var assignedAgentID: String?
    var assignedGroupID: String?
    var userIDs: [String]
    var createdTime: Timestamp

    var json: JSON {
        var object: JSONObject = [
            "conversation_id": .string(id), "app_id": .string(appID), "channel_id": .string(channelID),
            "status": .string(status),
        ]
        if let assignedAgentID { object["assigned_agent_id"] = .string(assignedAgentID) }
        if let assignedGroupID { object["assigned_group_id"] = .string(assignedGroupID) }
        object["users"] = .array(userIDs.map { ["id": .string($0)] })
        object["created_time"] = .string(createdTime.rfc3339)
        return .object(object)
    }
}

/// A message in a conversation (`#/components/schemas/Message`).
struct MessageRecord: Sendable {
    var id: String
    var messageType: String
    var actorType: String
    var actorID: String
    var textParts: [String]
    var createdTime: Timestamp

    var json: JSON {
        .object([
            "id": .string(id), "message_type": .string(messageType), "actor_type": .string(actorType),
            "actor_id": .string(actorID),
            "message_parts": .array(textParts.map { ["text": ["content": .string($0)]] }),
            "reply_parts": [], "created_time": .string(createdTime.rfc3339),
        ])
    }
}
