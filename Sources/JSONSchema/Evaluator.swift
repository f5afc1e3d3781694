// Runs a CompiledProgram over an instance. One code path serves both the boolean check
// (`report == nil`: stops at the first failure, allocates nothing for paths or messages) and
// error collection (`report` set: keeps going up to the cap and records where and why).

import JSON

/// One step of the instance path.
enum InstanceStep {
    case key(String)
    case index(Int)
}

/// Errors collected so far and the instance / schema paths to the value being checked.
final class ErrorReport {
    var errors: [ValidationError] = []
    var limit: Int
    var instancePath: [InstanceStep] = []
    var schemaPath: [String] = []

    init(limit: Int) {
        self.limit = limit
    }

    var isFull: Bool { errors.count >= limit }

    var instancePointer: JSONPointer {
        JSONPointer(tokens: instancePath.map {
            switch $0 {
            case .key(let key): return key
            case .index(let index): return String(index)
            }
        })
    }

    func add(keyword: String, message: String) {
        guard errors.count < limit else { return }
        var location = ""
        for segment in schemaPath { location += "/" + segment }
        if !keyword.isEmpty { location += "/" + keyword }
        errors.append(ValidationError(instanceLocation: instancePointer, keywordLocation: location, keyword: keyword, message: message))
    }
}

/// The state of one validation run.
struct Evaluator {
    let program: CompiledProgram
    /// Nil for the boolean check.
    var report: ErrorReport?
    private var dynamicScope: [Int] = []
    private var depth = 0
    /// Deeper than this, a schema is taken to recurse without consuming the instance.
    static let maxDepth = 600

    /// `depth` continues the nesting count of a BooleanEvaluator that hands a node over.
    init(program: CompiledProgram, report: ErrorReport?, depth: Int = 0) {
        self.program = program
        self.report = report
        self.depth = depth
    }

    /// True when no more errors are wanted: the boolean check, or the cap is reached.
    private var shouldStop: Bool {
        guard let report else { return true }
        return report.isFull
    }

    private func fail(_ keyword: String, _ message: @autoclosure () -> String) {
        report?.add(keyword: keyword, message: message())
    }

    // MARK: - Nodes

    /// Whether `instance` matches `node`; records into `evaluated` what the node's in-place
    /// keywords evaluated (callers pass nil unless an `unevaluated*` keyword needs it).
    mutating func evaluate(_ node: SchemaNode, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        if let constant = node.constant {
            if !constant { fail("", "no value is allowed here (the schema is false), found \(ValueText.describe(instance))") }
            return constant
        }
        // Only a schema with references can recurse without moving into the instance.
        if program.hasReferences {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else {
                fail("", "schema recursion deeper than \(Self.maxDepth) levels: a $ref cycle that never moves into the instance")
                return false
            }
            return evaluateKeywords(node, instance, evaluated)
        }
        return evaluateKeywords(node, instance, evaluated)
    }

    @inline(__always)
    private mutating func evaluateKeywords(_ node: SchemaNode, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        var pushedScope = false
        if program.usesDynamicScope, dynamicScope.last != node.resource {
            dynamicScope.append(node.resource)
            pushedScope = true
        }
        let collects = node.collectsEvaluated
        let own = collects ? EvaluatedLocations() : evaluated
        let valid = node.withKeywords { keywords in
            var valid = true
            for position in keywords.indices where !check(keywords[position], instance, own) {
                valid = false
                if shouldStop { break }
            }
            return valid
        }
        if collects, valid, let evaluated, let own { evaluated.merge(own) }
        if pushedScope { dynamicScope.removeLast() }
        return valid
    }

    /// Evaluates a child on the same instance (allOf, $ref, then, ...).
    @inline(__always)
    private mutating func inPlace(_ child: ChildSchema, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        guard let report else { return evaluate(child.node, instance, evaluated) }
        report.schemaPath.append(child.segment)
        let valid = evaluate(child.node, instance, evaluated)
        report.schemaPath.removeLast()
        return valid
    }

    /// Evaluates a child on the member `key` of the instance.
    @inline(__always)
    private mutating func descend(_ child: ChildSchema, _ value: JSON, key: String) -> Bool {
        guard let report else { return evaluate(child.node, value, nil) }
        return descend(child, value, .key(key), report)
    }

    /// Evaluates a child on the item at `index` of the instance.
    @inline(__always)
    private mutating func descend(_ child: ChildSchema, _ value: JSON, index: Int) -> Bool {
        guard let report else { return evaluate(child.node, value, nil) }
        return descend(child, value, .index(index), report)
    }

    private mutating func descend(_ child: ChildSchema, _ value: JSON, _ step: InstanceStep, _ report: ErrorReport) -> Bool {
        report.schemaPath.append(child.segment)
        report.instancePath.append(step)
        let valid = evaluate(child.node, value, nil)
        report.instancePath.removeLast()
        report.schemaPath.removeLast()
        return valid
    }

    /// Evaluates without recording errors (for `not`, `if`, `contains`, whose failures are not errors).
    private mutating func quietly(_ child: ChildSchema, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        let saved = report
        report = nil
        let valid = evaluate(child.node, instance, evaluated)
        report = saved
        return valid
    }

    /// Evaluates one alternative of anyOf/oneOf, returning its errors separately.
    private mutating func alternative(_ child: ChildSchema, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> (Bool, [ValidationError]) {
        guard let report else { return (evaluate(child.node, instance, evaluated), []) }
        let savedErrors = report.errors
        let savedLimit = report.limit
        report.errors = []
        report.limit = 20
        let valid = inPlace(child, instance, evaluated)
        let errors = report.errors
        report.errors = savedErrors
        report.limit = savedLimit
        return (valid, errors)
    }

    // MARK: - Keywords

    mutating func check(_ keyword: CompiledKeyword, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        switch keyword {
        case .type(let mask):
            if mask.admits(instance) { return true }
            fail(keyword.name, "expected \(mask.listText), found \(ValueText.typed(instance))")
            return false
        case .enumeration(let reference):
            let values = reference.object
            if values.contains(instance) { return true }
            fail(keyword.name, "\(ValueText.describe(instance)) is not one of \(ValueText.list(values.values))")
            return false
        case .constant(let reference):
            let value = reference.object.value
            if value == instance { return true }
            fail(keyword.name, "expected \(ValueText.describe(value)), found \(ValueText.describe(instance))")
            return false
        case .multipleOf(let divisor):
            guard instance.isNumber, !divisor.divides(instance) else { return true }
            fail(keyword.name, "expected a multiple of \(divisor.value), found \(ValueText.describe(instance))")
            return false
        case .bound(let bound, let kind):
            return checkBound(bound, kind, keyword.name, instance)
        case .maxLength(let limit):
            guard case .string(let text) = instance, text.utf8.count > limit else { return true }
            let length = text.unicodeScalars.count
            if length <= limit { return true }
            fail(keyword.name, "expected at most \(limit) characters, found \(length) in \(ValueText.describe(instance))")
            return false
        case .minLength(let limit):
            guard case .string(let text) = instance else { return true }
            let length = text.utf8.count < limit ? text.utf8.count : text.unicodeScalars.count
            if length >= limit { return true }
            fail(keyword.name, "expected at least \(limit) characters, found \(length) in \(ValueText.describe(instance))")
            return false
        case .pattern(let reference):
            let regex = reference.object
            guard case .string(let text) = instance, !regex.matches(text) else { return true }
            fail(keyword.name, "\(ValueText.describe(instance)) does not match the pattern \(regex.source)")
            return false
        case .format(let format):
            guard case .string(let text) = instance, !format.accepts(text) else { return true }
            fail(keyword.name, "\(ValueText.describe(instance)) is not a valid \(format.rawValue)")
            return false

        case .properties(let map):
            return checkProperties(map.object, instance, evaluated)
        case .patternProperties(let entries):
            return checkPatternProperties(entries.object.value, instance, evaluated)
        case .additionalProperties(let child, let context):
            return checkAdditionalProperties(child, context.object.value.known, context.object.value.patterns, instance, evaluated)
        case .unevaluatedProperties(let child):
            return checkUnevaluatedProperties(child, instance, evaluated)
        case .required(let names):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for name in names.object.value where object[name] == nil {
                valid = false
                fail(keyword.name, "missing required property \"\(name)\"")
                if shouldStop { break }
            }
            return valid
        case .dependentRequired(let entries):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for entry in entries.object.value where object[entry.property] != nil {
                for name in entry.required where object[name] == nil {
                    valid = false
                    fail(keyword.name, "missing property \"\(name)\", required when \"\(entry.property)\" is present")
                    if shouldStop { return false }
                }
            }
            return valid
        case .dependentSchemas(let entries):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for entry in entries.object.value where object[entry.property] != nil {
                if !inPlace(entry.schema, instance, evaluated) {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        case .propertyNames(let child):
            guard case .object(let object) = instance else { return true }
            var valid = true
            for member in object where !inPlace(child, .string(member.key), nil) {
                valid = false
                if shouldStop { return false }
            }
            return valid
        case .maxProperties(let limit):
            guard case .object(let object) = instance, object.count > limit else { return true }
            fail(keyword.name, "expected at most \(limit) properties, found \(object.count)")
            return false
        case .minProperties(let limit):
            guard case .object(let object) = instance, object.count < limit else { return true }
            fail(keyword.name, "expected at least \(limit) properties, found \(object.count)")
            return false

        case .prefixItems(let list):
            guard case .array(let elements) = instance else { return true }
            let children = list.object.value
            var valid = true
            for position in 0..<min(children.count, elements.count) {
                evaluated?.markItem(position)
                if !descend(children[position], elements[position], index: position) {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        case .items(let child, let start):
            return checkItems(child, start, keyword.name, instance, evaluated)
        case .unevaluatedItems(let child):
            return checkUnevaluatedItems(child, instance, evaluated)
        case .contains(let child, let minimum, let maximum):
            return checkContains(child, minimum, maximum, instance, evaluated)
        case .maxItems(let limit):
            guard case .array(let elements) = instance, elements.count > limit else { return true }
            fail(keyword.name, "expected at most \(limit) items, found \(elements.count)")
            return false
        case .minItems(let limit):
            guard case .array(let elements) = instance, elements.count < limit else { return true }
            fail(keyword.name, "expected at least \(limit) items, found \(elements.count)")
            return false
        case .uniqueItems:
            guard case .array(let elements) = instance, let (first, second) = Self.firstDuplicate(elements) else { return true }
            fail(keyword.name, "items \(first) and \(second) are equal (\(ValueText.describe(elements[first]))); items must be unique")
            return false

        case .allOf(let children):
            var valid = true
            for child in children.object.value where !inPlace(child, instance, evaluated) {
                valid = false
                if shouldStop { return false }
            }
            return valid
        case .anyOf(let children):
            return checkAnyOf(children.object.value, instance, evaluated)
        case .oneOf(let children):
            return checkOneOf(children.object.value, instance, evaluated)
        case .not(let child):
            if !quietly(child, instance, nil) { return true }
            fail(keyword.name, "\(ValueText.describe(instance)) must not match the schema at \(currentLocation(child.segment))")
            return false
        case .conditional(let reference):
            let condition = reference.object.value.condition
            let then = reference.object.value.then
            let otherwise = reference.object.value.otherwise
            let conditionRecord = evaluated.map { _ in EvaluatedLocations() }
            if quietly(condition, instance, conditionRecord) {
                if let conditionRecord { evaluated?.merge(conditionRecord) }
                guard let then else { return true }
                return inPlace(then, instance, evaluated)
            }
            guard let otherwise else { return true }
            return inPlace(otherwise, instance, evaluated)
        case .ref(let child):
            return inPlace(child, instance, evaluated)
        case .dynamicRef(let child, let anchor):
            var target = child
            if let anchor = anchor?.object.value {
                for resource in dynamicScope {
                    if let node = program.dynamicAnchors[resource]?[anchor] {
                        target = ChildSchema(node: node, segmentBox: child.segmentBox)
                        break
                    }
                }
            }
            return inPlace(target, instance, evaluated)
        }
    }

    private func currentLocation(_ segment: String) -> String {
        guard let report else { return "" }
        return report.schemaPath.map { "/" + $0 }.joined() + "/" + segment
    }

    // MARK: - Numbers

    private func checkBound(_ bound: SchemaNumber, _ kind: BoundKind, _ name: String, _ instance: JSON) -> Bool {
        guard instance.isNumber, let order = bound.compare(instance) else { return true }
        let expectation: String
        switch kind {
        case .minimum:
            if order >= 0 { return true }
            expectation = "at least"
        case .exclusiveMinimum:
            if order > 0 { return true }
            expectation = "more than"
        case .maximum:
            if order <= 0 { return true }
            expectation = "at most"
        case .exclusiveMaximum:
            if order < 0 { return true }
            expectation = "less than"
        }
        fail(name, "expected \(expectation) \(bound), found \(ValueText.describe(instance))")
        return false
    }

    // MARK: - Objects

    private mutating func checkProperties(_ map: PropertyMap, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .object(let object) = instance else { return true }
        return object.members.withUnsafeBufferPointer { members in
            var valid = true
            var hint = 0
            for position in members.indices {
                guard let declared = map.position(of: members[position].key, hint: hint) else { continue }
                hint = declared + 1
                evaluated?.markMember(position)
                if !descend(map.children[declared], members[position].value, key: members[position].key) {
                    valid = false
                    if shouldStop { return false }
                }
            }
            return valid
        }
    }

    private mutating func checkPatternProperties(_ entries: [(PatternRegex, ChildSchema)], _ instance: JSON,
                                                 _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (position, member) in object.members.enumerated() {
            for (regex, child) in entries where regex.matches(member.key) {
                evaluated?.markMember(position)
                if !descend(child, member.value, key: member.key) {
                    valid = false
                    if shouldStop { return false }
                }
            }
        }
        return valid
    }

    private mutating func checkAdditionalProperties(_ child: ChildSchema, _ known: PropertyMap?, _ patterns: [PatternRegex],
                                                    _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (position, member) in object.members.enumerated() {
            if let known, known.position(of: member.key, hint: 0) != nil { continue }
            if patterns.contains(where: { $0.matches(member.key) }) { continue }
            evaluated?.markMember(position)
            if !checkExtra(child, member, keyword: "additionalProperties") {
                valid = false
                if shouldStop { return false }
            }
        }
        return valid
    }

    private mutating func checkUnevaluatedProperties(_ child: ChildSchema, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .object(let object) = instance else { return true }
        var valid = true
        for (position, member) in object.members.enumerated() where !(evaluated?.isMemberEvaluated(position) ?? false) {
            if !checkExtra(child, member, keyword: "unevaluatedProperties") {
                valid = false
                if shouldStop { return false }
            }
        }
        if valid { evaluated?.markAllMembers() }
        return valid
    }

    /// A member that no `properties` / pattern claimed, against additional/unevaluatedProperties.
    private mutating func checkExtra(_ child: ChildSchema, _ member: JSONObject.Member, keyword: String) -> Bool {
        if child.node.constant == false {
            fail(keyword, "property \"\(member.key)\" is not allowed")
            return false
        }
        return descend(child, member.value, key: member.key)
    }

    // MARK: - Arrays

    private mutating func checkItems(_ child: ChildSchema, _ start: Int, _ name: String, _ instance: JSON,
                                     _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .array(let elements) = instance, start < elements.count else { return true }
        if child.node.constant == false {
            fail(name, "expected at most \(start) items, found \(elements.count)")
            return false
        }
        var valid = true
        for position in start..<elements.count where !descend(child, elements[position], index: position) {
            valid = false
            if shouldStop { return false }
        }
        if valid { evaluated?.markAllItems() }
        return valid
    }

    private mutating func checkUnevaluatedItems(_ child: ChildSchema, _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .array(let elements) = instance else { return true }
        var valid = true
        for position in elements.indices where !(evaluated?.isItemEvaluated(position) ?? false) {
            if child.node.constant == false {
                fail("unevaluatedItems", "item \(position) is not allowed (no other keyword evaluated it)")
                valid = false
            } else if !descend(child, elements[position], index: position) {
                valid = false
            }
            if !valid && shouldStop { return false }
        }
        if valid { evaluated?.markAllItems() }
        return valid
    }

    private mutating func checkContains(_ child: ChildSchema, _ minimum: Int, _ maximum: Int?, _ instance: JSON,
                                        _ evaluated: EvaluatedLocations?) -> Bool {
        guard case .array(let elements) = instance else { return true }
        var matches = 0
        let mustSeeAll = evaluated != nil || maximum != nil
        for (position, element) in elements.enumerated() where quietly(child, element, nil) {
            matches += 1
            evaluated?.markItem(position)
            if !mustSeeAll && matches >= minimum { return true }
        }
        if matches < minimum {
            fail("contains", "expected at least \(minimum) item\(minimum == 1 ? "" : "s") matching \"contains\", found \(matches)")
            return false
        }
        if let maximum, matches > maximum {
            fail("contains", "expected at most \(maximum) item\(maximum == 1 ? "" : "s") matching \"contains\", found \(matches)")
            return false
        }
        return true
    }

    /// Positions of the first two equal items, if any.
    static func firstDuplicate(_ elements: [JSON]) -> (Int, Int)? {
        if elements.count <= 16 {
            for first in elements.indices {
                for second in (first + 1)..<elements.count where elements[first] == elements[second] { return (first, second) }
            }
            return nil
        }
        var seen: [JSON: Int] = [:]
        for (position, element) in elements.enumerated() {
            if let earlier = seen[element] { return (earlier, position) }
            seen[element] = position
        }
        return nil
    }

    // MARK: - Combinators

    private mutating func checkAnyOf(_ children: [ChildSchema], _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        if report == nil && evaluated == nil {
            for child in children where evaluate(child.node, instance, nil) { return true }
            return false
        }
        var anyValid = false
        var failures: [(Int, [ValidationError])] = []
        for (position, child) in children.enumerated() {
            let record = evaluated.map { _ in EvaluatedLocations() }
            let (valid, errors) = alternative(child, instance, record)
            if valid {
                anyValid = true
                if let record { evaluated?.merge(record) } else { break }
            } else {
                failures.append((position, errors))
            }
        }
        if anyValid { return true }
        reportBestAlternative("anyOf", failures, total: children.count)
        return false
    }

    private mutating func checkOneOf(_ children: [ChildSchema], _ instance: JSON, _ evaluated: EvaluatedLocations?) -> Bool {
        var matching: [Int] = []
        var failures: [(Int, [ValidationError])] = []
        var matchedRecord: EvaluatedLocations?
        for (position, child) in children.enumerated() {
            let record = evaluated.map { _ in EvaluatedLocations() }
            let (valid, errors) = alternative(child, instance, record)
            if valid {
                matching.append(position)
                matchedRecord = record
                if matching.count > 1 && report == nil { return false }
            } else {
                failures.append((position, errors))
            }
        }
        if matching.count == 1 {
            if let matchedRecord { evaluated?.merge(matchedRecord) }
            return true
        }
        if matching.isEmpty {
            reportBestAlternative("oneOf", failures, total: children.count)
        } else {
            fail("oneOf", "\(ValueText.describe(instance)) matches \(matching.count) oneOf alternatives (\(matching.map { "#\($0)" }.joined(separator: ", "))); exactly one must match")
        }
        return false
    }

    /// One error naming how many alternatives failed, then the closest alternative's own errors.
    private func reportBestAlternative(_ keyword: String, _ failures: [(Int, [ValidationError])], total: Int) {
        guard let report else { return }
        let here = report.instancePointer.description
        func score(_ errors: [ValidationError]) -> Int {
            // An alternative that failed on the instance's very type is a worse guess than one
            // that got the type right and failed deeper.
            let typeMismatch = errors.contains { $0.keyword == "type" && $0.instanceLocation.description == here }
            return (typeMismatch ? 10_000 : 0) + errors.count
        }
        guard let best = failures.min(by: { score($0.1) < score($1.1) }) else { return }
        report.add(keyword: keyword, message: "matches none of the \(total) \(keyword) alternatives; the closest, #\(best.0), fails with: "
            + best.1.prefix(3).map(\.message).joined(separator: "; "))
        for error in best.1 where !report.isFull { report.errors.append(error) }
    }
}

extension JSON {
    /// Whether this is a number (integer or double).
    var isNumber: Bool {
        switch self {
        case .integer, .double: return true
        default: return false
        }
    }
}
