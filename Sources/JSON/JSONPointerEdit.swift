// Editing a document at a JSON Pointer: replacing, adding or removing the value one names.
// What generated scenarios and negative cases build their request bodies with.

extension JSON {
    /// This document with `value` at `pointer`: an object member is replaced or appended, an
    /// array element replaced, or appended when the index is the array's count. Nil when a
    /// parent is missing or is not a container; the root pointer gives `value` itself.
    public func setting(_ value: JSON, at pointer: JSONPointer) -> JSON? {
        edited(at: pointer.tokens[...]) { _ in value }
    }

    /// This document without the value at `pointer` (an object member, or an array element,
    /// the later ones moving down); nil when there is none, or `pointer` is the root.
    public func removing(at pointer: JSONPointer) -> JSON? {
        guard !pointer.tokens.isEmpty, value(at: pointer) != nil else { return nil }
        return edited(at: pointer.tokens[...]) { _ in nil }
    }

    /// Applies `change` to the slot `tokens` names (its current value, or nil when absent):
    /// a nil result removes the slot.
    private func edited(at tokens: ArraySlice<String>, _ change: (JSON?) -> JSON?) -> JSON? {
        guard let token = tokens.first else { return change(self) }
        let rest = tokens.dropFirst()
        switch self {
        case .object(var object):
            if rest.isEmpty {
                object[token] = change(object[token])
            } else {
                guard let child = object[token], let edited = child.edited(at: rest, change) else { return nil }
                object[token] = edited
            }
            return .object(object)
        case .array(var items):
            guard let index = Int(token), index >= 0, index <= items.count, String(index) == token else { return nil }
            if rest.isEmpty {
                let replaced = change(index < items.count ? items[index] : nil)
                if index == items.count {
                    guard let replaced else { return nil }
                    items.append(replaced)
                } else if let replaced {
                    items[index] = replaced
                } else {
                    items.remove(at: index)
                }
            } else {
                guard index < items.count, let edited = items[index].edited(at: rest, change) else { return nil }
                items[index] = edited
            }
            return .array(items)
        case .null, .bool, .integer, .double, .string:
            return nil
        }
    }
}
