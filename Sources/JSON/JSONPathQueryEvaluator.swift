// Runs a parsed JSONPath query over a JSON value (RFC 9535 sections 2.3 to 2.5): each segment
// maps the nodelist so far to the next one, keeping every node's location. Objects are visited
// in member order (the RFC leaves it open; document order makes results repeatable).

/// Applies segments to nodelists; `root` answers `$` inside filters.
struct JSONPathQueryEvaluator {
    let root: JSON

    /// The nodes `segments` select, starting from `start`.
    func select(_ segments: [QuerySegment], from start: JSONPathQuery.Node) -> [JSONPathQuery.Node] {
        var nodes = [start]
        for segment in segments {
            var next: [JSONPathQuery.Node] = []
            for node in nodes {
                if segment.isDescendant {
                    for visited in selfAndDescendants(of: node) { apply(segment.selectors, to: visited, into: &next) }
                } else {
                    apply(segment.selectors, to: node, into: &next)
                }
            }
            nodes = next
        }
        return nodes
    }

    /// `node`, then its descendants, each before its own descendants, arrays in order. Iterative,
    /// so a deeply nested document cannot exhaust the stack.
    private func selfAndDescendants(of node: JSONPathQuery.Node) -> [JSONPathQuery.Node] {
        var visited: [JSONPathQuery.Node] = []
        var pending = [node]
        while let current = pending.popLast() {
            visited.append(current)
            // Pushed in reverse so that the first child is visited next.
            pending.append(contentsOf: children(of: current).reversed())
        }
        return visited
    }

    /// The member values of an object or the elements of an array, in order.
    private func children(of node: JSONPathQuery.Node) -> [JSONPathQuery.Node] {
        switch node.value {
        case .object(let object):
            return object.members.map { JSONPathQuery.Node(location: node.location.appending(.name($0.key)), value: $0.value) }
        case .array(let elements):
            return elements.enumerated().map { JSONPathQuery.Node(location: node.location.appending(.index($0.offset)), value: $0.element) }
        case .null, .bool, .integer, .double, .string:
            return []
        }
    }

    private func apply(_ selectors: [QuerySelector], to node: JSONPathQuery.Node, into output: inout [JSONPathQuery.Node]) {
        for selector in selectors {
            switch (selector, node.value) {
            case (.name(let name), .object(let object)):
                if let value = object[name] { output.append(JSONPathQuery.Node(location: node.location.appending(.name(name)), value: value)) }
            case (.wildcard, _):
                output.append(contentsOf: children(of: node))
            case (.index(let index), .array(let elements)):
                let position = index < 0 ? elements.count + index : index
                if elements.indices.contains(position) {
                    output.append(JSONPathQuery.Node(location: node.location.appending(.index(position)), value: elements[position]))
                }
            case (.slice(let start, let end, let step), .array(let elements)):
                for position in slicePositions(start: start, end: end, step: step ?? 1, count: elements.count) {
                    output.append(JSONPathQuery.Node(location: node.location.appending(.index(position)), value: elements[position]))
                }
            case (.filter(let expression), _):
                for child in children(of: node) where holds(expression, current: child.value) { output.append(child) }
            default:
                break  // a name on a non-object, an index or slice on a non-array: nothing
            }
        }
    }

    /// The indexes a slice selects (RFC 9535 section 2.3.4.2.2), in selection order.
    private func slicePositions(start: Int?, end: Int?, step: Int, count: Int) -> [Int] {
        guard step != 0 else { return [] }
        func normalized(_ index: Int) -> Int { index >= 0 ? index : count + index }
        var positions: [Int] = []
        if step > 0 {
            let lower = min(max(normalized(start ?? 0), 0), count)
            let upper = min(max(normalized(end ?? count), 0), count)
            positions.reserveCapacity(max(0, (upper - lower + step - 1) / step))
            var index = lower
            while index < upper {
                positions.append(index)
                index += step
            }
        } else {
            let upper = min(max(normalized(start ?? count - 1), -1), count - 1)
            let lower = min(max(normalized(end ?? -count - 1), -1), count - 1)
            var index = upper
            while lower < index {
                positions.append(index)
                index += step
            }
        }
        return positions
    }

    // MARK: - Filters

    /// Whether `expression` holds with `@` bound to `current`.
    private func holds(_ expression: FilterExpression, current: JSON) -> Bool {
        switch expression {
        case .or(let operands): return operands.contains { holds($0, current: current) }
        case .and(let operands): return operands.allSatisfy { holds($0, current: current) }
        case .not(let operand): return !holds(operand, current: current)
        case .exists(let query): return !nodes(of: query, current: current).isEmpty
        case .comparison(let left, let comparison, let right):
            return compare(value(of: left, current: current), comparison, value(of: right, current: current))
        }
    }

    private func nodes(of query: FilterQuery, current: JSON) -> [JSONPathQuery.Node] {
        let start = JSONPathQuery.Node(location: .root, value: query.isRelative ? current : root)
        return select(query.segments, from: start)
    }

    /// The value an expression gives, or nil for "nothing" (an empty query, a length of a number).
    private func value(of expression: ValueExpression, current: JSON) -> JSON? {
        switch expression {
        case .literal(let literal):
            return literal
        case .singularQuery(let query):
            return nodes(of: query, current: current).first?.value
        case .function(.length(let argument)):
            switch value(of: argument, current: current) {
            case .string(let string): return .integer(Int64(string.unicodeScalars.count))
            case .array(let elements): return .integer(Int64(elements.count))
            case .object(let object): return .integer(Int64(object.count))
            default: return nil
            }
        case .function(.count(let query)):
            return .integer(Int64(nodes(of: query, current: current).count))
        case .function(.value(let query)):
            let selected = nodes(of: query, current: current)
            return selected.count == 1 ? selected[0].value : nil
        }
    }

    /// RFC 9535 section 2.3.5.2.2: nothing equals only nothing; `<` orders numbers and strings
    /// (by code point) and nothing else; the other operators derive from `==` and `<`.
    private func compare(_ left: JSON?, _ comparison: ComparisonOperator, _ right: JSON?) -> Bool {
        switch comparison {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less: return less(left, right)
        case .lessOrEqual: return less(left, right) || equal(left, right)
        case .greater: return less(right, left)
        case .greaterOrEqual: return less(right, left) || equal(left, right)
        }
    }

    private func equal(_ left: JSON?, _ right: JSON?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let a?, let b?): return a == b  // JSON's own equality: numbers by value, strings by code point
        default: return false
        }
    }

    private func less(_ left: JSON?, _ right: JSON?) -> Bool {
        switch (left, right) {
        case (.integer(let a)?, .integer(let b)?):
            return a < b
        case (.string(let a)?, .string(let b)?):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (let a?, let b?):
            guard let x = a.doubleValue, let y = b.doubleValue else { return false }
            return x < y
        default:
            return false
        }
    }
}
