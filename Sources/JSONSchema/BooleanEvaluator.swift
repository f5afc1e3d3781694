// The boolean check (`Schema.isValid`): does the instance match, yes or no. It is the load path
// (every response of a load test), so it is kept apart from the error-collecting Evaluator:
// no report, no paths, no evaluated-location records, and no reference counting — it reads the
// instance in place (InstancePointer), walks node bodies through plain pointers and borrows
// keyword payloads (Unretained.withObject). The Evaluator remains the reference for what each
// keyword means; the conformance suite runs every case through both.
//
// A node that needs evaluated-location records (it has `unevaluatedProperties` /
// `unevaluatedItems`) is handed to the Evaluator whole; programs that use `$dynamicRef` never
// come here (see Schema.isValid).

import JSON

/// A compiled node as the boolean check reads it.
typealias NodeBody = UnsafeMutablePointer<SchemaNode.Body>

/// One run of the boolean check over an instance.
struct BooleanEvaluator {
    private let program: CompiledProgram
    /// Copied from the program: whether node nesting must be counted (only references recurse).
    private let hasReferences: Bool
    /// Nesting of node evaluations, counted only when the schema has references (like the Evaluator's).
    private var depth = 0

    init(program: CompiledProgram) {
        self.program = program
        hasReferences = program.hasReferences
    }

    /// Whether the value at `instance` matches the node. A `type`-only node is answered here,
    /// inline in the caller's loop, without a call.
    @inline(__always)
    mutating func matches(_ node: NodeBody, _ instance: InstancePointer) -> Bool {
        if node.pointee.checksTypeOnly && depth < Evaluator.maxDepth { return node.pointee.typeMask.admits(instance) }
        return matchesNode(node, instance)
    }

    @inline(never)
    private mutating func matchesNode(_ node: NodeBody, _ instance: InstancePointer) -> Bool {
        if let constant = node.pointee.constant { return constant }
        if node.pointee.collectsEvaluated { return evaluateWithRecords(node, instance) }
        // Only a schema with references can recurse without moving into the instance.
        if hasReferences {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Evaluator.maxDepth else { return false }
            return matchesKeywords(node, instance)
        }
        return matchesKeywords(node, instance)
    }

    @inline(__always)
    private mutating func matchesKeywords(_ node: NodeBody, _ instance: InstancePointer) -> Bool {
        guard node.pointee.typeMask.admits(instance) else { return false }
        let keywords = node.pointee.keywordsAfterType
        guard let first = keywords.baseAddress else { return true }
        for position in 0..<keywords.count where !check(first + position, instance) { return false }
        return true
    }

    /// A node with `unevaluated*`: the Evaluator, which keeps the records those keywords read.
    @inline(never)
    private mutating func evaluateWithRecords(_ node: NodeBody, _ instance: InstancePointer) -> Bool {
        var evaluator = Evaluator(program: program, report: nil, depth: depth)
        return evaluator.evaluate(node.pointee.owner.takeUnretainedValue(), instance.pointee, nil)
    }

    // MARK: - Keywords

    @inline(__always)
    private mutating func check(_ keyword: UnsafeMutablePointer<CompiledKeyword>, _ instance: InstancePointer) -> Bool {
        switch keyword.pointee {
        case .type(let mask):
            // Not in `keywordsAfterType` (matchesKeywords tests the node's mask first); kept for completeness.
            return mask.admits(instance)
        case .enumeration(let values):
            return values.withObject { $0.contains(instance) }
        case .constant(let value):
            return value.withObject { $0.value == instance.pointee }
        case .multipleOf(let divisor):
            return !instance.pointee.isNumber || divisor.divides(instance.pointee)
        case .bound(let bound, let kind):
            return Self.satisfies(bound, kind, instance)
        case .maxLength(let limit):
            guard case .string(let text) = instance.pointee, text.utf8.count > limit else { return true }
            return text.unicodeScalars.count <= limit
        case .minLength(let limit):
            guard case .string(let text) = instance.pointee else { return true }
            // A string has at most as many characters as UTF-8 bytes.
            return text.utf8.count >= limit && text.unicodeScalars.count >= limit
        case .pattern(let regex):
            guard case .string(let text) = instance.pointee else { return true }
            return regex.withObject { $0.matches(text) }
        case .format(let format):
            guard case .string(let text) = instance.pointee else { return true }
            return format.acceptsInPlace(text)

        case .properties(let map):
            return map.withObject { checkProperties($0, instance) }
        case .patternProperties(let entries):
            return entries.withObject { checkPatternProperties($0.value, instance) }
        case .additionalProperties(let child, let context):
            return context.withObject { checkAdditionalProperties(child.body, $0.value, instance) }
        case .required(let names):
            guard let members = instance.objectMembers else { return true }
            return names.withObject { names in
                var hint = 0
                for name in names.value {
                    guard members.containsKey(name, hint: hint) else { return false }
                    hint += 1
                }
                return true
            }
        case .dependentRequired(let entries):
            guard let members = instance.objectMembers else { return true }
            return entries.withObject { entries in
                for entry in entries.value where members.containsKey(entry.property, hint: 0) {
                    for name in entry.required where !members.containsKey(name, hint: 0) { return false }
                }
                return true
            }
        case .dependentSchemas(let entries):
            guard let members = instance.objectMembers else { return true }
            return entries.withObject { entries in
                for entry in entries.value where members.containsKey(entry.property, hint: 0) {
                    if !matches(entry.schema.body, instance) { return false }
                }
                return true
            }
        case .propertyNames(let child):
            guard let members = instance.objectMembers else { return true }
            for position in members.indices {
                let name = JSON.string(members[position].key)
                if !withUnsafePointer(to: name, { matches(child.body, $0) }) { return false }
            }
            return true
        case .maxProperties(let limit):
            guard let members = instance.objectMembers else { return true }
            return members.count <= limit
        case .minProperties(let limit):
            guard let members = instance.objectMembers else { return true }
            return members.count >= limit

        case .prefixItems(let list):
            guard let elements = instance.arrayElements else { return true }
            return list.withObject { list in
                let children = list.value
                for position in 0..<min(children.count, elements.count)
                where !matches(children[position].body, elements.element(at: position)) {
                    return false
                }
                return true
            }
        case .items(let child, let start):
            guard let elements = instance.arrayElements, start < elements.count else { return true }
            for position in start..<elements.count where !matches(child.body, elements.element(at: position)) { return false }
            return true
        case .contains(let child, let minimum, let maximum):
            guard let elements = instance.arrayElements else { return true }
            var matchCount = 0
            for position in elements.indices where matches(child.body, elements.element(at: position)) {
                matchCount += 1
                if maximum == nil && matchCount >= minimum { return true }
            }
            if matchCount < minimum { return false }
            if let maximum { return matchCount <= maximum }
            return true
        case .maxItems(let limit):
            guard let elements = instance.arrayElements else { return true }
            return elements.count <= limit
        case .minItems(let limit):
            guard let elements = instance.arrayElements else { return true }
            return elements.count >= limit
        case .uniqueItems:
            guard case .array(let elements) = instance.pointee else { return true }
            return Evaluator.firstDuplicate(elements) == nil

        case .allOf(let children):
            return children.withObject { children in
                for child in children.value where !matches(child.body, instance) { return false }
                return true
            }
        case .anyOf(let children):
            return children.withObject { children in
                for child in children.value where matches(child.body, instance) { return true }
                return false
            }
        case .oneOf(let children):
            return children.withObject { children in
                var matchCount = 0
                for child in children.value where matches(child.body, instance) {
                    matchCount += 1
                    if matchCount > 1 { return false }
                }
                return matchCount == 1
            }
        case .not(let child):
            return !matches(child.body, instance)
        case .conditional(let conditional):
            return conditional.withObject { conditional in
                let branches = conditional.value
                if matches(branches.condition.body, instance) {
                    guard let then = branches.then else { return true }
                    return matches(then.body, instance)
                }
                guard let otherwise = branches.otherwise else { return true }
                return matches(otherwise.body, instance)
            }
        case .ref(let child):
            return matches(child.body, instance)
        case .dynamicRef, .unevaluatedProperties, .unevaluatedItems:
            // Never reached: programs with `$dynamicRef` use the Evaluator, and nodes with
            // `unevaluated*` go to it whole (see `matchesNode`). Answering through it keeps the
            // verdict right even so.
            var evaluator = Evaluator(program: program, report: nil, depth: depth)
            return evaluator.check(keyword.pointee, instance.pointee, nil)
        }
    }

    private static func satisfies(_ bound: SchemaNumber, _ kind: BoundKind, _ instance: InstancePointer) -> Bool {
        let value: JSON
        switch instance.pointee {
        case .integer(let integer): value = .integer(integer)
        case .double(let double): value = .double(double)
        default: return true
        }
        guard let order = bound.compare(value) else { return true }
        switch kind {
        case .minimum: return order >= 0
        case .exclusiveMinimum: return order > 0
        case .maximum: return order <= 0
        case .exclusiveMaximum: return order < 0
        }
    }

    // MARK: - Objects

    private mutating func checkProperties(_ map: PropertyMap, _ instance: InstancePointer) -> Bool {
        guard let members = instance.objectMembers else { return true }
        var hint = 0
        for position in members.indices {
            let member = members.member(at: position)
            guard let declared = map.position(of: member.pointee.key, hint: hint) else { continue }
            hint = declared + 1
            if !matches(map.children[declared].body, member.valuePointer) { return false }
        }
        return true
    }

    private mutating func checkPatternProperties(_ entries: [(PatternRegex, ChildSchema)], _ instance: InstancePointer) -> Bool {
        guard let members = instance.objectMembers else { return true }
        for position in members.indices {
            let member = members.member(at: position)
            for (regex, child) in entries where regex.matches(member.pointee.key) {
                if !matches(child.body, member.valuePointer) { return false }
            }
        }
        return true
    }

    private mutating func checkAdditionalProperties(_ child: NodeBody, _ context: AdditionalContext,
                                                    _ instance: InstancePointer) -> Bool {
        guard let members = instance.objectMembers else { return true }
        for position in members.indices {
            let member = members.member(at: position)
            if let known = context.known, known.position(of: member.pointee.key) != nil { continue }
            if context.patterns.contains(where: { $0.matches(member.pointee.key) }) { continue }
            if !matches(child, member.valuePointer) { return false }
        }
        return true
    }
}

extension TypeMask {
    /// Whether the value at `instance` has one of these types, read in place.
    @inline(__always)
    func admits(_ instance: InstancePointer) -> Bool {
        switch instance.pointee {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .integer: return !isDisjoint(with: [.integer, .number])
        case .double(let number):
            if contains(.number) { return true }
            return contains(.integer) && number.isFinite && number.rounded(.towardZero) == number
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        }
    }
}
