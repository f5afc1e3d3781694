// The `properties` keyword compiled: declared names with their schemas, found by name the way
// JSON compares strings (code point by code point).

import JSON

/// `properties`: the declared names with their schemas, looked up by name.
final class PropertyMap: Sendable {
    let names: [String]
    let children: [ChildSchema]
    /// For maps too large to scan: name → position.
    private let indexByName: [CodePointString: Int]

    init(names: [String], children: [ChildSchema]) {
        self.names = names
        self.children = children
        var index: [CodePointString: Int] = [:]
        for (position, name) in names.enumerated() { index[CodePointString(name)] = position }
        indexByName = index
    }

    /// The position of `name` among the declared properties. `hint` is tried first: instances
    /// usually list members in the schema's order, which makes the lookup one comparison.
    @inline(__always)
    func position(of name: String, hint: Int) -> Int? {
        if hint < names.count && names[hint].hasSameCodePoints(as: name) { return hint }
        return position(of: name)
    }

    /// The position of `name` among the declared properties, without a hint.
    func position(of name: String) -> Int? {
        if names.count > 8 { return indexByName[CodePointString(name)] }
        for position in names.indices where names[position].hasSameCodePoints(as: name) { return position }
        return nil
    }
}
