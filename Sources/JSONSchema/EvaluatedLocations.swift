// Which object members and array items the in-place applicators of one schema evaluated,
// for `unevaluatedProperties` / `unevaluatedItems`. Only allocated below a schema that has one
// of those keywords; the fast path passes nil.

/// Evaluated member / item positions of one instance, as bits by position.
final class EvaluatedLocations {
    private(set) var members: [UInt64] = []
    private(set) var items: [UInt64] = []
    private(set) var allMembers = false
    private(set) var allItems = false

    func markMember(_ position: Int) {
        if allMembers { return }
        Self.set(&members, position)
    }

    func markItem(_ position: Int) {
        if allItems { return }
        Self.set(&items, position)
    }

    func markAllMembers() { allMembers = true }
    func markAllItems() { allItems = true }

    func isMemberEvaluated(_ position: Int) -> Bool { allMembers || Self.get(members, position) }
    func isItemEvaluated(_ position: Int) -> Bool { allItems || Self.get(items, position) }

    /// Adds everything `other` (a successful in-place subschema's record) evaluated.
    func merge(_ other: EvaluatedLocations) {
        if other.allMembers { allMembers = true } else { Self.union(&members, other.members) }
        if other.allItems { allItems = true } else { Self.union(&items, other.items) }
    }

    private static func set(_ words: inout [UInt64], _ position: Int) {
        let word = position >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        words[word] |= 1 << UInt64(position & 63)
    }

    private static func get(_ words: [UInt64], _ position: Int) -> Bool {
        let word = position >> 6
        return word < words.count && words[word] & (1 << UInt64(position & 63)) != 0
    }

    private static func union(_ words: inout [UInt64], _ other: [UInt64]) {
        if other.count > words.count { words.append(contentsOf: repeatElement(0, count: other.count - words.count)) }
        for index in other.indices { words[index] |= other[index] }
    }
}
